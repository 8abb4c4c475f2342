"""The self-review workbook reopened with openpyxl: drop-downs, summary formulas, layout."""

from __future__ import annotations

import dataclasses
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from generator.export.workbook import TABLE_ROW, self_review_xlsx
from generator.model.objects import Framework, Handbook

from .conftest import EPOCH, cover


@pytest.fixture(scope="module")
def framework(handbook: Handbook) -> Framework:
    return handbook.frameworks[0]


@pytest.fixture(scope="module")
def workbook(framework: Framework) -> Workbook:
    return load_workbook(io.BytesIO(self_review_xlsx(framework, cover(), EPOCH)))


def test_a_row_per_criterion_in_framework_order(workbook: Workbook, framework: Framework) -> None:
    sheet = workbook["Self-review"]
    numbers = [row[3] for row in sheet.iter_rows(min_row=TABLE_ROW + 1, values_only=True)]
    assert numbers == [c.number for c in framework.criteria]
    assert sheet[f"H{TABLE_ROW}"].value == "Rating"


def test_the_form_opens_with_school_completed_by_date_and_version(
    workbook: Workbook, framework: Framework
) -> None:
    sheet = workbook["Self-review"]
    labels = [sheet.cell(row, 1).value for row in range(2, 5)]
    assert labels == ["School", "Completed by", "Date"]
    assert all(sheet.cell(row, 4).value is None for row in range(2, 5))
    assert (sheet["G2"].value, sheet["H2"].value) == ("Version", framework.version)


def test_each_criterion_has_its_level_descriptors_beside_it(
    workbook: Workbook, framework: Framework
) -> None:
    sheet = workbook["Self-review"]
    assert sheet[f"F{TABLE_ROW}"].value == "Level descriptors"
    criterion = framework.criteria[0]
    cell = str(sheet[f"F{TABLE_ROW + 1}"].value)
    for level, text in criterion.descriptors:
        assert f"{level.label}: {text}" in cell
    # Evidence and Next steps are wide enough to write in: wider than every column but the
    # descriptors.
    widths = {c: sheet.column_dimensions[c].width for c in "ABCDEFGHIJ"}
    assert widths["I"] == widths["J"] == sorted(widths.values())[-2] >= 30


def test_every_rating_cell_has_the_scale_drop_down(
    workbook: Workbook, framework: Framework
) -> None:
    sheet = workbook["Self-review"]
    validations = sheet.data_validations.dataValidation
    assert len(validations) == 1
    validation = validations[0]
    assert validation.type == "list"
    # The choices are the Level column of the Scale sheet, which lists the labels in order.
    assert validation.formula1 == f"'Scale'!$A$2:$A${len(framework.scale) + 1}"
    levels = [row[0] for row in workbook["Scale"].iter_rows(min_row=2, values_only=True)]
    assert levels == [lv.label for lv in framework.scale]
    covered = {cell for cells in validation.sqref.ranges for cell in cells.cells}
    first = TABLE_ROW + 1
    rating_cells = {(row, 8) for row in range(first, first + len(framework.criteria))}
    assert rating_cells <= covered


def test_summary_counts_each_rating_per_strand_against_its_header(
    workbook: Workbook, framework: Framework
) -> None:
    sheet = workbook["Summary"]
    headers = [c.value for c in sheet[1]]
    assert headers[2 : 2 + len(framework.scale)] == [lv.label for lv in framework.scale]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [s.number for s in framework.strands]
    first, last = TABLE_ROW + 1, TABLE_ROW + len(framework.criteria)
    # An exact comparison with the label in the column's header: no label text in a formula.
    assert rows[0][2] == (
        f"=SUMPRODUCT(('Self-review'!$B${first}:$B${last}=$A2)"
        f"*('Self-review'!$H${first}:$H${last}=C$1))"
    )
    levels = len(framework.scale)
    assert all(str(v).startswith("=SUMPRODUCT(") for r in rows for v in r[2 : 2 + levels])
    assert all(str(v).startswith("=COUNTIF") for r in rows for v in r[2 + levels :])


def test_header_rows_are_frozen_styled_and_columns_sized(workbook: Workbook) -> None:
    for sheet in workbook.worksheets:
        header = TABLE_ROW if sheet.title == "Self-review" else 1
        assert sheet.freeze_panes == f"A{header + 1}", sheet.title
        assert sheet[f"A{header}"].font.bold, sheet.title
        assert sheet.auto_filter.ref.startswith(f"A{header}:"), sheet.title
    review = workbook["Self-review"]
    assert review.column_dimensions["E"].width >= 24
    assert review[f"E{TABLE_ROW + 1}"].alignment.wrap_text


def test_workbook_is_titled_and_byte_identical_across_builds(framework: Framework) -> None:
    first = self_review_xlsx(framework, cover(), EPOCH)
    assert first == self_review_xlsx(framework, cover(), EPOCH)
    properties = load_workbook(io.BytesIO(first)).properties
    assert properties.title == f"{framework.title}: self-review"
    assert properties.language == "en-GB"
    assert properties.created == properties.modified == datetime(2026, 7, 1)


def test_every_sheet_prints_landscape_one_page_wide_with_its_header_row(
    workbook: Workbook,
) -> None:
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape", sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
        header = TABLE_ROW if sheet.title == "Self-review" else 1
        assert sheet.print_title_rows == f"${header}:${header}", sheet.title
        last = f"{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
        assert sheet.print_area == f"'{sheet.title}'!$A$1:${last[0]}${last[1:]}", sheet.title
        assert "Page &P of &N" in sheet.oddFooter.center.text, sheet.title


def test_rows_are_tall_enough_for_their_wrapped_text(workbook: Workbook) -> None:
    review = workbook["Self-review"]
    width = review.column_dimensions["E"].width
    for row in range(TABLE_ROW + 1, review.max_row + 1):
        statement = str(review.cell(row, 5).value)
        lines = -(-len(statement) // int(width))
        assert review.row_dimensions[row].height >= 14 * lines, row


def test_the_page_header_names_the_framework_with_ampersands_kept(framework: Framework) -> None:
    named = dataclasses.replace(framework, title="Teaching & learning &P review")
    sheet = load_workbook(io.BytesIO(self_review_xlsx(named, cover("Network"), EPOCH)))[
        "Self-review"
    ]
    assert sheet.oddHeader.left.text == "Teaching && learning &&P review: self-review"
