"""Two promises of the README, run as a user runs them: `handbook schema`, and the strict
build's list of external links for a person to check."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import FILES, with_site_look, write_project

from generator.cli.main import main
from generator.site.engines import ENGINES

HANDBOOK = Path(sys.executable).with_name("handbook")
CHAPTER = "content/handbook/basics/welcome.md"


def test_handbook_schema_writes_a_schema_per_kind_with_the_projects_own_words(
    tmp_path: Path,
) -> None:
    root = write_project(tmp_path / "project")
    result = subprocess.run(
        [HANDBOOK, "--root", root, "schema"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    written = sorted((root / "schemas").glob("*.schema.json"))
    assert [f"wrote {path}" for path in written] == sorted(result.stdout.splitlines())
    assert {path.name for path in written} >= {
        "programme.schema.json",
        "framework.schema.json",
        "module.schema.json",
        "chapter.schema.json",
    }
    module = json.loads((root / "schemas" / "module.schema.json").read_text(encoding="utf-8"))
    assert module["$schema"].startswith("https://json-schema.org/")
    # The audience a module may name is this project's roles, read from its programme.yml.
    assert module["properties"]["audience"]["items"]["enum"] == ["headteacher", "governor"]
    assert "audience" in module["required"]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_strict_build_lists_each_external_link_with_its_page(
    tmp_path: Path, engine: str, capsys: pytest.CaptureFixture[str]
) -> None:
    chapter = textwrap.dedent(FILES[CHAPTER]) + (
        "\nSee [the school inspection handbook](https://www.gov.uk/inspection) and"
        " [the glossary](../../glossary.md).\n"
    )
    root = with_site_look(write_project(tmp_path / "project", {CHAPTER: chapter}))
    arguments = ["--root", str(root), "build", "--no-downloads", "--engine", engine]
    assert main([*arguments, "--strict"]) == 0, capsys.readouterr()
    listed = (root / "build" / "external-links.txt").read_text(encoding="utf-8").splitlines()
    assert "https://www.gov.uk/inspection\thandbook/basics/welcome/index.html" in listed
    # Only links that leave the site (the glossary link is checked, not listed), sorted,
    # each with a page that was published.
    pairs = [line.split("\t") for line in listed]
    assert all(href.startswith(("https://", "http://")) for href, _ in pairs)
    assert all((root / "site" / page).is_file() for _, page in pairs)
    assert pairs == sorted(pairs)
