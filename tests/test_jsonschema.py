"""JSON Schemas come from the cerberus schemas and the shipped copies are current."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO

from generator.check.jsonschema import refresh_schemas, to_json_schema, write_schemas
from generator.kinds.catalogue import KINDS
from generator.kinds.registry import SourceKind


class Skipped:
    """A build result that says nothing needed building."""

    skipped = True


SKIPPED = Skipped()


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


def test_refresh_rewrites_only_the_schemas_a_new_role_changes(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    write_schemas(out, KINDS, {"roles": ["headteacher"]})
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    changed = refresh_schemas(out, KINDS, {"roles": ["headteacher", "governor"]})
    names = sorted(p.name for p in changed)
    assert "module.schema.json" in names and "framework.schema.json" not in names
    assert '"governor"' in (out / "module.schema.json").read_text()
    assert refresh_schemas(out, KINDS, {"roles": ["headteacher", "governor"]}) == []
    assert (out / "framework.schema.json").stat().st_mtime_ns == before["framework.schema.json"]


def test_build_command_refreshes_the_projects_schemas(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.cli import build as build_module
    from generator.cli.main import main

    write_schemas(project / "schemas", KINDS, {})
    monkeypatch.setattr(build_module, "build", lambda root, options: SKIPPED)
    assert main(["--root", str(project), "build", "--no-downloads"]) == 0
    assert "Updated schemas/module.schema.json for the sources' current ids; commit it." in (
        capsys.readouterr().err
    )
    assert '"governor"' in (project / "schemas/module.schema.json").read_text()


def test_shipped_yaml_names_its_schema() -> None:
    sources = [*REPO.glob("frameworks/*.yml"), *REPO.glob("content/**/*.yml")]
    assert sources
    for path in sources:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=")[1]).resolve()
        assert target.is_file(), path
        assert json.loads(target.read_text())["$id"] == target.name
