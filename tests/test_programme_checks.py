"""Training days by the clock and the programme calendar: every mistake named where it stands."""

from __future__ import annotations

import textwrap
from pathlib import Path

from conftest import FILES, besides_venue, write_project

from generator.cli.project import check

PROGRAMME = "content/programme.yml"
TIMED = """\
    date: 2026-09-24
    arrival: "08:30"
    start: "09:00"
    end: "10:15"
    breaks:
      - kind: morning
        at: "09:20"
        minutes: 15
"""


def programme(timing: str = TIMED, extra: str = "") -> str:
    """The tiny project's programme.yml with `timing` under its day and `extra` at the end."""
    source = textwrap.dedent(FILES[PROGRAMME])
    marker = "    summary: The first day.\n"
    return source.replace(marker, marker + timing) + extra


def diagnostics(tmp_path: Path, text: str) -> list[str]:
    """Each diagnostic as its full text, hint included."""
    root = write_project(tmp_path / "p", {PROGRAMME: text})
    return [d.format_text() for d in besides_venue(check(root)[1])]


def test_a_day_that_fits_its_length_is_valid(tmp_path: Path) -> None:
    assert diagnostics(tmp_path, programme()) == []


def test_a_day_whose_modules_and_breaks_overrun_is_refused(tmp_path: Path) -> None:
    text = programme(TIMED.replace('end: "10:15"', 'end: "10:00"'))
    assert diagnostics(tmp_path, text) == [
        "content/programme.yml:39:10: error: training_days[0].end: day-1: the modules and breaks "
        "take 75 minutes (9:00 to 10:15) but the day runs 60 minutes (9:00 to 10:00); module "
        "'intro' runs past 10:00: its session 'Discussion' ends at 10:15 [timetable.length-mismatch]\n"
        '    hint: shorten a module or a break by 15 minutes, or end the day at "10:15"'
    ]


def test_a_day_that_ends_early_is_refused_with_its_real_end(tmp_path: Path) -> None:
    text = programme(TIMED.replace('end: "10:15"', "length: 90"))
    assert diagnostics(tmp_path, text) == [
        "content/programme.yml:39:13: error: training_days[0].length: day-1: the modules and breaks "
        "take 75 minutes (9:00 to 10:15) but the day runs 90 minutes (9:00 to 10:30) [timetable.length-mismatch]\n"
        "    hint: set length to 75, or change the sessions or breaks"
    ]


def test_a_break_inside_a_session_names_the_session_and_the_times_to_use(
    tmp_path: Path,
) -> None:
    text = programme(TIMED.replace('at: "09:20"', 'at: "09:10"'))
    assert diagnostics(tmp_path, text) == [
        "content/programme.yml:42:13: error: training_days[0].breaks[0].at: day-1: Morning break at "
        "9:10 falls inside 'Welcome' (Introduction), which runs 9:00 to 9:20 [timetable.break-inside-session]\n"
        '    hint: start it at "9:00" or "9:20", when a session changes'
    ]


def test_a_break_after_a_module_of_another_day_is_refused(tmp_path: Path) -> None:
    text = programme(TIMED.replace('at: "09:20"', "after: intro-day").replace("10:15", "10:00"))
    assert diagnostics(tmp_path, text) == [
        "content/programme.yml:42:16: error: training_days[0].breaks[0].after: day-1: Morning break "
        "follows 'intro-day', not a module of this day [timetable.break-not-on-day]\n"
        "    hint: modules of this day: intro"
    ]


def test_a_break_after_the_last_session_is_refused(tmp_path: Path) -> None:
    text = programme(TIMED.replace('at: "09:20"', "after: intro"))
    assert diagnostics(tmp_path, text) == [
        "content/programme.yml:42:16: error: training_days[0].breaks[0].after: day-1: Morning break "
        "comes after the last session [timetable.break-after-last]\n"
        "    hint: put it between two sessions"
    ]


def test_a_long_stretch_without_a_break_is_a_warning_not_an_error(tmp_path: Path) -> None:
    root = write_project(
        tmp_path / "p", {PROGRAMME: programme(extra="longest_without_break: 30\n")}
    )
    found = besides_venue(check(root)[1])
    assert [d.severity for d in found] == ["warning"]
    assert found[0].format_text() == (
        "content/programme.yml:41:7: warning: training_days[0].breaks: day-1: the day runs 40 minutes "
        "without a break, from 9:35 ('Discussion') to 10:15 ('Discussion') [timetable.long-stretch]\n"
        "    hint: add or move a break: longest_without_break is 30 minutes"
    )


def test_an_unquoted_time_is_explained_not_shown_as_a_number(tmp_path: Path) -> None:
    text = programme(TIMED.replace('end: "10:15"', "end: 10:15"))
    assert diagnostics(tmp_path, text) == [
        "content/programme.yml:39:10: error: training_days[0].end: 10:15 must be in quotes: "
        "YAML reads an unquoted 10:15 as the number 615 [schema.unquoted-time]\n"
        '    hint: write end: "10:15"'
    ]


def test_a_time_that_is_not_a_time_of_day_is_refused(tmp_path: Path) -> None:
    text = programme(TIMED.replace('start: "09:00"', 'start: "25:00"'))
    assert diagnostics(tmp_path, text) == [
        "content/programme.yml:38:12: error: training_days[0].start: '25:00' is not a time of day [form.time]\n"
        '    hint: write a 24-hour time in quotes, such as "09:15"'
    ]


def test_a_day_without_an_end_or_a_length_is_refused(tmp_path: Path) -> None:
    text = programme(TIMED.replace('    end: "10:15"\n', ""))
    assert diagnostics(tmp_path, text)[0].startswith(
        "content/programme.yml:38:12: error: training_days[0].start: the day has a start but "
        "no `end` or `length`"
    )


def test_a_date_that_does_not_exist_is_refused_unquoted(tmp_path: Path) -> None:
    text = programme(TIMED.replace("2026-09-24", "2027-02-30"))
    assert diagnostics(tmp_path, text) == [
        "content/programme.yml:36:11: error: training_days[0].date: '2027-02-30' is not a date: "
        "February 2027 has 28 days [date.invalid]\n"
        "    hint: check the day and the month; dates are written YYYY-MM-DD"
    ]


def test_a_date_that_does_not_exist_is_refused_quoted(tmp_path: Path) -> None:
    text = programme(TIMED.replace("2026-09-24", '"2026-02-30"'))
    assert diagnostics(tmp_path, text) == [
        "content/programme.yml:36:11: error: training_days[0].date: '2026-02-30' is not a date: "
        "February 2026 has 28 days [date.invalid]\n"
        "    hint: check the day and the month; dates are written YYYY-MM-DD"
    ]


def test_a_quoted_iso_date_is_accepted(tmp_path: Path) -> None:
    assert diagnostics(tmp_path, programme(TIMED.replace("2026-09-24", '"2026-09-24"'))) == []


def test_a_date_outside_the_school_year_is_refused(tmp_path: Path) -> None:
    text = programme(TIMED.replace("2026-09-24", "2026-08-28"))
    assert diagnostics(tmp_path, text) == [
        "content/programme.yml:36:11: error: training_days[0].date: 2026-08-28 is outside the "
        "2026/27 school year (Tuesday 1 September 2026 to Tuesday 31 August 2027) [date.outside-year]\n"
        "    hint: a school year runs from 1 September to 31 August"
    ]


def test_dates_need_an_edition_that_names_a_school_year(tmp_path: Path) -> None:
    text = programme().replace('edition: "2026/27"', 'edition: "Autumn"')
    assert diagnostics(tmp_path, text) == [
        "content/programme.yml:2:10: error: edition: edition 'Autumn' does not name a school "
        "year, which dates need [date.edition]\n"
        '    hint: write the edition as "2026/27"'
    ]


WINDOWS = """\
windows:
  - id: self-review
    title: Self-review
    kind: self-review
    first_day: 2026-10-16
    last_day: 2026-09-28
  - id: self-review
    title: Self-review again
    kind: self-review
    first_day: 2026-11-02
    last_day: 2026-11-13
"""


def test_a_window_that_ends_before_it_starts_and_a_repeated_id_are_refused(
    tmp_path: Path,
) -> None:
    kinds = "  window_kinds:\n    - id: self-review\n      label: Self-review\n"
    text = programme(extra=WINDOWS).replace("  day_kinds:\n", kinds + "  day_kinds:\n")
    assert diagnostics(tmp_path, text) == [
        "content/programme.yml:52:15: error: windows[0].last_day: the window ends on "
        "2026-09-28, before it starts on 2026-10-16 [date.window-order]\n"
        "    hint: swap the dates, or correct one",
        "content/programme.yml:53:9: error: windows[1].id: duplicate window id 'self-review' "
        "(first used on line 48) [ref.duplicate-id]\n"
        "    hint: give each window its own id",
    ]


SECOND_DAY = """\
  - id: day-2
    title: Second day
    kind: leadership
    summary: The second day.
    date: 2026-09-17
"""


def test_training_days_out_of_date_order_are_refused(tmp_path: Path) -> None:
    assert diagnostics(tmp_path, programme() + SECOND_DAY) == [
        "content/programme.yml:48:11: error: training_days[1].date: day-2 is on 2026-09-17, "
        "not after day-1 (2026-09-24) [date.order]\n"
        "    hint: list the training days in date order, or correct the date"
    ]


def test_a_training_day_at_the_weekend_is_a_warning(tmp_path: Path) -> None:
    found = diagnostics(tmp_path, programme(TIMED.replace("2026-09-24", "2026-09-26")))
    assert found == [
        "content/programme.yml:36:11: warning: training_days[0].date: 2026-09-26 is a Saturday [date.weekend]\n"
        "    hint: training days fall on school days; check the date"
    ]
