"""A chapter never ends on a page that holds only the last line or two of its last paragraph
or list: a few more lines go over with them, or the whole of a short one."""

from __future__ import annotations

import pytest

from generator.model.objects import Handbook

from .test_chapter_ends import page_of, whole_book

CHAPTERS = 32
#: How each chapter ends: a long paragraph, a long paragraph then a short one, a list, or a
#: heading over two short paragraphs (which go over whole).
KINDS = ("long", "short", "list", "headed")
#: Fewer words than this under a chapter's last page's header is a page of a line or two
#: (a line holds about fifteen of the test's words).
FEW_WORDS = 40


def _words(word: str, count: int) -> str:
    return " ".join([word] * count)


def _ending(k: int) -> str:
    """A section of filler, then the chapter's last text, of lengths that end it in turn a
    little before and a little past the foot of a page."""
    kind = KINDS[k % len(KINDS)]
    filler = _words("filler", 640 + (29 * k) % 280)
    if kind == "long":
        last = f"Start{k} {_words('words', 140)} finish{k}."
    elif kind == "short":
        last = (
            f"Start{k} {_words('words', 140)} done{k}.\n\nLast{k} {_words('words', 20)} finish{k}."
        )
    elif kind == "headed":
        last = (
            f"### Start{k} heading\n\n{_words('words', 40)} done{k}.\n\n"
            f"Last{k} {_words('words', 20)} finish{k}."
        )
    else:
        items = [f"- Item {_words('words', 24)}." for _ in range(5)]
        last = "\n".join(
            [
                f"- Start{k} {_words('words', 24)}.",
                *items,
                f"- End {_words('words', 20)} finish{k}.",
            ]
        )
    return f"## Section{k} here\n\n{filler}.\n\n{last}\n"


@pytest.fixture(scope="module")
def book(handbook: Handbook) -> list[str]:
    """The whole handbook of chapters of filler and one last text each."""
    return whole_book(handbook, [_ending(k) for k in range(CHAPTERS)])


def _body(page: str, k: int) -> list[str]:
    """The words of a page below its running header, above its footer."""
    return page.split(f"Chapter{k} title", 1)[-1].split(" Page ")[0].split()


def test_no_chapter_ends_on_a_page_of_its_last_line_or_two(book: list[str]) -> None:
    over, bare = set(), []
    for k in range(CHAPTERS):
        end = page_of(book, f"finish{k}.")
        kind = KINDS[k % len(KINDS)]
        # A headed end goes over whole: seen when it leaves its section's first page.
        if end != page_of(book, f"Section{k}" if kind == "headed" else f"Start{k}"):
            over.add(kind)
        words = _body(book[end], k)
        if len(words) < FEW_WORDS:
            bare.append(f"chapter {k} ends on a page of {len(words)} words")
    assert not bare, bare
    # Each kind of ending is seen running over a page's foot.
    assert over == set(KINDS), f"only {over} run over a page: the test proves less"
