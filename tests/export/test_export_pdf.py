"""The PDFs read back with pypdf: text, outline, fonts, metadata, tags; first pages as PNG."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from generator.model.objects import Handbook

from .conftest import Export

pytestmark = pytest.mark.slow


def normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def outline_titles(reader: PdfReader) -> Iterator[tuple[str, int]]:
    def walk(items: list[Any]) -> Iterator[tuple[str, int]]:
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield normal(item.title), reader.get_destination_page_number(item)

    yield from walk(reader.outline)


def handbook_pdf(exported: Export) -> PdfReader:
    """The whole handbook as PDF, whatever the programme is called."""
    entry = next(e for e in exported.manifest.entries if (e.kind, e.format) == ("handbook", "pdf"))
    return PdfReader(exported.site / entry.path)


def pdf_files(exported: Export) -> list[Path]:
    return [exported.site / e.path for e in exported.manifest.entries if e.format == "pdf"]


def test_handbook_outline_lists_every_chapter_in_order_on_its_page(
    exported: Export, handbook: Handbook
) -> None:
    reader = handbook_pdf(exported)
    outline = dict(outline_titles(reader))
    pages = []
    for chapter in handbook.chapters:
        assert chapter.title in outline, f"no bookmark for {chapter.title}"
        page = outline[chapter.title]
        assert chapter.title in normal(reader.pages[page].extract_text())
        pages.append(page)
    assert pages == sorted(pages) and len(set(pages)) == len(pages)


def test_handbook_text_holds_parts_chapters_and_glossary_in_order(
    exported: Export, handbook: Handbook
) -> None:
    reader = handbook_pdf(exported)
    body = normal(" ".join(page.extract_text() for page in reader.pages[3:]))
    position = 0
    for chapter in handbook.chapters:
        found = body.find(chapter.title, position)
        assert found >= 0, f"{chapter.title} missing or out of order"
        position = found
    assert body.find("Glossary", position) > 0
    assert handbook.glossary[0].term in body


def test_handbook_pages_carry_running_header_and_page_x_of_y(
    exported: Export, handbook: Handbook
) -> None:
    reader = handbook_pdf(exported)
    total = len(reader.pages)
    page = min(5, total - 1)
    text = normal(reader.pages[page].extract_text())
    assert normal(handbook.programme.title) in text
    assert f"Page {page + 1} of {total}" in text


def test_every_pdf_has_title_author_language_and_structure_tree(
    exported: Export, handbook: Handbook
) -> None:
    for path in pdf_files(exported):
        reader = PdfReader(path)
        root = reader.trailer["/Root"]
        assert reader.metadata is not None and reader.metadata.title, path
        assert reader.metadata.author == handbook.programme.organisation, path
        assert root["/Lang"] == handbook.programme.language, path
        assert "/StructTreeRoot" in root, path
        assert root["/MarkInfo"]["/Marked"], path


def test_every_pdf_claims_pdf_ua_1(exported: Export) -> None:
    for path in pdf_files(exported):
        xmp = PdfReader(path).trailer["/Root"]["/Metadata"].get_object().get_data()
        assert b"pdfuaid:part" in xmp, f"{path} fell back from PDF/UA-1"


def test_every_pdf_is_dated_by_the_epoch(exported: Export) -> None:
    for path in pdf_files(exported):
        metadata = PdfReader(path).metadata
        assert metadata is not None
        assert metadata["/CreationDate"].startswith("D:20260701000000"), path


def font_dicts(reader: PdfReader) -> Iterator[DictionaryObject]:
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            yield from (d.get_object() for d in font.get("/DescendantFonts", []))
            if "/FontDescriptor" in font:
                yield font


def test_every_font_is_embedded(exported: Export) -> None:
    for path in pdf_files(exported):
        seen = 0
        for font in font_dicts(PdfReader(path)):
            descriptor = font["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
            seen += 1
        assert seen, path


def test_framework_pdf_holds_every_criterion_and_evidence_labels(
    exported: Export, handbook: Handbook
) -> None:
    framework = handbook.frameworks[0]
    reader = PdfReader(exported.file("framework", framework.id, "pdf"))
    text = normal(" ".join(page.extract_text() for page in reader.pages))
    for criterion in framework.criteria:
        assert criterion.number in text
    evidence = framework.criteria[0].evidence[0]
    assert normal(evidence.label) in text  # a label, not the id
    assert evidence.id not in text


def test_facilitator_guide_timetable_runs_from_zero(exported: Export, handbook: Handbook) -> None:
    module = handbook.modules[0]
    reader = PdfReader(exported.file("facilitator-guide", module.id, "pdf"))
    text = normal(" ".join(page.extract_text() for page in reader.pages))
    first = module.sessions[0]
    assert f"0:00 0:{first.minutes:02d} {normal(first.title)}" in text
    assert f"Total {module.duration}" in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_first_pages_render_as_png(exported: Export, artifacts: Path) -> None:
    for kind in ("handbook", "framework", "facilitator-guide", "handouts"):
        entry = next(e for e in exported.manifest.entries if e.kind == kind and e.format == "pdf")
        prefix = artifacts / f"{kind}-{entry.source}"
        for old in artifacts.glob(f"{prefix.name}-*.png"):
            old.unlink()
        command = ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "2"]
        subprocess.run([*command, exported.site / entry.path, prefix], check=True)
        pngs = sorted(artifacts.glob(f"{prefix.name}-*.png"))
        assert len(pngs) == 2, kind
        assert all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)
