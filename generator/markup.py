"""The raw-HTML policy: Markdown and text from editors may not carry HTML or script links.

Markdown is parsed with markdown-it-py so that HTML shown inside code (`<div>`) is allowed
while real tags are refused, each at its own line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .errors import Diagnostic
from .load import FieldPath, dotted
from .sources import SourceDocument

_PARSER = MarkdownIt("commonmark")
_SCRIPT_LINK = re.compile(r"\]\(\s*<?\s*(javascript|vbscript|data):", re.IGNORECASE)
HTML_HINT = "raw HTML is not published; use Markdown instead (see docs/source-formats.md)"


def check_markup(doc: SourceDocument) -> list[Diagnostic]:
    """Raw HTML and script links in a document's Markdown body and text values."""
    found = []
    if doc.body:
        found.extend(_check_text(doc, doc.body, doc.body_line, ""))
    for path, value, line in _strings(doc):
        indent = 0 if "\n" in value else doc.marks.value(path).column - 1
        found.extend(_check_text(doc, value, line, dotted(path), indent))
    return found


def _strings(doc: SourceDocument) -> Iterator[tuple[FieldPath, str, int]]:
    for path, value in _walk(doc.data, ()):
        if "<" in value or ":" in value:
            line = doc.marks.value(path).line + (1 if "\n" in value else 0)
            yield path, value, line


def _walk(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _walk(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _walk(inner, (*path, index))
    elif isinstance(value, str):
        yield path, value


def _check_text(
    doc: SourceDocument, text: str, first_line: int, field: str, indent: int = 0
) -> list[Diagnostic]:
    found = []
    lines = text.splitlines()
    for offset, fragment in _html_fragments(text):
        column = _column(lines, offset, fragment) + indent
        shown = fragment.strip().splitlines()[0][:40]
        message = f"raw HTML is not allowed: {shown}"
        found.append(Diagnostic(doc.rel, first_line + offset, column, message, field, HTML_HINT))
    for index, line in enumerate(lines):
        for match in _SCRIPT_LINK.finditer(line):
            message = f"link to a '{match.group(1).lower()}:' address is not allowed"
            hint = "link to a web page (https://...) or another page of the handbook"
            column = match.start(1) + 1 + indent
            found.append(Diagnostic(doc.rel, first_line + index, column, message, field, hint))
    return found


def _html_fragments(text: str) -> Iterator[tuple[int, str]]:
    """(line offset, HTML) of every raw HTML block or inline tag in Markdown text."""
    if "<" not in text:
        return
    for token in _PARSER.parse(text):
        if token.type == "html_block" and token.map and not token.content.startswith("<!--"):
            yield token.map[0], token.content
        elif token.type == "inline" and token.map:
            yield from _inline_html(token)


def _inline_html(token: Token) -> Iterator[tuple[int, str]]:
    assert token.map is not None
    line = token.map[0]
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "html_inline" and not child.content.startswith("<!--"):
            yield line, child.content


def _column(lines: list[str], offset: int, fragment: str) -> int:
    if 0 <= offset < len(lines):
        found = lines[offset].find(fragment.strip().splitlines()[0])
        return found + 1 if found >= 0 else 1
    return 1
