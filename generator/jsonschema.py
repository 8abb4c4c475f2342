"""JSON Schema for each source kind, derived from the cerberus schemas for editors' tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .schemas import SCHEMAS, Schema

_TYPES = {
    "string": "string",
    "integer": "integer",
    "list": "array",
    "dict": "object",
    "date": "string",
}
TITLES = {
    "programme": "Programme settings",
    "framework": "Review framework",
    "module": "Training module",
    "chapter": "Handbook chapter front matter",
    "glossary": "Glossary",
}


def to_json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one source kind."""
    document = _object(SCHEMAS[kind])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{kind}.schema.json",
        "title": TITLES[kind],
        **document,
    }


def _object(fields: Schema) -> dict[str, Any]:
    properties = {name: _field(rules) for name, rules in fields.items()}
    required = [name for name, rules in fields.items() if rules.get("required")]
    result: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        result["required"] = required
    return result


def _field(rules: Schema) -> dict[str, Any]:
    kind = rules.get("type", "string")
    kinds = kind if isinstance(kind, list) else [kind]
    names = sorted({_TYPES[k] for k in kinds})
    result: dict[str, Any] = {"type": names[0] if len(names) == 1 else names}
    if "meta" in rules:
        result["description"] = rules["meta"]["description"]
    if "date" in kinds:
        result["format"] = "date"
    result.update(_constraints(rules))
    if kind == "list" and "schema" in rules:
        inner = rules["schema"]
        result["items"] = _object(inner["schema"]) if inner.get("type") == "dict" else _field(inner)
    if kind == "dict" and "schema" in rules:
        result.update(_object(rules["schema"]))
    if kind == "dict" and "valuesrules" in rules:
        result["additionalProperties"] = _field(rules["valuesrules"])
    return result


def _constraints(rules: Schema) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if "allowed" in rules:
        found["enum"] = list(rules["allowed"])
    if "regex" in rules:
        found["pattern"] = f"^(?:{rules['regex']})$"
    if rules.get("empty") is False and rules.get("type", "string") == "string":
        found["minLength"] = 1
    for ours, theirs in (("min", "minimum"), ("max", "maximum"), ("minlength", "minItems")):
        if ours in rules:
            found[theirs] = rules[ours]
    return found


def write_schemas(out: Path) -> list[Path]:
    """Write one `<kind>.schema.json` per source kind into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in TITLES:
        path = out / f"{kind}.schema.json"
        path.write_text(json.dumps(to_json_schema(kind), indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
