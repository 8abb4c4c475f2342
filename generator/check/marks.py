"""Brackets and curly quotes that pair with nothing in a paragraph of published prose.

A bracket pairs with the nearest open one of its kind; “ with ”. A single curly quote is told
from an apostrophe by the characters either side of it:

- ‘ opens a quotation unless a letter or digit stands just before it;
- ’ between two letters or digits (it’s), or with one only after it (’90s), is an
  apostrophe;
- ’ with a letter or digit only before it (schools’) closes an open ‘, and is an
  apostrophe when none is open;
- ’ with neither (‘Stop!’ ) closes an open ‘, and closes nothing when none is open.

So an apostrophe is never reported, and a quotation opened with ‘ and never closed is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PAIRS = {")": "(", "]": "["}
#: A text holding none of these has nothing to pair.
ANY_MARK = re.compile(r"[()\[\]“”‘’]")
_MARKS = ANY_MARK


@dataclass
class Unpaired:
    """The first mark of each kind in a paragraph that pairs with nothing (-1 for none)."""

    bracket: int = -1
    double: int = -1
    single: int = -1


class _Open:
    """The open marks of one kind, and the first closing mark that found none open."""

    def __init__(self) -> None:
        self.opened: list[int] = []
        self.stray = -1

    def close(self, at: int) -> None:
        if self.opened:
            self.opened.pop()
        elif self.stray < 0:
            self.stray = at

    def first(self) -> int:
        """A stray closer first, else the earliest opener left open."""
        if self.stray >= 0:
            return self.stray
        return self.opened[0] if self.opened else -1


def first_unpaired(shown: str, start: int, end: int, skipped: set[int]) -> Unpaired:
    """The first bracket, “ or ” and ‘ or ’ in shown[start:end] that pairs with nothing.

    `skipped` are offsets of closing brackets that mark a list item ("b) item")."""
    brackets, double, single = _Open(), _Open(), _Open()
    for match in _MARKS.finditer(shown, start, end):
        at, char = match.start(), match.group()
        if char in "([":
            brackets.opened.append(at)
        elif char in PAIRS:
            if at in skipped:
                continue
            if brackets.opened and shown[brackets.opened[-1]] == PAIRS[char]:
                brackets.opened.pop()
            elif brackets.stray < 0:
                brackets.stray = at
        elif char == "“":
            double.opened.append(at)
        elif char == "”":
            double.close(at)
        else:
            _single(shown, at, char, single)
    return Unpaired(brackets.first(), double.first(), single.first())


def _single(shown: str, at: int, char: str, single: _Open) -> None:
    """A ‘ or ’, read by what stands either side of it."""
    before = at > 0 and shown[at - 1].isalnum()
    after = at + 1 < len(shown) and shown[at + 1].isalnum()
    if char == "‘":
        if not before:
            single.opened.append(at)
    elif after:
        return  # it’s, ’90s: an apostrophe
    elif before:
        if single.opened:  # schools’: closes an open quotation, else an apostrophe
            single.opened.pop()
    else:
        single.close(at)
