"""A chapter never ends on a page that holds only its closing heading and list ("Sources",
"Related"): the close keeps together, and takes the last lines of the text before it along."""

from __future__ import annotations

import dataclasses

import pytest

from generator.export.builders import chapter_file, handbook_file
from generator.export.document import Source
from generator.model.objects import Handbook

from .conftest import EPOCH
from .test_cross_references import COVER, pages

CHAPTERS = 24
#: The kind of text each chapter's close follows, by chapter.
KINDS = ("long", "short", "callout")


def _words(word: str, count: int) -> str:
    return " ".join([word] * count)


def _ending(k: int) -> str:
    """A section whose last paragraph (or callout) ends just before or just past the foot of a
    page, by chapter, then a closing list: the text before it is in turn a long paragraph (its
    last lines go over), a short one (it goes over whole) or a callout (it goes over whole)."""
    kind = KINDS[k % 3]
    filler = _words("filler", 420 + (37 * k) % 300 + (90 if kind == "short" else 0))
    if kind == "callout":
        lead = f'Opening{k} words.\n\n!!! note "Aside{k}"\n\n    {_words("words", 40)} closing{k}.'
    else:
        lead = f"Opening{k} {_words('words', 40 if kind == 'short' else 130)} closing{k}."
    items = [f"- Begins{k} {_words('item', 22)}.", f"- Another {_words('item', 18)} ends{k}."]
    return (
        f"## Section{k} here\n\n{filler}.\n\n{lead}\n\n"
        f"## Sources{k} here\n\n" + "\n".join(items) + "\n"
    )


def page_of(text: list[str], word: str) -> int:
    return next(number for number, page in enumerate(text) if f"{word} " in f"{page} ")


def whole_book(handbook: Handbook, bodies: list[str]) -> list[str]:
    """The text of each page of a whole handbook of one chapter a body, `Chapter{k} title`
    the k-th: every chapter opens a page of its own."""
    template = handbook.chapters[0]
    chapters = tuple(
        dataclasses.replace(
            template, id=f"chapter-{k}", title=f"Chapter{k} title", summary="", body=body
        )
        for k, body in enumerate(bodies)
    )
    programme = dataclasses.replace(handbook.programme, days=(), introduction="")
    return pages(handbook_file("pdf", programme, chapters, (), COVER, EPOCH))


@pytest.fixture(scope="module")
def book(handbook: Handbook) -> list[str]:
    """The whole handbook of chapters that each end with sources."""
    return whole_book(handbook, [_ending(k) for k in range(CHAPTERS)])


def test_a_chapters_sources_keep_with_the_end_of_the_text_before_them(book: list[str]) -> None:
    pushed = set()
    for k in range(CHAPTERS):
        close = page_of(book, f"Sources{k}")
        assert close == page_of(book, f"Begins{k}"), f"chapter {k}: heading left alone"
        assert close == page_of(book, f"ends{k}."), f"chapter {k}: list split"
        assert close == page_of(book, f"closing{k}."), f"chapter {k}: the close opens a page"
        if close != page_of(book, f"Section{k}"):
            pushed.add(KINDS[k % 3])
    # Each kind of text before a close is seen with the close just past a page's foot.
    assert pushed == set(KINDS), f"only {pushed} run over a page: the test proves less"


def test_no_chapter_ends_on_a_page_of_only_its_sources(book: list[str]) -> None:
    for k in range(CHAPTERS):
        page = book[page_of(book, f"Sources{k}")]
        before = page.split(f"Sources{k}")[0]
        assert "words" in before or "filler" in before, f"chapter {k}: {page[:200]}"


def test_a_chapter_printed_alone_ends_with_related_and_its_last_lines(
    handbook: Handbook,
) -> None:
    """A chapter PDF whose related list falls just past the foot of a page, for a range of
    lengths of its last paragraph."""
    modules = tuple(f"Module{n} {_words('title', 6)} (Day {n})" for n in range(4))
    links = tuple(f"1.{n} Criterion{n} {_words('wording', 12)}" for n in range(4))
    pushed = 0
    for k, extra in enumerate(range(0, 300, 60)):
        body = (
            f"## Section here\n\n{_words('filler', 420 + extra)}.\n\n"
            f"Opening {_words('words', 120)} closing.\n"
        )
        chapter = dataclasses.replace(handbook.chapters[0], summary="", audience=(), body=body)
        text = pages(
            chapter_file("pdf", chapter, COVER, Source("Programme"), (modules, links, ()), EPOCH)
        )
        close = page_of(text, "Module0")
        assert close == page_of(text, "Criterion3"), f"length {k}: related split"
        assert close == page_of(text, "closing."), f"length {k}: related opens a page alone"
        pushed += close != page_of(text, "Opening")
    assert pushed, "no related list runs over a page: the test proves nothing"
