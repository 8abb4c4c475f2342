"""The printed programme calendar: few pages, and every word inside its own column."""

from __future__ import annotations

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
