"""Programme facts: `{{ name }}` is replaced by plain lookup, everywhere, and checked."""

from __future__ import annotations

import textwrap
from pathlib import Path

from conftest import FILES, write_project

from generator.check.facts import mask, substitute
from generator.cli.project import check, read_handbook

PROGRAMME = "content/programme.yml"
CHAPTER = "content/handbook/basics/welcome.md"
MODULE = "content/modules/intro.yml"

FACTS = """\
facts:
  review-team-size: two or three reviewers
  feedback-minutes: "45"
"""


def project_with(
    tmp_path: Path, chapter_extra: str = "", module_old: str = "", module_new: str = ""
) -> Path:
    programme = textwrap.dedent(FILES[PROGRAMME]) + FACTS
    chapter = textwrap.dedent(FILES[CHAPTER]) + chapter_extra
    module = (
        textwrap.dedent(FILES[MODULE]).replace(module_old, module_new)
        if module_old
        else FILES[MODULE]
    )
    return write_project(tmp_path / "p", {PROGRAMME: programme, CHAPTER: chapter, MODULE: module})


def lines(root: Path) -> list[str]:
    return [d.format_text() for d in check(root)[1]]


def test_facts_are_put_in_place_in_bodies_titles_and_fields(tmp_path: Path) -> None:
    root = project_with(
        tmp_path,
        "\nA team has {{ review-team-size }}; feedback takes {{feedback-minutes}} minutes.\n",
        "title: Welcome",
        "title: Welcome from {{ review-team-size }}",
    )
    assert lines(root) == []
    handbook = read_handbook(root)[0]
    assert (
        "A team has two or three reviewers; feedback takes 45 minutes." in handbook.chapters[0].body
    )
    assert handbook.modules[0].sessions[0].title == "Welcome from two or three reviewers"


def test_an_unknown_fact_is_reported_where_it_stands_with_a_suggestion(tmp_path: Path) -> None:
    root = project_with(tmp_path, "\nTeams have {{ review-team }} members.\n")
    assert lines(root) == [
        f"{CHAPTER}:15:12: error: unknown fact 'review-team' [fact.unknown]\n"
        "    hint: did you mean 'review-team-size'?"
    ]


def test_an_unknown_fact_in_a_plain_text_field_is_reported_once(tmp_path: Path) -> None:
    root = project_with(tmp_path, "", "title: Welcome", "title: Welcome {{ nothing-like-it }}")
    assert lines(root) == [
        f"{MODULE}:11:20: error: sessions[0].title: unknown fact 'nothing-like-it' [fact.unknown]\n"
        "    hint: add it under `facts:` in content/programme.yml, or write \\{{ for literal braces"
    ]


def test_escaped_braces_are_published_as_braces_and_never_as_markup(tmp_path: Path) -> None:
    root = project_with(tmp_path, "\nWrite \\{{ name }} to use a fact.\n")
    assert lines(root) == []
    body = read_handbook(root)[0].chapters[0].body
    assert "Write \\{\\{ name }} to use a fact." in body


def test_a_fact_must_be_plain_text(tmp_path: Path) -> None:
    programme = textwrap.dedent(FILES[PROGRAMME]) + "facts:\n  bad: <b>bold</b>\n"
    root = write_project(tmp_path / "p", {PROGRAMME: programme})
    assert [line.splitlines()[0] for line in lines(root)] == [
        f"{PROGRAMME}:37:8: error: facts.bad: '<' is markup, which a fact cannot hold [fact.markup]"
    ]


def test_substitution_is_lookup_not_evaluation() -> None:
    facts = {"a": "{{ b }}", "b": "never"}
    assert substitute("{{ a }} {{ handbook.programme }} {{ a|upper }}", facts, True) == (
        "{{ b }} {{ handbook.programme }} {{ a|upper }}"
    )
    assert mask("x {{ a }} y \\{{ z") == "x xxxxxxx y xxx z"
