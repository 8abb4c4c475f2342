"""`handbook new` writes starting files that validate and never overwrites."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.check.placeholders import PLACEHOLDER
from generator.cli.main import main
from generator.cli.project import check, read_handbook


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("framework", "frameworks/reading-for-pleasure.yml"),
        ("module", "content/modules/reading-for-pleasure.yml"),
        ("chapter", "content/handbook/basics/reading-for-pleasure.md"),
        ("resource", "content/resources/reading-for-pleasure.md"),
    ],
)
def test_new_source_validates_and_flags_its_starter_text_until_replaced(
    project: Path, kind: str, path: str
) -> None:
    assert main(["--root", str(project), "new", kind, "reading-for-pleasure"]) == 0
    source = project / path
    # A new resource is also unused until a module lists it: a warning that says so.
    expected = {"text.placeholder"} | ({"resource.unused"} if kind == "resource" else set())
    found = check(project)[1]
    assert {(d.path, d.severity) for d in found} == {(path, "warning")}
    assert {d.code for d in found} == expected
    assert main(["--root", str(project), "validate", "--strict"]) == 1
    source.write_text(source.read_text().replace(PLACEHOLDER + " ", ""))
    assert {d.code for d in check(project)[1]} == expected - {"text.placeholder"}


def test_a_placeholder_is_reported_at_its_line_with_what_to_do(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--root", str(project), "new", "chapter", "next-steps"])
    capsys.readouterr()
    main(["--root", str(project), "validate"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == [
        "content/handbook/basics/next-steps.md:5:10: warning: summary: starter text from "
        "`handbook new` is still here [text.placeholder]",
        "    hint: write your own text in place of the sentence that starts (replace this)",
    ]


def test_new_chapter_goes_after_the_last_in_its_part(project: Path) -> None:
    main(["--root", str(project), "new", "chapter", "next-steps", "--part", "basics"])
    text = (project / "content/handbook/basics/next-steps.md").read_text()
    assert "order: 2 " in text


def test_new_refuses_to_overwrite(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project), "new", "module", "intro"]) == 1
    assert "content/modules/intro.yml already exists" in capsys.readouterr().err


def test_new_refuses_an_invalid_id(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project), "new", "module", "Reading For Pleasure"]) == 2
    assert "try 'reading-for-pleasure'" in capsys.readouterr().err


def test_new_module_needs_a_known_day(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project), "new", "module", "extra", "--day", "day-9"]) == 2
    assert "--day must be one of: day-1" in capsys.readouterr().err


TIMED_DAYS = Path(__file__).resolve().parent / "fixtures" / "timed-days"


def timed_copy(tmp_path: Path) -> Path:
    """The fixture whose every training day is timed and full, copied to edit."""
    root = tmp_path / "timed-days"
    shutil.copytree(TIMED_DAYS, root, ignore=shutil.ignore_patterns("build"))
    return root


def test_new_module_waits_unscheduled_when_every_day_is_full(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = timed_copy(tmp_path)
    assert main(["--root", str(root), "new", "module", "governors"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Wrote content/modules/governors.yml; edit it, then run `handbook validate`.",
        "It is on no training day yet: every timed day is full. Give it a `day:` once that day "
        "has room (a later `end`, or shorter sessions or breaks).",
    ]
    assert "\nday:" not in (root / "content/modules/governors.yml").read_text()
    found = check(root)[1]
    assert found and {d.code for d in found} == {"text.placeholder"}
    handbook = read_handbook(root)[0]
    assert not handbook.module("governors").day.scheduled
    assert [m.id for m in handbook.day_modules("day-1")] == ["intro", "practice"]


def test_new_module_goes_to_a_day_with_room_and_says_which(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(project), "new", "module", "governors"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "It is on day-1, which has no times yet, so it has room."
    assert "\nday: day-1 " in (project / "content/modules/governors.yml").read_text()
    assert [d.severity for d in check(project)[1]] == ["warning"] * 5
