"""Dates that follow from rules: the steps a fact fixes relative to a visit, for each window.

A fact that carries a step (`step:` beside its `text:` in content/programme.yml) says when
something happens relative to a review visit: the self-review is shared four school weeks
before, the report is sent within ten school days after. For each window of the step's kind,
the step is dated for the earliest visit (the window's first day) and the latest (its last
day). School days and school weeks (five school days) are counted on the school year handed
in; days and weeks are counted on the calendar, so such a step may land in a holiday.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from generator.model.schoolyear import Window
from generator.model.termdates import SchoolYear

#: How a step's distance is written: "3 weeks", "4 school weeks", "10 school days".
AMOUNT = re.compile(r"(\d{1,3})\s+(school\s+)?(day|week)s?")


@dataclass(frozen=True)
class Amount:
    """A distance from a visit: a count of days or weeks, on the calendar or in school."""

    count: int
    unit: str
    school: bool

    @property
    def words(self) -> str:
        """The amount as written: '4 school weeks'."""
        return (
            f"{self.count} {'school ' if self.school else ''}{self.unit}{'s' * (self.count != 1)}"
        )


def read_amount(text: object) -> Amount | None:
    """An amount written as "10 school days", or None when it is not written so."""
    match = AMOUNT.fullmatch(" ".join(str(text).split()))
    if match is None:
        return None
    return Amount(count=int(match[1]), unit=match[3], school=bool(match[2]))


@dataclass(frozen=True)
class Step:
    """A step a fact fixes relative to the visits of one kind of window."""

    fact: str
    title: str
    window_kind: str
    amount: Amount
    #: -1 when the step comes before the visit, 1 after it.
    direction: int
    #: Ids of training days or windows that need the step done before them.
    needed_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class KeyDate:
    """One step dated for one visit of one window."""

    step: Step
    window: Window
    #: "earliest" or "latest": which visit of the window it is dated for.
    visit: str
    visit_day: datetime.date
    #: None when the count runs off the school year's terms.
    day: datetime.date | None


def steps_of(facts: Mapping[str, Any]) -> tuple[Step, ...]:
    """The steps declared on the facts of programme.yml data (unreadable ones left out)."""
    return tuple(step for name, value in facts.items() if (step := _step(name, value)))


def _step(name: str, value: Any) -> Step | None:
    declared = value.get("step") if isinstance(value, dict) else None
    if not isinstance(declared, dict):
        return None
    direction = -1 if "before" in declared else 1
    amount = read_amount(declared.get("before", declared.get("after")))
    if amount is None or not isinstance(declared.get("window"), str):
        return None
    needed = declared.get("needed_by") or ()
    return Step(
        fact=name,
        title=str(declared.get("title", name)),
        window_kind=declared["window"],
        amount=amount,
        direction=direction,
        needed_by=tuple(str(n) for n in needed) if isinstance(needed, list) else (),
    )


def key_dates(
    steps: tuple[Step, ...], windows: tuple[Window, ...], year: SchoolYear
) -> tuple[KeyDate, ...]:
    """Every step dated for the earliest and the latest visit of each window of its kind."""
    return tuple(_dated(steps, windows, year))


def _dated(
    steps: tuple[Step, ...], windows: tuple[Window, ...], year: SchoolYear
) -> Iterator[KeyDate]:
    for window in windows:
        for visit, day in (("earliest", window.first_day), ("latest", window.last_day)):
            for step in steps:
                if step.window_kind == window.kind:
                    yield KeyDate(step, window, visit, day, step_day(step, day, year))


def step_day(step: Step, visit: datetime.date, year: SchoolYear) -> datetime.date | None:
    """The day a step falls on for a visit on `visit`."""
    amount = step.amount
    if not amount.school:
        days = amount.count * (7 if amount.unit == "week" else 1)
        return visit + datetime.timedelta(days=step.direction * days)
    count = amount.count * (5 if amount.unit == "week" else 1)
    return year.count_school_days(visit, step.direction * count)
