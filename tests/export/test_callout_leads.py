"""A callout never opens a page on its own: a long lead-in's last lines go over with it."""

from __future__ import annotations

import dataclasses

import pytest

from generator.export.builders import chapter_file
from generator.export.document import Source
from generator.model.objects import Chapter, Handbook

from .conftest import EPOCH
from .test_cross_references import COVER, pages


def _lead(k: int, words: str) -> str:
    """Every third lead-in is a list, the others a paragraph too long to move whole."""
    if k % 3 == 2:
        items = [f"- Item {words}" for _ in range(3)]
        return "\n".join([f"- Opening{k} {words}", *items, f"- Last {words} closing{k}."])
    return f"Opening{k} {words} {words} closing{k}."


def _chapter_of_long_leads(chapter: Chapter) -> Chapter:
    """Sections whose callouts follow a paragraph of 100 to 240 words or a list, of lengths
    that put some callout just past the foot of a page."""
    sections = []
    for k in range(24):
        words = " ".join(["words"] * (50 + (29 * k) % 70))
        sections.append(
            f"## Heading{k} here\n\n{_lead(k, words)}\n\n"
            f'!!! note "Callout{k} title"\n\n'
            f"    Begins{k} {' '.join(['text'] * 40)} ends{k}.\n\n"
            f"Later{k} {' '.join(['more'] * (30 + (41 * k) % 90))} finish{k}.\n"
        )
    return dataclasses.replace(chapter, body="\n".join(sections))


def _page_of(text: list[str], word: str) -> int:
    return next(number for number, page in enumerate(text) if f"{word} " in f"{page} ")


@pytest.fixture(scope="module")
def printed(handbook: Handbook) -> list[str]:
    long = _chapter_of_long_leads(handbook.chapters[0])
    return pages(chapter_file("pdf", long, COVER, Source("Programme"), ((), ()), EPOCH))


def test_a_callout_shares_its_page_with_the_end_of_a_long_lead_in(printed: list[str]) -> None:
    pushed = 0
    for k in range(24):
        callout = _page_of(printed, f"Callout{k}")
        assert callout == _page_of(printed, f"ends{k}."), f"callout {k} split"
        assert callout == _page_of(printed, f"closing{k}."), f"callout {k} opens a page alone"
        pushed += callout != _page_of(printed, f"Opening{k}")
    assert pushed, "no lead-in runs over a page: the test proves nothing"


def test_no_page_holds_only_a_callout_or_a_last_line(printed: list[str]) -> None:
    for number, page in enumerate(printed[1:-1], start=2):
        body = page.split("Page ")[0]
        assert len(body.split()) > 60, f"page {number} holds almost nothing: {body}"


def _chapter_of_callout_pairs(chapter: Chapter, spread: int, sections: int = 24) -> Chapter:
    """Sections where a callout follows another, after a lead-in of 20 to 20 + `spread` words,
    with lengths that put the second callout just past the foot of some page (with a spread
    of 70, callouts 4 and 21 opened pages alone); the last pair ends the chapter."""
    parts = []
    for k in range(sections):
        lead = " ".join(["words"] * (20 + (37 * k) % spread))
        first = " ".join(["text"] * (15 + (23 * k) % 60))
        second = " ".join(["text"] * (20 + (17 * k) % 50))
        more = " ".join(["more"] * (10 + (41 * k) % 110))
        later = "" if k == sections - 1 else f"Later{k} {more} finish{k}.\n"
        parts.append(
            f"## Heading{k} here\n\nOpening{k} {lead} closing{k}.\n\n"
            f'!!! tip "First{k} title"\n\n    Begins{k} {first} ends{k}.\n\n'
            f'!!! note "Second{k} title"\n\n    Starts{k} {second} stops{k}.\n\n{later}'
        )
    return dataclasses.replace(chapter, body="\n".join(parts))


@pytest.fixture(scope="module", params=[70, 160], ids=["short-leads", "long-leads"])
def paired(handbook: Handbook, request: pytest.FixtureRequest) -> list[str]:
    pairs = _chapter_of_callout_pairs(handbook.chapters[0], request.param)
    return pages(chapter_file("pdf", pairs, COVER, Source("Programme"), ((), ()), EPOCH))


def test_a_callout_after_a_callout_never_opens_a_page_without_it(paired: list[str]) -> None:
    for k in range(24):
        second = _page_of(paired, f"Second{k}")
        assert second == _page_of(paired, f"stops{k}."), f"callout {k} split"
        assert second == _page_of(paired, f"ends{k}."), f"second callout {k} opens a page alone"
        assert second == _page_of(paired, f"closing{k}."), f"callouts {k} left their lead-in"


def test_callout_pairs_take_the_end_of_a_long_lead_in_over(handbook: Handbook) -> None:
    pairs = _chapter_of_callout_pairs(handbook.chapters[0], 160)
    printed = pages(chapter_file("pdf", pairs, COVER, Source("Programme"), ((), ()), EPOCH))
    pushed = [
        k for k in range(24) if _page_of(printed, f"Opening{k}") != _page_of(printed, f"Second{k}")
    ]
    assert pushed, "no lead-in runs over a page: the tests of pairs prove nothing"


def test_no_page_of_callout_pairs_holds_only_a_callout(paired: list[str]) -> None:
    for number, page in enumerate(paired[1:], start=2):
        body = page.split("Page ")[0]
        assert len(body.split()) > 60, f"page {number} holds almost nothing: {body}"
