"""The editions workflow: its matrix comes from `handbook editions`, and each job builds its
edition with the command and path the listing gives, sharing the store through the secret."""

from __future__ import annotations

import json
import re
import runpy
import shlex
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from generator.cli.main import _parser, main

WORKFLOW = REPO / ".github" / "workflows" / "editions.yml"
FIXTURES = REPO / "tests" / "fixtures"


def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _matrix(listing: list[dict[str, str]]) -> list[dict[str, str]]:
    return runpy.run_path(str(REPO / ".github" / "matrix.py"))["matrix"](listing)


@pytest.fixture
def partnerships(tmp_path: Path) -> Path:
    root = shutil.copytree(FIXTURES / "timed-days", tmp_path / "project")
    shutil.copytree(FIXTURES / "editions" / "editions", root / "editions")
    return root


def test_the_matrix_is_the_core_then_each_listed_edition_at_its_path(
    partnerships: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(partnerships), "editions", "--format", "json"]) == 0
    matrix = _matrix(json.loads(capsys.readouterr().out))
    assert [(e["id"], e["path"]) for e in matrix] == [
        ("core", ""),
        ("alder", "alder/"),
        ("birch", "birch/"),
    ]


def test_each_job_builds_its_edition_with_commands_that_exist() -> None:
    build = _workflow()["jobs"]["build"]
    script = next(s["run"] for s in build["steps"] if "handbook build" in s.get("run", ""))
    lines = [line.strip() for line in script.splitlines() if "./dev handbook" in line]
    assert lines == [
        "./dev handbook build --strict --out public",
        './dev handbook build --strict --edition "$EDITION" --out "public/$EDITION_PATH"',
    ]
    parser = _parser()
    for line in lines:
        words = shlex.split(line.replace("$EDITION_PATH", "alder/").replace("$EDITION", "alder"))
        parser.parse_args(words[2:])  # a wrong option exits here
    assert build["env"]["EDITION"] == "${{ matrix.edition.id }}"
    assert build["env"]["EDITION_PATH"] == "${{ matrix.edition.path }}"
    assert build["strategy"]["matrix"]["edition"] == "${{ fromJSON(needs.list.outputs.editions) }}"


def test_the_list_job_feeds_the_matrix_from_the_editions_command() -> None:
    listed = _workflow()["jobs"]["list"]
    script = next(s["run"] for s in listed["steps"] if s.get("id") == "list")
    assert "./dev handbook editions --format json > editions.json" in script
    assert ".github/matrix.py editions.json" in script
    assert listed["outputs"]["editions"] == "${{ steps.list.outputs.editions }}"


def test_jobs_share_the_store_through_the_cache_and_the_repository_secret() -> None:
    build = _workflow()["jobs"]["build"]
    assert build["env"]["HANDBOOK_STORE_SECRET"] == "${{ secrets.HANDBOOK_STORE_SECRET }}"
    [cache] = [s for s in build["steps"] if "actions/cache@" in s.get("uses", "")]
    assert cache["with"]["path"] == "build/cache"
    assert "matrix.edition.id" in cache["with"]["key"]
    assert re.fullmatch(r"actions/cache@[0-9a-f]{40}", cache["uses"])


def test_publishing_lays_every_site_under_its_path() -> None:
    steps = _workflow()["jobs"]["publish"]["steps"]
    download = steps[0]["with"]
    assert download == {"pattern": "site-*", "merge-multiple": True, "path": "public/"}
