"""Training days on the site: each day's page shows its running order; the calendar page."""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Callable
from pathlib import Path

from generator.cli.project import read_handbook
from generator.model.objects import Handbook
from generator.model.schoolyear import date_span, school_year
from generator.model.timetable import Block, Break, DayPlan, clock, lay_out, running_rows, stretches
from generator.render.downloads import DownloadList
from generator.render.templates import SiteContext, render_site

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "timed-days"
EXTRA = SiteContext(dates={}, manifest=DownloadList(()), edit_base="https://e.org")


def timed(tmp_path: Path, edit: Callable[[str], str] = str) -> tuple[Handbook, dict[str, str]]:
    """The timed-days fixture copied to `tmp_path`, its programme.yml edited, then rendered."""
    root = tmp_path / "timed-days"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("build"))
    programme = root / "content/programme.yml"
    programme.write_text(edit(programme.read_text(encoding="utf-8")), encoding="utf-8")
    handbook = read_handbook(root)[0]
    return handbook, render_site(handbook, EXTRA)


def test_day_page_shows_every_module_session_and_break_with_clock_times_in_order(
    tmp_path: Path,
) -> None:
    handbook, pages = timed(tmp_path)
    page = pages["training/days/day-2.md"]
    table = [line for line in page.splitlines() if line.startswith("| ") and "–" in line]
    expected = [
        (f"{clock(s.start)}–{clock(s.end)}", s.title)
        for s in handbook.running_order("day-2")
        if s.kind != "close"
    ]
    assert [tuple(cell.strip(" *") for cell in row.split("|")[1:3]) for row in table] == expected
    assert "| 8:30–9:00 | **Arrival and registration** | | 30 |" in page
    assert "| 9:20–9:35 | **Morning break** | | 15 |" in page
    assert "| 11:00 | **Close** |" in page
    headings = [line for line in page.splitlines() if line.startswith("| | **[Module")]
    assert headings == ["| | **[Module 1: Review](../review.md)** | | 105 |"]
    assert "- **Date:** Thursday 5 November 2026" in page


def test_a_day_moved_by_a_week_shows_its_new_date(tmp_path: Path) -> None:
    _, pages = timed(tmp_path, lambda text: text.replace("2026-11-05", "2026-11-12"))
    assert "- **Date:** Thursday 12 November 2026" in pages["training/days/day-2.md"]
    assert "| Thu 12 Nov 2026 | [Leadership day 2: Second day]" in pages["training/calendar.md"]


def test_every_timed_day_runs_from_arrival_to_its_close(tmp_path: Path) -> None:
    handbook, _ = timed(tmp_path)
    for day in handbook.programme.days:
        slots = handbook.running_order(day.id)
        kinds = [s.kind for s in slots]
        assert kinds[0] == "arrival" and kinds[-1] == "close", day.id
        assert [s.title for s in slots if s.kind == "break"] == ["Morning break"], day.id
    closes = [clock(handbook.running_order(day.id)[-1].start) for day in handbook.programme.days]
    assert closes == ["11:30", "11:00"]


def test_calendar_page_lists_days_and_windows_in_date_order(tmp_path: Path) -> None:
    handbook, pages = timed(tmp_path)
    page = pages["training/calendar.md"]
    assert "runs from Tuesday 1 September 2026 to Tuesday 31 August 2027" in page
    rows = [line for line in page.splitlines() if line.startswith("| ") and "202" in line]
    assert len(rows) == len(handbook.programme.days) + len(handbook.programme.windows) == 3
    assert rows[0].startswith(
        "| Thu 24 Sep 2026 | [Leadership day 1: First day]"
        "(days/day-1.md) | **Training day.** Arrive from 8:45; 9:15 to 11:30. The hall, Test School |"
    )
    assert rows[2].startswith(
        "| Mon 11 Jan to Fri 5 Feb 2027 | Peer review visits | **Peer reviews.** "
    )


def test_an_untimed_day_lists_its_modules_instead(project: Path) -> None:
    page = render_site(read_handbook(project)[0], EXTRA)["training/days/day-1.md"]
    assert "This day has no times yet." in page
    assert "- [Introduction](../intro.md): 60 minutes, for headteacher" in page


def plan(*breaks: Break, end: int = 10 * 60 + 15) -> DayPlan:
    return DayPlan("day", start=9 * 60, end=end, breaks=breaks)


BLOCKS = [
    Block("a", "Module A", (("One", 20, "presentation"), ("Two", 40, "discussion"))),
    Block("b", "Module B", (("Three", 30, "break"), ("Four", 10, "plenary"))),
]


def test_breaks_go_at_a_time_or_after_a_module_and_push_what_follows() -> None:
    breaks = (Break("morning", 15, at=9 * 60 + 20), Break("lunch", 30, after="a"))
    layout = lay_out(plan(*breaks, end=11 * 60 + 25), BLOCKS)
    assert [(clock(s.start), s.title) for s in layout.slots] == [
        ("9:00", "One"),
        ("9:20", "Morning break"),
        ("9:35", "Two"),
        ("10:15", "Lunch"),
        ("10:45", "Three"),
        ("11:15", "Four"),
        ("11:25", "Close"),
    ]
    assert layout.problems == () and clock(layout.finish) == "11:25"


def test_a_module_break_session_counts_as_a_break_in_the_running_rows() -> None:
    rows = running_rows(lay_out(plan(), BLOCKS).slots)
    assert [(r.kind, r.number, r.title) for r in rows][:2] == [
        ("module", 1, "Module A"),
        ("session", 0, "One"),
    ]
    assert ("break", "Three") in [(r.kind, r.title) for r in rows]


def test_school_year_of_an_edition() -> None:
    assert school_year("2026/27") == (datetime.date(2026, 9, 1), datetime.date(2027, 8, 31))
    assert school_year("2026-2027") == (datetime.date(2026, 9, 1), datetime.date(2027, 8, 31))
    assert school_year("2026/28") is None and school_year("Spring") is None
    assert school_year("2099/00") == (datetime.date(2099, 9, 1), datetime.date(2100, 8, 31))


def test_date_spans_read_as_british_dates() -> None:
    assert date_span(datetime.date(2026, 12, 14), datetime.date(2027, 1, 8)) == (
        "Monday 14 December 2026 to Friday 8 January 2027"
    )
    assert date_span(datetime.date(2027, 3, 1), datetime.date(2027, 3, 1)) == "Monday 1 March 2027"


def test_a_stretch_ends_at_a_day_break_or_a_module_break_session() -> None:
    layout = lay_out(plan(Break("morning", 15, at=9 * 60 + 20), end=11 * 60 + 5), BLOCKS)
    runs = [(first.title, last.title) for first, last in stretches(layout.slots)]
    assert runs == [("One", "One"), ("Two", "Two"), ("Four", "Four")]
