"""`handbook validate PATH`: a change to one file is checked against the whole project."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import FILES, write_project

from generator.cli.main import main


def renamed_criterion(tmp_path: Path) -> Path:
    """The tiny project with criterion vision-1 renamed, as an editor might by mistake."""
    framework = textwrap.dedent(FILES["frameworks/tiny.yml"]).replace(
        "id: vision-1", "id: vision-one"
    )
    return write_project(tmp_path / "p", {"frameworks/tiny.yml": framework})


def test_renamed_criterion_fails_the_framework_file_and_names_the_broken_links(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = renamed_criterion(tmp_path)
    assert main(["--root", str(root), "validate", str(root / "frameworks/tiny.yml")]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == "Problems in other files, which a change to the files named can cause:"
    broken = [line for line in lines if ": error: " in line]
    assert [line.split(":")[0] for line in broken] == [
        "content/handbook/basics/welcome.md",
        "content/modules/intro.yml",
    ]
    assert all("unknown strand or criterion of tiny 'vision-1'" in line for line in broken)
    assert "2 errors and 0 warnings in 2 files." in err


def test_json_and_github_mark_problems_outside_the_named_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = renamed_criterion(tmp_path)
    framework = str(root / "frameworks/tiny.yml")
    assert main(["--root", str(root), "validate", framework, "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert [d["elsewhere"] for d in payload["diagnostics"]] == [True, True]
    assert main(["--root", str(root), "validate", framework, "--format", "github"]) == 1
    annotations = capsys.readouterr().out.splitlines()
    assert len(annotations) == 2
    assert all(
        "(in a file not named: a change elsewhere may have caused it)" in a for a in annotations
    )


def test_a_valid_project_passes_whatever_files_are_named(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(project), "validate", str(project / "frameworks/tiny.yml")]) == 0
    assert "All sources are valid." in capsys.readouterr().err
