"""JSON Schema for each source kind, derived from the cerberus schemas for editors' tools."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from generator.check.forms import FORMS
from generator.check.schemas import Schema


class KindWithSchema(Protocol):
    """What a JSON Schema is made from (generator/kinds/registry.py's SourceKind has it)."""

    @property
    def name(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def schema(self) -> Schema | None: ...


_TYPES = {
    "string": "string",
    "integer": "integer",
    "list": "array",
    "dict": "object",
    "date": "string",
    "boolean": "boolean",
}
#: Plain text: none of the characters that are markup somewhere, but `{{ fact-name }}` allowed.
PLAIN_TEXT_PATTERN = r'^(?:[^<>"`{}\[\]\\*_|\t\r\n]|\{\{[ \t]*[a-z0-9]+(?:-[a-z0-9]+)*[ \t]*\}\})*$'
#: What an editor's tool says when a plain-text field breaks the pattern above.
PLAIN_TEXT_MESSAGE = (
    'plain text: no < > " ` { } [ ] \\ * _ | or tabs (use curly quotes “ ”; a fact is '
    "written {{ fact-name }})"
)


Vocabularies = Mapping[str, Sequence[str]]


def to_json_schema(
    kind: KindWithSchema, vocabularies: Vocabularies | None = None
) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one source kind.

    Fields that take a vocabulary id list the programme's current ids as an enum, so an
    editor's completion offers them; without `vocabularies` they are left open.
    """
    document = _object(kind.schema or {}, vocabularies or {})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{kind.name}.schema.json",
        "title": kind.title,
        **document,
    }


def _object(fields: Schema, vocabularies: Vocabularies) -> dict[str, Any]:
    properties = {name: _field(rules, vocabularies) for name, rules in fields.items()}
    required = [name for name, rules in fields.items() if rules.get("required")]
    result: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        result["required"] = required
    return result


def _field(rules: Schema, vocabularies: Vocabularies) -> dict[str, Any]:
    kind = rules.get("type", "string")
    kinds = kind if isinstance(kind, list) else [kind]
    names = sorted({_TYPES[k] for k in kinds})
    result: dict[str, Any] = {"type": names[0] if len(names) == 1 else names}
    meta = rules.get("meta", {})
    if "description" in meta:
        result["description"] = meta["description"]
    if "date" in kinds:
        result["format"] = "date"
    result.update(_constraints(rules))
    if meta.get("vocabulary") in vocabularies:
        result["enum"] = list(vocabularies[meta["vocabulary"]])
    if meta.get("ids") in vocabularies:
        # The project's current ids of that kind: completion offers them as you type.
        result["enum"] = list(vocabularies[meta["ids"]])
    if "list" in kinds and "schema" in rules:
        inner = rules["schema"]
        result["items"] = (
            _object(inner["schema"], vocabularies)
            if inner.get("type") == "dict"
            else _field(inner, vocabularies)
        )
    if kind == "dict" and "schema" in rules:
        result.update(_object(rules["schema"], vocabularies))
    if kind == "dict" and "valuesrules" in rules:
        result["additionalProperties"] = _field(rules["valuesrules"], vocabularies)
    return result


def _constraints(rules: Schema) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if "allowed" in rules:
        found["enum"] = list(rules["allowed"])
    if "regex" in rules:
        found["pattern"] = f"^(?:{rules['regex']})$"
    if "form" in rules:
        form = FORMS[rules["form"]]
        found["pattern"] = f"^(?:{form.pattern})$"
        found["patternErrorMessage"] = form.hint.split(": '{suggestion}'")[0]
    if rules.get("check_with") in ("plain_text", "fact_text"):
        # The markup part of the plain-text rule, so editors see it as they type.
        found["pattern"] = PLAIN_TEXT_PATTERN
        found["patternErrorMessage"] = PLAIN_TEXT_MESSAGE
    if rules.get("empty") is False and rules.get("type", "string") == "string":
        found["minLength"] = 1
    for ours, theirs in (("min", "minimum"), ("max", "maximum"), ("minlength", "minItems")):
        if ours in rules:
            found[theirs] = rules[ours]
    return found


def write_schemas(
    out: Path, kinds: Iterable[KindWithSchema], vocabularies: Vocabularies | None = None
) -> list[Path]:
    """Write one `<kind>.schema.json` per source kind that has a title into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in (k for k in kinds if k.title):
        path = out / f"{kind.name}.schema.json"
        path.write_text(schema_text(kind, vocabularies), encoding="utf-8")
        written.append(path)
    return written


def schema_text(kind: KindWithSchema, vocabularies: Vocabularies | None = None) -> str:
    """The JSON Schema of one kind as the file holds it."""
    return json.dumps(to_json_schema(kind, vocabularies), indent=2) + "\n"


def refresh_schemas(
    out: Path, kinds: Iterable[KindWithSchema], vocabularies: Vocabularies | None = None
) -> list[Path]:
    """Rewrite the schemas in `out` that differ from the current ones; return those rewritten.

    The build calls this, so a new role or module id reaches editors' completion without
    anyone remembering `handbook schema`; an unchanged file is left alone.
    """
    changed = []
    for kind in (k for k in kinds if k.title):
        path = out / f"{kind.name}.schema.json"
        text = schema_text(kind, vocabularies)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
