"""Fill-in Word forms for a framework: self-review, peer review record and improvement plan.

Built with python-docx (see wordml.py) rather than pandoc: a school completes these on a
laptop, so they need real checkboxes, fixed column widths and header rows repeated per page.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document as WordDocument
from docx.table import _Cell

from generator.export import wordml
from generator.export.document import Cover
from generator.model.objects import Criterion, Domain, Framework, Strand
from generator.model.wording import Wording
from generator.render.filters import numbered

LANDSCAPE_WIDTH, PORTRAIT_WIDTH = 26.7, 17.0  # cm between the margins


def self_review_docx(framework: Framework, cover: Cover, epoch: int) -> bytes:
    """A landscape self-review: a row per criterion, a checkbox per rating level."""
    words = cover.words
    title = f"{framework.title}: {words.self_review_sheet.lower()}"
    document = wordml.new_form(
        title,
        cover.organisation,
        epoch,
        landscape=True,
        introduction=words.self_review_introduction,
    )
    details_table(document, (words.school, words.completed_by, words.date), LANDSCAPE_WIDTH, words)
    widths = self_review_widths(len(framework.scale))
    ident = 1
    for domain in framework.domains:
        wordml.add_heading(document, numbered(domain), level=1)
        if domain.own_criteria:
            ident = _self_review_table(document, framework, domain, widths, ident, words)
        for strand in domain.strands:
            wordml.add_heading(document, numbered(strand), level=2)
            ident = _self_review_table(document, framework, strand, widths, ident, words)
    return wordml.to_bytes(document, epoch)


def self_review_widths(levels: int) -> list[float]:
    """Column widths in cm: criterion, one per level, evidence, next steps."""
    level_width = round(13.6 / levels, 2)
    rest = LANDSCAPE_WIDTH - level_width * levels
    notes = round(rest * 0.29, 2)
    return [round(rest - 2 * notes, 2), *([level_width] * levels), notes, notes]


def _self_review_table(
    document: WordDocument,
    framework: Framework,
    strand: Strand | Domain,
    widths: list[float],
    ident: int,
    words: Wording,
) -> int:
    levels = (level.label for level in framework.scale)
    headers = [words.criterion, *levels, words.evidence, words.next_steps]
    table = wordml.fixed_table(document, headers, widths)
    for criterion in strand.criteria:
        cells = wordml.add_row(table, widths, min_height_cm=2.5).cells
        _criterion_cell(cells[0], criterion, words)
        for cell, (level, descriptor) in zip(cells[1:], criterion.descriptors, strict=False):
            label = f"{criterion.number} {level.label}"
            wordml.checkbox(cell.paragraphs[0], ident, f"{criterion.ref}:{level.id}", label)
            ident += 1
            wordml.write_text(cell, descriptor, size=8)
    wordml.add_paragraph(document)
    return ident


def _criterion_cell(cell: _Cell, criterion: Criterion, words: Wording) -> None:
    wordml.write_text(cell, f"{criterion.number} {criterion.statement}", bold=True)
    if criterion.evidence:
        sources = words.list_separator.join(e.label for e in criterion.evidence)
        text = f"{words.evidence_to_consider}: {sources}."
        wordml.write_text(cell, text, size=8, italic=True)


def details_table(
    document: WordDocument, labels: Sequence[str], width: float, words: Wording
) -> None:
    """A two-column table of labels with blank answers: school, dates, names."""
    widths = [width * 0.25, width * 0.75]
    table = wordml.fixed_table(document, (words.detail, words.answer), widths)
    for label in labels:
        row = wordml.add_row(table, widths, min_height_cm=0.9)
        wordml.write_text(row.cells[0], label, bold=True)
    wordml.add_paragraph(document)


def blank_table(
    document: WordDocument,
    headers: Sequence[str],
    widths: Sequence[float],
    rows: int,
    height: float,
) -> None:
    """A table of empty rows to fill in, its header row repeated on each page."""
    table = wordml.fixed_table(document, headers, widths)
    for _ in range(rows):
        wordml.add_row(table, widths, min_height_cm=height)
    wordml.keep_together(table)
    wordml.add_paragraph(document)
