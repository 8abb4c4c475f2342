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
from collections.abc import Mapping
from dataclasses import dataclass

#: `\{{` (kept as braces) or `{{ name }}`, in one pass from left to right.
REFERENCE = re.compile(r"\\\{\{|\{\{[ \t]*([a-z0-9]+(?:-[a-z0-9]+)*)[ \t]*\}\}")


@dataclass(frozen=True)
class Replacement:
    """One stretch of published text that is not the source's own: a fact, or escaped braces.

    `start`/`end` are offsets in the published text; `source_start`/`source_end` the
    offsets of the `{{ name }}` (or `\\{{`) it replaces in the source text.
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

    #: How long the published text would be.
    length: int
    #: Offset in the source of the reference that takes it past the limit.
    source: int
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
        starts = [r.start for r in self.replacements]
        index = bisect.bisect_right(starts, offset) - 1
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
    `limit`, a text that would grow past it is not built: its `overflow` says how long it
    would be and which reference did it.
    """
    if "{{" not in text:
        return PublishedText(text)
    found = list(_replacing(text, facts, markdown, blank_unknown))
    if limit is not None:
        overflow = _overflow(text, found, limit)
        if overflow is not None:
            return PublishedText("", overflow=overflow)
    pieces: list[str] = []
    replacements: list[Replacement] = []
    last = grown = 0
    for match, shown, fact in found:
        pieces += [text[last : match.start()], shown]
        start = match.start() + grown
        replacements.append(Replacement(start, start + len(shown), *match.span(), fact))
        grown += len(shown) - (match.end() - match.start())
        last = match.end()
    pieces.append(text[last:])
    return PublishedText("".join(pieces), tuple(replacements))


def _replacing(
    text: str, facts: Mapping[str, str], markdown: bool, blank_unknown: bool
) -> list[tuple[re.Match[str], str, str]]:
    """Each reference that changes the text: the match, what it becomes, and its fact."""
    found = []
    for match in REFERENCE.finditer(text):
        name = match.group(1)
        if name is None:
            found.append((match, "\\{\\{" if markdown else "{{", ""))
        elif name in facts:
            found.append((match, facts[name], name))
        elif blank_unknown:
            found.append((match, "x" * (match.end() - match.start()), ""))
    return found


def _overflow(
    text: str, found: list[tuple[re.Match[str], str, str]], limit: int
) -> Overflow | None:
    """Where substitution would take `text` past `limit`, counted without building it."""
    length, first = len(text), None
    for match, shown, fact in found:
        length += len(shown) - (match.end() - match.start())
        if length > limit and first is None:
            first = (match.start(), fact)
    if first is None:
        return None
    return Overflow(length, *first)
