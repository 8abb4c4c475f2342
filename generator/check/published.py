"""The text as published: a source text with its facts in place, and a map back to the source.

Every check that reads prose (the content policy, the limits, the one-reading render, the
picture rules, and prose rules such as terminology) must read what readers will get, not the
`{{ name }}` placeholders the editor typed. `published_text()` puts each fact in place by
plain lookup, exactly as the model does, and keeps where every stretch came from, so that a
problem found at an offset of the published text is reported at the source line and column
that wrote it, and, when a fact's text is to blame, at the fact's own line too.

The model builds its text with the same function, so what is checked is what is published.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple

#: `\{{` (kept as braces) or `{{ name }}`, in one pass from left to right.
REFERENCE = re.compile(r"\\\{\{|\{\{[ \t]*([a-z0-9]+(?:-[a-z0-9]+)*)[ \t]*\}\}")
#: Sorts after every replacement that starts at the same offset (for bisecting by offset).
_LAST = 1 << 62


class Replacement(NamedTuple):
    """One stretch of published text that is not the source's own: a fact, or escaped braces.

    `start`/`end` are offsets in the published text; `source_start`/`source_end` the
    offsets of the `{{ name }}` (or `\\{{`) it replaces in the source text. (A named tuple:
    a text may hold thousands, and one is made for each.)
    """

    start: int
    end: int
    source_start: int
    source_end: int
    #: The fact whose text this is, or "" for escaped braces.
    fact: str = ""


@dataclass(frozen=True)
class Origin:
    """Where one offset of published text came from."""

    #: Offset in the source text (for a fact's text: where its `{{` stands).
    source: int
    #: The fact that wrote it, or "" when the source text wrote it.
    fact: str = ""
    #: Offset within the fact's own text.
    within: int = 0


@dataclass(frozen=True)
class Overflow:
    """A text that would grow past its limit once its facts are in place; it is not built."""

    #: The length it goes over: the limit, or the text's own length when that is longer.
    limit: int
    #: Offset in the source of the reference that takes it past the limit.
    source: int
    #: The fact whose text does it ("" when the source text alone is longer).
    fact: str


@dataclass(frozen=True)
class PublishedText:
    """A text with its facts in place, and where each part of it came from."""

    text: str
    replacements: tuple[Replacement, ...] = ()
    #: Set (and `text` left empty) when the text would exceed the limit it was built under.
    overflow: Overflow | None = None

    def origin(self, offset: int) -> Origin:
        """Where the character at `offset` of the published text was written."""
        index = bisect.bisect_right(self.replacements, (offset, _LAST)) - 1
        if index < 0:
            return Origin(offset)
        found = self.replacements[index]
        if offset < found.end:
            return Origin(found.source_start, found.fact, offset - found.start)
        return Origin(found.source_end + offset - found.end)

    def facts_within(self, start: int, end: int) -> list[str]:
        """The facts whose text stands (at least partly) between two offsets, each once."""
        named: list[str] = []
        for found in self.replacements:
            if found.start >= end:
                break
            if found.end > start and found.fact and found.fact not in named:
                named.append(found.fact)
        return named

    def offset_of(self, line: int, column: int) -> int:
        """The offset of a 0-based line and 1-based column of the published text."""
        start = 0
        for _ in range(line):
            start = self.text.find("\n", start) + 1
            if start == 0:
                return len(self.text)
        return start + max(column - 1, 0)

    @property
    def changed(self) -> bool:
        """True when any fact (or escape) was put in place."""
        return bool(self.replacements) or self.overflow is not None


def published_text(
    text: str,
    facts: Mapping[str, str],
    *,
    markdown: bool = True,
    limit: int | None = None,
    blank_unknown: bool = False,
) -> PublishedText:
    """`text` as it is published: each `{{ name }}` of a known fact replaced by its text.

    `\\{{` becomes braces (escaped again for Markdown, so they show as text); an unknown name
    is left as written (validation reports it), or with `blank_unknown` becomes letters of
    the same length, so a check of the rest does not report it a second time. With a
    `limit`, a text that would grow past it is not built: its `overflow` says which
    reference takes it over, and nothing past that reference is read.
    """
    if "{{" not in text:
        return PublishedText(text)
    pieces: list[str] = []
    replacements: list[Replacement] = []
    last = grown = 0
    ceiling = max(limit, len(text)) if limit is not None else -1
    for match, shown, fact in _replacing(text, facts, markdown, blank_unknown):
        grown += len(shown) - (match.end() - match.start())
        if ceiling >= 0 and len(text) + grown > ceiling:
            # Stop here: the rest is never built, however long it would grow. (A text over
            # the limit by itself is built if facts do not lengthen it: its own length is
            # then reported by the Markdown limits.)
            return PublishedText("", overflow=Overflow(ceiling, match.start(), fact))
        begin, end = match.span()
        pieces.append(text[last:begin])
        pieces.append(shown)
        start = end + grown - len(shown)
        replacements.append(Replacement(start, start + len(shown), begin, end, fact))
        last = end
    pieces.append(text[last:])
    return PublishedText("".join(pieces), tuple(replacements))


def _replacing(
    text: str, facts: Mapping[str, str], markdown: bool, blank_unknown: bool
) -> Iterator[tuple[re.Match[str], str, str]]:
    """Each reference that changes the text: the match, what it becomes, and its fact."""
    for match in REFERENCE.finditer(text):
        name = match.group(1)
        if name is None:
            yield match, "\\{\\{" if markdown else "{{", ""
        elif name in facts:
            yield match, facts[name], name
        elif blank_unknown:
            yield match, "x" * (match.end() - match.start()), ""
