"""The size limits a source must keep, so that no file can make a build slow or huge.

Every check here is one linear pass. They run before anything parses Markdown, because
Python-Markdown's link and tag patterns take time that grows with the square of the number
of unclosed brackets in a paragraph: 2,000 characters of `![` cost it seconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Largest source file; the largest shipped source, a whole framework, is about 70 KB.
MAX_FILE_BYTES = 1_000_000
#: Longest line; a long paragraph written on one line is about 2,000 characters.
MAX_LINE_CHARS = 10_000
#: Longest single value (a chapter body or a definition).
MAX_TEXT_CHARS = 200_000
#: Longest fact (content/programme.yml `facts:`); the longest shipped fact is about 100.
MAX_FACT_CHARS = 500
#: Most headings in one text; a long chapter has about 30.
MAX_HEADINGS = 300
#: Deepest nesting of block quotes and lists in Markdown.
MAX_NESTING = 8
#: Most `[` or `<` in one paragraph (a link uses one `[`); a dense paragraph has about 10.
MAX_BRACKETS_PER_PARAGRAPH = 100
#: Most `[` or `<` in one text.
MAX_BRACKETS_PER_TEXT = 3_000

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}(\s|$)")
_QUOTES = re.compile(r"^(\s*>)+")


@dataclass(frozen=True)
class Breach:
    """A limit a text goes over: the line (0-based within the text), column and message."""

    line: int
    column: int
    message: str
    hint: str
    #: The check's code (generator/codes.py).
    code: str


def file_size(size: int) -> Breach | None:
    """A file over MAX_FILE_BYTES, refused before it is read."""
    if size <= MAX_FILE_BYTES:
        return None
    message = f"file is {size:,} bytes; a source may hold at most {MAX_FILE_BYTES:,}"
    return Breach(0, 1, message, "split it into several files", "limit.file-size")


def long_lines(text: str) -> list[Breach]:
    """Every line longer than MAX_LINE_CHARS."""
    found = []
    for number, line in enumerate(text.split("\n")):
        if len(line) > MAX_LINE_CHARS:
            message = f"line is {len(line):,} characters long; the limit is {MAX_LINE_CHARS:,}"
            hint = "break it into lines"
            found.append(Breach(number, MAX_LINE_CHARS + 1, message, hint, "limit.line-length"))
    return found


def text_length(text: str) -> Breach | None:
    """A text longer than MAX_TEXT_CHARS, or None."""
    if len(text) <= MAX_TEXT_CHARS:
        return None
    message = f"text is {len(text):,} characters long; the limit is {MAX_TEXT_CHARS:,}"
    return Breach(0, 1, message, "split it into several chapters or entries", "limit.text-length")


def markdown_breach(text: str) -> Breach | None:
    """The first limit a Markdown text goes over, or None."""
    return text_length(text) or _structure_breach(text.split("\n"))


def _structure_breach(lines: list[str]) -> Breach | None:
    headings = paragraph = total = 0
    fence = ""
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence:
            fence = "" if opening and opening.group(1).startswith(fence) else fence
            continue
        if opening:
            fence = opening.group(1)[:3]
            continue
        if not line.strip():
            paragraph = 0
            continue
        headings += bool(_HEADING.match(line))
        brackets = line.count("[") + line.count("<")
        paragraph, total = paragraph + brackets, total + brackets
        breach = _line_breach(number, line, headings, paragraph, total)
        if breach:
            return breach
    return None


def _line_breach(
    number: int, line: str, headings: int, paragraph: int, total: int
) -> Breach | None:
    if headings > MAX_HEADINGS:
        message = f"more than {MAX_HEADINGS} headings in one text"
        return Breach(number, 1, message, "split it into several chapters", "limit.headings")
    if paragraph > MAX_BRACKETS_PER_PARAGRAPH or total > MAX_BRACKETS_PER_TEXT:
        limit = (
            f"{MAX_BRACKETS_PER_PARAGRAPH} in a paragraph"
            if paragraph > MAX_BRACKETS_PER_PARAGRAPH
            else f"{MAX_BRACKETS_PER_TEXT:,} in a text"
        )
        message = f"too many '[' and '<' characters: at most {limit}"
        return Breach(
            number, 1, message, "split the paragraph, or use fewer links", "limit.brackets"
        )
    depth = _depth(line)
    if depth > MAX_NESTING:
        message = f"nested {depth} levels deep; the limit is {MAX_NESTING}"
        return Breach(number, 1, message, "flatten the lists or quotes", "limit.nesting")
    return None


def _depth(line: str) -> int:
    quotes = _QUOTES.match(line)
    quoted = quotes.group().count(">") if quotes else 0
    indent = len(line) - len(line.lstrip(" "))
    return quoted + indent // 4
