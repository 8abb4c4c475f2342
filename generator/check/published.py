"""A text as it is published: facts in place, each offset mapped back to where it came from.

The prose checks (generator/check/prose.py) read what a reader will read, so a doubled word
that a fact creates is found; a finding is then reported where an editor can fix it: at the
`{{ name }}` in the source, naming the fact and its own line in content/programme.yml.

This is the small interface the checks need: `publish(text, facts)` gives the text and a way
back from any offset in it to the source offset and the fact (if any) the character came from.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass

from generator.check.facts import references


@dataclass(frozen=True)
class Origin:
    """Where one published character came from: a source offset, and the fact if any."""

    offset: int
    fact: str = ""


@dataclass(frozen=True)
class Published:
    """A text with every known fact substituted, and the map back to its source."""

    text: str
    #: Published offset where each piece starts, with its source offset and fact name.
    starts: tuple[int, ...]
    sources: tuple[int, ...]
    facts: tuple[str, ...]

    def origin(self, offset: int) -> Origin:
        """Where the character at a published offset stands in the source."""
        piece = max(0, bisect.bisect_right(self.starts, offset) - 1)
        if self.facts[piece]:
            return Origin(self.sources[piece], self.facts[piece])
        return Origin(self.sources[piece] + offset - self.starts[piece])

    def facts_between(self, start: int, end: int) -> tuple[str, ...]:
        """The facts whose text lies (partly) within a published span."""
        first = max(0, bisect.bisect_right(self.starts, start) - 1)
        last = bisect.bisect_left(self.starts, end)
        return tuple(name for name in self.facts[first:last] if name)

    def inside_one_fact(self, start: int, end: int) -> str:
        """The fact's name when a published span lies wholly within one fact's text."""
        piece = max(0, bisect.bisect_right(self.starts, start) - 1)
        name = self.facts[piece]
        following = self.starts[piece + 1] if piece + 1 < len(self.starts) else len(self.text)
        return name if name and end <= following else ""


def publish(text: str, known: Mapping[str, str]) -> Published:
    """`text` with each known fact in place; unknown names stay as written (an error elsewhere).

    Escaped braces (`\\{{`) are kept as written: they publish as two braces, which no check
    here reads as words.
    """
    parts: list[str] = []
    starts: list[int] = [0]
    sources: list[int] = [0]
    names: list[str] = [""]
    at, length = 0, 0
    for ref in references(text):
        if ref.name not in known:
            continue
        parts.append(text[at : ref.offset])
        length += ref.offset - at
        value = known[ref.name]
        starts.append(length)
        sources.append(ref.offset)
        names.append(ref.name)
        parts.append(value)
        length += len(value)
        at = ref.offset + ref.length
        starts.append(length)
        sources.append(at)
        names.append("")
    parts.append(text[at:])
    return Published("".join(parts), tuple(starts), tuple(sources), tuple(names))
