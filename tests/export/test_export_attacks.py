"""Hostile content in every download comes out inert, and odd characters break none of them.

The model is built from the tiny project and then altered directly, bypassing validation: these
tests prove the exporters hold on their own, whatever the input checks let through. Payloads
and the policy they test are in tests/attacks/exports.py.
"""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
import zipfile
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from attacks import exports as attacks
from conftest import write_project
from docx import Document as open_docx
from lxml import etree
from openpyxl import load_workbook
from pypdf import PdfReader

from generator.cli.project import read_handbook
from generator.export import Manifest, export_all
from generator.export.workbook import FORMULA_START, TABLE_ROW, self_review_xlsx
from generator.model.objects import Handbook, Level

from .conftest import EPOCH, cover

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Every field of the model an editor writes as prose or a title (ids and numbers excluded).
TEXT_FIELDS = {
    "title", "subtitle", "introduction", "organisation", "licence", "summary", "label",
    "descriptor", "statement", "description", "facilitator_notes", "body", "definition",
    "term", "questions", "objectives", "materials",
}  # fmt: skip


def altered(value: Any, change: Any) -> Any:
    """`value` with `change` applied to every prose field of every model object inside it."""
    if isinstance(value, tuple):
        return tuple(altered(item, change) for item in value)
    if not is_dataclass(value) or isinstance(value, type):
        return value
    updates = {}
    for field in fields(value):
        current = getattr(value, field.name)
        if field.name in TEXT_FIELDS and isinstance(current, str) and current:
            updates[field.name] = change(current)
        elif field.name in TEXT_FIELDS and isinstance(current, tuple):
            updates[field.name] = tuple(change(item) for item in current)
        else:
            updates[field.name] = altered(current, change)
    return replace(value, **updates)


def tiny_handbook(tmp_path: Path) -> Handbook:
    return read_handbook(write_project(tmp_path / "project"))[0]


def export(handbook: Handbook, tmp_path: Path) -> tuple[Path, Manifest]:
    site = tmp_path / "site"
    manifest = export_all(handbook, site / "downloads", cache=tmp_path / "cache", epoch=EPOCH)
    return site, manifest


def files(site: Path, manifest: Manifest, fmt: str) -> list[Path]:
    return [site / entry.path for entry in manifest.entries if entry.format == fmt]


def pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def word_fields(path: Path) -> list[str]:
    """The instruction of every Word field in every XML part of a .docx."""
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.endswith(".xml"):
                continue
            root = etree.fromstring(archive.read(name))
            found += [e.get(f"{W}instr", "") for e in root.iter(f"{W}fldSimple")]
            found += ["".join(e.itertext()) for e in root.iter(f"{W}instrText")]
    return found


# Class 5: raw attributes in titles and text.

RAW_BODY = "\n\n".join(
    [
        f"## A heading {attacks.TYPST_RUN}",
        "Prose with " + " and ".join(attacks.RAW_PAYLOADS) + ".",
        *(f'!!! warning "{payload}"\n    A box.' for payload in attacks.RAW_PAYLOADS),
        *(f'::: {{.note title="{payload}"}}\nA div.\n:::' for payload in attacks.RAW_PAYLOADS),
        attacks.TYPST_BLOCK,
        "Pictures: " + " ".join(attacks.LEAKY_IMAGES),
        "Links: " + " ".join(attacks.UNSAFE_LINKS),
    ]
)


@pytest.fixture(scope="module")
def raw_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Manifest]:
    tmp_path = tmp_path_factory.mktemp("raw")
    handbook = tiny_handbook(tmp_path)
    chapter = replace(handbook.chapters[0], title=f"Chapter {attacks.TYPST_PAGE}", body=RAW_BODY)
    handbook = replace(handbook, chapters=(chapter, *handbook.chapters[1:]))
    framework = altered(handbook.frameworks[0], lambda text: f"{text} {attacks.OPENXML_FIELD}")
    return export(replace(handbook, frameworks=(framework,)), tmp_path)


def test_raw_payloads_write_no_word_field(raw_export: tuple[Path, Manifest]) -> None:
    site, manifest = raw_export
    documents = files(site, manifest, "docx")
    assert len(documents) >= 5
    for path in documents:
        instructions = [" ".join(i.split()) for i in word_fields(path)]
        assert all(i.split(" ")[0] in attacks.OUR_FIELDS for i in instructions), (
            path,
            instructions,
        )
    handbook = next(p for p in documents if "handbook" in p.parts)
    text = "\n".join(p.text for p in open_docx(handbook).paragraphs)
    assert "INCLUDEPICTURE http://beacon.invalid/p.png" in text  # shown, not obeyed


def test_raw_payloads_run_no_typst_in_any_pdf(raw_export: tuple[Path, Manifest]) -> None:
    site, manifest = raw_export
    for path in files(site, manifest, "pdf"):
        text = pdf_text(path)
        assert not any(ran in text for ran in attacks.TYPST_RAN), path
    handbook = next(p for p in files(site, manifest, "pdf") if "handbook" in p.parts)
    text = " ".join(pdf_text(handbook).split())
    for shown in attacks.TYPST_SHOWN:
        assert shown in text
    # The heading, the prose, an admonition title and a div title show it as text.
    assert text.count(attacks.TYPST_SHOWN[0]) >= 4
    assert "INCLUDEPICTURE http://beacon.invalid/p.png" in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_raw_payloads_leave_the_pages_white(raw_export: tuple[Path, Manifest]) -> None:
    """`#set page(fill: red)` in a title would colour every later page; each stays white."""
    site, manifest = raw_export
    handbook = next(p for p in files(site, manifest, "pdf") if "handbook" in p.parts)
    pages = len(PdfReader(handbook).pages)
    for page in range(2, pages + 1):  # page 1 is the cover, with its coloured band
        command = ["pdftoppm", "-r", "10", "-f", str(page), "-l", str(page), str(handbook)]
        image = subprocess.run(command, capture_output=True, check=True).stdout
        header, pixels = image.split(b"\n", 3)[:3], image.split(b"\n", 3)[3]
        assert header[0] == b"P6"
        assert pixels[:3] == b"\xff\xff\xff", page  # the top-left corner is margin: white


def test_addresses_neither_embed_files_nor_link_to_scripts(
    raw_export: tuple[Path, Manifest],
) -> None:
    site, manifest = raw_export
    for path in files(site, manifest, "docx"):
        with zipfile.ZipFile(path) as archive:
            assert not [n for n in archive.namelist() if n.startswith("word/media/")], path
            relations = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
        targets = [r.get("Target", "") for r in relations]
        assert not [t for t in targets if re.match(r"(?i)(javascript|vbscript|file|data):|//", t)]
    handbook = next(p for p in files(site, manifest, "pdf") if "handbook" in p.parts)
    text = " ".join(pdf_text(handbook).split())
    assert "Pictures: hostname passwd escape beacon inline" in text
    assert "Links: run script open page elsewhere" in text
    for page in PdfReader(handbook).pages:
        for annotation in page.get("/Annots") or ():
            uri = annotation.get_object().get("/A", {}).get("/URI", "")
            assert not re.match(r"(?i)(javascript|vbscript|file|data):", str(uri)), uri


def test_an_attribute_title_keeps_quotes_and_backslashes() -> None:
    from generator.render.markdown import admonitions_to_divs

    divs = admonitions_to_divs('!!! note "a \\\\ b"\n    x\n')
    assert divs.startswith('::: {.note title="a \\\\\\\\ b"}')


# Class 9: characters XML cannot hold.


@pytest.fixture(scope="module")
def control_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Manifest]:
    tmp_path = tmp_path_factory.mktemp("control")
    handbook = altered(tiny_handbook(tmp_path), lambda text: f"{attacks.CONTROL_TEXT} {text}")
    return export(handbook, tmp_path)


def test_control_characters_export_every_download(
    control_export: tuple[Path, Manifest],
) -> None:
    site, manifest = control_export
    assert {e.format for e in manifest.entries} == {"pdf", "docx", "xlsx", "pptx", "zip"}
    for path in files(site, manifest, "docx"):
        document = open_docx(path)  # python-docx refuses XML it cannot parse
        text = "\n".join(p.text for p in document.paragraphs)
        assert "Safe\ufffdguarding\ufffdleads\ufffdmeet \u202eweekly" in text, path
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text)
        assert "\ufffd" in document.core_properties.title, path
    for path in files(site, manifest, "pdf"):
        assert "Safe\ufffdguarding" in pdf_text(path), path


def test_control_characters_in_workbook_cells(control_export: tuple[Path, Manifest]) -> None:
    site, manifest = control_export
    (path,) = files(site, manifest, "xlsx")
    workbook = load_workbook(path)
    statement = workbook["Self-review"][f"E{TABLE_ROW + 1}"].value
    assert statement.startswith("Safe\ufffdguarding\ufffdleads\ufffdmeet \u202eweekly")


# Part 4: spreadsheets never evaluate content.


def hostile_framework(tmp_path: Path) -> Any:
    framework = tiny_handbook(tmp_path).frameworks[0]
    formulas = itertools.cycle(attacks.FORMULAS)
    framework = altered(framework, lambda text: next(formulas))
    labels = iter(attacks.SCALE_LABELS)
    scale = tuple(replace(level, label=next(labels)) for level in framework.scale)
    by_id = {level.id: level for level in scale}

    def relabel(value: Any) -> Any:
        if isinstance(value, Level):
            return by_id[value.id]
        if isinstance(value, tuple):
            return tuple(relabel(v) for v in value)
        if is_dataclass(value) and not isinstance(value, type):
            return replace(
                value, **{f.name: relabel(getattr(value, f.name)) for f in fields(value)}
            )
        return value

    return relabel(replace(framework, scale=scale))


def sheet_xml(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        return {name: etree.fromstring(archive.read(name)) for name in names}


X = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def test_workbook_stores_formula_text_as_strings(tmp_path: Path) -> None:
    framework = hostile_framework(tmp_path)
    data = self_review_xlsx(framework, cover(attacks.FORMULAS[0]), EPOCH)
    workbook = load_workbook(io.BytesIO(data))
    review, scale = workbook["Self-review"], workbook["Scale"]
    first = TABLE_ROW + 1
    assert review[f"E{first}"].value in attacks.FORMULAS
    cells = (review["A1"], review["H2"], review[f"A{first}"], review[f"C{first}"])
    for cell in (*cells, review[f"E{first}"], review[f"F{first}"], scale["A2"], scale["B2"]):
        assert cell.data_type == "s", cell.coordinate
        assert cell.quotePrefix == cell.value.startswith(FORMULA_START), cell.coordinate
    assert scale["A3"].value == "=1+1" and scale["A3"].quotePrefix
    # Read back as XML: only the Summary sheet has formulas, and they are the counts we write.
    formulas = 0
    for name, root in sheet_xml(data).items():
        for cell in root.iter(f"{X}c"):
            formula = cell.find(f"{X}f")
            if formula is None:
                empty = cell.find(f"{X}v") is None and cell.find(f"{X}is") is None
                assert empty or cell.get("t") in ("s", "inlineStr"), (name, cell.get("r"))
                continue
            formulas += 1
            assert re.fullmatch(r"(SUMPRODUCT|COUNTIFS?)\(.*\)", formula.text or ""), formula.text
            assert not any(label in formula.text for label in attacks.SCALE_LABELS)
    assert formulas == 2 + len(framework.scale)  # one strand: its counts, blank and total


def test_workbook_drop_down_offers_labels_with_quotes_and_commas(tmp_path: Path) -> None:
    framework = hostile_framework(tmp_path)
    workbook = load_workbook(io.BytesIO(self_review_xlsx(framework, cover("Network"), EPOCH)))
    (validation,) = workbook["Self-review"].data_validations.dataValidation
    assert validation.formula1 == f"'Scale'!$A$2:$A${len(framework.scale) + 1}"
    listed = [row[0] for row in workbook["Scale"].iter_rows(min_row=2, values_only=True)]
    assert listed == list(attacks.SCALE_LABELS[: len(framework.scale)])
    headers = [cell.value for cell in workbook["Summary"][1]]
    assert headers[2 : 2 + len(listed)] == listed
