"""The Word contents list ships filled in: a linked entry per heading inside the TOC field."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from generator.export.builders import handbook_file
from generator.export.document import Cover, Document
from generator.export.typeset import docx as typeset_docx
from generator.export.word_contents import fill_contents
from generator.model.objects import Handbook

from .conftest import EPOCH

COVER = Cover("Network", "2026/27", "CC BY-SA 4.0", "1 July 2026", "en-GB")


@pytest.fixture(scope="module")
def handbook_docx(handbook: Handbook) -> bytes:
    programme = dataclasses.replace(handbook.programme, days=())
    return handbook_file("docx", programme, handbook.chapters, handbook.glossary, COVER, EPOCH)


def field_result(data: bytes) -> list[tuple[str, str, str]]:
    """(style, text, link anchor) of each paragraph between the TOC field's separate and end."""
    body = docx.Document(io.BytesIO(data)).element.body
    lines, inside = [], False
    for paragraph in body.iter(qn("w:p")):
        kinds = [c.get(qn("w:fldCharType")) for c in paragraph.iter(qn("w:fldChar"))]
        instructions = "".join(t.text or "" for t in paragraph.iter(qn("w:instrText")))
        if "separate" in kinds and instructions.strip().startswith("TOC"):
            inside = True
        if inside:
            style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            link = paragraph.find(qn("w:hyperlink"))
            text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
            anchor = "" if link is None else link.get(qn("w:anchor"))
            lines.append((style.get(qn("w:val")) if style is not None else "", text, anchor))
        if inside and "end" in kinds:
            return lines
    return lines


def bookmarked_headings(data: bytes) -> dict[str, tuple[str, str]]:
    """Bookmark name -> (style, text) of every heading paragraph holding a bookmark."""
    body = docx.Document(io.BytesIO(data)).element.body
    found = {}
    for paragraph in body.iter(qn("w:p")):
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
        for mark in paragraph.iter(qn("w:bookmarkStart")):
            if style is not None:
                found[mark.get(qn("w:name"))] = (style.get(qn("w:val")), text)
    return found


def test_the_handbook_contents_lists_every_part_and_chapter(
    handbook_docx: bytes, handbook: Handbook
) -> None:
    entries = field_result(handbook_docx)
    texts = [text for _, text, _ in entries]
    for chapter in handbook.chapters:
        assert ("TOC2", chapter.title) in [(style, text) for style, text, _ in entries]
    for part in handbook.programme.parts:
        assert f"Part {part.number}: {part.title}" in texts
    assert texts[0] == "Introduction" and texts[-1] == "Glossary"


def test_each_entry_links_to_a_bookmark_on_its_own_heading(handbook_docx: bytes) -> None:
    headings = bookmarked_headings(handbook_docx)
    for style, text, anchor in field_result(handbook_docx):
        assert anchor.startswith("_Toc"), text
        level = style.removeprefix("TOC")
        assert headings[anchor] == (f"Heading{level}", text)


def test_the_field_stays_a_toc_field_word_can_update(handbook_docx: bytes) -> None:
    body = docx.Document(io.BytesIO(handbook_docx)).element.body
    kinds = [c.get(qn("w:fldCharType")) for c in body.iter(qn("w:fldChar"))]
    assert kinds[:3] == ["begin", "separate", "end"]
    instruction = next(body.iter(qn("w:instrText"))).text or ""
    assert instruction.strip().startswith('TOC \\o "1-2"')
    ids = [m.get(qn("w:id")) for m in body.iter(qn("w:bookmarkStart"))]
    assert len(ids) == len(set(ids))


def test_heading_text_is_escaped_and_a_page_break_follows_the_contents() -> None:
    body = '# Q&A <draft> "quoted" ]]>\n\nText.\n\n## Second & last\n\nMore.'
    data = typeset_docx(Document("Title", "Handbook", COVER, body), EPOCH)
    entries = field_result(data)
    assert [text for _, text, _ in entries] == ["Q&A <draft> “quoted” ]]>", "Second & last"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    sdt = next(root.iter(qn("w:sdt")))
    following = sdt.getnext()
    assert following is not None
    assert following.find(f"{qn('w:r')}/{qn('w:br')}").get(qn("w:type")) == "page"


def test_a_document_without_contents_is_left_as_it_was() -> None:
    data = typeset_docx(Document("Title", "Guide", COVER, "# One\n\nText.", toc=False), EPOCH)
    assert fill_contents(data) == data
