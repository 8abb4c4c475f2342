"""Messages for the mistakes editors make with days and ids: one round, named, complete."""

from __future__ import annotations

import textwrap
from pathlib import Path

from conftest import FILES, besides_venue, write_project
from test_programme_checks import PROGRAMME, TIMED, programme

from generator.check.crossref import listed
from generator.cli.project import check


def diagnostics(tmp_path: Path, files: dict[str, str]) -> list[str]:
    """Each diagnostic of the tiny project, with `files` replaced, as its full text."""
    root = write_project(tmp_path / "p", files)
    return [d.format_text() for d in besides_venue(check(root)[1])]


def test_a_misplaced_break_and_an_overrun_come_in_one_round_naming_day_and_module(
    tmp_path: Path,
) -> None:
    timing = TIMED.replace('at: "09:20"', 'at: "09:10"').replace('end: "10:15"', 'end: "10:00"')
    assert diagnostics(tmp_path, {PROGRAMME: programme(timing)}) == [
        "content/programme.yml:39:10: error: training_days[0].end: day-1: the modules and breaks "
        "take 75 minutes (9:00 to 10:15) but the day runs 60 minutes (9:00 to 10:00); module "
        "'intro' runs past 10:00: its session 'Discussion' ends at 10:15 "
        "[timetable.length-mismatch]\n"
        '    hint: shorten a module or a break by 15 minutes, or end the day at "10:15"',
        "content/programme.yml:42:13: error: training_days[0].breaks[0].at: day-1: Morning break "
        "at 9:10 falls inside 'Welcome' (Introduction), which runs 9:00 to 9:20 "
        "[timetable.break-inside-session]\n"
        '    hint: start it at "9:00" or "9:20", when a session changes',
    ]


def module(mid: str) -> str:
    text = textwrap.dedent(FILES["content/modules/intro.yml"])
    return text.replace("id: intro", f"id: {mid}")


def test_a_long_list_of_known_ids_says_how_many_it_leaves_out(tmp_path: Path) -> None:
    names = [f"topic-{letter}" for letter in "abcdefghijklmn"]  # 14 modules with intro: 15
    files = {f"content/modules/{name}.yml": module(name) for name in names}
    chapter = textwrap.dedent(FILES["content/handbook/basics/welcome.md"])
    files["content/handbook/basics/welcome.md"] = chapter.replace("[intro]", "[zzz]")
    found = diagnostics(tmp_path, files)
    assert found == [
        "content/handbook/basics/welcome.md:7:13: error: related.modules[0]: unknown module 'zzz' "
        "[ref.unknown]\n"
        "    hint: known modules: intro, topic-a, topic-b, topic-c, topic-d, topic-e, topic-f, "
        "topic-g, topic-h, topic-i, topic-j, topic-k … and 3 more"
    ]


def test_a_short_list_of_known_ids_is_given_whole() -> None:
    assert listed(["a", "b"]) == "a, b"
    assert listed([f"m{n}" for n in range(12)]).endswith("m11")
    assert listed([f"m{n:02}" for n in range(13)]).endswith("m11 … and 1 more")
