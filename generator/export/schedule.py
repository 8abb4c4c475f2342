"""A training day's one-page running order and the printable programme calendar.

Both are sheets: pandoc Markdown typeset through theme/pdf/sheet.typst (no cover, no
contents) for PDF, and through the reference .docx like every other Word download.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.export import pandoc, typeset, typst_pdf
from generator.export.document import Cover, Document
from generator.export.printed import print_markdown
from generator.model.calendar import Entry
from generator.model.objects import TrainingDay
from generator.model.timetable import Row
from generator.render.markdown import inline
from generator.theme import current as current_theme

#: The theme's Typst template for sheets, in its pdf/ folder.
SHEET_TEMPLATE = "sheet.typst"


def running_order_document(
    day: TrainingDay, facts: Sequence[tuple[str, str]], rows: Sequence[Row], cover: Cover
) -> Document:
    """The day from arrival to close: every module, session and break with clock times."""
    words = cover.words
    lines = [f"**{label}:** {inline(value)}" for label, value in facts if value]
    body = print_markdown("running-order.md.j2", facts=lines, rows=rows, words=words)
    return Document(
        day.title,
        words.running_order_download,
        cover,
        body,
        subtitle=f"{day.label}: {words.running_order}",
        toc=False,
        break_level=0,
    )


def calendar_document(title: str, year: str, entries: Sequence[Entry], cover: Cover) -> Document:
    """Every training day and window of the edition in date order, for the wall or a diary."""
    words = cover.words
    body = print_markdown("calendar.md.j2", year=year, entries=entries, words=words)
    return Document(
        f"{words.calendar_download} {cover.edition}",
        words.calendar_download,
        cover,
        body,
        subtitle=title,
        toc=False,
        break_level=0,
        # A year of entries, a few with long details, keeps to two pages of A4 rather than
        # leave a row or two on a third.
        dense_tables=True,
    )


#: The writing space typeset.lua puts in an empty cell (`[#v(9mm)]`).
_WRITING_SPACE = re.compile(r"\[#v\([0-9.]+mm\)\]")


def sheet_file(format: str, document: Document, epoch: int) -> bytes:
    """A sheet as PDF (no cover, through sheet.typst) or as Word."""
    if format == "docx":
        return typeset.docx(document, epoch)
    styles = current_theme().pdf
    markup = pandoc.to_typst(document.markdown("typst"), styles / SHEET_TEMPLATE)
    # typeset.lua leaves room to write in empty cells; a sheet's empty cells stay empty.
    # Editors' text cannot make this markup: pandoc escapes a "#" it reads as "\#".
    markup = _WRITING_SPACE.sub("[]", markup)
    return typst_pdf.compile_pdf(markup, styles, epoch)


def running_order_file(
    format: str,
    day: TrainingDay,
    facts: tuple[tuple[str, str], ...],
    rows: tuple[Row, ...],
    cover: Cover,
    epoch: int,
) -> bytes:
    """A training day's running order as PDF or Word."""
    return sheet_file(format, running_order_document(day, facts, rows, cover), epoch)


def calendar_file(
    format: str, title: str, year: str, entries: tuple[Entry, ...], cover: Cover, epoch: int
) -> bytes:
    """The programme calendar as PDF or Word."""
    return sheet_file(format, calendar_document(title, year, entries, cover), epoch)
