"""`handbook diff` reports exactly the criteria added, removed, reworded and moved."""

from __future__ import annotations

import html
import json
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from attacks import exports as attacks
from conftest import FILES
from markdown_it import MarkdownIt

from generator.cli import versions
from generator.cli.main import main
from generator.cli.versions import framework_from_text
from generator.model import diff
from generator.model.diff import FrameworkDiff, diff_frameworks
from generator.model.objects import Criterion, Framework

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
            "rewordings": [
                {
                    "text": "statement",
                    "before": "Leaders share a clear vision.",
                    "after": "Leaders share a bold vision.",
                }
            ],
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
    assert out.splitlines()[1:3] == [
        "  reworded  1.1.1 vision-1: Leaders share a clear vision. (descriptors (Emerging))",
        "            Emerging: [-Few-] {+Hardly any+} staff can describe the vision.",
    ]


def test_unknown_revision_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(project), "diff", "no-such-rev", "HEAD"]) == 2
    assert "neither a file nor a git revision" in capsys.readouterr().err


def test_an_archived_version_is_compared_with_the_current_one(tmp_path: Path) -> None:
    from conftest import write_project

    from generator.cli.project import read_handbook

    older = BASE.replace('version: "1.0"', 'version: "0.9"').replace("published", "retired")
    older = older.replace("Leaders share a clear vision.", "Leaders have a vision.")
    older = older.replace("date: 2026-01-01", "date: 2025-01-01").replace('"1.0"', '"0.9"')
    root = write_project(tmp_path / "p", {"frameworks/archive/tiny/0.9.yml": older})
    handbook, _ = read_handbook(root)
    current = handbook.frameworks[0]
    result = diff_frameworks(current.history[-1], current)
    assert result.summary() == "0 added, 0 removed, 1 reworded, 0 moved"


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
        f"Hint: {diff.markdown_text(HINT)}.",
        "",
        "| Change | Criterion | Detail | Before | After |",
        "| --- | --- | --- | --- | --- |",
        "| reworded | 1.1.1 `vision-1`: Leaders share a bold vision. | statement | "
        "statement: Leaders share a clear vision. | statement: Leaders share a bold vision. |",
        "",
    ]


# Part 5 of issue 9: a revision is never an option (payloads in tests/attacks/exports.py).


def committed(project: Path) -> Path:
    git = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "."], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "first"], cwd=project, check=True)
    return project


def test_diff_refuses_a_revision_that_git_would_read_as_an_option(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(committed(project))
    before = sorted(project.rglob("*"))
    for revision in attacks.REVISION_OPTIONS:
        for args in (["--", revision, "HEAD"], ["HEAD", "--", revision]):
            assert main(["--root", str(project), "diff", *args]) == 2, args
            err = capsys.readouterr().err
            assert f"handbook: error: '{revision}' is not a file or a git revision: " in err
            assert "a revision cannot start with '-'" in err
    assert sorted(project.rglob("*")) == before  # git wrote nothing
    assert not list(Path.cwd().glob("written-by-git*"))


def test_diff_cli_refuses_output_option_without_a_traceback(project: Path) -> None:
    committed(project)
    command = [sys.executable, "-m", "generator.cli.main", "--root", str(project), "diff"]
    result = subprocess.run(
        [*command, "--", "--output=FILE", "HEAD"], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "a revision cannot start with '-'" in result.stderr
    assert not (project / "FILE").exists()
    assert not list(project.glob("FILE*"))


def test_diff_passes_end_of_options_to_git(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    committed(project)
    commands: list[list[str]] = []
    real_run = subprocess.run

    def recording_run(command: list[str], **kwargs: object) -> object:
        commands.append(command)
        return real_run(command, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(versions.subprocess, "run", recording_run)
    assert main(["--root", str(project), "diff", "HEAD", "HEAD"]) == 0
    assert commands == [["git", "show", "--end-of-options", "HEAD:frameworks/tiny.yml"]] * 2


def test_diff_refuses_a_framework_id_that_is_not_an_id(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    committed(project)
    for framework in ("../../etc/passwd", "-x", "tiny\n"):
        args = ["--root", str(project), "diff", "HEAD", "HEAD", f"--framework={framework}"]
        assert main(args) == 2
        assert "is not a framework id" in capsys.readouterr().err


# Part 9: the step summary shows statements as text.


def hostile_diff(statements: tuple[str, ...]) -> FrameworkDiff:
    """A diff where each statement below rewords one criterion (models built directly)."""
    old = framework(BASE)
    base = old.criteria[0]  # type: ignore[attr-defined]
    before = tuple(replace(base, id=f"c-{n}") for n, _ in enumerate(statements))
    after = tuple(replace(c, statement=s) for c, s in zip(before, statements, strict=True))

    def with_criteria(criteria: tuple[Criterion, ...]) -> Framework:
        strand = replace(old.domains[0].strands[0], criteria=criteria)  # type: ignore[attr-defined]
        domain = replace(old.domains[0], strands=(strand,))  # type: ignore[attr-defined]
        return replace(old, domains=(domain,), title=statements[0])  # type: ignore[type-var]

    return diff_frameworks(with_criteria(before), with_criteria(after))


def test_markdown_report_shows_hostile_statements_as_text() -> None:
    report = diff.as_markdown(hostile_diff(attacks.SUMMARY_STATEMENTS))
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = parser.parse(report)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or ()}
    assert not kinds & {"html_inline", "html_block", "link_open", "image", "s_open"}
    assert not kinds & {"em_open", "strong_open", "bullet_list_open", "ordered_list_open"}
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h3"]
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 1 + len(attacks.SUMMARY_STATEMENTS)  # no row added or hidden
    cells = [tokens[i + 1] for i, t in enumerate(tokens) if t.type == "td_open"]
    shown = [cell.content for cell in cells[1::5]]
    codes = [
        c.content for cell in cells[1::5] for c in cell.children or () if c.type == "code_inline"
    ]
    afters = [cell.content for cell in cells[4::5]]
    for text, statement in zip(afters, attacks.SUMMARY_STATEMENTS, strict=True):
        visible = " ".join(statement.split()).replace("\u202e", "⟨U+202E⟩")
        visible = visible.replace("\u200b", "⟨U+200B⟩")
        assert html.unescape(parser.renderInline(text)) == f"statement: {visible}"
    assert codes == [f"c-{n}" for n in range(len(attacks.SUMMARY_STATEMENTS))]
    for text, statement in zip(shown, attacks.SUMMARY_STATEMENTS, strict=True):
        rendered = parser.renderInline(text.split(": ", 1)[1])
        visible = " ".join(statement.split()).replace("\u202e", "⟨U+202E⟩")
        visible = visible.replace("\u200b", "⟨U+200B⟩")
        assert html.unescape(rendered) == visible


def test_markdown_text_escapes_each_mark_once() -> None:
    assert diff.markdown_text("a|b") == "a\\|b"
    assert diff.markdown_text("<!-- x -->") == "&lt;\\!-- x --&gt;"
    assert diff.markdown_text("# one\n## two") == "\\# one \\#\\# two"
    assert diff.markdown_text("`x` $5") == "\\`x\\` \\$5"
    assert diff.markdown_text("a\x00b\u202ec") == "a⟨U+0000⟩b⟨U+202E⟩c"


def test_text_report_shows_control_characters_instead_of_obeying_them() -> None:
    statement = "Leaders\x1b[2Jact\nadded 9.9 fake: line\u202e"
    report = diff.as_text(hostile_diff((statement,)))
    assert report.splitlines()[1] == (
        "  reworded  1.1.1 c-0: Leaders⟨U+001B⟩[2Jact⟨U+000A⟩added 9.9 fake: line⟨U+202E⟩"
        " (statement)"
    )
    assert report.splitlines()[2].startswith("            statement: [-Leaders share")
    assert "\x1b" not in report and "\u202e" not in report
    assert len(report.splitlines()) == 5  # the change, its redline, the counts and a hint


# Issue 25: seeing a change before it is committed, and what a rewording was.

HINT = (
    "the criteria changed but the version is still 1.0: a change to what a criterion asks of "
    "schools needs a new version (see 'Versions of a framework' in docs/editors-guide.md); a "
    "spelling correction does not"
)


def test_diff_head_compares_the_working_tree_with_the_last_commit(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    committed(project)
    source = project / "frameworks/tiny.yml"
    source.write_text(source.read_text().replace("a clear vision", "a clear, shared vision"))
    assert main(["--root", str(project), "diff", "HEAD"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Tiny Framework: version 1.0 -> 1.0",
        "  reworded  1.1.1 vision-1: Leaders share a clear, shared vision. (statement)",
        "            statement: Leaders share a [-clear-] {+clear, shared+} vision.",
        "0 added, 0 removed, 1 reworded, 0 moved",
        f"    hint: {HINT}",
    ]


def test_diff_head_without_a_repository_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(project), "diff", "HEAD"]) == 2
    assert "is not a git revision holding any of tiny" in capsys.readouterr().err


def test_a_new_version_silences_the_version_hint() -> None:
    new = BASE.replace("a clear vision", "a bold vision").replace('"1.0"', '"1.1"')
    result = diff_frameworks(framework(BASE), framework(new))  # type: ignore[arg-type]
    assert result.version_hint() == ""
    assert "hint" not in diff.as_text(result)


def test_redline_marks_removed_and_added_words() -> None:
    assert diff.redline("Leaders share a vision.", "Leaders agree a bold vision.") == (
        "Leaders [-share-] {+agree+} a {+bold+} vision."
    )
    assert diff.redline("same words", "same words") == "same words"


def test_json_report_gives_each_rewording_before_and_after() -> None:
    new = BASE.replace("Few staff can describe", "Some staff can describe")
    payload = json.loads(diff.as_json(diff_frameworks(framework(BASE), framework(new))))  # type: ignore[arg-type]
    assert payload["changes"][0]["rewordings"] == [
        {
            "text": "Emerging",
            "before": "Few staff can describe the vision.",
            "after": "Some staff can describe the vision.",
        }
    ]
    assert payload["hint"] == HINT
