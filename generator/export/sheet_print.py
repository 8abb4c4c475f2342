"""How a worksheet prints: landscape A4, one page wide, header row repeated, rows tall enough.

openpyxl writes no row heights, and LibreOffice does not grow a row to fit wrapped text when it
opens a file, so long statements print over the rows below them. Each row's height is set here
from its text and its columns' widths, the way a word processor wraps a line.
"""

from __future__ import annotations

import math
import textwrap

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

BODY_POINTS = 11  # the workbook's text size, unless a cell says otherwise
LINE_POINTS = 14.5  # one line of 11pt text, as Excel and LibreOffice space it
PADDING_POINTS = 4
MAX_ROW_POINTS = 409  # the tallest row a spreadsheet allows
CHARACTERS_PER_WIDTH = 1.05  # column widths count "0"s; ordinary text runs a little narrower
BOLD_CHARACTERS_PER_WIDTH = 0.8  # header text is bold, and wider
HEADER_LIMIT = 120  # characters of a title in the page header (Excel allows 255 in all)


def print_layout(
    sheet: Worksheet, title: str, min_row_points: float = 0, header_row: int = 1
) -> None:
    """Set up `sheet` to print as a usable paper form headed with `title`; its table's header
    row is `header_row` (rows above it are the form's own head, printed once)."""
    page_setup(sheet, header_row)
    header_and_footer(sheet, title)
    fit_rows(sheet, min_row_points, header_row)


def page_setup(sheet: Worksheet, header_row: int = 1) -> None:
    """Landscape A4 fitted to one page wide, the header row on every page, the used range only."""
    last = f"{get_column_letter(sheet.max_column)}{sheet.max_row}"
    sheet.print_area = f"A1:{last}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = True
    margins = sheet.page_margins
    margins.left = margins.right = 0.4
    margins.top = margins.bottom = 0.6
    margins.header = margins.footer = 0.3


def header_and_footer(sheet: Worksheet, title: str) -> None:
    """The framework's name and the sheet's at the top, "Page N of M" at the foot."""
    sheet.oddHeader.left.text = header_text(title)
    sheet.oddHeader.right.text = header_text(sheet.title)
    sheet.oddFooter.center.text = "Page &P of &N"
    for part in (sheet.oddHeader.left, sheet.oddHeader.right, sheet.oddFooter.center):
        part.size = 9


def header_text(text: str) -> str:
    """Text for a header or footer, where "&" starts a code (page number, font) unless doubled."""
    flat = " ".join(text.split())
    if len(flat) > HEADER_LIMIT:
        flat = flat[: HEADER_LIMIT - 1].rstrip() + "…"
    return flat.replace("&", "&&")


def fit_rows(sheet: Worksheet, min_points: float = 0, header_row: int = 1) -> None:
    """Every body row as tall as its most wrapped cell, and at least `min_points`; rows above
    the header row keep the heights they were given."""
    widths = {
        index: sheet.column_dimensions[get_column_letter(index)].width or 8.43
        for index in range(1, sheet.max_column + 1)
    }
    for number, row in enumerate(sheet.iter_rows(), start=1):
        if number < header_row:
            continue
        per_width = CHARACTERS_PER_WIDTH if number > header_row else BOLD_CHARACTERS_PER_WIDTH
        points = max((_cell_points(cell, widths[cell.column] * per_width) for cell in row),
                     default=LINE_POINTS) + PADDING_POINTS  # fmt: skip
        if number > header_row:
            points = max(points, min_points)
        sheet.row_dimensions[number].height = min(MAX_ROW_POINTS, math.ceil(points))


def _cell_points(cell: Cell | MergedCell, characters: float) -> float:
    """How tall a cell's wrapped text stands, in points, at the cell's own font size."""
    scale = (cell.font.sz or BODY_POINTS) / BODY_POINTS if cell.font else 1
    return wrapped_lines(_text(cell), characters / scale) * LINE_POINTS * scale


def _text(cell: Cell | MergedCell) -> str:
    """What a cell shows as text; a formula's result is a number, one line."""
    if cell.value is None or cell.data_type == "f":
        return ""
    return str(cell.value)


def wrapped_lines(text: str, characters: float) -> int:
    """How many lines `text` takes in a column `characters` of text wide."""
    if not text:
        return 1
    columns = max(1, int(characters) - 1)
    return sum(max(1, len(textwrap.wrap(line, columns))) for line in text.splitlines())
