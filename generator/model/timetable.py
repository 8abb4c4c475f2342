"""Training days by the clock: a day's start, breaks and modules laid out as a running order.

Times are minutes after midnight. The same layout serves validation (on raw documents) and
the model (on modules), so what is checked is exactly what is printed.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.model.schoolyear import read_date
from generator.model.wording import theme_wording

#: A 24-hour time of day as programme.yml writes it: "09:15", "13:30".
TIME_PATTERN = r"([01]?[0-9]|2[0-3]):[0-5][0-9]"
#: Minutes a day may run without a break before validation warns, unless programme.yml says.
LONGEST_WITHOUT_BREAK = 120


def clock(minutes: int) -> str:
    """Minutes as h:mm: a time of day (555 -> '9:15') or a running time (95 -> '1:35')."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def read_clock(text: str) -> int:
    """Minutes after midnight of a time written "HH:MM" (already validated)."""
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


@dataclass(frozen=True)
class Break:
    """A day's break: what it is, how long, and where it goes (a time, or after a module)."""

    kind: str
    minutes: int
    at: int | None = None
    after: str = ""

    @property
    def label(self) -> str:
        """The break as the theme words it, for diagnostics: 'Morning break', 'Lunch'.

        Readers see the programme's own words: a running order's rows carry the wording key.
        """
        return theme_wording().get(f"break_{self.kind}", self.kind)


@dataclass(frozen=True)
class DayPlan:
    """How one training day runs, as programme.yml states it: date, times and breaks."""

    day_id: str
    date: datetime.date | None = None
    arrival: int | None = None
    start: int | None = None
    end: int | None = None
    breaks: tuple[Break, ...] = ()

    @property
    def timed(self) -> bool:
        """True when the day has a start and an end, so it has a running order."""
        return self.start is not None and self.end is not None


@dataclass(frozen=True)
class Block:
    """A module as a running order sees it: its sessions as (title, minutes, activity)."""

    module_id: str
    title: str
    sessions: tuple[tuple[str, int, str], ...]


@dataclass(frozen=True)
class Slot:
    """One row of a running order: arrival, a session, a break or the close."""

    kind: str
    start: int
    minutes: int
    title: str
    module_id: str = ""
    module_title: str = ""
    activity: str = ""

    @property
    def end(self) -> int:
        """When the slot ends, in minutes after midnight."""
        return self.start + self.minutes


@dataclass(frozen=True)
class Misplaced:
    """A break that cannot go where the day says: which one, and why."""

    index: int
    field: str
    message: str
    hint: str
    #: The check's code (generator/codes.py).
    code: str


@dataclass(frozen=True)
class Layout:
    """A day laid out: its slots in order and the breaks that did not fit."""

    slots: tuple[Slot, ...]
    problems: tuple[Misplaced, ...]
    finish: int


def day_plan(data: Mapping[str, Any]) -> DayPlan:
    """The plan of a training day from its validated entry in programme.yml."""
    times = {key: read_clock(data[key]) for key in ("arrival", "start", "end") if key in data}
    if "length" in data and "start" in times:
        times["end"] = times["start"] + data["length"]
    breaks = tuple(
        Break(
            b["kind"],
            b["minutes"],
            read_clock(b["at"]) if "at" in b else None,
            b.get("after", ""),
        )
        for b in data.get("breaks") or ()
    )
    date = read_date(data["date"]) if "date" in data else None
    return DayPlan(data["id"], date, breaks=breaks, **times)


class _Day:
    """The layout in progress: the clock, the slots so far and the breaks still to place."""

    def __init__(self, plan: DayPlan) -> None:
        assert plan.start is not None
        self.plan, self.now = plan, plan.start
        self.slots: list[Slot] = []
        self.problems: list[Misplaced] = []
        self.placed: set[int] = set()
        self.last_break = -1
        self.break_slot: Slot | None = None

    def add(self, slot: Slot) -> None:
        self.slots.append(slot)
        self.now = slot.end

    def take_break(self, index: int) -> None:
        taken = self.plan.breaks[index]
        self.placed.add(index)
        self.last_break = index
        self.break_slot = Slot("break", self.now, taken.minutes, taken.label, activity=taken.kind)
        self.add(self.break_slot)

    def breaks_due(self) -> None:
        """Place every break timed for now; report one whose time passed inside a session."""
        for index, planned in enumerate(self.plan.breaks):
            if index in self.placed or planned.at is None or planned.at > self.now:
                continue
            if planned.at < self.now:
                self.problems.append(_inside(index, planned, self.slots[-1]))
            self.take_break(index)

    def breaks_after(self, module_id: str) -> None:
        for index, planned in enumerate(self.plan.breaks):
            if index not in self.placed and planned.after == module_id:
                self.take_break(index)


def lay_out(plan: DayPlan, blocks: Sequence[Block]) -> Layout:
    """The running order of a timed day: arrival, sessions and breaks, then the close."""
    day = _Day(plan)
    assert plan.start is not None
    early = [i for i, b in enumerate(plan.breaks) if b.at is not None and b.at < plan.start]
    for index in early:
        day.placed.add(index)
        day.problems.append(_too_early(index, plan.breaks[index], plan.start))
    if plan.arrival is not None and plan.arrival < plan.start:
        day.slots.append(Slot("arrival", plan.arrival, plan.start - plan.arrival, _word("arrival")))
    for block in blocks:
        for title, minutes, activity in block.sessions:
            day.breaks_due()
            kind = "break" if activity == "break" else "session"
            day.add(Slot(kind, day.now, minutes, title, block.module_id, block.title, activity))
        day.breaks_after(block.module_id)
    day.problems.extend(_left_over(plan, day, [b.module_id for b in blocks]))
    closing = plan.end if plan.end is not None else day.now
    slots = (*day.slots, Slot("close", closing, 0, _word("close")))
    return Layout(slots, tuple(day.problems), day.now)


def _word(key: str) -> str:
    """The theme's words for a slot that is not a session, as diagnostics name it."""
    return theme_wording()[key]


def _inside(index: int, planned: Break, slot: Slot) -> Misplaced:
    where = f"'{slot.title}'" + (f" ({slot.module_title})" if slot.module_title else "")
    return Misplaced(
        index,
        "at",
        f"{planned.label} at {clock(planned.at or 0)} falls inside {where}, "
        f"which runs {clock(slot.start)} to {clock(slot.end)}",
        f'start it at "{clock(slot.start)}" or "{clock(slot.end)}", when a session changes',
        "timetable.break-inside-session",
    )


def _too_early(index: int, planned: Break, start: int) -> Misplaced:
    return Misplaced(
        index,
        "at",
        f"{planned.label} at {clock(planned.at or 0)} comes before the day starts at "
        f"{clock(start)}",
        "give a time after the start, between two sessions",
        "timetable.break-before-start",
    )


def _left_over(plan: DayPlan, day: _Day, module_ids: list[str]) -> list[Misplaced]:
    """Breaks after the last session, or after a module that is not on the day."""
    found = []
    for index, planned in enumerate(plan.breaks):
        field = "at" if planned.at is not None else "after"
        if index not in day.placed and planned.at is not None:
            day.take_break(index)
        if index not in day.placed:
            known = ", ".join(module_ids) or "none"
            message = f"{planned.label} follows '{planned.after}', not a module of this day"
            hint, code = f"modules of this day: {known}", "timetable.break-not-on-day"
            found.append(Misplaced(index, field, message, hint, code))
        elif day.last_break == index and day.slots[-1] == day.break_slot:
            where = f" at {clock(planned.at)}" if planned.at is not None else ""
            message = f"{planned.label}{where} comes after the last session"
            hint, code = "put it between two sessions", "timetable.break-after-last"
            found.append(Misplaced(index, field, message, hint, code))
    return found


def stretches(slots: Sequence[Slot]) -> list[tuple[Slot, Slot]]:
    """Each run of sessions between breaks, as (first session, last session)."""
    runs: list[tuple[Slot, Slot]] = []
    first: Slot | None = None
    last: Slot | None = None
    for slot in slots:
        if slot.kind == "session":
            first, last = first or slot, slot
        elif first is not None and last is not None:
            runs.append((first, last))
            first = last = None
    if first is not None and last is not None:
        runs.append((first, last))
    return runs


@dataclass(frozen=True)
class Row:
    """A line of a printed or published running order, module headings included."""

    kind: str
    time: str
    title: str
    activity: str = ""
    minutes: int | None = None
    module_id: str = ""
    #: The wording key that names a row which is not a session: `arrival`, `break_lunch`.
    word: str = ""
    #: A module heading's number on the day.
    number: int = 0


def running_rows(
    slots: Sequence[Slot], activities: Mapping[str, str] | None = None
) -> tuple[Row, ...]:
    """A running order as readers see it: each module opens with a heading row.

    Sessions show "9:00–9:25", the close shows its time alone; a module's heading row
    carries its title, number on the day and length, and has no time of its own. Templates
    word the rows (theme/templates/day.md.j2 and print/running-order.md.j2).
    """
    numbers: dict[str, int] = {}
    totals: dict[str, int] = {}
    for slot in slots:
        if slot.module_id:
            numbers.setdefault(slot.module_id, len(numbers) + 1)
            totals[slot.module_id] = totals.get(slot.module_id, 0) + slot.minutes
    rows: list[Row] = []
    current = ""
    for slot in slots:
        if slot.module_id and slot.module_id != current:
            rows.append(Row("module", "", slot.module_title, minutes=totals[slot.module_id],
                            module_id=slot.module_id, number=numbers[slot.module_id]))  # fmt: skip
        current = slot.module_id or current
        rows.append(_row(slot, activities or {}))
    return tuple(rows)


def _row(slot: Slot, activities: Mapping[str, str]) -> Row:
    if slot.kind == "close":
        return Row("close", clock(slot.start), slot.title, word="close")
    activity = activities.get(slot.activity, "") if slot.kind == "session" else ""
    when = f"{clock(slot.start)}–{clock(slot.end)}"
    word = _WORDS.get(slot.kind, "").format(slot.activity) if not slot.module_id else ""
    return Row(slot.kind, when, slot.title, activity, slot.minutes, slot.module_id, word)


#: The wording key of each kind of row that is not a module's session.
_WORDS = {"arrival": "arrival", "break": "break_{}"}
