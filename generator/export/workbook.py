"""The self-review as an Excel workbook: a rating drop-down per criterion and a summary.

Sheets: "Self-review" (a row per criterion; the rating cell offers the scale's labels),
"Summary" (COUNTIFS of each rating per strand, so it updates as the school fills in), and
"Scale" (what each level means). Header rows stay in view when scrolling and carry filters,
so the rows can be sorted and filtered in Excel or LibreOffice.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..model import Framework
from ..vocab import EVIDENCE_SOURCES
from .archive import repack
from .sheet_print import print_layout

REVIEW, SUMMARY, SCALE = "Self-review", "Summary", "Scale"
# Widths in characters; together they print one landscape A4 page wide at about 80% scale.
REVIEW_COLUMNS = (
    ("Domain", 14),
    ("Strand number", 8),
    ("Strand", 16),
    ("Criterion", 9),
    ("Statement", 40),
    ("Evidence to consider", 24),
    ("Rating", 13),
    ("Evidence", 30),
    ("Next steps", 30),
)
RATING_COLUMN = "G"
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
WRAP = Alignment(wrap_text=True, vertical="top")
WRITING_ROOM_POINTS = 60  # four lines of handwriting in each criterion's row


def self_review_xlsx(framework: Framework, organisation: str, epoch: int) -> bytes:
    """The workbook's bytes, with the same dates on every build."""
    workbook = Workbook()
    review = workbook.active
    assert review is not None
    review.title = REVIEW
    _review_sheet(review, framework)
    _summary_sheet(workbook.create_sheet(SUMMARY), framework)
    _scale_sheet(workbook.create_sheet(SCALE), framework)
    _print_layout(workbook, framework)
    props = workbook.properties
    props.title, props.creator = f"{framework.title}: self-review", organisation
    props.language, props.lastModifiedBy = "en-GB", organisation
    buffer = io.BytesIO()
    workbook.save(buffer)
    return repack(buffer.getvalue(), epoch)


def _print_layout(workbook: Workbook, framework: Framework) -> None:
    """Every sheet prints as a paper form; review rows leave room to write by hand."""
    for sheet in workbook.worksheets:
        room = WRITING_ROOM_POINTS if sheet.title == REVIEW else 0
        print_layout(sheet, f"{framework.title}: self-review", room)


def _header(sheet: Worksheet, columns: tuple[tuple[str, int], ...]) -> None:
    """A bold, filled header row that stays in view when scrolling."""
    for index, (title, width) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=title)
        cell.fill, cell.font, cell.alignment = HEADER_FILL, HEADER_FONT, WRAP
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _finish(sheet: Worksheet) -> None:
    """Wrapped text in every body cell, text format, and sort and filter buttons."""
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP
            if not str(cell.value or "").startswith("="):
                cell.number_format = "@"
    sheet.auto_filter.ref = f"A1:{get_column_letter(sheet.max_column)}{max(sheet.max_row, 2)}"


def _review_sheet(sheet: Worksheet, framework: Framework) -> None:
    _header(sheet, REVIEW_COLUMNS)
    for domain in framework.domains:
        for strand in domain.strands:
            for criterion in strand.criteria:
                evidence = ", ".join(EVIDENCE_SOURCES.get(e, e) for e in criterion.evidence)
                statement = (domain.title, strand.number, strand.title, criterion.number)
                sheet.append([*statement, criterion.statement, evidence, None, None, None])
    _finish(sheet)
    _rating_drop_down(sheet, framework, sheet.max_row)


def _rating_drop_down(sheet: Worksheet, framework: Framework, last_row: int) -> None:
    labels = [level.label for level in framework.scale]
    listed = ",".join(labels)
    # An inline list is simplest; long or comma-holding labels need a range on the Scale sheet.
    if len(listed) <= 250 and not any("," in label for label in labels):
        source = f'"{listed}"'
    else:
        source = f"'{SCALE}'!$A$2:$A${len(labels) + 1}"
    validation = DataValidation(type="list", formula1=source, allow_blank=True)
    validation.promptTitle, validation.prompt = "Rating", "Choose the level that best fits."
    validation.errorTitle, validation.error = "Rating", "Choose one of the scale's levels."
    validation.showInputMessage = validation.showErrorMessage = True
    validation.add(f"{RATING_COLUMN}2:{RATING_COLUMN}{last_row}")
    sheet.add_data_validation(validation)


def _summary_sheet(sheet: Worksheet, framework: Framework) -> None:
    labels = [level.label for level in framework.scale]
    columns = (("Strand number", 10), ("Strand", 34), *((label, 13) for label in labels))
    _header(sheet, (*columns, ("Not yet rated", 13), ("Criteria", 10)))
    last = len(framework.criteria) + 1
    strands = f"'{REVIEW}'!$B$2:$B${last}"
    ratings = f"'{REVIEW}'!${RATING_COLUMN}$2:${RATING_COLUMN}${last}"
    for row, strand in enumerate(framework.strands, start=2):
        counts = [f'=COUNTIFS({strands},$A{row},{ratings},"{_quoted(label)}")' for label in labels]
        blank = f'=COUNTIFS({strands},$A{row},{ratings},"")'
        sheet.append([strand.number, strand.title, *counts, blank, f"=COUNTIF({strands},$A{row})"])
    _finish(sheet)


def _quoted(label: str) -> str:
    return label.replace('"', '""')


def _scale_sheet(sheet: Worksheet, framework: Framework) -> None:
    _header(sheet, (("Level", 16), ("What it means", 90)))
    for level in framework.scale:
        sheet.append([level.label, level.descriptor])
    _finish(sheet)
