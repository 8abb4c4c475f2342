"""Word and Excel downloads printed to PDF through LibreOffice, as a school would print them.

The conversions run only where LibreOffice's `soffice` is installed (`./dev test` installs it).
"""

from __future__ import annotations

import dataclasses
import io
import math
import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from generator.export.builders import handbook_file
from generator.export.document import Cover
from generator.export.guides import handouts_document
from generator.export.records import improvement_plan_docx, peer_review_record_docx
from generator.export.typeset import docx as typeset_docx
from generator.export.workbook import self_review_xlsx
from generator.model.objects import Framework, Handbook

from .conftest import EPOCH, cover, libreoffice_pdfs

COVER = Cover("Network", "2026/27", "CC BY-SA 4.0", "1 July 2026", "en-GB")


def words(text: str) -> str:
    """Text with its line breaks undone, including those after a hyphen."""
    return " ".join(text.split()).replace("- ", "-")


@pytest.fixture(scope="module")
def framework(handbook: Handbook) -> Framework:
    return handbook.frameworks[0]


@pytest.fixture(scope="module")
def prints(
    handbook: Handbook, framework: Framework, soffice: str, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The files these tests print, converted by one LibreOffice run (its start-up is most of
    the cost); each test reads its own PDF, and the record serves two tests."""
    folder = tmp_path_factory.mktemp("printed")
    programme = dataclasses.replace(handbook.programme, days=())
    sources = {
        "self-review.xlsx": self_review_xlsx(framework, cover("Network"), EPOCH),
        "handbook.docx": handbook_file(
            "docx", programme, handbook.chapters, handbook.glossary, COVER, EPOCH
        ),
        "record.docx": peer_review_record_docx(framework, cover("Network"), EPOCH),
        "plan.docx": improvement_plan_docx(framework, cover("Network"), EPOCH),
    }
    for name, data in sources.items():
        (folder / name).write_bytes(data)
    libreoffice_pdfs([folder / name for name in sources], folder, timeout=300)
    return folder


def printed(prints: Path, name: str) -> PdfReader:
    """The PDF LibreOffice made of one of the files in `prints`."""
    return PdfReader((prints / name).with_suffix(".pdf"))


def test_the_workbook_prints_landscape_whole_rows_on_few_pages(
    framework: Framework, prints: Path
) -> None:
    pdf = printed(prints, "self-review.xlsx")
    for page in pdf.pages:
        assert page.mediabox.width > page.mediabox.height
    # Before the print set-up: nine portrait pages, four columns on each. Each criterion's
    # row holds its level descriptors and room to write: about three rows a page.
    review_pages = math.ceil(len(framework.criteria) / 3)
    assert 3 <= len(pdf.pages) <= review_pages + 2
    text = [words(page.extract_text()) for page in pdf.pages]
    review = [page for page in text if "Evidence to consider" in page]
    assert review, text[0]
    for page in review:
        assert "Domain" in page and "Next steps" in page, page[:200]
    everything = " ".join(review)
    for criterion in framework.criteria:
        number = re.escape(criterion.number)
        assert re.search(rf"(?<![\d.]){number}(?![\d.])", everything), criterion.number
    assert all(f"Page {n} of {len(pdf.pages)}" in page for n, page in enumerate(text, 1))


def test_the_word_handbook_prints_its_contents_filled_in(handbook: Handbook, prints: Path) -> None:
    pdf = printed(prints, "handbook.docx")
    contents = words(pdf.pages[0].extract_text())
    assert "Contents" in contents
    for chapter in handbook.chapters:
        assert words(chapter.title) in contents, chapter.title
    # The body begins on a page of its own after the contents.
    assert "Introduction" in words(pdf.pages[1].extract_text())


@pytest.mark.parametrize(("name", "landscape"), [("record.docx", False), ("plan.docx", True)])
def test_word_forms_print_in_their_orientation_with_numbered_pages(
    prints: Path, name: str, landscape: bool
) -> None:
    pdf = printed(prints, name)
    for number, page in enumerate(pdf.pages, start=1):
        assert (page.mediabox.width > page.mediabox.height) == landscape
        assert f"Page {number} of {len(pdf.pages)}" in words(page.extract_text())


def test_each_strand_of_the_peer_review_record_prints_with_its_table(
    framework: Framework, prints: Path
) -> None:
    text = [words(page.extract_text()) for page in printed(prints, "record.docx").pages]
    for strand in framework.strands:
        heading = f"{strand.number} {words(strand.title)}"
        first = next(n for n, p in enumerate(text) if heading in p)
        assert f"{strand.criteria[0].number} " in text[first], strand.number
        # A strand with many prompts may run over a page; its table still follows its last
        # prompt on the same page.
        last = f"{strand.criteria[-1].number} "
        page = next(p for p in text[first:] if last in p)
        assert "Evidence gathered" in page[page.index(last) :], strand.number


def test_blank_cells_of_word_handouts_leave_room_to_write(handbook: Handbook) -> None:
    module = next(m for m in handbook.modules if m.handouts)
    document = handouts_document(module.title, module.day, module.handouts, COVER)
    body = docx.Document(io.BytesIO(typeset_docx(document, EPOCH))).element.body
    cells = list(body.iter(qn("w:tc")))
    blank = [c for c in cells if not "".join(t.text or "" for t in c.iter(qn("w:t"))).strip()]
    assert blank, "the shipped handouts have fill-in tables"
    assert all(list(c.iter(qn("w:br"))) for c in blank)


def test_header_cells_of_word_tables_are_bold_text(handbook: Handbook) -> None:
    module = next(m for m in handbook.modules if m.handouts)
    document = handouts_document(module.title, module.day, module.handouts, COVER)
    word = docx.Document(io.BytesIO(typeset_docx(document, EPOCH)))
    assert word.tables
    for table in word.tables:
        runs = [run for cell in table.rows[0].cells for p in cell.paragraphs for run in p.runs]
        assert runs and all(run.bold for run in runs if run.text.strip())
