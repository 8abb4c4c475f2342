"""Pandoc Markdown from the handbook's MkDocs Markdown and from plain model text.

Chapters are written for Material for MkDocs; pandoc reads its own dialect. The differences
that matter here are admonitions (`!!! note "Title"` with an indented body), which become
fenced divs for the Lua filter, and heading levels, which shift when a chapter sits under a
part heading.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from urllib.parse import quote

from generator.render.characters import xml_safe

_ADMONITION = re.compile(
    r"^(?P<indent>[ ]*)(?:!!!|\?\?\?\+?)[ ]+(?P<kind>[\w-]+)(?P<modifiers>(?:[ ]+[\w-]+)*)"
    r'(?:[ ]+"(?P<title>[^"]*)")?[ ]*$'
)
_FENCE = re.compile(r"^[ ]*(```+|~~~+)")
_HEADING = re.compile(r"^(#{1,6})(?=[ \t]|$)")
_DIV_FENCE = re.compile(r"^\s*:{3,}\s*(?P<attributes>\S.*)?$")


def admonitions_to_divs(text: str) -> str:
    """MkDocs admonitions and collapsible blocks as pandoc fenced divs, nested ones too."""
    lines = text.splitlines()
    out: list[str] = []
    index, fence = 0, ""
    while index < len(lines):
        line = lines[index]
        fence = _fence_state(line, fence)
        match = None if fence else _ADMONITION.match(line)
        if match is None:
            out.append(line)
            index += 1
            continue
        body, index = _indented_block(lines, index + 1, len(match["indent"]) + 4)
        out.extend(_div(match, admonitions_to_divs("\n".join(body))))
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def _fence_state(line: str, fence: str) -> str:
    """The code fence we are inside after `line`, or "" outside fences."""
    match = _FENCE.match(line)
    if match is None:
        return fence
    if not fence:
        return match.group(1)
    return "" if match.group(1).startswith(fence) else fence


def _indented_block(lines: list[str], start: int, width: int) -> tuple[list[str], int]:
    """The lines indented by `width` from `start` (blank lines included), dedented."""
    body: list[str] = []
    index = start
    while index < len(lines):
        line = lines[index]
        if line.strip() and not line.startswith(" " * width):
            break
        body.append(line[width:])
        index += 1
    while body and not body[-1].strip():
        body.pop()
    return body, index


def _div(match: re.Match[str], body: str) -> list[str]:
    indent, kind = match["indent"], match["kind"].lower()
    title = match["title"]
    attribute = "" if title is None else f' title="{_attribute(title)}"'
    return [f"{indent}::: {{.{kind}{attribute}}}", *(indent + x for x in body.split("\n"))] + [
        f"{indent}:::",
        "",
    ]


def _attribute(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def shift_headings(text: str, by: int) -> str:
    """Markdown with every ATX heading outside code fences moved `by` levels down (max 6)."""
    out, fence = [], ""
    for line in text.splitlines():
        fence = _fence_state(line, fence)
        match = None if fence else _HEADING.match(line)
        if match:
            level = max(1, min(6, len(match.group(1)) + by))
            line = "#" * level + line[match.end() :]
        out.append(line)
    return "\n".join(out)


def chapter_markdown(text: str, shift: int = 0) -> str:
    """An editor's MkDocs Markdown body, ready for pandoc."""
    return shift_headings(admonitions_to_divs(text), shift).strip() + "\n"


def inline(text: str) -> str:
    """Model text for a single line: a table cell, a list item or a heading."""
    return " ".join(text.split()).replace("|", "\\|")


# ASCII punctuation except quotes, which only ever become typographic quotes.
_PUNCTUATION = re.compile(r"([!#-&(-/:-@\[-`{-~])")


def plain(text: str) -> str:
    """Plain text (a title, a label) as Markdown that prints exactly it, on one line.

    Every ASCII punctuation mark is backslash-escaped, so nothing in it can become emphasis,
    a list, a heading attribute, a raw block or a line break.
    """
    return _PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


def table_rule(widths: Sequence[int]) -> str:
    """A pipe table's dashes line, whose lengths give pandoc the relative column widths."""
    # pandoc reads widths from the dashes only when a line is wider than 72 columns.
    unit = max(4, -(-100 // sum(widths)))
    return "|" + "|".join("-" * (unit * width) for width in widths) + "|"


def table_cell(text: object) -> str:
    """Text for one cell of a pipe table; an empty cell keeps its space."""
    return inline(str(text)) or " "


def autolink(address: str) -> str:
    """A web address as a Markdown autolink, any character that could end it percent-encoded."""
    return "<" + quote(address, safe=":/?#[]@!$'()*+,;=%-._~") + ">"


def metadata_block(values: dict[str, object]) -> str:
    """A YAML metadata block; JSON scalars are YAML, so quoting is always right."""
    lines = [f"{key}: {_scalar(value)}" for key, value in values.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


def _scalar(value: object) -> str:
    # json.dumps writes a control character as an escape pandoc decodes: replace it first.
    return json.dumps(xml_safe(value) if isinstance(value, str) else value, ensure_ascii=False)


def balanced_divs(markdown: str) -> str:
    """Markdown whose fenced divs (`:::`) all close inside it.

    So none can end the notes div around it early and put a trainer's notes on the screen: a
    stray closing fence is escaped and a div left open is closed.
    """
    lines, depth = [], 0
    for line in markdown.splitlines():
        fence = _DIV_FENCE.match(line)
        if fence and fence["attributes"]:
            depth += 1
        elif fence and depth:
            depth -= 1
        elif fence:
            line = "\\" + line.lstrip()
        lines.append(line)
    return "\n".join(lines + [":::"] * depth) + "\n"
