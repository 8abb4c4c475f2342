"""Starter text left in a source: `handbook new` marks each sentence to replace.

A starting file validates as written, so that an editor can build and preview it at once;
its marked sentences are warnings until replaced, so a strict build does not publish them.
"""

from __future__ import annotations

from generator.errors import Diagnostic
from generator.load.positions import dotted, leaves
from generator.load.sources import SourceDocument

#: Opens every sentence of a starting file that an editor must replace with their own words.
PLACEHOLDER = "(replace this)"
_HINT = f"write your own text in place of the sentence that starts {PLACEHOLDER}"
_MESSAGE = "starter text from `handbook new` is still here"


def check_placeholders(doc: SourceDocument) -> list[Diagnostic]:
    """A warning at every field and body line that still holds starter text."""
    found = []
    for path, value in leaves(doc.data):
        if isinstance(value, str) and PLACEHOLDER in value:
            where = doc.marks.value(path)
            found.append(_warning(doc.rel, where.line, where.column, dotted(path)))
    for number, line in enumerate(doc.body.splitlines(), start=doc.body_line):
        if PLACEHOLDER in line:
            found.append(_warning(doc.rel, number, line.index(PLACEHOLDER) + 1, ""))
    return found


def _warning(rel: str, line: int, column: int, field: str) -> Diagnostic:
    return Diagnostic(rel, line, column, _MESSAGE, field, _HINT, "warning", code="text.placeholder")
