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

from generator.check.schemas import rules_at
from generator.load.positions import FieldPath
from generator.load.sources import SourceDocument

#: `\{{` (kept as braces) or `{{ name }}`, in one pass from left to right.
_REFERENCE = re.compile(r"\\\{\{|\{\{[ \t]*([a-z0-9]+(?:-[a-z0-9]+)*)[ \t]*\}\}")


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
    if "{{" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:
            return "\\{\\{" if markdown else "{{"
        return facts.get(name, match.group())

    return _REFERENCE.sub(replace, text)


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
            plain = rules_at(schema, path).get("check_with") == "plain_text"
            return substitute(value, facts, markdown=not plain)
        return value

    data = walk(doc.data, ())
    body = substitute(doc.body, facts, markdown=True)
    return dataclasses.replace(doc, data=data, body=body)
