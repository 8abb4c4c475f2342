"""Stage 2, check: the school year, the training days and windows against it, and the dates
that follow from the rules.

Runs on a programme.yml that passed its schema. Term dates must be in order with each
half-term inside its term; a training day on a closure day or outside term is an error; a
window that starts or ends outside term is a warning. Each step a fact fixes relative to a
visit is dated for the earliest and the latest visit of every window of its kind
(generator/model/keydates.py), and a warning marks a step that falls in a holiday or after
an event that needs it.
"""

from __future__ import annotations

import datetime
from typing import Any

from generator.check.crossref import Checker
from generator.check.facts import fact_text
from generator.errors import Diagnostic
from generator.load.positions import FieldPath
from generator.load.sources import SourceDocument
from generator.model.keydates import KeyDate, Step, key_dates, read_amount, steps_of
from generator.model.schoolyear import Window, format_date, read_date, school_year
from generator.model.termdates import SchoolYear, year_of
from generator.store import Store

#: Numbers as facts write them, so "three weeks" is seen to say 3.
NUMBER_WORDS = (
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    + ["eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"]
    + ["eighteen", "nineteen", "twenty"]
)


def check_school_year(docs: list[SourceDocument], store: Store | None = None) -> list[Diagnostic]:
    """Problems with the school year, the dates against it, and the steps the rules fix.

    `store` remembers the bank holidays, so a warm run does not load the `holidays` package."""
    found: list[Diagnostic] = []
    programme = next((doc for doc in docs if doc.kind == "programme"), None)
    if programme is None:
        return found
    check = Checker(programme, found)
    year = year_of(programme.data, store)
    if year is None:
        return found
    if "school_year" in programme.data:
        _check_terms(check, year)
    _check_days(check, year)
    _check_windows(check, year)
    _check_steps(check, year)
    return found


def _check_terms(check: Checker, year: SchoolYear) -> None:
    previous: datetime.date | None = None
    for index, term in enumerate(year.terms):
        path: FieldPath = ("school_year", "terms", index)
        if term.last_day < term.first_day or (previous and term.first_day <= previous):
            message = f"the {term.name} runs from {term.first_day} to {term.last_day}"
            hint = "list the terms in order, each ending after it starts and after the last"
            check.error((*path, "last_day"), message, hint, code="year.term-dates")
        half = term.half_term
        if half and not term.first_day <= half[0] <= half[1] <= term.last_day:
            message = f"the half-term {half[0]} to {half[1]} is not inside the {term.name}"
            hint = "a half-term starts and ends within its term"
            check.error((*path, "half_term"), message, hint, code="year.term-dates")
        previous = term.last_day
    for day in sorted(year.inset_days):
        if year.term_of(day) is None:
            message = f"the INSET day {day} is not in any term"
            hint = "INSET days are school days without pupils, so they fall within a term"
            check.error(("school_year", "inset_days"), message, hint, code="year.term-dates")


def _check_days(check: Checker, year: SchoolYear) -> None:
    """A training day on a closure day, or outside term, is refused."""
    for index, day in enumerate(check.doc.data["training_days"]):
        date = read_date(day.get("date"))
        if date is None or date.weekday() >= 5 or not _in_edition(check, date):
            continue  # unreadable dates, weekends and other years have their own codes
        path: FieldPath = ("training_days", index, "date")
        closure = year.closure(date)
        if year.term_of(date) is None:
            message = f"{day['id']} is on {_day(date)}, {closure}"
            hint = "training days fall in term time: move it into a term"
            check.error(path, message, hint, code="year.outside-term")
        elif closure:
            message = f"{day['id']} is on {_day(date)}, {closure}"
            hint = _nearest_hint(year, date, "move it to a school day")
            check.error(path, message, hint, code="year.closure-day")


def _in_edition(check: Checker, date: datetime.date) -> bool:
    span = school_year(str(check.doc.data.get("edition", "")))
    return span is not None and span[0] <= date <= span[1]


def _nearest_hint(year: SchoolYear, date: datetime.date, action: str) -> str:
    before = next(year.school_days(date, -1), None)
    after = next(year.school_days(date, 1), None)
    near = [_day(d) for d in (before, after) if d is not None]
    return f"{action}, such as {' or '.join(near)}" if near else action


def _check_windows(check: Checker, year: SchoolYear) -> None:
    """A window that starts or ends outside term, or on a closure day, is a warning."""
    for index, window in enumerate(check.doc.data.get("windows") or ()):
        for key, step, verb in (("first_day", 1, "starts"), ("last_day", -1, "ends")):
            date = read_date(window.get(key))
            if date is None or not _in_edition(check, date) or not year.closure(date):
                continue
            message = f"{window['id']} {verb} on {_day(date)}, {year.closure(date)}"
            nearest = next(year.school_days(date, step), None)
            hint = f"let it {verb[:-1]} on a school day"
            if nearest is not None:
                hint += f", such as {_day(nearest)}"
            check.warn(("windows", index, key), message, hint, code="year.window-outside-term")


def _check_steps(check: Checker, year: SchoolYear) -> None:
    """Each step is written right, stated by its fact's text, and falls where it can be done."""
    data = check.doc.data
    facts = data.get("facts") or {}
    for name, value in facts.items():
        if isinstance(value, dict) and isinstance(value.get("step"), dict):
            _check_step_fields(check, name, value)
    steps = steps_of(facts)
    if not steps:
        return
    windows = _windows(data)
    events = _events(data)
    for dated in key_dates(steps, tuple(w for w, _ in windows), year):
        index = next(i for w, i in windows if w is dated.window)
        _check_key_date(check, dated, index, year, events)


def _check_step_fields(check: Checker, name: str, value: dict[str, Any]) -> None:
    step = value["step"]
    path: FieldPath = ("facts", name, "step")
    sides = [key for key in ("before", "after") if key in step]
    if len(sides) != 1:
        message = (
            "give `before` or `after`, once" if sides else "the step needs `before` or `after`"
        )
        hint = 'for example before: "3 school weeks" or after: "10 school days"'
        check.error(path, message, hint, code="rule.step-amount")
        return
    amount = read_amount(step[sides[0]])
    if amount is None:
        message = f"'{step[sides[0]]}' is not a number of days or weeks"
        hint = 'write "3 weeks", "4 school weeks", "2 days" or "10 school days"'
        check.error((*path, sides[0]), message, hint, code="rule.step-amount")
        return
    text = (fact_text(value) or "").lower()
    said = {str(amount.count), *NUMBER_WORDS[amount.count : amount.count + 1]}
    if not any(word in said for word in text.replace("-", " ").split()) or amount.unit not in text:
        message = f"the fact reads “{fact_text(value)}”, but its step says {amount.words}"
        hint = "state the same number and unit in the fact's text and in its step"
        check.warn((*path, sides[0]), message, hint, code="rule.step-text")
    for number, event in enumerate(step.get("needed_by") or ()):
        known = [*_event_ids(check.doc.data)]
        check.refers((*path, "needed_by", number), event, known, "training day or window")


def _windows(data: dict[str, Any]) -> list[tuple[Window, int]]:
    found = []
    for index, window in enumerate(data.get("windows") or ()):
        first, last = read_date(window.get("first_day")), read_date(window.get("last_day"))
        if first and last and first <= last:
            found.append(
                (Window(id=window["id"], title=window["title"], kind=window["kind"],
                        first_day=first, last_day=last), index)
            )  # fmt: skip
    return found


def _event_ids(data: dict[str, Any]) -> list[str]:
    days = [day["id"] for day in data.get("training_days") or ()]
    return days + [window["id"] for window in data.get("windows") or ()]


def _events(data: dict[str, Any]) -> dict[str, datetime.date]:
    """The first date of each training day and window, by id."""
    found = {}
    for day in data.get("training_days") or ():
        if (date := read_date(day.get("date"))) is not None:
            found[day["id"]] = date
    for window in data.get("windows") or ():
        if (date := read_date(window.get("first_day"))) is not None:
            found[window["id"]] = date
    return found


def _check_key_date(
    check: Checker, dated: KeyDate, index: int, year: SchoolYear, events: dict[str, datetime.date]
) -> None:
    step, day = dated.step, dated.day
    path: FieldPath = ("windows", index, "first_day" if dated.visit == "earliest" else "last_day")
    visit = f"the {dated.visit} visit of {dated.window.id} ({_day(dated.visit_day)})"
    where = f"the fact '{step.fact}' (content/programme.yml:{_fact_line(check, step)})"
    if day is None:
        message = f"{step.title}, {step.amount.words} from {visit}, falls outside the terms"
        hint = f"move the window, or change the step of {where}"
        check.warn(path, message, hint, code="rule.step-in-holiday")
        return
    closure = year.closure(day)
    if closure:
        message = f"{step.title} for {visit} falls on {_day(day)}, {closure}"
        hint = f"move the window, or count school weeks or days in the step of {where}"
        check.warn(path, message, hint, code="rule.step-in-holiday")
    for event in step.needed_by:
        needed = events.get(event)
        if needed is not None and day >= needed:
            message = (
                f"{step.title} for {visit} is due {_day(day)}, not before {event} "
                f"({_day(needed)}), which needs it"
            )
            hint = f"end the window earlier, or move {event} later"
            check.warn(path, message, hint, code="rule.step-too-late")


def _day(day: datetime.date) -> str:
    """A date in full for a message to an editor: 'Friday 26 March 2027'.

    Messages use one fixed pattern, so reading the theme's wording is not needed here.
    """
    return format_date(day, "%weekday %day %month %year")


def _fact_line(check: Checker, step: Step) -> int:
    return check.doc.marks.value(("facts", step.fact)).line
