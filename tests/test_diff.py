"""`handbook diff` reports exactly the criteria added, removed, reworded and moved."""

from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import FILES

from generator.cli import main
from generator.diff import diff_frameworks
from generator.versions import framework_from_text

BASE = textwrap.dedent(FILES["frameworks/tiny.yml"])


def framework(text: str) -> object:
    return framework_from_text(text, "frameworks/tiny.yml")


def test_identical_versions_have_no_changes() -> None:
    result = diff_frameworks(framework(BASE), framework(BASE))  # type: ignore[arg-type]
    assert result.changes == ()
    assert result.summary() == "0 added, 0 removed, 0 reworded, 0 moved"


def criterion(cid: str, statement: str) -> dict[str, object]:
    return {
        "id": cid,
        "statement": statement,
        "evidence": ["staff-voice"],
        "descriptors": {"low": f"{statement} Rarely.", "high": f"{statement} Always."},
        "questions": ["What shows this?"],
    }


def version(strands: dict[str, list[dict[str, object]]]) -> str:
    """The tiny framework with its strands replaced."""
    data = yaml.safe_load(BASE)
    data["domains"][0]["strands"] = [
        {"id": sid, "title": sid.capitalize(), "summary": "A strand.", "criteria": criteria}
        for sid, criteria in strands.items()
    ]
    return yaml.safe_dump(data, sort_keys=False)


SHARED = criterion("vision-1", "Leaders share a clear vision.")
TRUST = criterion("culture-1", "Staff trust each other.")


def test_added_removed_and_reworded() -> None:
    old = version({"vision": [SHARED], "culture": [TRUST]})
    reworded = {**SHARED, "statement": "Leaders share a clear and ambitious vision."}
    new = version({"vision": [reworded], "culture": [criterion("culture-2", "Staff help.")]})
    result = diff_frameworks(framework(old), framework(new))  # type: ignore[arg-type]
    assert [(c.kind, c.criterion.id, c.detail) for c in result.changes] == [
        ("added", "culture-2", ""),
        ("removed", "culture-1", ""),
        ("reworded", "vision-1", "statement"),
    ]


def test_a_criterion_moved_to_another_strand() -> None:
    focus = criterion("vision-2", "Priorities are few.")
    old = version({"vision": [SHARED, focus], "culture": [TRUST]})
    new = version({"vision": [SHARED], "culture": [TRUST, focus]})
    result = diff_frameworks(framework(old), framework(new))  # type: ignore[arg-type]
    assert [(c.kind, c.criterion.id, c.detail) for c in result.changes] == [
        ("moved", "vision-2", "from 1.1 Vision to 1.2 Culture"),
    ]


def test_descriptor_changes_name_the_level() -> None:
    new = BASE.replace("Few staff can describe the vision.", "Some staff can describe it.")
    result = diff_frameworks(framework(BASE), framework(new))  # type: ignore[arg-type]
    assert [(c.kind, c.detail) for c in result.changes] == [("reworded", "descriptors (Emerging)")]


def test_diff_of_two_files_from_the_command_line(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newer = tmp_path / "newer.yml"
    newer.write_text(BASE.replace("Leaders share a clear vision.", "Leaders share a bold vision."))
    code = main(
        [
            "--root",
            str(project),
            "diff",
            str(project / "frameworks/tiny.yml"),
            str(newer),
            "--format",
            "json",
        ]
    )
    assert code == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["changes"] == [
        {
            "kind": "reworded",
            "id": "vision-1",
            "number": "1.1.1",
            "statement": "Leaders share a bold vision.",
            "detail": "statement",
        }
    ]


def test_diff_of_two_git_revisions(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "."], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "first"], cwd=project, check=True)
    source = project / "frameworks/tiny.yml"
    source.write_text(source.read_text().replace("Few staff", "Hardly any staff"))
    subprocess.run([*git, "commit", "-qam", "second"], cwd=project, check=True)
    assert main(["--root", str(project), "diff", "HEAD~1", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1] == (
        "  reworded  1.1.1 vision-1: Leaders share a clear vision. (descriptors (Emerging))"
    )


def test_unknown_revision_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(project), "diff", "no-such-rev", "HEAD"]) == 2
    assert "neither a file nor a git revision" in capsys.readouterr().err


def test_shipped_archive_differs_from_current_as_the_change_log_says() -> None:
    from conftest import REPO

    from generator.project import read_handbook

    handbook, _ = read_handbook(REPO)
    current = handbook.frameworks[0]
    result = diff_frameworks(current.history[-1], current)
    assert result.summary() == "9 added, 0 removed, 3 reworded, 3 moved"


def test_markdown_report_for_pull_request_summaries(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newer = tmp_path / "newer.yml"
    newer.write_text(BASE.replace("Leaders share a clear vision.", "Leaders share a bold vision."))
    main(
        [
            "--root",
            str(project),
            "diff",
            str(project / "frameworks/tiny.yml"),
            str(newer),
            "--format",
            "markdown",
        ]
    )
    assert capsys.readouterr().out.splitlines() == [
        "### Tiny Framework: version 1.0 to 1.0",
        "",
        "0 added, 0 removed, 1 reworded, 0 moved.",
        "",
        "| Change | Criterion | Detail |",
        "| --- | --- | --- |",
        "| reworded | 1.1.1 `vision-1`: Leaders share a bold vision. | statement |",
        "",
    ]
