"""The programme's year: dates as editors write them, the edition's school year, the windows.

A school year runs from 1 September to 31 August: the edition "2026/27" covers
1 September 2026 to 31 August 2027, and every date in programme.yml must fall inside it.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from generator.load.positions import ISO_DATE
from generator.model.wording import Wording, wording

_EDITION = re.compile(r"(\d{4})\s*[/-]\s*(\d{2}|\d{4})")


@dataclass(frozen=True)
class Window:
    """A stretch of the cycle (self-review, peer reviews ...) from its first to last day."""

    id: str
    title: str
    kind: str
    first_day: datetime.date
    last_day: datetime.date
    summary: str = ""

    kind_label: str = ""

    @property
    def label(self) -> str:
        """The kind as readers see it: 'Peer reviews' (its label in vocabularies.window_kinds)."""
        return self.kind_label or self.kind


@dataclass(frozen=True)
class Meeting:
    """A meeting the programme holds on set dates, such as the headteachers' group each half
    term: one calendar entry a date, at the same times and place."""

    id: str
    title: str
    dates: tuple[datetime.date, ...]
    #: Minutes after midnight, or None for a meeting whose times each school sets.
    start: int | None = None
    end: int | None = None
    venue: str = ""
    #: The joining address of a meeting held online.
    link: str = ""
    summary: str = ""


def read_date(value: object) -> datetime.date | None:
    """A date from YAML (a date) or an ISO string "YYYY-MM-DD"; None when it is neither."""
    if isinstance(value, datetime.datetime):
        return None
    if isinstance(value, datetime.date):
        return value
    match = ISO_DATE.fullmatch(str(value).strip())
    if match is None:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def school_year(edition: str) -> tuple[datetime.date, datetime.date] | None:
    """1 September to 31 August of an edition such as "2026/27", or None if it names no year."""
    match = _EDITION.fullmatch(edition.strip())
    if match is None:
        return None
    first, second = int(match.group(1)), match.group(2)
    following = first + 1
    if int(second) != (following if len(second) == 4 else following % 100):
        return None
    return datetime.date(first, 9, 1), datetime.date(first + 1, 8, 31)


def long_date(day: datetime.date, words: Wording | None = None) -> str:
    """A date in full as the theme writes it: 'Thursday 24 September 2026'."""
    return format_date(day, _table(words).date_long_format)


def date_span(first: datetime.date, last: datetime.date, words: Wording | None = None) -> str:
    """Two dates as one span: 'Monday 28 September to Friday 16 October 2026'."""
    table = _table(words)
    if first == last:
        return long_date(first, table)
    same_year = first.year == last.year
    opening = format_date(
        first, table.date_long_in_year_format if same_year else table.date_long_format
    )
    return f"{opening} {table.date_to} {long_date(last, table)}"


def short_span(first: datetime.date, last: datetime.date, words: Wording | None = None) -> str:
    """Two dates as a short span for narrow columns: 'Mon 28 Sep to Fri 16 Oct 2026'."""
    table = _table(words)
    if first == last:
        return format_date(first, table.date_short_format)
    same_year = first.year == last.year
    opening = format_date(
        first, table.date_short_in_year_format if same_year else table.date_short_format
    )
    return f"{opening} {table.date_to} {format_date(last, table.date_short_format)}"


_DATE_FIELDS = re.compile(r"%(weekday|wkd|day|month|mon|year)\b")


def format_date(day: datetime.date, pattern: str) -> str:
    """A date written by a pattern from theme/wording.yml such as '%weekday %day %month'.

    The fields are looked up, never evaluated, so a programme's own pattern is safe.
    """
    values = {
        "weekday": f"{day:%A}",
        "wkd": f"{day:%a}",
        "day": str(day.day),
        "month": f"{day:%B}",
        "mon": f"{day:%b}",
        "year": str(day.year),
    }
    return _DATE_FIELDS.sub(lambda field: values[field[1]], pattern)


def _table(words: Wording | None) -> Wording:
    return words if words is not None else wording({})
