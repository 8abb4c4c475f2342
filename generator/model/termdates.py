"""The school year as data: terms, half-terms, INSET days and bank holidays.

A programme (and, later, each partnership) states its own term dates under `school_year:` in
content/programme.yml; bank holidays for England or for Wales come from the `holidays`
package, never from a hand-typed list. A SchoolYear is a value: the checks and the key dates
are handed one, so two partnerships can each have their own.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from types import MappingProxyType
from typing import Any

from generator.model.schoolyear import read_date, school_year
from generator.store import Store

#: The nations whose bank holidays a programme may follow, by the name programme.yml uses,
#: with the `holidays` package's subdivision of the United Kingdom.
REGIONS = {"england": "ENG", "wales": "WLS"}
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Term:
    """One term, from its first to its last day, with the half-term holiday inside it."""

    name: str
    first_day: datetime.date
    last_day: datetime.date
    half_term: tuple[datetime.date, datetime.date] | None = None


@dataclass(frozen=True)
class SchoolYear:
    """The days a school is open: within a term, on a weekday, and not closed that day."""

    terms: tuple[Term, ...]
    inset_days: frozenset[datetime.date] = frozenset()
    bank_holidays: Mapping[datetime.date, str] = field(default_factory=dict)
    region: str = "england"

    def closure(self, day: datetime.date) -> str:
        """Why a school is closed to pupils on a day, or '' on a school day."""
        if day.weekday() >= 5:
            return f"a {day:%A}"
        if day in self.bank_holidays:
            return f"a bank holiday ({self.bank_holidays[day]})"
        term = self.term_of(day)
        if term is None:
            return f"in the holidays between terms ({self.between(day)})"
        if term.half_term and term.half_term[0] <= day <= term.half_term[1]:
            return f"in the {term.name.lower()} half-term"
        if day in self.inset_days:
            return "an INSET (training) day"
        return ""

    def is_school_day(self, day: datetime.date) -> bool:
        """True on a day pupils are in school."""
        return not self.closure(day)

    def term_of(self, day: datetime.date) -> Term | None:
        """The term a day falls in (half-term included), or None in the holidays."""
        return next((t for t in self.terms if t.first_day <= day <= t.last_day), None)

    def between(self, day: datetime.date) -> str:
        """Which terms a holiday day falls between, in words."""
        before = [t for t in self.terms if t.last_day < day]
        after = [t for t in self.terms if t.first_day > day]
        if not before:
            return f"before the {after[0].name.lower()} begins" if after else "no term"
        if not after:
            return f"after the {before[-1].name.lower()} ends"
        return f"after the {before[-1].name.lower()}, before the {after[0].name.lower()}"

    def school_days(self, start: datetime.date, step: int) -> Iterator[datetime.date]:
        """School days from the day after (step 1) or before (step -1) `start`, in order."""
        first, last = self.terms[0].first_day, self.terms[-1].last_day
        day = start + step * ONE_DAY
        while first <= day <= last:
            if self.is_school_day(day):
                yield day
            day += step * ONE_DAY

    def count_school_days(self, start: datetime.date, count: int) -> datetime.date | None:
        """The school day `count` school days after `start` (before, when negative);
        None when the year ends first."""
        step = 1 if count >= 0 else -1
        for number, day in enumerate(self.school_days(start, step), start=1):
            if number == abs(count):
                return day
        return None if count else start


def school_year_of(data: Any, store: Store | None = None) -> SchoolYear | None:
    """The school year stated under `school_year:` of programme.yml data, or None without one.

    Reads only what the schema let through; unreadable dates leave their term out. `store`,
    when given, remembers the bank holidays (see `bank_holidays`).
    """
    stated = data.get("school_year") if isinstance(data, dict) else None
    if not isinstance(stated, dict):
        return None
    terms = tuple(t for t in map(_term, stated.get("terms") or ()) if t is not None)
    if not terms:
        return None
    region = str(stated.get("bank_holidays", "england"))
    years = tuple(sorted({terms[0].first_day.year, terms[-1].last_day.year}))
    inset = (read_date(d) for d in stated.get("inset_days") or ())
    return SchoolYear(
        terms=terms,
        inset_days=frozenset(d for d in inset if d is not None),
        bank_holidays=bank_holidays(region, years, store),
        region=region,
    )


def _term(data: Any) -> Term | None:
    if not isinstance(data, dict):
        return None
    first, last = read_date(data.get("first_day")), read_date(data.get("last_day"))
    if first is None or last is None:
        return None
    half = data.get("half_term")
    half_term = None
    if isinstance(half, dict):
        start, end = read_date(half.get("first_day")), read_date(half.get("last_day"))
        half_term = (start, end) if start and end else None
    return Term(name=str(data.get("name", "")), first_day=first, last_day=last,
                half_term=half_term)  # fmt: skip


def bank_holidays(
    region: str, years: tuple[int, ...], store: Store | None = None
) -> Mapping[datetime.date, str]:
    """The bank holidays of England or Wales in the given years, from the `holidays` package.

    Imported here, not at the top: only a programme with dates needs it, and it is slow to load.
    With a `store`, the answer is remembered under the package's version, the region and the
    years, so a later run reads it back without importing the package at all.
    """
    store = Store.nowhere() if store is None else store
    subdiv = REGIONS.get(region, "ENG")
    key = store.key("bank-holidays", _holidays_version(), subdiv, *map(str, years))
    found = store.load(key, _holiday_dates)
    if found is None:
        found = _computed_holidays(subdiv, years)
        store.save(key, [[day.isoformat(), name] for day, name in found.items()])
    return MappingProxyType(found)


def _holidays_version() -> str:
    try:
        return f"holidays={metadata.version('holidays')}"
    except metadata.PackageNotFoundError:
        return "holidays=absent"


def _computed_holidays(subdiv: str, years: tuple[int, ...]) -> dict[datetime.date, str]:
    import holidays

    found = holidays.country_holidays("GB", subdiv=subdiv, years=years)
    return dict(sorted(found.items()))


def _holiday_dates(value: Any) -> dict[datetime.date, str]:
    """Stored bank holidays back as dates; anything not of that shape raises."""
    return {datetime.date.fromisoformat(day): str(name) for day, name in value}


def whole_year(
    first: datetime.date, last: datetime.date, region: str = "england", store: Store | None = None
) -> SchoolYear:
    """A school year with no term dates stated: one term from `first` to `last`, closed only
    at weekends and on bank holidays."""
    years = tuple(sorted({first.year, last.year}))
    return SchoolYear(
        terms=(Term(name="School year", first_day=first, last_day=last),),
        bank_holidays=bank_holidays(region, years, store),
        region=region,
    )


def year_of(data: Any, store: Store | None = None) -> SchoolYear | None:
    """A programme's school year: its term dates, or else the edition's year closed only at
    weekends and on bank holidays; None when the edition names no year. `store` remembers
    the bank holidays between runs."""
    stated = school_year_of(data, store)
    if stated is not None:
        return stated
    span = school_year(str(data.get("edition", ""))) if isinstance(data, dict) else None
    return whole_year(*span, store=store) if span else None
