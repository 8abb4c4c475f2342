"""The school year as data, training days and windows checked against it, and the dates that
follow from the rules."""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path

import icalendar
import pytest
from conftest import FILES, besides_venue, write_project

from generator.cli.main import main
from generator.cli.project import check, read_handbook
from generator.export.ics import calendar_ics
from generator.model.keydates import read_amount
from generator.model.termdates import SchoolYear, Term, bank_holidays
from generator.render.downloads import DownloadList
from generator.render.templates import SiteContext, render_site

PROGRAMME = "content/programme.yml"
EXTRA = SiteContext(dates={}, manifest=DownloadList(()), edit_base="https://e.org")

YEAR = """\
school_year:
  bank_holidays: england
  terms:
    - name: Autumn term
      first_day: 2026-09-01
      last_day: 2026-12-18
      half_term: {first_day: 2026-10-26, last_day: 2026-10-30}
    - name: Spring term
      first_day: 2027-01-04
      last_day: 2027-03-25
      half_term: {first_day: 2027-02-15, last_day: 2027-02-19}
  inset_days: [2026-09-01, 2027-01-04]
"""

WINDOWS = """\
windows:
  - id: peer-reviews
    title: Peer review visits
    kind: peer-review
    first_day: 2027-01-11
    last_day: {last}
"""

KINDS = """\
  window_kinds:
    - id: peer-review
      label: Peer reviews
"""

STEPS = """\
facts:
  pre-review-meeting:
    text: three weeks
    step:
      title: Pre-review meeting
      window: peer-review
      before: {amount}
  report-deadline:
    text: ten school days
    step:
      title: Report sent
      window: peer-review
      after: 10 school days
      needed_by: [day-1]
"""


def project(
    tmp_path: Path,
    day: str = "2026-09-24",
    last: str = "2027-01-29",
    amount: str = "3 school weeks",
    year: str = YEAR,
) -> Path:
    programme = textwrap.dedent(FILES[PROGRAMME])
    programme = programme.replace("  day_kinds:\n", KINDS + "  day_kinds:\n")
    programme = programme.replace(
        "summary: The first day.", f"summary: The first day.\n    date: {day}"
    )
    programme += year + WINDOWS.format(last=last) + STEPS.format(amount=amount)
    return write_project(tmp_path / "p", {PROGRAMME: programme})


def found(root: Path) -> list[str]:
    return [d.format_text() for d in besides_venue(check(root)[1])]


def codes(root: Path) -> list[str]:
    return [d.code for d in besides_venue(check(root)[1])]


def test_a_year_with_days_windows_and_steps_in_term_passes(tmp_path: Path) -> None:
    assert found(project(tmp_path, day="2027-03-04")) == []


def test_a_training_day_on_good_friday_after_the_term_ends_is_outside_term(
    tmp_path: Path,
) -> None:
    assert found(project(tmp_path, day="2027-03-26")) == [
        f"{PROGRAMME}:39:11: error: training_days[0].date: day-1 is on Friday 26 March 2027, "
        "a bank holiday (Good Friday) [year.outside-term]\n"
        "    hint: training days fall in term time: move it into a term"
    ]


def test_a_training_day_on_a_closure_day_in_term_is_refused(tmp_path: Path) -> None:
    half_term = project(tmp_path / "a", day="2026-10-27")
    inset = project(tmp_path / "b", day="2027-01-04")
    bank = project(tmp_path / "c", day="2027-05-03", year=YEAR.replace("2027-03-25", "2027-07-21"))
    assert "year.closure-day" in codes(half_term)
    assert "year.closure-day" in codes(inset)
    assert [line for line in found(bank) if "closure-day" in line] == [
        f"{PROGRAMME}:39:11: error: training_days[0].date: day-1 is on Monday 3 May 2027, a bank "
        "holiday (May Day) [year.closure-day]\n"
        "    hint: move it to a school day, such as Friday 30 April 2027 or Tuesday 4 May 2027"
    ]


def test_a_training_day_in_the_holidays_is_refused(tmp_path: Path) -> None:
    assert "year.outside-term" in codes(project(tmp_path, day="2026-12-22"))


def test_a_window_ending_on_good_friday_is_a_warning_that_fails_strict(tmp_path: Path) -> None:
    year = YEAR.replace("2027-03-25", "2027-04-30")
    root = project(tmp_path, last="2027-03-26", year=year, day="2027-04-29")
    assert [line for line in found(root) if "window-outside-term" in line] == [
        f"{PROGRAMME}:57:15: warning: windows[0].last_day: peer-reviews ends on Friday 26 March "
        "2027, a bank holiday (Good Friday) [year.window-outside-term]\n"
        "    hint: let it end on a school day, such as Thursday 25 March 2027"
    ]
    assert main(["--root", str(root), "validate"]) == 0
    assert main(["--root", str(root), "validate", "--strict"]) == 1


def test_a_bank_holiday_closes_schools_even_without_term_dates(tmp_path: Path) -> None:
    root = project(tmp_path, day="2027-03-26", year="")
    assert "year.closure-day" in codes(root)


def test_a_step_counted_in_calendar_weeks_can_fall_in_the_holidays(tmp_path: Path) -> None:
    root = project(tmp_path, amount="3 weeks", day="2027-03-04")
    assert found(root) == [
        f"{PROGRAMME}:56:16: warning: windows[0].first_day: Pre-review meeting for the earliest "
        "visit of peer-reviews (Monday 11 January 2027) falls on Monday 21 December 2026, in the "
        "holidays between terms (after the autumn term, before the spring term) "
        "[rule.step-in-holiday]\n"
        "    hint: move the window, or count school weeks or days in the step of the fact "
        f"'pre-review-meeting' ({PROGRAMME}:60)"
    ]


def test_a_step_due_after_the_event_that_needs_it_is_a_warning(tmp_path: Path) -> None:
    # The latest visit is on 5 February; ten school days later, over half-term, is 26 February.
    root = project(tmp_path, last="2027-02-05", day="2027-02-25")
    assert [line.split(" [")[0] for line in found(root)] == [
        f"{PROGRAMME}:57:15: warning: windows[0].last_day: Report sent for the latest visit of "
        "peer-reviews (Friday 5 February 2027) is due Friday 26 February 2027, not before day-1 "
        "(Thursday 25 February 2027), which needs it"
    ]


def test_a_step_whose_fact_states_another_number_is_a_warning(tmp_path: Path) -> None:
    root = project(tmp_path, amount="4 school weeks", day="2027-03-04")
    assert codes(root) == ["rule.step-text"]


def test_a_step_amount_not_written_as_days_or_weeks_is_an_error(tmp_path: Path) -> None:
    root = project(tmp_path, amount="soon", day="2027-03-04")
    assert codes(root) == ["rule.step-amount"]


def test_terms_out_of_order_and_a_half_term_outside_its_term_are_errors(tmp_path: Path) -> None:
    year = YEAR.replace("first_day: 2027-02-15", "first_day: 2027-04-15").replace(
        "last_day: 2027-02-19", "last_day: 2027-04-19"
    )
    assert "year.term-dates" in codes(project(tmp_path, year=year, day="2027-03-04"))


def test_school_days_are_counted_over_weekends_holidays_and_inset_days() -> None:
    year = SchoolYear(
        terms=(
            Term(
                name="Autumn term",
                first_day=datetime.date(2026, 9, 1),
                last_day=datetime.date(2026, 12, 18),
            ),
            Term(
                name="Spring term",
                first_day=datetime.date(2027, 1, 4),
                last_day=datetime.date(2027, 3, 25),
            ),
        ),  # fmt: skip
        inset_days=frozenset({datetime.date(2027, 1, 4)}),
        bank_holidays=bank_holidays("england", (2026, 2027)),
    )
    assert year.count_school_days(datetime.date(2027, 1, 11), -5) == datetime.date(2026, 12, 18)
    assert year.count_school_days(datetime.date(2026, 12, 18), 1) == datetime.date(2027, 1, 5)
    assert year.count_school_days(datetime.date(2027, 3, 24), 5) is None


def test_bank_holidays_come_from_the_holidays_package_for_england_and_wales() -> None:
    england = bank_holidays("england", (2027,))
    assert england[datetime.date(2027, 3, 26)] == "Good Friday"
    assert datetime.date(2027, 5, 3) in bank_holidays("wales", (2027,))


def test_amounts_are_days_or_weeks_on_the_calendar_or_in_school() -> None:
    assert read_amount("10 school days").words == "10 school days"  # type: ignore[union-attr]
    assert read_amount("1 week").words == "1 week"  # type: ignore[union-attr]
    assert read_amount("a fortnight") is None


def test_key_dates_are_on_the_calendar_page_and_in_the_ics(tmp_path: Path) -> None:
    handbook = read_handbook(project(tmp_path, day="2027-03-04"))[0]
    programme = handbook.programme
    assert [(k.step.title, k.visit, k.day) for k in programme.key_dates] == [
        ("Pre-review meeting", "earliest", datetime.date(2026, 12, 4)),
        ("Report sent", "earliest", datetime.date(2027, 1, 25)),
        ("Pre-review meeting", "latest", datetime.date(2027, 1, 8)),
        ("Report sent", "latest", datetime.date(2027, 2, 12)),
    ]
    page = render_site(handbook, EXTRA)["training/calendar.md"]
    assert "| Fri 4 Dec 2026 | Pre-review meeting (earliest visit) | **Key date.** " in page
    ics = calendar_ics("T", "2026/27", programme.days, programme.plans, programme.windows, 0,
                       programme.wording, programme.key_dates)  # fmt: skip
    events = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    report = next(e for e in events if "key-date-report-deadline-peer-reviews-latest" in e["uid"])
    assert str(report["summary"]) == "Report sent (latest visit): Peer review visits"
    assert report.decoded("dtstart") == datetime.date(2027, 2, 12)


def test_bank_holidays_are_remembered_in_the_store_under_the_package_version(tmp_path, monkeypatch):
    from generator.model import termdates
    from generator.store import Store

    store = Store.at(tmp_path / "cache")
    first = termdates.bank_holidays("england", (2026, 2027), store)

    def not_again(*args):
        raise AssertionError("the holidays package was asked twice")

    monkeypatch.setattr(termdates, "_computed_holidays", not_again)
    assert termdates.bank_holidays("england", (2026, 2027), store) == first
    monkeypatch.setattr(termdates, "_holidays_version", lambda: "holidays=0.0")
    with pytest.raises(AssertionError, match="asked twice"):
        termdates.bank_holidays("england", (2026, 2027), store)
