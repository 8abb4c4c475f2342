"""A date as an editor writes it (YYYY-MM-DD), and what to say when one is wrong."""

from __future__ import annotations

import calendar
import datetime
import re

#: A date as editors write it: YYYY-MM-DD.
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def date_problem(text: str) -> tuple[str, str]:
    """What is wrong with a text that should be a date, and how to fix it."""
    match = ISO_DATE.fullmatch(text.strip())
    if match is None:
        return f"'{text}' is not a date", "write the date as YYYY-MM-DD, for example 2026-09-24"
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return f"'{text}' is not a date: there is no month {month}", "months run from 01 to 12"
    days = calendar.monthrange(year, month)[1]
    name = datetime.date(year, month, 1).strftime("%B")
    return (
        f"'{text}' is not a date: {name} {year} has {days} days",
        "check the day and the month; dates are written YYYY-MM-DD",
    )
