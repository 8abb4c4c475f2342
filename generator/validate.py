"""Stage 2, validate: check every document against its schema, then across the corpus.

cerberus reports field paths; the source map from loading turns each into a line and column.
Every problem is collected; nothing stops at the first.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from cerberus import Validator, errors

from . import characters, facts
from .check_cache import CheckCache, context_digest
from .crossref import check_references
from .errors import Diagnostic
from .image_checks import check_pictures
from .load import FieldPath, dotted
from .markup import check_markup
from .programme_checks import check_programme
from .reader import MarkdownReader
from .schemas import (
    BRANCH_PATTERN,
    ID_PATTERN,
    MARKDOWN_FILE_PATTERN,
    REF_PATTERN,
    REPOSITORY_PATTERN,
    SCHEMAS,
    Schema,
)
from .sources import Corpus, SourceDocument
from .timetable import TIME_PATTERN, clock

TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "list": "a list",
    "dict": "a mapping of `key: value` lines",
    "date": "a date written YYYY-MM-DD",
    "boolean": "yes or no (true or false)",
}


def validate_corpus(corpus: Corpus) -> list[Diagnostic]:
    """All problems in a loaded corpus: reading, schema, markup and cross-reference."""
    found = list(corpus.diagnostics)
    # A value the loader could not read is None to the schema: report it once, not twice.
    unread = {(d.path, d.line, d.column) for d in found}
    valid: list[SourceDocument] = []
    reader = MarkdownReader.for_project(corpus.root)
    programme = next((d.data for d in corpus.documents if d.kind == "programme"), None)
    known = facts.facts_of(programme)
    cache = CheckCache(corpus.root, context_digest(sorted(known.items()), reader.settings))
    validators: Validators = {}
    for doc in corpus.documents:
        problems = _single_file_checks(doc, reader, known, cache, validators)
        found.extend(p for p in problems if (p.path, p.line, p.column) not in unread)
        if not any(p.severity == "error" for p in problems):
            valid.append(doc)
    loaded = {doc.rel for doc in valid}
    failed = {d.path for d in found if d.severity == "error"} - loaded
    unreadable = [
        (kind, path.stem)
        for kind, path in corpus.files
        if path.relative_to(corpus.root).as_posix() in failed
    ]
    found.extend(check_references(corpus.root, valid, unreadable))
    found.extend(check_pictures(corpus))
    found.extend(check_programme(valid, not any(k == "module" for k, _ in unreadable)))
    cache.save()
    return sorted(set(found))


def _single_file_checks(
    doc: SourceDocument,
    reader: MarkdownReader,
    known: dict[str, str],
    cache: CheckCache,
    validators: Validators,
) -> list[Diagnostic]:
    """Schema and content-policy problems of one document, remembered by its digest."""
    key = cache.key(doc)
    problems = cache.get(key)
    if problems is None:
        problems = check_schema(doc, validators) + check_markup(doc, reader, known)
        cache.put(key, problems)
    return problems


def check_schema(doc: SourceDocument, validators: Validators | None = None) -> list[Diagnostic]:
    """Schema problems of one document, each at the line of the value it is about.

    `validators` keeps one validator per kind for a run: making one re-reads the whole schema.
    """
    schema = SCHEMAS.get(doc.kind)
    if schema is None:
        return []
    if not isinstance(doc.data, dict):
        hint = "the file must hold `key: value` lines at the top level"
        return [Diagnostic(doc.rel, 1, 1, "expected a mapping at the top level", hint=hint)]
    validators = {} if validators is None else validators
    if doc.kind not in validators:
        validators[doc.kind] = SourceValidator(SCHEMAS[doc.kind])
    validator = validators[doc.kind]
    validator.validate(doc.data)
    return [_diagnostic(doc, error, schema) for error in _leaves(validator._errors)]


class SourceValidator(Validator):  # type: ignore[misc]
    """cerberus with our rules: plain text, and patterns that match the whole value."""

    def _validate_regex(self, pattern: str, field: str, value: Any) -> None:
        """{'type': 'string'}"""
        # cerberus appends `$`, which also matches before a final newline: "id\n" passed.
        if isinstance(value, str) and not re.fullmatch(pattern, value):
            self._error(field, errors.REGEX_MISMATCH)

    def _check_with_plain_text(self, field: str, value: Any) -> None:
        if isinstance(value, str):
            # A fact is plain text itself; an unknown name is reported by check_markup.
            found = characters.plain_text(facts.mask(value))
            if found is not None:
                self._error(field, f"{found.message}\n{found.hint}")


#: The validators of one validation run, by source kind.
Validators = dict[str, Validator]


def _leaves(errors_: Any) -> Iterator[Any]:
    for error in errors_:
        if error.is_group_error:
            yield from _leaves(error.child_errors)
        else:
            yield error


def _diagnostic(doc: SourceDocument, error: Any, schema: Schema) -> Diagnostic:
    path: FieldPath = tuple(error.document_path)
    message, hint = _explain(error, schema)
    at_key = error.code in (errors.UNKNOWN_FIELD.code, errors.REQUIRED_FIELD.code)
    position = doc.marks.key(path) if at_key else doc.marks.value(path)
    if error.code == errors.REQUIRED_FIELD.code:
        position = doc.marks.value(path[:-1])
    return Diagnostic(doc.rel, position.line, position.column, message, dotted(path), hint)


def _explain(error: Any, schema: Schema) -> tuple[str, str]:
    code, field, value = error.code, error.field, error.value
    if code == errors.UNKNOWN_FIELD.code:
        known = list(_rules_at(schema, tuple(error.document_path[:-1])))
        return f"unknown field '{field}'", _did_you_mean(str(field), known, "fields here")
    if code == errors.REQUIRED_FIELD.code:
        return f"required field '{field}' is missing", f"add a line `{field}: ...`"
    if code == errors.NOT_NULLABLE.code:
        return "a value is needed here", "write a value after the colon, or remove the line"
    if code == errors.BAD_TYPE.code and isinstance(value, int) and _is_time(schema, error):
        return (
            f"{clock(value)} must be in quotes: YAML reads an unquoted {clock(value)} "
            f"as the number {value}",
            f'write {field}: "{clock(value)}"',
        )
    if code == errors.BAD_TYPE.code:
        message, hint = _bad_type(error.constraint, value)
        return message, _rule_at(schema, tuple(error.document_path)).get("meta", {}).get(
            "hint", hint
        )
    if code == errors.EMPTY_NOT_ALLOWED.code:
        return "must not be empty", "write a value, or remove the line if the field is optional"
    if code in (errors.UNALLOWED_VALUE.code, errors.UNALLOWED_VALUES.code):
        allowed = [str(item) for item in error.constraint]
        shown = value if code == errors.UNALLOWED_VALUE.code else ", ".join(map(str, error.info[0]))
        hint = _did_you_mean(str(shown), allowed, "allowed values")
        return f"'{shown}' is not an allowed value", hint
    if code == errors.REGEX_MISMATCH.code:
        return _regex(value, error.constraint)
    if code == errors.CUSTOM.code:
        message, _, hint = str(error.info[0]).partition("\n")
        return message, hint
    return _cerberus_message(error), ""


def _bad_type(expected: Any, value: Any) -> tuple[str, str]:
    names = expected if isinstance(expected, list) else [expected]
    wanted = " or ".join(TYPE_NAMES.get(str(name), str(name)) for name in names)
    hint = ""
    if "string" in names:
        hint = "put the value in quotes to keep it as text"
    elif "list" in names:
        hint = "write each item on its own line starting with '- ', or use [a, b]"
    return f"must be {wanted}, not {_describe(value)}", hint


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"yes/no value {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__.replace('str', 'text')} {value!r}"


def _is_time(schema: Schema, error: Any) -> bool:
    """True when the field at the error's path holds a time of day, "HH:MM"."""
    rules = _rules_at(schema, tuple(error.document_path[:-1])).get(error.field, {})
    return bool(rules.get("regex") == TIME_PATTERN)


def _regex(value: Any, pattern: str) -> tuple[str, str]:
    shown = characters.visible(str(value))
    if pattern == TIME_PATTERN:
        return f"'{shown}' is not a time of day", 'write a 24-hour time in quotes, such as "09:15"'
    if pattern in _PATTERN_ERRORS:
        message, hint = _PATTERN_ERRORS[pattern]
        return message.format(shown), hint
    if pattern == ID_PATTERN:
        suggestion = "-".join(
            "".join(c if c.isascii() and c.isalnum() else " " for c in str(value).lower()).split()
        )
        return (
            f"'{shown}' is not a valid id",
            f"use lower-case words joined by hyphens: '{suggestion}'",
        )
    return f"'{shown}' does not have the expected form", f"expected the pattern {pattern}"


_PATTERN_ERRORS = {
    REF_PATTERN: ("'{}' is not a reference", "write framework-id/strand-or-criterion-id"),
    BRANCH_PATTERN: (
        "'{}' is not a branch name this site can link to",
        "use letters, digits, '_' and single '.', '-' or '/' between them, such as main",
    ),
    REPOSITORY_PATTERN: (
        "'{}' is not the web address of a repository",
        "write https://host/owner/name, with no quotes, spaces, '?' or '#'",
    ),
    MARKDOWN_FILE_PATTERN: (
        "'{}' is not a Markdown file beside this one",
        "use lower-case words joined by hyphens ending in .md, such as ../handouts/cycle.md",
    ),
}


def _cerberus_message(error: Any) -> str:
    template = errors.BasicErrorHandler.messages.get(error.code, "is not valid")
    return str(
        template.format(
            *error.info, constraint=error.constraint, field=error.field, value=error.value
        )
    )


def _did_you_mean(given: str, options: list[str], what: str) -> str:
    close = difflib.get_close_matches(given, options, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"{what}: {', '.join(options)}"


def _rule_at(schema: Schema, path: FieldPath) -> Schema:
    """The rule that applies to the value at a document path (its `meta` may hold a hint)."""
    rule: Schema = {"type": "dict", "schema": schema}
    for part in path:
        inner = rule.get("schema", {})
        rule = inner if rule.get("type") == "list" else inner.get(part, {})
    return rule


def _rules_at(schema: Schema, path: FieldPath) -> Schema:
    """The mapping schema that applies at a document path."""
    rules: Schema = schema
    for part in path:
        if isinstance(part, int):
            continue
        node = rules.get(part, {})
        inner = node.get("schema", {})
        rules = inner.get("schema", inner) if node.get("type") == "list" else inner
    return rules
