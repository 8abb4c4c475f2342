"""The `handbook` command's contract: exit codes and output formats."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from conftest import FILES, write_project

from generator.cli.main import main


def broken(tmp_path: Path) -> Path:
    module = textwrap.dedent(FILES["content/modules/intro.yml"]).replace("day: day-1", "day: day-9")
    return write_project(tmp_path / "p", {"content/modules/intro.yml": module})


def test_valid_project_exits_0(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project), "validate"]) == 0
    assert "All sources are valid." in capsys.readouterr().err


def test_errors_exit_1_in_text_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(broken(tmp_path)), "validate"]) == 1
    out, err = capsys.readouterr()
    assert (
        out.splitlines()[0]
        == "content/modules/intro.yml:5:6: error: day: unknown training day 'day-9' [ref.unknown]"
    )
    assert out.splitlines()[1] == "    hint: did you mean 'day-1'?"
    assert "1 error and 0 warnings in 1 file." in err


def test_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(broken(tmp_path)), "validate", "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["errors"] == 1
    assert payload["diagnostics"][0] == {
        "path": "content/modules/intro.yml",
        "line": 5,
        "column": 6,
        "severity": "error",
        "field": "day",
        "message": "unknown training day 'day-9'",
        "hint": "did you mean 'day-1'?",
        "code": "ref.unknown",
        "elsewhere": False,
    }


def test_github_format_is_a_workflow_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(broken(tmp_path)), "validate", "--format", "github"]) == 1
    assert capsys.readouterr().out.strip() == (
        "::error file=content/modules/intro.yml,line=5,col=6,title=day::"
        "unknown training day 'day-9' [ref.unknown]%0AHint: did you mean 'day-1'?"
    )


def test_paths_name_the_change_but_every_file_is_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = broken(tmp_path)
    assert main(["--root", str(root), "validate", str(root / "frameworks")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Problems in other files, which a change to the files named can cause:"
    assert out[1].startswith("content/modules/intro.yml:5:6: error: day:")
    assert main(["--root", str(root), "validate", str(root / "content/modules")]) == 1
    assert capsys.readouterr().out.startswith("content/modules/intro.yml:5:6: error:")


def test_missing_path_is_a_usage_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project), "validate", str(project / "nope.yml")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_unknown_option_is_a_usage_error(project: Path) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--root", str(project), "validate", "--format", "xml"])
    assert stop.value.code == 2


def test_no_project_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(tmp_path), "validate"]) == 2
    assert "no handbook project found" in capsys.readouterr().err


def test_github_annotations_for_several_broken_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    module = textwrap.dedent(FILES["content/modules/intro.yml"]).replace("summary:", "sumary:")
    chapter = textwrap.dedent(FILES["content/handbook/basics/welcome.md"]).replace(
        "part: basics", "part: basic"
    )
    glossary = "terms:\n  - id: send\n    term: SEND: needs\n"
    root = write_project(
        tmp_path / "p",
        {
            "content/modules/intro.yml": module,
            "content/handbook/basics/welcome.md": chapter,
            "content/glossary.yml": glossary,
        },
    )
    assert main(["--root", str(root), "validate", "--format", "github"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "::error file=content/glossary.yml,line=3,col=15,title=handbook validate::"
        "YAML syntax error: mapping values are not allowed here [yaml.syntax]%0AHint: a value "
        "containing "
        "': ' must be put in quotes",
        "::error file=content/handbook/basics/welcome.md,line=3,col=7,title=part::"
        "unknown part 'basic' [ref.unknown]%0AHint: did you mean 'basics'?",
        "::error file=content/modules/intro.yml,line=1,col=1,title=summary::"
        "required field 'summary' is missing [schema.required-field]%0AHint: add a line "
        "`summary: ...`",
        "::error file=content/modules/intro.yml,line=3,col=1,title=sumary::"
        "unknown field 'sumary' [schema.unknown-field]%0AHint: did you mean 'summary'?",
    ]
