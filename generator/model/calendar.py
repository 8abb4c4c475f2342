"""The programme calendar as readers see it: training days and windows in date order.

The site's calendar page and the printable calendar show these same entries; the .ics
download is written from the same model (generator/export/ics.py).
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass

from generator.model.keydates import KeyDate
from generator.model.objects import Programme
from generator.model.schoolyear import date_span, format_date, short_span
from generator.model.timetable import clock
from generator.model.wording import Wording


@dataclass(frozen=True)
class Entry:
    """One dated line of the calendar: a training day or a window of the cycle."""

    first_day: datetime.date
    last_day: datetime.date
    title: str
    kind: str
    details: str
    day_id: str = ""
    #: The date or span in words: 'Thursday 24 September 2026'.
    when: str = ""
    #: The date or span for a narrow column: 'Mon 28 Sep to Fri 16 Oct 2026'.
    short_when: str = ""


def calendar_entries(programme: Programme) -> tuple[Entry, ...]:
    """Every dated training day and window, earliest first (a day before a window)."""
    entries = [_day_entry(programme, day.id) for day in programme.days]
    found = [e for e in entries if e is not None]
    found += [
        Entry(w.first_day, w.last_day, w.title, w.label, w.summary) for w in programme.windows
    ]
    found += [_key_entry(programme, dated) for dated in programme.key_dates if dated.day]
    words = programme.wording
    dated = (
        dataclasses.replace(
            e,
            when=date_span(e.first_day, e.last_day, words),
            short_when=short_span(e.first_day, e.last_day, words),
        )
        for e in found
    )
    return tuple(sorted(dated, key=lambda e: (e.first_day, e.day_id == "", e.last_day)))


def _key_entry(programme: Programme, dated: KeyDate) -> Entry:
    """A date that follows from a rule: the step, for which visit of which window."""
    assert dated.day is not None
    words = programme.wording
    return Entry(
        first_day=dated.day,
        last_day=dated.day,
        title=key_date_title(dated, words),
        kind=words.key_date,
        details=key_date_details(dated, words),
    )


def key_date_title(dated: KeyDate, words: Wording) -> str:
    """'Pre-review meeting (earliest visit)'."""
    return f"{dated.step.title} ({visit_words(dated, words)})"


def visit_words(dated: KeyDate, words: Wording) -> str:
    """'earliest visit' or 'latest visit', as the theme words them."""
    return words.earliest_visit if dated.visit == "earliest" else words.latest_visit


def key_date_details(dated: KeyDate, words: Wording) -> str:
    """The sentence saying what a key date follows from, filled in by plain replacement."""
    fields = {
        "{rule}": f"{dated.step.amount.words} {_side(dated, words)}",
        "{visit}": visit_words(dated, words),
        "{window}": dated.window.title,
        "{visit_day}": format_date(dated.visit_day, words.date_short_format),
    }
    text = words.key_date_details
    for field, value in fields.items():
        text = text.replace(field, value)
    return text


def _side(dated: KeyDate, words: Wording) -> str:
    return words.before_the_visit if dated.step.direction < 0 else words.after_the_visit


def _day_entry(programme: Programme, day_id: str) -> Entry | None:
    plan = programme.plan(day_id)
    if plan.date is None:
        return None
    day = next(d for d in programme.days if d.id == day_id)
    kind = programme.wording.training_day
    return Entry(plan.date, plan.date, f"{day.label}: {day.title}", kind,
                 day_times(programme, day_id), day.id)  # fmt: skip


def day_times(programme: Programme, day_id: str) -> str:
    """A day's hours in words: 'Arrive from 8:45; 9:15 to 15:30', or '' when untimed."""
    plan = programme.plan(day_id)
    if plan.start is None or plan.end is None:
        return ""
    words = programme.wording
    hours = f"{clock(plan.start)} {words.time_to} {clock(plan.end)}"
    if plan.arrival is None:
        return hours
    return f"{words.arrive_from} {clock(plan.arrival)}{words.list_separator}{hours}"
