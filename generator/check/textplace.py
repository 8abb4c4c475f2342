"""Where each character of a source text stands in its file: line and column.

A Markdown body is copied from the file as it is. A YAML text is not: a folded (`>`) or plain
scalar joins its lines with spaces and drops their indentation, and a block scalar starts on
the line after its key. So the text is walked beside the file's own lines, once, recording
where each source line's words start in the value; an offset then finds its line by bisection.
A value YAML changed more than that (escapes in a quoted scalar) keeps the position of its
first character from there on.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from generator.codes import CODES
from generator.errors import Diagnostic
from generator.load.positions import FieldPath, dotted
from generator.load.sources import SourceDocument


@dataclass(frozen=True)
class TextPlace:
    """A text's file and field, and the file position where each of its pieces starts."""

    rel: str
    field: str
    #: Offsets in the text where a piece starts, with the piece's line and column.
    offsets: tuple[int, ...]
    lines: tuple[int, ...]
    columns: tuple[int, ...]

    def position(self, offset: int) -> tuple[int, int]:
        """The line and column of an offset in the text."""
        piece = max(0, bisect.bisect_right(self.offsets, offset) - 1)
        return self.lines[piece], self.columns[piece] + offset - self.offsets[piece]

    def diagnostic(self, offset: int, message: str, hint: str, code: str) -> Diagnostic:
        """A diagnostic of the code's declared severity at an offset in the text."""
        line, column = self.position(offset)
        severity = CODES[code].severity
        return Diagnostic(self.rel, line, column, message, self.field, hint, severity, code=code)


def body_place(doc: SourceDocument, body: str) -> TextPlace:
    """A Markdown body, line for line from `doc.body_line`."""
    offsets, lines = [0], [doc.body_line]
    at = body.find("\n")
    while at >= 0:
        offsets.append(at + 1)
        lines.append(lines[-1] + 1)
        at = body.find("\n", at + 1)
    return TextPlace(doc.rel, "", tuple(offsets), tuple(lines), tuple(1 for _ in offsets))


def value_place(doc: SourceDocument, path: FieldPath, value: str, source: list[str]) -> TextPlace:
    """A YAML text value, walked beside the file's lines from where the value starts."""
    mark = doc.marks.value(path)
    line, column = mark.line, mark.column
    text = source[line - 1] if 0 < line <= len(source) else ""
    rest = text[column - 1 :]
    pieces: list[tuple[int, int, int]] = []
    if rest[:1] in "|>":
        line, column = line + 1, 1
    elif rest[:1] in "\"'":
        column += 1
    pieces = _walk(value, source, line, column)
    if not pieces:
        pieces = [(0, mark.line, mark.column)]
    offsets, lines, columns = zip(*pieces, strict=True)
    return TextPlace(doc.rel, dotted(path), offsets, lines, columns)


def _walk(value: str, source: list[str], line: int, column: int) -> list[tuple[int, int, int]]:
    """Where each source line's words start in `value`, from (line, column) on."""
    pieces: list[tuple[int, int, int]] = []
    at = 0
    first = True
    while line <= len(source) and at < len(value):
        raw = source[line - 1][column - 1 :] if first else source[line - 1]
        words = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        if words:
            start = _skip_space(value, at)
            found = _common(value, start, words)
            if found == 0:
                break
            pieces.append((start, line, (column if first else 1) + indent))
            at = start + found
        first, line = False, line + 1
    return pieces


def _skip_space(value: str, at: int) -> int:
    while at < len(value) and value[at] in " \t\n":
        at += 1
    return at


def _common(value: str, start: int, words: str) -> int:
    """How many characters of `words` stand at value[start:], up to the first difference."""
    if value.startswith(words, start):
        return len(words)
    count = 0
    for a, b in zip(value[start : start + len(words)], words, strict=False):
        if a != b:
            break
        count += 1
    return count
