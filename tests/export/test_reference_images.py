"""The forms most likely to regress, looked at as pages and compared with reference pictures.

Each form is built from a small fixture (not the shipped content, whose words change), drawn
as a page with pdftoppm, shrunk to a thumbnail in grey and compared with its picture in
tests/reference/ with a tolerance: a moved column, a lost row height or a missing cover
shows; a different font hinting does not. After a deliberate change of look, rebuild the
pictures with HANDBOOK_UPDATE_REFERENCES=1 and look at them before committing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import textwrap
from pathlib import Path

import pytest
from conftest import FILES, REPO, write_project
from PIL import Image, ImageChops, ImageStat

from generator.cli.project import read_handbook
from generator.export import slides, typeset
from generator.export.guides import handouts_document
from generator.export.resources import resource_document
from generator.export.workbook import self_review_xlsx

from .conftest import EPOCH, SOFFICE, cover, libreoffice_pdfs
from .test_export_slides import every_layout
from .test_slide_tables import stages_deck

REFERENCE = REPO / "tests" / "reference"
#: Thumbnail width in pixels, and the largest mean difference per pixel (0-255) allowed.
WIDTH, TOLERANCE = 200, 1.0
UPDATE = bool(os.environ.get("HANDBOOK_UPDATE_REFERENCES"))
needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="no pdftoppm")

SHEET = """\
    ---
    title: Observer sheet
    summary: One sheet an observer fills in during a role-play round.
    audience: [headteacher]
    print:
      write_in_mm: 22
    ---

    ## Observer sheet

    **Scenario:** ____________ **Round:** 1 / 2 / 3

    | Time | What the reviewer said or did | What happened next |
    | --- | --- | --- |
    | 0-2 min | | |
    | 2-4 min | | |
    | 4-6 min | | |

    ## Your feedback

    1. What helped:
    """


TIMETABLE = """\
    ---
    print:
      write_in_mm: 18
    ---

    # Review visit timetable

    Plan the day at the pre-review meeting.

    ## Review details

    | Item | Details |
    | ------------------------------ | ------------------------------------------------------------ |
    | Host school | |
    | Date | |
    | Review lead | |
    | Lines of enquiry | 1. |
    | | 2. |

    ## Timetable

    | Time | Activity | Line of enquiry | Reviewer | School staff involved | Evidence source |
    | ------ | -------------------- | ---------- | ------------ | -------------- | -------------- |
    | 8.15 | Arrival, signing in and safeguarding briefing | All | Whole team | Champion | |
    | 9.00 | | | | | |
    | 9.45 | | | | | |
    | 10.30 | Team meeting: compare early evidence | All | Whole team | | |
    | 10.45 | | | | | |
    """


def page_picture(pdf: bytes, page: int) -> Image.Image:
    """One page of a PDF as a grey thumbnail WIDTH pixels wide."""
    with tempfile.TemporaryDirectory() as folder:
        source, picture = Path(folder) / "in.pdf", Path(folder) / "page"
        source.write_bytes(pdf)
        command = ["pdftoppm", "-png", "-gray", "-singlefile", "-f", str(page), "-l", str(page)]
        command += ["-scale-to-x", str(WIDTH), "-scale-to-y", "-1", str(source), str(picture)]
        subprocess.run(command, capture_output=True, check=True)
        with Image.open(picture.with_suffix(".png")) as drawn:
            return drawn.convert("L")


def matches(picture: Image.Image, name: str) -> None:
    """Compare with tests/reference/<name>.png, or write it when updating."""
    path = REFERENCE / f"{name}.png"
    if UPDATE or not path.is_file():
        REFERENCE.mkdir(parents=True, exist_ok=True)
        picture.save(path, optimize=True)
        if not UPDATE:
            pytest.fail(f"{path} was missing and has been written: look at it, then commit it")
    expected = Image.open(path).convert("L")
    assert picture.size == expected.size, (name, picture.size, expected.size)
    difference = ImageStat.Stat(ImageChops.difference(picture, expected)).mean[0]
    assert difference <= TOLERANCE, f"{name} differs from its reference by {difference:.1f}"


def tiny(tmp_path: Path, extra: dict[str, str] | None = None) -> Path:
    return write_project(tmp_path / "p", {**(extra or {})})


@needs_poppler
def test_the_observer_sheet_prints_with_room_to_write_and_no_cover(tmp_path: Path) -> None:
    module = textwrap.dedent(FILES["content/modules/intro.yml"]).replace(
        "sessions:", "materials:\n  - resource: observer-sheet\nsessions:", 1
    )
    root = tiny(
        tmp_path,
        {"content/resources/observer-sheet.md": SHEET, "content/modules/intro.yml": module},
    )
    resource = read_handbook(root)[0].resource("observer-sheet")
    pdf = typeset.pdf(resource_document(resource, cover()), EPOCH)
    matches(page_picture(pdf, 1), "observer-sheet-page-1")


@needs_poppler
def test_the_visit_timetable_template_prints_its_rows_tall_and_its_columns_balanced(
    tmp_path: Path,
) -> None:
    root = tiny(tmp_path, {"content/handouts/cycle.md": TIMETABLE})
    module = read_handbook(root)[0].modules[0]
    document = handouts_document(module.title, module.day, module.handouts, cover())
    matches(page_picture(typeset.pdf(document, EPOCH), 1), "visit-timetable-page-1")


@needs_poppler
def test_slides_of_three_layouts_look_as_designed(tmp_path: Path) -> None:
    module = every_layout(read_handbook(tiny(tmp_path))[0].modules[0])
    pdf = slides.pdf(module, "Schools in Partnership", cover(), EPOCH)
    for page, layout in ((3, "section"), (6, "activity"), (7, "table")):
        matches(page_picture(pdf, page), f"slides-pdf-{layout}")


@needs_poppler
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_the_self_review_workbook_prints_its_head_and_descriptors(tmp_path: Path) -> None:
    framework = read_handbook(tiny(tmp_path))[0].frameworks[0]
    source = tmp_path / "self-review.xlsx"
    source.write_bytes(self_review_xlsx(framework, cover(), EPOCH))
    printed = libreoffice_pdfs([source], tmp_path / "pdf") / "self-review.pdf"
    matches(page_picture(printed.read_bytes(), 1), "self-review-workbook-page-1")


@needs_poppler
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_a_table_slide_in_powerpoint_sits_under_its_title_and_timing(
    tmp_path: Path,
) -> None:
    source = tmp_path / "deck.pptx"
    source.write_bytes(stages_deck(read_handbook(tiny(tmp_path))[0]))
    printed = libreoffice_pdfs([source], tmp_path / "pdf") / "deck.pdf"
    matches(page_picture(printed.read_bytes(), 3), "slides-pptx-table-after-timing")
