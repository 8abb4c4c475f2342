"""Meetings in content/programme.yml: held on set dates (the headteachers' group each half
term), each date one entry in the calendar and one event in the .ics file."""

from __future__ import annotations

from typing import Any

from generator.check.schemas import Schema, calendar_date, identifier, label, text, time_of_day
from generator.model.schoolyear import Meeting, read_date
from generator.model.timetable import read_clock

MEETING: Schema = {
    "id": identifier("The meeting's id, which keeps its calendar entries stable"),
    "title": label("The meeting's title as the calendar shows it"),
    "summary": text("What the meeting is for", required=False),
    "dates": {
        "type": "list",
        "required": True,
        "minlength": 1,
        "schema": calendar_date("A date the meeting is held, YYYY-MM-DD"),
        "meta": {"description": "Every date the meeting is held in the edition's year"},
    },
    "start": time_of_day('When it starts, "HH:MM"'),
    "end": time_of_day('When it ends, "HH:MM"'),
    "venue": label("Where it is held, or Online", required=False),
    "link": {**text("The joining address of a meeting held online", required=False),
             "form": "web-address"},
}  # fmt: skip


def meeting_from(data: dict[str, Any]) -> Meeting:
    """The model of one validated entry of `meetings:`."""
    dates = (read_date(value) for value in data["dates"])
    return Meeting(
        id=data["id"],
        title=data["title"],
        dates=tuple(sorted(d for d in dates if d is not None)),
        start=read_clock(data["start"]) if "start" in data else None,
        end=read_clock(data["end"]) if "end" in data else None,
        venue=data.get("venue", ""),
        link=data.get("link", ""),
        summary=data.get("summary", "").strip(),
    )
