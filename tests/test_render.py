"""Rendering: the Markdown each template writes, checked against golden files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.cli.project import read_handbook
from generator.model.timetable import clock
from generator.render.downloads import DownloadList
from generator.render.filters import cell
from generator.render.templates import SiteContext, render_site

GOLDEN = Path(__file__).parent / "golden"


def rendered(project: Path) -> dict[str, str]:
    handbook, _ = read_handbook(project)
    site = SiteContext(
        dates={}, manifest=DownloadList(()), edit_base="https://example.org/edit/main"
    )
    return render_site(handbook, site)


@pytest.mark.parametrize(
    "page",
    [
        "training/intro.md",
        "frameworks/tiny/leadership.md",
        "handbook/basics/welcome.md",
        "glossary.md",
        "abbreviations.md",
    ],
)
def test_page_matches_golden_file(project: Path, page: str) -> None:
    text = rendered(project)[page]
    golden = GOLDEN / page
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_links_are_relative_to_the_page(project: Path) -> None:
    page = rendered(project)["training/intro.md"]
    assert (
        "[1.1.1 Leaders share a clear vision.](../frameworks/tiny/leadership.md#vision-1)" in page
    )


def test_table_cells_cannot_break_a_table() -> None:
    assert cell("Pupils | staff\nand governors") == "Pupils \\| staff and governors"


def test_clock_formats_minutes() -> None:
    assert [clock(0), clock(75), clock(600)] == ["0:00", "1:15", "10:00"]
