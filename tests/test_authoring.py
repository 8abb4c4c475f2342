"""`handbook new` writes starting files that validate and never overwrites."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli.main import main
from generator.cli.project import check


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("framework", "frameworks/reading-for-pleasure.yml"),
        ("module", "content/modules/reading-for-pleasure.yml"),
        ("chapter", "content/handbook/basics/reading-for-pleasure.md"),
    ],
)
def test_new_source_validates(project: Path, kind: str, path: str) -> None:
    assert main(["--root", str(project), "new", kind, "reading-for-pleasure"]) == 0
    assert (project / path).is_file()
    assert check(project)[1] == []


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
