"""The self-review as an Excel workbook: a rating drop-down per criterion and a summary.

Sheets: "Self-review" (a row per criterion; the rating cell offers the scale's labels, listed
on the Scale sheet), "Summary" (a count of each rating per strand, so it updates as the school
fills in), and "Scale" (what each level means). Header rows stay in view when scrolling and
carry filters, so the rows can be sorted and filtered in Excel or LibreOffice.

Content is text, never a formula (OWASP's advice on CSV injection): every value an editor
wrote is stored as a string cell, with a quote prefix where it starts with a character a
spreadsheet reads as the start of a formula. The only formulas are the Summary counts we write,
and they refer to cells rather than quote labels, so no label text is ever inside a formula.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator.export.archive import repack
from generator.export.document import Cover
from generator.export.sheet_print import print_layout
from generator.model.objects import Framework
from generator.model.sheets import SHEET_WORDING, safe_sheet_names
from generator.model.wording import Wording
from generator.render.characters import xml_safe

#: Column widths of the self-review sheet, in characters: together they print one landscape
#: A4 page wide at about 80% scale. The headers come from the wording.
REVIEW_WIDTHS = (14, 8, 16, 9, 40, 24, 13, 30, 30)
RATING_COLUMN = "G"
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
WRAP = Alignment(wrap_text=True, vertical="top")
# First characters a spreadsheet may read as a formula or a command (OWASP), full-width too.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
WRITING_ROOM_POINTS = 60  # four lines of handwriting in each criterion's row


@dataclass(frozen=True)
class _Sheets:
    """The three sheet names, as tabs show them and as formulas refer to them."""

    review: str
    summary: str
    scale: str

    @classmethod
    def named(cls, words: Wording) -> _Sheets:
        """The three names from the wording, made safe and distinct (ignoring case), so the
        rating drop-down and the counts always point at the sheet they mean."""
        names = safe_sheet_names([xml_safe(words[key]) for key in SHEET_WORDING])
        return cls(review=names[0], summary=names[1], scale=names[2])

    @staticmethod
    def ref(name: str) -> str:
        """A sheet name quoted for a formula: `'Scale'`, with a quote in it doubled."""
        return "'" + name.replace("'", "''") + "'"


def _named(sheet: Worksheet, name: str) -> Worksheet:
    """`sheet`, refusing to go on if the workbook renamed it (formulas name it as `name`)."""
    if sheet.title != name:
        raise AssertionError(f"sheet {name!r} was created as {sheet.title!r}")
    return sheet


def self_review_xlsx(framework: Framework, cover: Cover, epoch: int) -> bytes:
    """The workbook's bytes, with the same dates on every build."""
    words, sheets = cover.words, _Sheets.named(cover.words)
    workbook = Workbook()
    review = workbook.active
    assert review is not None
    review.title = sheets.review
    _review_sheet(review, framework, words, sheets)
    summary = _named(workbook.create_sheet(sheets.summary), sheets.summary)
    _summary_sheet(summary, framework, words, sheets)
    _scale_sheet(_named(workbook.create_sheet(sheets.scale), sheets.scale), framework, words)
    _print_layout(workbook, framework, sheets, words)
    props = workbook.properties
    props.title = xml_safe(f"{framework.title}: {words.self_review_sheet.lower()}")
    props.creator = props.lastModifiedBy = xml_safe(cover.organisation)
    props.language = "en-GB"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return repack(buffer.getvalue(), epoch)


def put_text(cell: Cell, value: object) -> Cell:
    """A value as a string cell that no spreadsheet evaluates; None leaves the cell empty."""
    if value is None:
        return cell
    text = xml_safe(str(value))
    cell.value = text
    cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
    cell.quotePrefix = text.startswith(FORMULA_START)
    return cell


def _append(sheet: Worksheet, values: Sequence[object], formulas: Sequence[str] = ()) -> None:
    """A row of text cells, then formulas we wrote ourselves in the columns after them."""
    row = sheet.max_row + 1
    for column, value in enumerate(values, start=1):
        put_text(sheet.cell(row=row, column=column), value)
    for column, formula in enumerate(formulas, start=len(values) + 1):
        sheet.cell(row=row, column=column, value=formula)


def _print_layout(
    workbook: Workbook, framework: Framework, sheets: _Sheets, words: Wording
) -> None:
    """Every sheet prints as a paper form; review rows leave room to write by hand."""
    title = xml_safe(f"{framework.title}: {words.self_review_sheet.lower()}")
    for sheet in workbook.worksheets:
        room = WRITING_ROOM_POINTS if sheet.title == sheets.review else 0
        print_layout(sheet, title, room)


def _header(sheet: Worksheet, columns: tuple[tuple[str, int], ...]) -> None:
    """A bold, filled header row that stays in view when scrolling."""
    for index, (title, width) in enumerate(columns, start=1):
        cell = put_text(sheet.cell(row=1, column=index), title)
        cell.fill, cell.font, cell.alignment = HEADER_FILL, HEADER_FONT, WRAP
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _finish(sheet: Worksheet) -> None:
    """Wrapped text in every body cell, text format, and sort and filter buttons."""
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP
            if cell.data_type != "f":
                cell.number_format = "@"
    sheet.auto_filter.ref = f"A1:{get_column_letter(sheet.max_column)}{max(sheet.max_row, 2)}"


def review_columns(framework: Framework, words: Wording) -> tuple[tuple[str, int], ...]:
    """The self-review sheet's columns; a framework without strands groups by domain."""
    group = words.strand if framework.strands else words.domain
    first = words.domain if framework.strands else words.framework_download
    headers = (first, f"{group} {words.number}", group, words.criterion, words.statement)
    rest = (words.evidence_to_consider, words.rating, words.evidence, words.next_steps)
    return tuple(zip((*headers, *rest), REVIEW_WIDTHS, strict=True))


def _review_sheet(sheet: Worksheet, framework: Framework, words: Wording, sheets: _Sheets) -> None:
    _header(sheet, review_columns(framework, words))
    for domain in framework.domains:
        first = domain.title if framework.strands else framework.title
        for group in domain.strands or (domain,):
            for criterion in group.criteria:
                evidence = words.list_separator.join(e.label for e in criterion.evidence)
                statement = (first, group.number, group.title, criterion.number)
                _append(sheet, [*statement, criterion.statement, evidence, None, None, None])
    _finish(sheet)
    _rating_drop_down(sheet, framework, sheet.max_row, words, sheets)


def _rating_drop_down(
    sheet: Worksheet, framework: Framework, last_row: int, words: Wording, sheets: _Sheets
) -> None:
    # The choices are the Level column of the Scale sheet: a range, not an inline list, so a
    # label holding a comma or a quote is offered whole and is never part of a formula.
    source = f"{sheets.ref(sheets.scale)}!$A$2:$A${len(framework.scale) + 1}"
    validation = DataValidation(type="list", formula1=source, allow_blank=True)
    title = xml_safe(words.rating)
    validation.promptTitle, validation.prompt = title, xml_safe(words.rating_prompt)
    validation.errorTitle, validation.error = title, xml_safe(words.rating_error)
    validation.showInputMessage = validation.showErrorMessage = True
    validation.add(f"{RATING_COLUMN}2:{RATING_COLUMN}{last_row}")
    sheet.add_data_validation(validation)


def _summary_sheet(sheet: Worksheet, framework: Framework, words: Wording, sheets: _Sheets) -> None:
    labels = [level.label for level in framework.scale]
    group = words.strand if framework.strands else words.domain
    columns = ((f"{group} {words.number}", 10), (group, 34), *((label, 13) for label in labels))
    _header(sheet, (*columns, (words.not_yet_rated, 13), (words.criteria, 10)))
    last = len(framework.criteria) + 1
    review = sheets.ref(sheets.review)
    strands = f"{review}!$B$2:$B${last}"
    ratings = f"{review}!${RATING_COLUMN}$2:${RATING_COLUMN}${last}"
    for row, strand in enumerate(framework.groups, start=2):
        # An exact match with the label in this column's header: COUNTIFS would read a
        # label's `<`, `=`, `*` or `?` as a comparison or a wildcard.
        counts = [
            f"=SUMPRODUCT(({strands}=$A{row})*({ratings}={get_column_letter(column)}$1))"
            for column in range(3, 3 + len(labels))
        ]
        blank = f'=COUNTIFS({strands},$A{row},{ratings},"")'
        total = f"=COUNTIF({strands},$A{row})"
        _append(sheet, [strand.number, strand.title], [*counts, blank, total])
    _finish(sheet)


def _scale_sheet(sheet: Worksheet, framework: Framework, words: Wording) -> None:
    _header(sheet, ((words.level, 16), (words.what_it_means, 90)))
    for level in framework.scale:
        _append(sheet, [level.label, level.descriptor])
    _finish(sheet)
