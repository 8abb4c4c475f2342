"""Programme facts: numbers and rules stated once in content/programme.yml, used everywhere.

A source writes `{{ review-team-size }}` and the generator puts the fact's text in its place
by looking the name up, never by evaluating a template: a fact is plain text and a name is an
id, so nothing an editor writes can run. `\\{{` writes two literal braces.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from generator.check.published import REFERENCE as _REFERENCE
from generator.check.published import published_text
from generator.check.schemas import rules_at
from generator.load import characters, limits
from generator.load.positions import FieldPath
from generator.load.sources import SourceDocument

#: The schema rules of plain-text values: a fact put into one is put in as it stands.
PLAIN_RULES = ("plain_text", "fact_text")


@dataclass(frozen=True)
class Reference:
    """One `{{ name }}` in a text: where it starts, how long it is, and the name."""

    offset: int
    length: int
    name: str


def references(text: str) -> Iterator[Reference]:
    """Every fact a text names, in order; escaped braces are not references."""
    if "{{" not in text:
        return
    for match in _REFERENCE.finditer(text):
        if match.group(1):
            yield Reference(match.start(), match.end() - match.start(), match.group(1))


def unknown_hint(name: str, facts: Mapping[str, str]) -> str:
    """What to do about a name that is not a fact."""
    close = difflib.get_close_matches(name, list(facts), n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "add it under `facts:` in content/programme.yml, or write \\{{ for literal braces"


def substitute(text: str, facts: Mapping[str, str], markdown: bool) -> str:
    """`text` with each fact in place; `\\{{` becomes braces that Markdown shows as text."""
    return published_text(text, facts, markdown=markdown).text


def mask(text: str) -> str:
    """`text` with every reference and escape blanked to letters of the same length.

    The content policy then reads the text as it will be published: a fact is plain text,
    so it can add no markup of its own.
    """
    if "{{" not in text:
        return text
    return _REFERENCE.sub(lambda m: "x" * (m.end() - m.start()), text)


def facts_of(programme: object) -> dict[str, str]:
    """The facts of a loaded programme.yml (its data), or {} when it has none or is broken."""
    found = programme.get("facts") if isinstance(programme, dict) else None
    if not isinstance(found, dict):
        return {}
    return {str(k): text for k, v in found.items() if (text := fact_text(v)) is not None}


def fact_text(value: object) -> str | None:
    """A fact's text: the value itself, or the `text:` of a fact written as a mapping."""
    if isinstance(value, dict):
        value = value.get("text")
    return str(value).strip() if isinstance(value, str | int) else None


def with_facts(doc: SourceDocument, facts: Mapping[str, str]) -> SourceDocument:
    """A validated document with every fact in place, Markdown kept as Markdown."""
    schema = doc.schema

    def walk(value: Any, path: FieldPath) -> Any:
        if isinstance(value, dict):
            return {key: walk(inner, (*path, key)) for key, inner in value.items()}
        if isinstance(value, list):
            return [walk(inner, (*path, n)) for n, inner in enumerate(value)]
        if isinstance(value, str):
            plain = rules_at(schema, path).get("check_with") in PLAIN_RULES
            return substitute(value, facts, markdown=not plain)
        return value

    data = walk(doc.data, ())
    body = substitute(doc.body, facts, markdown=True)
    return dataclasses.replace(doc, data=data, body=body)


class PlacedFacts:
    """`with_facts` for a live preview's rebuilds: a document the loader kept unchanged
    (the very same object: load/sources.py's ParseCache) with the same facts gives the
    very document it gave last time, without a second walk. Only documents of the latest
    rebuild are kept."""

    def __init__(self) -> None:
        self.known: dict[int, tuple[SourceDocument, tuple[tuple[str, str], ...], Any]] = {}

    def all(self, docs: list[SourceDocument], facts: Mapping[str, str]) -> list[SourceDocument]:
        """Each of `docs` with the facts in place."""
        given = tuple(sorted(facts.items()))
        known, self.known = self.known, {}
        placed = []
        for doc in docs:
            found = known.get(id(doc))
            if found is None or found[0] is not doc or found[1] != given:
                found = (doc, given, with_facts(doc, facts))
            self.known[id(doc)] = found
            placed.append(found[2])
        return placed


@dataclass(frozen=True)
class FactLines:
    """Where each fact is written, so a problem a fact's text causes names the fact's line."""

    rel: str = ""
    lines: Mapping[str, int] = dataclasses.field(default_factory=dict)

    def describe(self, name: str) -> str:
        """`fact 'name' (content/programme.yml:112)`, for a message about its text."""
        line = self.lines.get(name)
        return f"fact '{name}' ({self.rel}:{line})" if line else f"fact '{name}'"


def fact_lines(doc: SourceDocument | None) -> FactLines:
    """Where the facts of a loaded programme.yml stand, by name."""
    if doc is None or not isinstance(doc.data, dict) or not isinstance(doc.data.get("facts"), dict):
        return FactLines()
    lines = {str(name): doc.marks.value(("facts", name)).line for name in doc.data["facts"]}
    return FactLines(doc.rel, lines)


#: Markdown that starts a block (a heading, quote, list item, table, fence, admonition or div)
#: when a fact stands at the start of a line.
_BLOCK_START = re.compile(r"\s*(?:#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|[!:~=]{3})")
#: `name=value`: the syntax of an attribute list, which a fact must never be able to finish.
_ATTRIBUTE = re.compile(r"[A-Za-z][\w:.-]*=")
FACT_HINT = (
    "a fact is plain text put into other text as it stands, so it may hold no markup: "
    "write the words only, and keep formatting in the text that uses the fact"
)


def fact_problem(text: str) -> characters.Finding | None:
    """Why `text` cannot be a fact's value, or None: plain text, one line, no block markup,
    no attribute syntax, and at most limits.MAX_FACT_CHARS characters."""
    if len(text) > limits.MAX_FACT_CHARS:
        message = f"fact is {len(text):,} characters long; the limit is {limits.MAX_FACT_CHARS:,}"
        hint = "a fact is a number or a short rule: state the rest in the text that uses it"
        return characters.Finding(limits.MAX_FACT_CHARS, message, hint, "limit.fact-length")
    found = characters.plain_text(text)
    if found is not None and found.code in ("text.control-character", "text.invisible-character"):
        return found
    if found is not None:
        shown = "a line break" if found.code == "text.one-line" else f"'{text[found.offset]}'"
        message = f"{shown} is markup, which a fact cannot hold"
        return characters.Finding(found.offset, message, FACT_HINT, "fact.markup")
    block = _BLOCK_START.match(text)
    if block is not None:
        shown = block.group().strip()
        message = f"a fact may not start with '{shown}': it would start a heading, list or block"
        return characters.Finding(0, message, FACT_HINT, "fact.markup")
    attribute = _ATTRIBUTE.search(text)
    if attribute is not None:
        message = f"'{attribute.group()}' is attribute syntax, which a fact cannot hold"
        return characters.Finding(attribute.start(), message, FACT_HINT, "fact.markup")
    return None
