"""The Word downloads reopened with python-docx: headings, contents, checkboxes, layout."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from generator.model.objects import Handbook

from .conftest import EPOCH, Export

pytestmark = pytest.mark.slow

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def xml_of(path: Path, part: str = "word/document.xml") -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(part).decode("utf-8")


def handbook_docx(exported: Export) -> Path:
    """The whole handbook as Word, whatever the programme is called."""
    entry = next(e for e in exported.manifest.entries if (e.kind, e.format) == ("handbook", "docx"))
    return exported.site / entry.path


def test_handbook_docx_has_heading_styles_for_parts_and_chapters(
    exported: Export, handbook: Handbook
) -> None:
    document = docx.Document(str(handbook_docx(exported)))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    level_two = [text for style, text in headings if style == "Heading 2"]
    assert [c.title for c in handbook.chapters] == [
        t for t in level_two if t in {c.title for c in handbook.chapters}
    ]
    assert ("Heading 1", f"Part 1: {handbook.programme.parts[0].title}") in headings
    assert ("Heading 1", "Glossary") in headings
    assert any(style == "Heading 3" for style, _ in headings)


def test_handbook_docx_has_contents_field_header_footer_and_metadata(
    exported: Export, handbook: Handbook
) -> None:
    path = handbook_docx(exported)
    document = docx.Document(str(path))
    fields = [e.text for e in document.element.body.iter(qn("w:instrText"))]
    assert any(f.strip().startswith('TOC \\o "1-2"') for f in fields), fields
    names = zipfile.ZipFile(path).namelist()
    header = next(n for n in names if n.startswith("word/header"))
    footer = next(n for n in names if n.startswith("word/footer"))
    assert "TITLE" in xml_of(path, header)
    assert "PAGE" in xml_of(path, footer) and "NUMPAGES" in xml_of(path, footer)
    assert document.core_properties.title == handbook.programme.title
    assert 'w:val="en-GB"' in xml_of(path, "word/styles.xml")


def test_handbook_docx_styles_admonitions_and_tables(exported: Export) -> None:
    body = xml_of(handbook_docx(exported))
    assert 'w:pStyle w:val="AdmonitionTitle"' in body
    assert 'w:pStyle w:val="Admonition"' in body
    assert "<w:tblHeader" in body


def test_self_review_has_one_checkbox_per_criterion_and_level(
    exported: Export, handbook: Handbook
) -> None:
    framework = handbook.frameworks[0]
    document = docx.Document(str(exported.file("self-review", framework.id, "docx")))
    boxes = document.element.body.findall(f".//{{{W14}}}checkbox")
    assert len(boxes) == len(framework.criteria) * len(framework.scale)
    tags = [
        sdt.find(qn("w:sdtPr")).find(qn("w:tag")).get(qn("w:val"))
        for sdt in document.element.body.iter(qn("w:sdt"))
    ]
    assert len(set(tags)) == len(tags)
    assert f"{framework.criteria[0].ref}:{framework.scale[0].id}" in tags
    assert all(b.find(f"{{{W14}}}checked").get(f"{{{W14}}}val") == "0" for b in boxes)


def test_self_review_tables_repeat_header_and_fix_widths(
    exported: Export, handbook: Handbook
) -> None:
    framework = handbook.frameworks[0]
    document = docx.Document(str(exported.file("self-review", framework.id, "docx")))
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    review_tables = [t for t in document.tables if t.rows[0].cells[0].text == "Criterion"]
    assert len(review_tables) == len(framework.strands)
    for table in review_tables:
        header = table.rows[0]._tr
        assert header.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert len(widths) == len(framework.scale) + 3 and min(widths) > 1000
        assert [c.text for c in table.rows[0].cells[1:-2]] == [lv.label for lv in framework.scale]
    rows = sum(len(t.rows) - 1 for t in review_tables)
    assert rows == len(framework.criteria)


def test_peer_review_record_prompts_with_questions_and_has_fill_in_rows(
    exported: Export, handbook: Handbook
) -> None:
    framework = handbook.frameworks[0]
    document = docx.Document(str(exported.file("peer-review-record", framework.id, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert framework.criteria[0].questions[0] in text
    assert "Lines of enquiry" in text
    labels = {row.cells[0].text for table in document.tables for row in table.rows}
    assert {"Evidence gathered", "Strengths", "Areas to explore"} <= labels


def test_improvement_plan_has_action_table_with_empty_rows(
    exported: Export, handbook: Handbook
) -> None:
    framework = handbook.frameworks[0]
    document = docx.Document(str(exported.file("improvement-plan", framework.id, "docx")))
    plan = next(t for t in document.tables if t.rows[0].cells[0].text == "Action")
    headers = [c.text for c in plan.rows[0].cells]
    assert headers == [
        "Action",
        "Lead",
        "Timescale",
        "Success criteria",
        "Support from the cluster",
    ]
    assert len(plan.rows) > 5 and all(not c.text for row in plan.rows[1:] for c in row.cells)


def test_every_word_file_is_titled_dated_by_epoch_and_british(exported: Export) -> None:
    for entry in exported.manifest.entries:
        if entry.format != "docx":
            continue
        path = exported.site / entry.path
        properties = docx.Document(str(path)).core_properties
        assert properties.title, entry.path
        assert properties.created is not None and int(properties.created.timestamp()) == EPOCH
        with zipfile.ZipFile(path) as archive:
            assert {i.date_time for i in archive.infolist()} == {(2026, 7, 1, 0, 0, 0)}
