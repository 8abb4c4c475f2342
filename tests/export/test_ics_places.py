"""The diary: every training day says where it is held and links to its page; meetings the
programme holds on set dates are in the calendar too."""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path

import icalendar
from conftest import FILES, write_project

from generator.cli.project import check, read_handbook
from generator.export.builders import day_addresses
from generator.export.ics import calendar_ics
from generator.model.calendar import calendar_entries
from generator.model.objects import Programme

PROGRAMME = "content/programme.yml"
DAY = """\
    summary: The first day.
    date: 2026-11-05
    start: "09:00"
    end: "10:00"
"""
MEETINGS = """\
        site_url: https://example.org/handbook/
        meetings:
          - id: heads
            title: Headteachers' meeting
            summary: The heads steer the partnership.
            dates: [2026-10-13, 2026-12-08]
            start: "16:00"
            end: "18:00"
            venue: Online
            link: https://meet.example.org/heads
"""


def programme_with(tmp_path: Path, place: str) -> Path:
    source = textwrap.dedent(FILES[PROGRAMME])
    day = "    summary: The first day.\n"
    assert day in source
    text = source.replace(day, DAY + place)
    return write_project(tmp_path / "p", {PROGRAMME: text + textwrap.dedent(MEETINGS)})


def calendar(programme: Programme) -> list[icalendar.Event]:
    data = calendar_ics(
        programme.title,
        programme.edition,
        programme.days,
        programme.plans,
        programme.windows,
        1_782_864_000,
        programme.wording,
        programme.key_dates,
        programme.meetings,
        day_addresses(programme),
    )
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_a_day_event_says_where_and_links_to_the_days_page(tmp_path: Path) -> None:
    root = programme_with(tmp_path, "    venue: Millbrook Teaching School, Hall Lane, MB1 2AB\n")
    programme = read_handbook(root)[0].programme
    day = next(e for e in calendar(programme) if str(e["uid"]).startswith("training-day-"))
    assert str(day["location"]) == "Millbrook Teaching School, Hall Lane, MB1 2AB"
    assert str(day["url"]) == "https://example.org/handbook/training/days/day-1/"


def test_an_online_day_gives_its_joining_link_as_the_place(tmp_path: Path) -> None:
    place = "    venue: Online\n    link: https://meet.example.org/day-1\n"
    programme = read_handbook(programme_with(tmp_path, place))[0].programme
    day = next(e for e in calendar(programme) if str(e["uid"]).startswith("training-day-"))
    assert str(day["location"]) == "Online: https://meet.example.org/day-1"
    entry = next(e for e in calendar_entries(programme) if e.day_id == "day-1")
    assert entry.details == "9:00 to 10:00. Online: https://meet.example.org/day-1"


def test_each_meeting_date_is_a_timed_event_with_its_place(tmp_path: Path) -> None:
    root = programme_with(tmp_path, "    venue: Millbrook Teaching School\n")
    programme = read_handbook(root)[0].programme
    meetings = [e for e in calendar(programme) if str(e["uid"]).startswith("meeting-heads-")]
    assert [e.decoded("dtstart").date() for e in meetings] == [
        datetime.date(2026, 10, 13),
        datetime.date(2026, 12, 8),
    ]
    assert {str(e["location"]) for e in meetings} == {"Online: https://meet.example.org/heads"}
    assert {str(e["url"]) for e in meetings} == {"https://meet.example.org/heads"}
    titles = [e.title for e in calendar_entries(programme)]
    assert titles.count("Headteachers' meeting") == 2


def test_a_dated_day_with_no_venue_is_warned_about(tmp_path: Path) -> None:
    found = [d.format_text().splitlines()[0] for d in check(programme_with(tmp_path, ""))[1]]
    assert [f for f in found if "no-venue" in f] == [
        "content/programme.yml:32:9: warning: training_days[0].id: training day 'day-1' has "
        "a date but no venue [date.no-venue]"
    ]
