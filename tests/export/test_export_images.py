"""Pictures from content/images/ inside the handbook and handouts as PDF and Word."""

from __future__ import annotations

import io
import textwrap
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import FILES, write_project
from pictures import png
from pypdf import PdfReader

from generator.cli.project import read_handbook
from generator.export import export_all
from generator.export.document import Cover, Document
from generator.export.plan import plan_jobs
from generator.export.typeset import docx as word_file
from generator.export.typeset import pdf as pdf_file
from generator.model.images import Picture

from .conftest import EPOCH

ALT = 'The review cycle: self-review, peer review, support "and back"'


def images_in(pdf: bytes) -> list[tuple[int, int]]:
    """(width, height) of every image XObject on every page of a PDF."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page.get("/Resources") or {}
        objects = resources.get("/XObject") or {}
        for ref in objects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                found.append((int(obj["/Width"]), int(obj["/Height"])))
    return found


def alt_texts(pdf: bytes) -> list[str]:
    """The alt text of every figure in a tagged PDF's structure tree."""
    found, stack = [], [PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            if node.get("/S") == "/Figure" and "/Alt" in node:
                found.append(str(node["/Alt"]))
            if "/K" in node:
                stack.append(node["/K"])
    return found


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("pictures")
    chapter = textwrap.dedent(FILES["content/handbook/basics/welcome.md"]) + (
        f"\n![{ALT}](../../images/cycle.png)\n"
    )
    handout = textwrap.dedent(FILES["content/handouts/cycle.md"]) + (
        "\n![The three stages](../images/stages.png)\n"
    )
    root = write_project(
        tmp / "project",
        {"content/handbook/basics/welcome.md": chapter, "content/handouts/cycle.md": handout},
    )
    (root / "content/images").mkdir()
    (root / "content/images/cycle.png").write_bytes(png(40, 30))
    (root / "content/images/stages.png").write_bytes(png(24, 12))
    handbook = read_handbook(root)[0]
    export_all(handbook, tmp / "site" / "downloads", cache=tmp / "cache", epoch=EPOCH)
    return tmp / "site" / "downloads"


def test_the_handbook_pdf_carries_the_picture_with_its_alt_text(exported: Path) -> None:
    pdf = (exported / "handbook/test-partnership.pdf").read_bytes()
    assert images_in(pdf) == [(40, 30)]
    assert alt_texts(pdf) == [ALT.replace(' "', " \u201c").replace('"', "\u201d")]


def test_the_handbook_word_file_carries_the_picture_with_its_alt_text(exported: Path) -> None:
    path = exported / "handbook/test-partnership.docx"
    with zipfile.ZipFile(path) as archive:
        media = [name for name in archive.namelist() if name.startswith("word/media/")]
        assert [archive.read(name) for name in media] == [png(40, 30)]
    document = docx.Document(str(path))
    described = document.element.body.xpath(".//wp:docPr/@descr")
    # pandoc's typography turns straight quotes into curly ones, as in the text.
    assert described == [ALT.replace(' "', " \u201c").replace('"', "\u201d")]


def test_participant_handouts_carry_their_picture(exported: Path) -> None:
    handouts = exported / "modules/intro/handouts"
    assert images_in(handouts.with_suffix(".pdf").read_bytes()) == [(24, 12)]
    with zipfile.ZipFile(handouts.with_suffix(".docx")) as archive:
        assert any(name.startswith("word/media/") for name in archive.namelist())


def test_the_pdf_stays_pdf_ua_with_a_picture() -> None:
    # pandoc's Typst writer drops alt text; PDF/UA-1 refuses a picture without it, and the
    # fallback is a plain tagged PDF. The compile runs in a worker process whose log this
    # process never sees, so the test reads the claim the PDF itself makes.
    pdf = pdf_file(_document("![A blue square](images/square.png)"), EPOCH)
    xmp = PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert alt_texts(pdf) == ["A blue square"]


def test_an_address_that_is_not_a_handbook_picture_becomes_its_alt_text() -> None:
    # Validation refuses these; the filter is the second line, so nothing is ever fetched.
    body = "![Remote](https://tracker.example/p.png) ![Escape](images/../../etc/x.png)"
    data = word_file(_document(body), EPOCH)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not [name for name in archive.namelist() if name.startswith("word/media/")]
        text = archive.read("word/document.xml").decode()
    assert "Remote" in text and "Escape" in text
    assert "tracker.example" not in text


def _document(body: str) -> Document:
    cover = Cover("Test Network", "2026/27", "CC BY-SA 4.0", "1 July 2026", "en-GB")
    picture = Picture("square.png", "digest", png(8, 8))
    return Document("Pictures", "Test", cover, body + "\n", toc=False, images=(picture,))


def test_a_changed_picture_changes_the_key_of_every_download_that_shows_it(tmp_path: Path) -> None:
    keys = []
    for colour in (png(40, 30), png(41, 30)):
        root = write_project(
            tmp_path / str(len(keys)),
            {
                "content/handbook/basics/welcome.md": textwrap.dedent(
                    FILES["content/handbook/basics/welcome.md"]
                )
                + "\n![The review cycle](../../images/cycle.png)\n"
            },
        )
        (root / "content/images").mkdir()
        (root / "content/images/cycle.png").write_bytes(colour)
        jobs = plan_jobs(read_handbook(root)[0], EPOCH)
        keys.append({job.path: job.key() for job in jobs})
    changed = {path for path in keys[0] if keys[0][path] != keys[1][path]}
    assert changed == {
        "handbook/test-partnership.pdf",
        "handbook/test-partnership.docx",
        "handbook/chapters/welcome.pdf",
    }
