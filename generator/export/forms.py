"""Fill-in Word forms for a framework: self-review, peer review record and improvement plan.

Built with python-docx (see wordml.py) rather than pandoc: a school completes these on a
laptop, so they need real checkboxes, fixed column widths and header rows repeated per page.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document as WordDocument
from docx.table import _Cell

from ..model import Criterion, Framework, Strand
from ..vocab import EVIDENCE_SOURCES
from . import wordml

LANDSCAPE_WIDTH, PORTRAIT_WIDTH = 26.7, 17.0  # cm between the margins


def self_review_docx(framework: Framework, organisation: str, epoch: int) -> bytes:
    """A landscape self-review: a row per criterion, a checkbox per rating level."""
    title = f"{framework.title}: self-review"
    document = wordml.new_form(
        title,
        organisation,
        epoch,
        landscape=True,
        introduction=(
            "For each criterion, tick the level whose descriptor best fits your school, note the "
            "evidence that supports your judgement and the next steps it suggests. Use the "
            "evidence sources listed under each criterion as a starting point."
        ),
    )
    details_table(document, ("School", "Completed by", "Date"), LANDSCAPE_WIDTH)
    widths = self_review_widths(len(framework.scale))
    ident = 1
    for domain in framework.domains:
        document.add_heading(f"{domain.number} {domain.title}", level=1)
        for strand in domain.strands:
            document.add_heading(f"{strand.number} {strand.title}", level=2)
            ident = _self_review_table(document, framework, strand, widths, ident)
    return wordml.to_bytes(document, epoch)


def self_review_widths(levels: int) -> list[float]:
    """Column widths in cm: criterion, one per level, evidence, next steps."""
    level_width = round(13.6 / levels, 2)
    rest = LANDSCAPE_WIDTH - level_width * levels
    notes = round(rest * 0.29, 2)
    return [round(rest - 2 * notes, 2), *([level_width] * levels), notes, notes]


def _self_review_table(
    document: WordDocument, framework: Framework, strand: Strand, widths: list[float], ident: int
) -> int:
    headers = ["Criterion", *(level.label for level in framework.scale), "Evidence", "Next steps"]
    table = wordml.fixed_table(document, headers, widths)
    for criterion in strand.criteria:
        cells = wordml.add_row(table, widths, min_height_cm=2.5).cells
        _criterion_cell(cells[0], criterion)
        for cell, (level, descriptor) in zip(cells[1:], criterion.descriptors, strict=False):
            label = f"{criterion.number} {level.label}"
            wordml.checkbox(cell.paragraphs[0], ident, f"{criterion.ref}:{level.id}", label)
            ident += 1
            wordml.write_text(cell, descriptor, size=8)
    document.add_paragraph()
    return ident


def _criterion_cell(cell: _Cell, criterion: Criterion) -> None:
    wordml.write_text(cell, f"{criterion.number} {criterion.statement}", bold=True)
    if criterion.evidence:
        sources = ", ".join(EVIDENCE_SOURCES.get(e, e) for e in criterion.evidence)
        wordml.write_text(cell, f"Evidence to consider: {sources}.", size=8, italic=True)


def details_table(document: WordDocument, labels: Sequence[str], width: float) -> None:
    """A two-column table of labels with blank answers: school, dates, names."""
    widths = [width * 0.25, width * 0.75]
    table = wordml.fixed_table(document, ("Detail", "Answer"), widths)
    for label in labels:
        row = wordml.add_row(table, widths, min_height_cm=0.9)
        wordml.write_text(row.cells[0], label, bold=True)
    document.add_paragraph()


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
    document.add_paragraph()
