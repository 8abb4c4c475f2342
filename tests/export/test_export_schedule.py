"""Running orders and the programme calendar, read back as a trainer and a diary would."""

from __future__ import annotations

import dataclasses
import datetime
import re
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import docx
import icalendar
import pytest
from pypdf import PdfReader

from generator.export import export_all
from generator.export.plan import plan_jobs
from generator.model.objects import Handbook
from generator.model.schoolyear import long_date, school_year
from generator.model.timetable import clock

from .conftest import EPOCH, Export

pytestmark = pytest.mark.slow
LONDON = ZoneInfo("Europe/London")


def timed_day(handbook: Handbook) -> str:
    """The id of the first training day with a date and times, whichever day that is."""
    return next(
        d.id
        for d in handbook.programme.days
        if handbook.programme.plan(d.id).date and handbook.programme.plan(d.id).arrival
    )


def expected_rows(handbook: Handbook, day_id: str) -> list[tuple[str, str]]:
    """(time, title) of every session, break, arrival and close of a day, in order."""
    rows = []
    for slot in handbook.running_order(day_id):
        when = (
            clock(slot.start) if slot.kind == "close" else f"{clock(slot.start)}–{clock(slot.end)}"
        )
        rows.append((when, slot.title))
    return rows


def test_a_timed_days_running_order_pdf_is_one_page_with_every_row_in_order(
    exported: Export, handbook: Handbook
) -> None:
    day = timed_day(handbook)
    reader = PdfReader(exported.file("running-order", day, "pdf"))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    position = 0
    for when, title in expected_rows(handbook, day):
        found = text.find(f"{when} {title}", position)
        assert found >= 0, f"{when} {title} missing or out of order"
        position = found
    modules = [m.title for m in handbook.day_modules(day)]
    starts = [text.find(f"Module {n}: {title}") for n, title in enumerate(modules, start=1)]
    assert -1 not in starts and starts == sorted(starts)
    day_date = handbook.programme.plan(day).date
    assert day_date is not None and long_date(day_date) in text


def test_a_timed_days_running_order_docx_table_holds_the_same_rows(
    exported: Export, handbook: Handbook
) -> None:
    day = timed_day(handbook)
    document = docx.Document(str(exported.file("running-order", day, "docx")))
    table = document.tables[0]
    rows = [tuple(cell.text.strip() for cell in row.cells) for row in table.rows]
    assert rows[0] == ("Time", "Session", "Activity", "Minutes")
    timed = [(time, title) for time, title, _, _ in rows[1:] if time]
    assert timed == expected_rows(handbook, day)
    headings = [title for time, title, _, _ in rows[1:] if not time]
    assert headings == [
        f"Module {n}: {m.title}" for n, m in enumerate(handbook.day_modules(day), start=1)
    ]
    for taken in (s for s in handbook.running_order(day) if s.kind == "break"):
        minutes = str(taken.end - taken.start)
        times = f"{clock(taken.start)}–{clock(taken.end)}"
        assert (times, taken.title, "", minutes) in rows


def test_every_timed_day_has_a_running_order_that_opens_its_pack(
    exported: Export, handbook: Handbook
) -> None:
    for day in handbook.programme.days:
        pack = zipfile.ZipFile(exported.file("training-day-pack", day.id, "zip"))
        names = pack.namelist()
        assert names[:2] == [f"{day.id}/00-running-order.docx", f"{day.id}/00-running-order.pdf"]
        pdf = exported.file("running-order", day.id, "pdf")
        assert pack.read(names[1]) == pdf.read_bytes()


def read_calendar(exported: Export) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(exported.file("calendar", "calendar", "ics").read_bytes())


def test_calendar_holds_every_training_day_and_window_once(
    exported: Export, handbook: Handbook
) -> None:
    events = read_calendar(exported).walk("VEVENT")
    programme = handbook.programme
    meetings = sum(len(meeting.dates) for meeting in programme.meetings)
    dated = [k for k in programme.key_dates if k.day]
    assert len(events) == len(programme.days) + len(programme.windows) + meetings + len(dated)
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    for day in programme.days:
        assert any(uid.startswith(f"training-day-{day.id}-") for uid in uids), day.id
    for window in programme.windows:
        assert any(uid.startswith(f"window-{window.id}-") for uid in uids), window.id


def at(day: datetime.date, minutes: int) -> datetime.datetime:
    """A clock time of a training day, in London."""
    return datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60), LONDON)


def test_training_days_are_timed_in_london_from_registration_to_close(
    exported: Export, handbook: Handbook
) -> None:
    calendar = read_calendar(exported)
    assert [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    wanted = timed_day(handbook)
    event = next(
        e for e in calendar.walk("VEVENT") if str(e["uid"]).startswith(f"training-day-{wanted}-")
    )
    day = next(d for d in handbook.programme.days if d.id == wanted)
    plan = handbook.programme.plan(wanted)
    assert plan.date and plan.arrival is not None and plan.end is not None
    assert str(event["summary"]) == f"{day.label}: {day.title}"
    assert event.decoded("dtstart") == at(plan.date, plan.arrival)
    assert event.decoded("dtend") == at(plan.date, plan.end)
    stamp = at(plan.date, plan.arrival).strftime("%Y%m%dT%H%M%S")
    assert f"DTSTART;TZID=Europe/London:{stamp}" in event.to_ical().decode()


def test_windows_are_all_day_date_ranges_ending_the_day_after(
    exported: Export, handbook: Handbook
) -> None:
    window = handbook.programme.windows[0]
    event = next(
        e
        for e in read_calendar(exported).walk("VEVENT")
        if str(e["uid"]).startswith(f"window-{window.id}-")
    )
    assert event.decoded("dtstart") == window.first_day
    assert event.decoded("dtend") == window.last_day + datetime.timedelta(days=1)
    assert str(event["transp"]) == "TRANSPARENT"


def test_calendar_is_stamped_by_the_epoch_and_the_same_on_every_build(
    exported: Export, handbook: Handbook
) -> None:
    data = exported.file("calendar", "calendar", "ics").read_bytes()
    stamps = set(re.findall(rb"DTSTAMP:(\S+)", data))
    assert stamps == {b"20260701T000000Z"}
    job = next(j for j in plan_jobs(handbook, EPOCH) if j.path.endswith(".ics"))
    assert job.build() == data
    later = next(j for j in plan_jobs(handbook, EPOCH + 86_400) if j.path.endswith(".ics"))
    again = icalendar.Calendar.from_ical(later.build())
    assert [str(e["uid"]) for e in again.walk("VEVENT")] == [
        str(e["uid"]) for e in read_calendar(exported).walk("VEVENT")
    ]


def test_calendar_pdf_lists_every_entry_on_a_sheet(exported: Export, handbook: Handbook) -> None:
    reader = PdfReader(exported.file("calendar", "calendar", "pdf"))
    # Typesetting curls apostrophes; the model's labels and titles keep straight ones.
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    text = text.replace("\u2019", "'")
    # The days with their venues, the windows, the meetings and each window's key dates.
    assert len(reader.pages) <= 3
    for meeting in handbook.programme.meetings:
        assert meeting.title in text
    for dated in handbook.programme.key_dates:
        assert dated.step.title in text
    for window in handbook.programme.windows:
        assert window.title in text
    for day in handbook.programme.days:
        assert f"{day.label}:" in text
    year = school_year(handbook.programme.edition)
    assert year is not None
    assert f"{long_date(year[0])} to {long_date(year[1])}" in text


def test_retimed_session_rebuilds_its_guide_its_day_running_order_and_pack_only(
    exported: Export, handbook: Handbook, tmp_path: Path
) -> None:
    cache = exported.store(tmp_path / "cache")
    module = next(m for m in handbook.modules if m.day)
    # Without slides of its own the session's one slide shows its title, so the deck must
    # change too, whatever slides the shipped session happens to hold.
    first = dataclasses.replace(module.sessions[0], title="A renamed first session", slides=())
    changed = dataclasses.replace(module, sessions=(first, *module.sessions[1:]))
    modules = tuple(changed if m.id == module.id else m for m in handbook.modules)
    site = tmp_path / "site"
    manifest = export_all(
        dataclasses.replace(handbook, modules=modules), site / "downloads", cache=cache, epoch=EPOCH
    )
    rebuilt = {e.path for e in manifest.entries} - {e.path for e in exported.manifest.entries}
    assert rebuilt == set()
    before = {e.path: e.sha256 for e in exported.manifest.entries}
    differing = {e.path for e in manifest.entries if before[e.path] != e.sha256}
    day = module.day.id
    assert differing == {
        f"downloads/modules/{module.id}/facilitator-guide.pdf",
        f"downloads/modules/{module.id}/facilitator-guide.docx",
        f"downloads/modules/{module.id}/slides.pdf",
        f"downloads/modules/{module.id}/slides.pptx",
        f"downloads/training-days/{day}-running-order.pdf",
        f"downloads/training-days/{day}-running-order.docx",
        f"downloads/training-days/{day}.zip",
    }
    assert manifest.built == 7
