"""JSON Schemas come from the cerberus schemas and the shipped copies are current."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REPO

from generator.check.jsonschema import to_json_schema, write_schemas
from generator.cli.project import programme_vocabularies
from generator.kinds.catalogue import KINDS
from generator.kinds.registry import SourceKind


def KIND(name: str) -> SourceKind:  # noqa: N802 - reads like the constant it looks up
    """A shipped kind by name."""
    found = KINDS.get(name)
    assert found is not None
    return found


def test_module_schema_carries_enums_and_required_fields() -> None:
    schema = to_json_schema(KIND("module"), {"activity_types": ["discussion", "plenary"]})
    assert schema["required"][:3] == ["id", "title", "summary"]
    session = schema["properties"]["sessions"]["items"]
    assert "discussion" in session["properties"]["activity"]["enum"]
    assert session["additionalProperties"] is False
    assert schema["properties"]["duration"]["type"] == "integer"


def test_framework_descriptors_are_a_map_of_text() -> None:
    criteria = to_json_schema(KIND("framework"))["properties"]["domains"]["items"]["properties"][
        "strands"
    ]
    criterion = criteria["items"]["properties"]["criteria"]["items"]
    assert criterion["properties"]["descriptors"]["additionalProperties"] == {
        "type": "string",
        "minLength": 1,
    }


def test_shipped_schemas_are_up_to_date(tmp_path: Path) -> None:
    write_schemas(tmp_path, KINDS, programme_vocabularies(REPO))
    for kind in (k.name for k in KINDS if k.title):
        name = f"{kind}.schema.json"
        shipped = REPO / "schemas" / name
        assert shipped.read_text() == (tmp_path / name).read_text(), (
            f"run `handbook schema` ({name})"
        )


def test_shipped_yaml_names_its_schema() -> None:
    sources = [*REPO.glob("frameworks/*.yml"), *REPO.glob("content/**/*.yml")]
    assert sources
    for path in sources:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=")[1]).resolve()
        assert target.is_file(), path
        assert json.loads(target.read_text())["$id"] == target.name
