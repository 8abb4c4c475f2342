"""The printed programme calendar: few pages, and every word inside its own column."""

from __future__ import annotations

import dataclasses
import datetime
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from generator.export.schedule import calendar_file
from generator.model.calendar import Entry

from .conftest import EPOCH, cover

WORD = re.compile(r'<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)"[^>]*>([^<]*)</word>')
LONG = (
    "Each school reviews itself against the framework, and the headteacher signs the "
    "self-review off and shares it with the governing board before the review team sees it."
)
VENUE = "Arrive from 8:45; 9:15 to 15:30. Northfield Teaching School Hub, Station Road."


def entries(count: int) -> tuple[Entry, ...]:
    """A year's entries like a real programme's: days, meetings, windows and key dates."""
    kinds = [
        ("Leadership day: the model and its first steps", "Training day", VENUE),
        ("Headteachers' meeting", "Meeting", "16:00 to 18:00. Northfield Teaching School Hub."),
        ("Improvement workshops, first round", "Improvement workshops", LONG),
        ("Self-review sent to the review team", "Key date", "Six school weeks before the visit."),
    ]
    start = datetime.date(2026, 9, 3)
    made = []
    for n in range(count):
        title, kind, details = kinds[n % len(kinds)]
        day = start + datetime.timedelta(days=9 * n)
        when = f"{day:%A} {day.day} {day:%B %Y}"
        if kind == "Improvement workshops":
            when += f" to {day:%A} {day.day + 1} {day:%B %Y}"
        made.append(Entry(day, day, title, kind, details, when=when))
    return tuple(made)


def words_by_page(pdf: bytes) -> list[list[tuple[float, float, float, str]]]:
    """(left, top, right, text) of every word, page by page, as poppler lays them out."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "calendar.pdf"
        source.write_bytes(pdf)
        html = subprocess.run(
            ["pdftotext", "-bbox", str(source), "-"], capture_output=True, text=True, check=True
        ).stdout
    return [
        [(float(m[1]), float(m[2]), float(m[3]), m[4]) for m in WORD.finditer(page)]
        for page in html.split("<page ")[1:]
    ]


@pytest.fixture(scope="module")
def printed() -> list[list[tuple[float, float, float, str]]]:
    pdf = calendar_file("pdf", "Test Partnership", "", entries(36), cover(), EPOCH)
    return words_by_page(pdf)


def test_a_year_of_entries_prints_on_two_pages(printed: list) -> None:
    assert len(printed) == 2, f"{len(printed)} pages"


def test_the_longest_kind_stays_inside_its_column(printed: list) -> None:
    for page in printed:
        heading = {text: left for left, _, _, text in page if text in {"Kind", "Details"}}
        if len(heading) < 2:
            continue
        inside = [
            right
            for left, _, right, text in page
            if text == "Improvement" and heading["Kind"] - 1 <= left < heading["Details"]
        ]
        assert inside, "no long kind on the page: the test proves nothing"
        # Cells hold their text 6 points in from each side: a word past the rule between
        # the columns ends less than 6 points before the next column's text.
        assert max(inside) <= heading["Details"] - 6, (max(inside), heading["Details"])


LONGEST = (
    "Schools measure the year's impact against the plans they made after their reviews, ready "
    "for the closing day. The window falls in the last weeks of the summer term; a school that "
    "held a second round of workshops records only whether its revised actions have begun, "
    "and their impact is checked in the autumn term, at least six school weeks after that "
    "round, and feeds the next self-review."
)


@pytest.fixture(scope="module")
def with_long_details() -> list[list[tuple[float, float, float, str]]]:
    """A year of entries where a few windows carry a paragraph of details."""
    year = [
        dataclasses.replace(e, details=f"{LONGEST} Entry{n}.") if n % 9 == 8 else e
        for n, e in enumerate(entries(32))
    ]
    pdf = calendar_file("pdf", "Test Partnership", "", tuple(year), cover(), EPOCH)
    return words_by_page(pdf)


def _rows(page: list[tuple[float, float, float, str]]) -> int:
    """How many entries start on a page: the first words of their titles under "What"."""
    heading = {text: left for left, _, _, text in page if text in {"What", "Kind"}}
    firsts = {"Leadership", "Headteachers\u2019", "Headteachers'", "Improvement", "Self-review"}
    return sum(
        text in firsts and heading["What"] - 1 <= left < heading["Kind"]
        for left, _, _, text in page
    )


def test_long_details_leave_no_page_of_a_row_or_two(with_long_details: list) -> None:
    assert len(with_long_details) == 2, f"{len(with_long_details)} pages"
    rows = [_rows(page) for page in with_long_details]
    assert sum(rows) == 32, rows
    assert min(rows) > 2, f"rows by page: {rows}"
