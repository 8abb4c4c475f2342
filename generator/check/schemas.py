"""The building blocks of the cerberus schemas: field rules and the patterns ids follow.

Each source kind's own schema sits with its declaration in generator/kinds/; the registry
(`generator.kinds.registry.schema`) gives the schema of a kind. `meta.description` on each
field feeds the JSON Schemas written for editors' autocomplete.
`form: <name>` asks for a value of a named form, such as an id or a time (generator/check/forms.py).
"""

from __future__ import annotations

from typing import Any

# Declared in load, below every stage that uses them; kinds import them from here too.
from generator.load.sources import ID_PATTERN, Schema

REF_PATTERN = rf"{ID_PATTERN}/{ID_PATTERN}"
#: A git branch name that is safe in a URL: words of letters, digits, '.', '_' and '-'.
BRANCH_PATTERN = r"[A-Za-z0-9_]+([./-][A-Za-z0-9_]+)*"
#: The https address of a repository, with nothing that could leave a URL or an attribute.
REPOSITORY_PATTERN = r"https://[A-Za-z0-9.-]+(/[A-Za-z0-9._~-]+)*/?"
#: A Markdown file beside a module: an id and `.md`, maybe in a folder named by an id.
MARKDOWN_FILE_PATTERN = rf"(\.\./)*({ID_PATTERN}/)*{ID_PATTERN}\.md"


def text(description: str, required: bool = True) -> Schema:
    """A non-empty string field."""
    return {
        "type": "string",
        "required": required,
        "empty": False,
        "meta": {"description": description},
    }


def label(description: str, required: bool = True) -> Schema:
    """A plain-text string: a title, label or name, one line with no markup."""
    return {**text(description, required), "check_with": "plain_text"}


def identifier(description: str) -> Schema:
    """An id: lower-case words joined by hyphens."""
    return {**text(description), "form": "id"}


def strings(description: str, required: bool = False, **item: Any) -> Schema:
    """A list of non-empty strings, optionally constrained further."""
    rules = {"type": "list", "required": required, "meta": {"description": description}}
    return {**rules, "schema": {"type": "string", "empty": False, **item}}


def items(description: str, schema: Schema, required: bool = True) -> Schema:
    """A non-empty list of mappings that each follow `schema`."""
    rules = {"type": "list", "required": required, "minlength": 1}
    return {
        **rules,
        "meta": {"description": description},
        "schema": {"type": "dict", "schema": schema},
    }


def flag(description: str) -> Schema:
    """An optional yes/no field."""
    return {"type": "boolean", "required": False, "meta": {"description": description}}


def choice(description: str, allowed: Any, required: bool = True) -> Schema:
    """A string from a controlled list."""
    return {
        "type": "string",
        "required": required,
        "allowed": list(allowed),
        "meta": {"description": description},
    }


def vocabulary(description: str, name: str, required: bool = True) -> Schema:
    """An id from one of the programme's vocabularies in content/programme.yml."""
    meta = {"description": description, "vocabulary": name}
    return {"type": "string", "required": required, "empty": False, "meta": meta}


def vocabulary_list(
    description: str, name: str, required: bool = False, minlength: int = 0
) -> Schema:
    """A list of ids from one of the programme's vocabularies."""
    rules = {**strings(description, required), "schema": vocabulary(description, name)}
    return {**rules, "minlength": minlength} if minlength else rules


def ids(rules: Schema, name: str) -> Schema:
    """`rules` (for an id, or a list of ids) marked as taking ids of one kind: `name`.

    The JSON Schemas offer the project's current ids of that kind (such as `modules` or
    `training_days`) for completion; the cross-reference checks refuse an unknown one.
    """
    if rules.get("type") == "list":
        return {**rules, "schema": ids(rules["schema"], name)}
    return {**rules, "meta": {**rules.get("meta", {}), "ids": name}}


def time_of_day(description: str) -> Schema:
    """A 24-hour time written in quotes, "HH:MM" (unquoted, YAML would read 10:45 as 645)."""
    return {**text(description, required=False), "form": "time"}


def calendar_date(description: str, required: bool = True) -> Schema:
    """A date, unquoted (YAML reads it as a date) or as the text "YYYY-MM-DD"."""
    return {"type": ["date", "string"], "required": required, "meta": {"description": description}}


def minutes(description: str, least: int, most: int, required: bool = True) -> Schema:
    """A whole number of minutes within limits."""
    rules = {"type": "integer", "required": required, "min": least, "max": most}
    return {**rules, "meta": {"description": description}}


def rules_at(schema: Schema, path: tuple[str | int, ...]) -> Schema:
    """The rules for the value at a document path, or {} where the schema says nothing."""
    rules = whole_document(schema)
    for part in path:
        rules = rules_below(rules, part)
    return rules


def whole_document(schema: Schema) -> Schema:
    """The rules of a whole document whose fields `schema` declares."""
    return {"type": "dict", "schema": schema}


def rules_below(rules: Schema, part: str | int) -> Schema:
    """The rules for the item `part` (a key, or a list's index) of a value with `rules`;
    {} where the schema says nothing, and then nothing below it either."""
    if isinstance(part, int):
        return rules.get("schema", {}) if _may_be(rules, "list") else {}
    if "valuesrules" in rules:
        return rules["valuesrules"]
    return rules.get("schema", {}).get(part, {}) if _may_be(rules, "dict") else {}


def _may_be(rules: Schema, name: str) -> bool:
    """True when a field's rules allow values of type `name` (one type or a list of them)."""
    kind = rules.get("type")
    return kind == name or (isinstance(kind, list) and name in kind)
