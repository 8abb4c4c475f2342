"""The programme calendar as an iCalendar (.ics) file, through the icalendar library.

Re-importing the file updates entries rather than adding copies, because each UID comes
from the entry's id and the edition, never from the build. DTSTAMP is the source epoch, so
two builds of the same sources give the same bytes. Windows are all-day DATE ranges (DTEND
is the day after the last day, as iCalendar counts); training days are timed events in
Europe/London, from registration to close, with the zone's rules written out in a VTIMEZONE.
"""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import icalendar

from generator.model.calendar import key_date_details, key_date_title
from generator.model.keydates import KeyDate
from generator.model.objects import TrainingDay
from generator.model.schoolyear import Window
from generator.model.timetable import DayPlan, clock
from generator.model.wording import Wording, wording

ZONE = "Europe/London"
ONE_DAY = datetime.timedelta(days=1)


def calendar_ics(
    title: str,
    edition: str,
    days: tuple[TrainingDay, ...],
    plans: tuple[DayPlan, ...],
    windows: tuple[Window, ...],
    epoch: int,
    words: Wording | None = None,
    key_dates: tuple[KeyDate, ...] = (),
) -> bytes:
    """The .ics bytes of every dated training day and window of one edition."""
    words = words if words is not None else wording({})
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{title}//Programme calendar {edition}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{title} {edition}")
    calendar.add("x-wr-timezone", ZONE)
    calendar.add_component(london())
    stamp = datetime.datetime.fromtimestamp(epoch, tz=datetime.UTC)
    suffix = f"{_slug(edition)}@{_slug(title)}"
    for day in days:
        plan = next((p for p in plans if p.day_id == day.id), None)
        if plan is not None and plan.date is not None:
            uid = f"training-day-{day.id}-{suffix}"
            calendar.add_component(_day_event(day, plan, uid, stamp, words))
    for window in windows:
        calendar.add_component(_window_event(window, f"window-{window.id}-{suffix}", stamp))
    for dated in key_dates:
        if dated.day is not None:
            step, window = dated.step, dated.window
            uid = f"key-date-{step.fact}-{window.id}-{dated.visit}-{suffix}"
            calendar.add_component(_key_date_event(dated, uid, stamp, words))
    return bytes(calendar.to_ical())


def _key_date_event(
    dated: KeyDate, uid: str, stamp: datetime.datetime, words: Wording
) -> icalendar.Event:
    """A date that follows from a rule, as an all-day entry that does not block the diary."""
    assert dated.day is not None
    event = _event(uid, stamp, f"{key_date_title(dated, words)}: {dated.window.title}")
    event.add("dtstart", dated.day)
    event.add("dtend", dated.day + ONE_DAY)
    event.add("transp", "TRANSPARENT")
    event.add("description", key_date_details(dated, words))
    event.add("categories", [words.key_date])
    return event


def london() -> icalendar.Timezone:
    """Europe/London by its rules (BST from the last Sunday of March to that of October)."""
    zone = icalendar.Timezone()
    zone.add("tzid", ZONE)
    rules = (
        (icalendar.TimezoneDaylight(), "BST", 0, 1, datetime.datetime(1981, 3, 29, 1), 3),
        (icalendar.TimezoneStandard(), "GMT", 1, 0, datetime.datetime(1996, 10, 27, 2), 10),
    )
    for part, name, before, after, first, month in rules:
        part.add("tzname", name)
        part.add("tzoffsetfrom", datetime.timedelta(hours=before))
        part.add("tzoffsetto", datetime.timedelta(hours=after))
        part.add("dtstart", first)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1SU"})
        zone.add_component(part)
    return zone


def _day_event(
    day: TrainingDay, plan: DayPlan, uid: str, stamp: datetime.datetime, words: Wording
) -> icalendar.Event:
    assert plan.date is not None
    event = _event(uid, stamp, f"{day.label}: {day.title}")
    description = [day.summary]
    if plan.start is not None and plan.end is not None:
        opens = plan.arrival if plan.arrival is not None else plan.start
        event.add("dtstart", _at(plan.date, opens))
        event.add("dtend", _at(plan.date, plan.end))
        if plan.arrival is not None:
            description.append(f"{words.registration_from} {clock(plan.arrival)}.")
        sessions = f"{words.sessions_from} {clock(plan.start)}"
        description.append(f"{sessions}{words.list_separator}{words.close_at} {clock(plan.end)}.")
    else:
        event.add("dtstart", plan.date)
        event.add("dtend", plan.date + ONE_DAY)
    event.add("description", "\n\n".join(description))
    event.add("categories", [words.training_day])
    return event


def _window_event(window: Window, uid: str, stamp: datetime.datetime) -> icalendar.Event:
    event = _event(uid, stamp, window.title)
    event.add("dtstart", window.first_day)
    event.add("dtend", window.last_day + ONE_DAY)
    event.add("transp", "TRANSPARENT")
    if window.summary:
        event.add("description", window.summary)
    event.add("categories", [window.label])
    return event


def _event(uid: str, stamp: datetime.datetime, summary: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    return event


def _at(date: datetime.date, minutes: int) -> datetime.datetime:
    hours, rest = divmod(minutes, 60)
    return datetime.datetime(date.year, date.month, date.day, hours, rest, tzinfo=ZoneInfo(ZONE))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
