"""Stage 2, check: check every document against its schema, then across the corpus.

cerberus reports field paths; the source map from loading turns each into a line and column.
Every problem is collected; nothing stops at the first.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from cerberus import Validator, errors
from cerberus.schema import DefinitionSchema

from generator.check import facts
from generator.check.cache import CheckCache, context_digest
from generator.check.crossref import Checker, check_references
from generator.check.forms import FORMS, id_suggestion
from generator.check.markup import check_markup
from generator.check.pictures import check_pictures
from generator.check.placeholders import check_placeholders
from generator.check.programme import check_programme
from generator.check.prose import check_prose
from generator.check.reader import MarkdownReader
from generator.check.rulebook import Rulebook, rulebook
from generator.check.schemas import Schema
from generator.check.schoolyear import check_school_year
from generator.check.sheets import check_sheet_names
from generator.check.silence import silence_warnings
from generator.check.tracked import check_tracked_outputs
from generator.errors import Diagnostic
from generator.load import characters
from generator.load.positions import FieldPath, dotted
from generator.load.sources import Corpus, SourceDocument
from generator.model.timetable import clock
from generator.store import Store

TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "list": "a list",
    "dict": "a mapping of `key: value` lines",
    "date": "a date written YYYY-MM-DD",
    "boolean": "yes or no (true or false)",
}


def validate_corpus(corpus: Corpus, store: Store | None = None) -> list[Diagnostic]:
    """All problems in a loaded corpus: reading, schema, markup and cross-reference.

    `store` is the build's cache; without one, the project's is opened."""
    found = list(corpus.diagnostics)
    # A value the loader could not read is None to the schema: report it once, not twice.
    unread = {(d.path, d.line, d.column) for d in found}
    valid: list[SourceDocument] = []
    reader = MarkdownReader.for_project(corpus.root)
    programme = next((d for d in corpus.documents if d.kind == "programme"), None)
    known = facts.facts_of(programme.data if programme else None)
    lines = facts.fact_lines(programme)
    book = rulebook(corpus.documents)
    context = context_digest(
        sorted(known.items()), sorted(lines.lines.items()), reader.settings, book.digest()
    )
    store = Store.of_project(corpus.root) if store is None else store
    cache = CheckCache(store, context)
    validators: Validators = {}
    read_with = _Context(reader=reader, known=known, lines=lines, book=book)
    checked = functools.partial(_single_file_checks, context=read_with, validators=validators)
    every = cache.problems(corpus.documents, checked)
    for doc, problems in zip(corpus.documents, every, strict=True):
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
    found.extend(check_references(corpus.root, valid, unreadable, corpus.kinds))
    found.extend(check_pictures(corpus))
    found.extend(check_programme(valid, not any(k == "module" for k, _ in unreadable)))
    found.extend(check_school_year(valid, store))
    found.extend(check_sheet_names(valid))
    found.extend(check_tracked_outputs(corpus.root))
    cache.save()
    return sorted(set(silence_warnings(valid, found)))


@dataclass(frozen=True)
class _Context:
    """What the single-file checks read besides the file: the reader, facts and rulebook."""

    reader: MarkdownReader
    known: dict[str, str]
    lines: facts.FactLines
    book: Rulebook


def _single_file_checks(
    doc: SourceDocument, context: _Context, validators: Validators
) -> list[Diagnostic]:
    """Schema, content-policy and prose problems of one document (remembered by its digest,
    check/cache.py, and found in a forked copy when many are new).

    Prose is read only once the schema and the policy pass, so it is read as published.
    """
    problems = check_schema(doc, validators)
    problems += check_markup(doc, context.reader, context.known, context.lines)
    problems += check_placeholders(doc)
    if not any(p.severity == "error" for p in problems):
        problems += check_prose(doc, context.known, context.book)
    return problems


def check_alone(
    doc: SourceDocument, own_checks: Callable[[Checker], None] | None = None
) -> list[Diagnostic]:
    """The problems of one document read without the project around it (`handbook diff`'s
    framework at a git revision): its schema, then, once that passes, `own_checks`, those
    of its kind's checks that read nothing but the document."""
    problems = check_schema(doc)
    if own_checks is not None and not problems:
        own_checks(Checker(doc, problems))
    return problems


def check_schema(doc: SourceDocument, validators: Validators | None = None) -> list[Diagnostic]:
    """Schema problems of one document, each at the line of the value it is about.

    `validators` keeps one validator per kind for a run: making one re-reads the whole schema.
    """
    schema = doc.declared.schema if doc.declared else None
    if schema is None:
        return []
    if not isinstance(doc.data, dict):
        hint = "the file must hold `key: value` lines at the top level"
        message = "expected a mapping at the top level"
        return [Diagnostic(doc.rel, 1, 1, message, hint=hint, code="schema.type")]
    validators = {} if validators is None else validators
    if doc.kind not in validators:
        validators[doc.kind] = SourceValidator(schema)
    validator = validators[doc.kind]
    validator.validate(doc.data, normalize=validator.normalises)
    return [_diagnostic(doc, error, schema) for error in _leaves(validator.document_error_tree)]


#: Errors of our own rules, so each names its rule (and constraint) like cerberus' own.
FORM_MISMATCH = errors.ErrorDefinition(0x49, "form")
NOT_PLAIN_TEXT = errors.ErrorDefinition(0x4A, "check_with")


class SourceValidator(Validator):  # type: ignore[misc]
    """cerberus with our rules: named forms, plain text, and patterns matching the whole value.

    cerberus checks the schema itself when the validator is made. It would check it again for
    every document: normalising a document copies the schema and sets each field's rules
    back, and each copy and each field is hashed and looked up among the schemas already
    checked. So once checked, the schema is kept as the plain mapping it expanded to, which
    copies without a check; the rules are the same, only the repeated check is gone.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Whether a document needs normalising first: only a rule that changes the document
        #: (a default, a coercion, a renaming, purging) makes it differ from no normalising.
        self.normalises = True
        checked: Any = self.schema
        if isinstance(checked, DefinitionSchema):  # the root: children share its rules
            expanded = dict(checked.schema)
            self._schema = expanded
            self.normalises = _has_rule(expanded, NORMALISING)

    def _validate_form(self, form: str, field: str, value: Any) -> None:
        """{'type': 'string'}"""
        if isinstance(value, str) and not re.fullmatch(FORMS[form].pattern, value):
            self._error(field, FORM_MISMATCH)

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
                self._error(field, NOT_PLAIN_TEXT, found)

    def _check_with_fact_text(self, field: str, value: Any) -> None:
        if isinstance(value, str):
            found = facts.fact_problem(value)
            if found is not None:
                self._error(field, NOT_PLAIN_TEXT, found)


#: cerberus' rules that change a document as it is normalised.
NORMALISING = frozenset(
    {"default", "default_setter", "coerce", "rename", "rename_handler", "purge_unknown"}
    | {"purge_readonly", "readonly"}
)


def _has_rule(schema: Any, names: frozenset[str]) -> bool:
    """True when any rule in a schema, at any depth, is one of `names`."""
    if isinstance(schema, dict):
        return any(key in names or _has_rule(value, names) for key, value in schema.items())
    if isinstance(schema, list | tuple):
        return any(_has_rule(item, names) for item in schema)
    return False


#: The validators of one validation run, by source kind.
Validators = dict[str, Validator]


def _leaves(node: Any) -> Iterator[Any]:
    """Every error in cerberus' document error tree that names one rule (not a group)."""
    yield from (error for error in node.errors if not error.is_group_error)
    for child in node.descendants.values():
        yield from _leaves(child)


def _diagnostic(doc: SourceDocument, error: Any, schema: Schema) -> Diagnostic:
    path: FieldPath = tuple(error.document_path)
    message, hint, code = _explain(error, schema)
    at_key = error.code in (errors.UNKNOWN_FIELD.code, errors.REQUIRED_FIELD.code)
    position = doc.marks.key(path) if at_key else doc.marks.value(path)
    if error.code == errors.REQUIRED_FIELD.code:
        position = doc.marks.value(path[:-1])
    return Diagnostic(
        doc.rel, position.line, position.column, message, dotted(path), hint, code=code
    )


#: Rules explained in the same words every time: message, hint (`{field}` is the field's
#: name) and code.
FIXED = {
    "required": (
        "required field '{field}' is missing",
        "add a line `{field}: ...`",
        "schema.required-field",
    ),
    "nullable": (
        "a value is needed here",
        "write a value after the colon, or remove the line",
        "schema.null",
    ),
    "empty": (
        "must not be empty",
        "write a value, or remove the line if the field is optional",
        "schema.empty",
    ),
}
#: The code of each cerberus rule whose own message we pass on.
RULE_CODES = {
    "min": "schema.too-small",
    "max": "schema.too-large",
    "minlength": "schema.too-few",
    "maxlength": "schema.too-many",
}
Explained = tuple[str, str, str]


def _explain(error: Any, schema: Schema) -> Explained:
    """What is wrong, how to fix it and the check's code, from the rule the error names."""
    rule = "unknown" if error.code == errors.UNKNOWN_FIELD.code else error.rule
    if rule in FIXED:
        message, hint, code = FIXED[rule]
        return message.format(field=error.field), hint.format(field=error.field), code
    if rule in EXPLAIN:
        return EXPLAIN[rule](error, schema)
    return _cerberus_message(error), "", RULE_CODES.get(rule, "schema.invalid")


def _unknown_field(error: Any, schema: Schema) -> Explained:
    known = list(_rules_at(schema, tuple(error.document_path[:-1])))
    hint = _did_you_mean(str(error.field), known, "fields here")
    return f"unknown field '{error.field}'", hint, "schema.unknown-field"


def _not_allowed(error: Any, schema: Schema) -> Explained:
    allowed = [str(item) for item in error.constraint]
    one = error.code == errors.UNALLOWED_VALUE.code
    shown = error.value if one else ", ".join(map(str, error.info[0]))
    hint = _did_you_mean(str(shown), allowed, "allowed values")
    return f"'{shown}' is not an allowed value", hint, "schema.not-allowed"


def _form(error: Any, schema: Schema) -> Explained:
    """A value not of its named form: the form says what to write instead."""
    form, value = FORMS[error.constraint], str(error.value)
    hint = form.hint.format(suggestion=id_suggestion(value))
    return form.message.format(shown=characters.visible(value)), hint, form.code


def _not_plain_text(error: Any, schema: Schema) -> Explained:
    found: characters.Finding = error.info[0]
    return found.message, found.hint, found.code


def _pattern(error: Any, schema: Schema) -> Explained:
    shown = characters.visible(str(error.value))
    hint = f"expected the pattern {error.constraint}"
    return f"'{shown}' does not have the expected form", hint, "schema.pattern"


def _bad_type(error: Any, schema: Schema) -> Explained:
    field, value = error.field, error.value
    if isinstance(value, int) and _is_time(schema, error):
        message = (
            f"{clock(value)} must be in quotes: YAML reads an unquoted {clock(value)} "
            f"as the number {value}"
        )
        return message, f'write {field}: "{clock(value)}"', "schema.unquoted-time"
    names = error.constraint if isinstance(error.constraint, list) else [error.constraint]
    wanted = " or ".join(TYPE_NAMES.get(str(name), str(name)) for name in names)
    hint = ""
    if "string" in names:
        hint = "put the value in quotes to keep it as text"
    elif "list" in names:
        hint = "write each item on its own line starting with '- ', or use [a, b]"
    hint = _rule_at(schema, tuple(error.document_path)).get("meta", {}).get("hint", hint)
    return f"must be {wanted}, not {_describe(value)}", hint, "schema.type"


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
    return bool(rules.get("form") == "time")


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
        rule = inner if isinstance(part, int) else inner.get(part, {})
    return rule


def _rules_at(schema: Schema, path: FieldPath) -> Schema:
    """The mapping schema that applies at a document path."""
    rules: Schema = schema
    for part in path:
        if isinstance(part, int):
            continue
        node = rules.get(part, {})
        inner = node.get("schema", {})
        listed = node.get("type") == "list" or "list" in (node.get("type") or [])
        rules = inner.get("schema", inner) if listed else inner
    return rules


#: Rules explained by a function of the error (and the schema, for hints and field names).
EXPLAIN: dict[str, Callable[[Any, Schema], Explained]] = {
    "unknown": _unknown_field,
    "type": _bad_type,
    "allowed": _not_allowed,
    "form": _form,
    "check_with": _not_plain_text,
    "regex": _pattern,
}
