"""Stage 2, check: programme.yml's training days by the clock, and its calendar dates.

Runs on documents that passed their schema, beside the cross-reference checks. A timed day's
modules and breaks must fill exactly the length it states, each break must fall between two
sessions, and a warning marks any stretch longer than `longest_without_break` (120 minutes
unless programme.yml says otherwise). Every date must exist, days and windows must be in
order, and all must fall within the edition's school year (1 September to 31 August).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from generator.check.crossref import Checker
from generator.errors import Diagnostic
from generator.load.positions import FieldPath, date_problem
from generator.load.sources import SourceDocument
from generator.model.schoolyear import long_date, read_date, school_year
from generator.model.timetable import (
    LONGEST_WITHOUT_BREAK,
    Block,
    DayPlan,
    Slot,
    clock,
    day_plan,
    lay_out,
    read_clock,
    stretches,
)

Blocks = dict[str, list[Block]]


def check_programme(docs: list[SourceDocument], modules_known: bool) -> list[Diagnostic]:
    """Timetable and calendar problems in programme.yml.

    `modules_known` is False when a module could not be read: its minutes are unknown, so no
    day is measured rather than one reported wrongly.
    """
    found: list[Diagnostic] = []
    programme = next((doc for doc in docs if doc.kind == "programme"), None)
    if programme is None:
        return found
    check = Checker(programme, found)
    data = programme.data
    blocks = _blocks(docs) if modules_known else None
    limit = data.get("longest_without_break", LONGEST_WITHOUT_BREAK)
    for index, day in enumerate(data["training_days"]):
        if _times_readable(check, index, day) and "start" in day and blocks is not None:
            _check_fit(check, index, day, day_plan(day), blocks.get(day["id"], []), limit)
    _check_dates(check)
    return found


def _blocks(docs: list[SourceDocument]) -> Blocks:
    """Each day's modules in programme order, as the running order lays them out."""
    modules = sorted(
        (doc.data for doc in docs if doc.kind == "module"),
        key=lambda m: (m.get("order", 99), m["id"]),
    )
    found: Blocks = defaultdict(list)
    for module in (m for m in modules if "day" in m):  # an unscheduled module takes no time
        sessions = tuple((s["title"], s["minutes"], s["activity"]) for s in module["sessions"])
        found[module["day"]].append(Block(module["id"], module["title"], sessions))
    return found


def _times_readable(check: Checker, index: int, day: dict[str, Any]) -> bool:
    """Report start, end, length, arrival and breaks that cannot make a timetable."""
    before = len(check.found)
    path: FieldPath = ("training_days", index)
    timed = [key for key in ("arrival", "end", "length", "breaks") if key in day]
    if "start" not in day:
        for key in timed:
            message = f"`{key}` needs a start time"
            check.error((*path, key), message, 'add start: "09:15"', code="timetable.needs-start")
    elif "end" in day and "length" in day:
        message = "give `end` or `length`, not both"
        check.error(
            (*path, "length"), message, "remove one of them", code="timetable.end-and-length"
        )
    elif "end" not in day and "length" not in day:
        hint = 'add end: "15:30", or length in minutes'
        message = "the day has a start but no `end` or `length`"
        check.error((*path, "start"), message, hint, code="timetable.no-end")
    elif "end" in day and read_clock(day["end"]) <= read_clock(day["start"]):
        message = f"the day ends at {day['end']}, before it starts at {day['start']}"
        hint = "give the time the day closes, after the start"
        check.error((*path, "end"), message, hint, code="timetable.ends-before-start")
    opens, starts = day.get("arrival"), day.get("start")
    if opens and starts and read_clock(opens) > read_clock(starts):
        message = f"arrival at {day['arrival']} is after the start at {day['start']}"
        hint = "registration opens before the first session"
        check.error((*path, "arrival"), message, hint, code="timetable.arrival-after-start")
    for number, planned in enumerate(day.get("breaks") or []):
        _check_place(check, (*path, "breaks", number), planned)
    return len(check.found) == before


def _check_place(check: Checker, path: FieldPath, planned: dict[str, Any]) -> None:
    if "at" in planned and "after" in planned:
        message = "give `at` or `after`, not both"
        check.error(
            (*path, "after"), message, "remove one of them", code="timetable.break-at-and-after"
        )
    elif "at" not in planned and "after" not in planned:
        hint = 'add at: "12:15" (a time between two sessions) or after: followed by a module id'
        message = "the break needs `at` or `after` to place it"
        check.error(path, message, hint, code="timetable.break-unplaced")


def _check_fit(
    check: Checker, index: int, day: dict[str, Any], plan: DayPlan, blocks: list[Block], limit: int
) -> None:
    """The day's modules and breaks fill its stated length; no stretch runs too long.

    Every problem of the day is reported in one round, each opening with the day's id.
    """
    assert plan.start is not None and plan.end is not None
    path: FieldPath = ("training_days", index)
    name = day["id"]
    layout = lay_out(plan, blocks)
    for problem in layout.problems:
        where = (*path, "breaks", problem.index, problem.field)
        check.error(where, f"{name}: {problem.message}", problem.hint, code=problem.code)
    taken, stated = layout.finish - plan.start, plan.end - plan.start
    if taken != stated:
        field = "end" if "end" in day else "length"
        message = (
            f"{name}: the modules and breaks take {taken} minutes ({clock(plan.start)} to "
            f"{clock(layout.finish)}) but the day runs {stated} minutes "
            f"({clock(plan.start)} to {clock(plan.end)}){_overflow(layout.slots, plan.end)}"
        )
        hint = _fit_hint(field, taken, stated, layout.finish)
        check.error((*path, field), message, hint, code="timetable.length-mismatch")
    where = (*path, "breaks") if "breaks" in day else (*path, "start")
    for first, last in stretches(layout.slots):
        if last.end - first.start > limit:
            message = (
                f"{name}: the day runs {last.end - first.start} minutes without a break, from "
                f"{clock(first.start)} ('{first.title}') to {clock(last.end)} ('{last.title}')"
            )
            hint = f"add or move a break: longest_without_break is {limit} minutes"
            check.warn(where, message, hint, code="timetable.long-stretch")


def _overflow(slots: tuple[Slot, ...], end: int) -> str:
    """Which module runs past the day's end, said after the numbers; empty when none does."""
    over = next((s for s in slots if s.module_id and s.end > end), None)
    if over is None:
        return ""
    return (
        f"; module '{over.module_id}' runs past {clock(end)}: its session '{over.title}' "
        f"ends at {clock(over.end)}"
    )


def _fit_hint(field: str, taken: int, stated: int, finish: int) -> str:
    if field == "length":
        return f"set length to {taken}, or change the sessions or breaks"
    if taken > stated:
        return (
            f"shorten a module or a break by {taken - stated} minutes, or end the day at "
            f'"{clock(finish)}"'
        )
    return f'end the day at "{clock(finish)}", or lengthen a break or a session'


def _check_dates(check: Checker) -> None:
    """Dates exist, days and windows are in order, and all fall within the school year."""
    data = check.doc.data
    dates = _read_dates(check)
    if not dates:
        return
    year = school_year(data["edition"])
    if year is None:
        message = f"edition '{data['edition']}' does not name a school year, which dates need"
        check.error(("edition",), message, 'write the edition as "2026/27"', code="date.edition")
    else:
        for path, value in dates.items():
            _check_in_year(check, path, value, data["edition"], year)
    _check_day_order(check, dates)
    for index in range(len(data.get("windows") or [])):
        first, last = (dates.get(("windows", index, key)) for key in ("first_day", "last_day"))
        if first and last and last < first:
            message = f"the window ends on {last}, before it starts on {first}"
            hint = "swap the dates, or correct one"
            check.error(("windows", index, "last_day"), message, hint, code="date.window-order")
    _check_window_ids(check)


def _read_dates(check: Checker) -> dict[FieldPath, datetime.date]:
    """Every date in programme.yml by its path; each one that is not a real date reported."""
    data = check.doc.data
    fields: list[tuple[FieldPath, Any]] = [
        (("training_days", i, "date"), day["date"])
        for i, day in enumerate(data["training_days"])
        if "date" in day
    ]
    for i, window in enumerate(data.get("windows") or []):
        fields += [(("windows", i, key), window[key]) for key in ("first_day", "last_day")]
    found = {}
    for path, value in fields:
        date = read_date(value)
        if date is None:
            message, hint, code = _not_a_date(value)
            check.error(path, message, hint, code=code)
        else:
            found[path] = date
    return found


def _not_a_date(value: Any) -> tuple[str, str, str]:
    if isinstance(value, datetime.datetime):
        hint = "write the date as YYYY-MM-DD"
        return "give a date without a time of day", hint, "date.time-of-day"
    return (*date_problem(str(value)), "date.invalid")


def _check_in_year(
    check: Checker,
    path: FieldPath,
    value: datetime.date,
    edition: str,
    year: tuple[datetime.date, datetime.date],
) -> None:
    first, last = year
    if not first <= value <= last:
        message = (
            f"{value.isoformat()} is outside the {edition} school year "
            f"({long_date(first)} to {long_date(last)})"
        )
        hint = "a school year runs from 1 September to 31 August"
        check.error(path, message, hint, code="date.outside-year")
    elif path[0] == "training_days" and value.weekday() >= 5:
        message = f"{value.isoformat()} is a {value:%A}"
        hint = "training days fall on school days; check the date"
        check.warn(path, message, hint, code="date.weekend")


def _check_day_order(check: Checker, dates: dict[FieldPath, datetime.date]) -> None:
    days = check.doc.data["training_days"]
    previous: tuple[str, datetime.date] | None = None
    for index, day in enumerate(days):
        date = dates.get(("training_days", index, "date"))
        if date is None:
            continue
        if previous is not None and date <= previous[1]:
            message = (
                f"{day['id']} is on {date.isoformat()}, not after {previous[0]} "
                f"({previous[1].isoformat()})"
            )
            hint = "list the training days in date order, or correct the date"
            check.error(("training_days", index, "date"), message, hint, code="date.order")
        previous = (day["id"], date)


def _check_window_ids(check: Checker) -> None:
    seen: dict[str, int] = {}
    for index, window in enumerate(check.doc.data.get("windows") or []):
        line = check.doc.marks.value(("windows", index, "id")).line
        first = seen.setdefault(window["id"], line)
        if first != line:
            message = f"duplicate window id '{window['id']}' (first used on line {first})"
            hint = "give each window its own id"
            check.error(("windows", index, "id"), message, hint, code="ref.duplicate-id")
