"""What tests/attacks/published.py says comes out inert, read back from the built files.

The model is altered directly, past validation, so these prove the exporters' own line of
defence: the Lua filter drops every attribute pandoc's writers act on, pictures carry no
metadata into the site, Word or PDF, and a workbook's sheet names always keep Excel's rules.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import write_project
from docx import Document as open_docx
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from generator.cli.project import read_handbook
from generator.export import Manifest, export_all
from generator.export.workbook import self_review_xlsx
from generator.model.images import Picture
from generator.model.objects import Handbook
from generator.model.sheets import duplicate_sheet_names, sheet_name_problem
from generator.model.wording import wording
from generator.site.write import write_pictures

from .conftest import EPOCH, cover

# Attributes pandoc's writers act on, in every place content could put them.
STYLE = "Beacon Style"
ATTRIBUTE_BODY = "\n\n".join(
    [
        "## Heading {#h typst:text:fill=red}",
        f'Prose [in red]{{typst:text:fill=red typst:text:size=40pt custom-style="{STYLE}"}}.',
        f'::: {{#w typst:text:fill=red custom-style="{STYLE}"}}\nA red division.\n:::',
        "``` {.python typst:text:fill=red}\ncode\n```",
    ]
)


def tiny(tmp_path: Path) -> Handbook:
    return read_handbook(write_project(tmp_path / "project"))[0]


def export(handbook: Handbook, tmp_path: Path) -> tuple[Path, Manifest]:
    site = tmp_path / "site"
    manifest = export_all(handbook, site / "downloads", cache=tmp_path / "cache", epoch=EPOCH)
    return site, manifest


def files(site: Path, manifest: Manifest, fmt: str) -> list[Path]:
    return [site / entry.path for entry in manifest.entries if entry.format == fmt]


@pytest.fixture(scope="module")
def attribute_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Manifest]:
    tmp_path = tmp_path_factory.mktemp("attributes")
    handbook = tiny(tmp_path)
    chapter = replace(handbook.chapters[0], body=ATTRIBUTE_BODY)
    return export(replace(handbook, chapters=(chapter, *handbook.chapters[1:])), tmp_path)


def red_pixels(pdf: Path) -> int:
    """Pixels of strong red on every page of a PDF, drawn at 40 dots an inch."""
    command = ["pdftoppm", "-r", "40", str(pdf)]
    image = subprocess.run(command, capture_output=True, check=True).stdout
    count = 0
    while image:
        magic, size, depth, rest = image.split(b"\n", 3)
        width, height = map(int, size.split())
        pixels, image = rest[: width * height * 3], rest[width * height * 3 :]
        assert magic == b"P6" and depth == b"255"
        count += sum(
            1
            for i in range(0, len(pixels), 3)
            if pixels[i] > 180 and pixels[i + 1] < 70 and pixels[i + 2] < 70
        )
    return count


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_typst_attributes_colour_nothing_in_any_pdf(
    attribute_export: tuple[Path, Manifest],
) -> None:
    site, manifest = attribute_export
    pdfs = files(site, manifest, "pdf")
    handbook = next(p for p in pdfs if "handbook" in p.parts)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(handbook).pages)
    assert "Prose in red." in text and "A red division." in text
    for pdf in pdfs:
        assert red_pixels(pdf) == 0, pdf


def test_custom_styles_from_content_reach_no_word_file(
    attribute_export: tuple[Path, Manifest],
) -> None:
    site, manifest = attribute_export
    for path in files(site, manifest, "docx"):
        document = open_docx(path)
        used = {p.style.name for p in document.paragraphs}
        used |= {run.style.name for p in document.paragraphs for run in p.runs}
        assert STYLE not in used, path
        assert STYLE not in {style.name for style in document.styles}, path


# Pictures published without metadata.


def photograph() -> bytes:
    """A JPEG as a phone writes it: rotated by EXIF, with a GPS position, a description, a
    comment and XMP."""
    image = Image.new("RGB", (64, 32), (30, 90, 160))
    exif = Image.Exif()
    exif[0x010E] = "Jane, Year 6, on the school trip"  # ImageDescription
    exif[0x0112] = 6  # Orientation: turn 90 degrees clockwise to show
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 12.0), 3: "W", 4: (0.0, 7.0, 40.0)}
    out = io.BytesIO()
    xmp = b"<x:xmpmeta><dc:creator>Jane</dc:creator></x:xmpmeta>"
    image.save(out, "JPEG", exif=exif.tobytes(), comment=b"Jane's class", xmp=xmp)
    return out.getvalue()


def diagram() -> bytes:
    """A PNG with text chunks, as drawing programs write them."""
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "A member of staff")
    info.add_itxt("Description", "Jane's drawing")
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 200, 200)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def assert_clean(data: bytes, upright: tuple[int, int] | None = None) -> None:
    """A picture with no metadata a reader could find, the right way up."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        assert dict(image.getexif()) == {}
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "Author", "Description"} & set(
            image.info
        ), image.info
        assert not getattr(image, "text", {})
        if upright:
            assert image.size == upright


@pytest.fixture(scope="module")
def picture_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("pictures")
    chapter = (
        "---\ntitle: Welcome\npart: basics\norder: 1\nsummary: Start here.\n---\n\n"
        "## Why\n\n![Pupils on a trip](../../images/trip.jpg)\n\n"
        "![The review cycle](../../images/cycle.png)\n"
    )
    root = write_project(tmp_path / "project", {"content/handbook/basics/welcome.md": chapter})
    (root / "content/images").mkdir(parents=True)
    (root / "content/images/trip.jpg").write_bytes(photograph())
    (root / "content/images/cycle.png").write_bytes(diagram())
    return root


def test_pictures_reach_the_site_without_metadata(picture_project: Path, tmp_path: Path) -> None:
    handbook = read_handbook(picture_project)[0]
    write_pictures(handbook, tmp_path / "docs")
    published = sorted((tmp_path / "docs" / "images").iterdir())
    assert [p.name for p in published] == ["cycle.png", "trip.jpg"]
    assert_clean((tmp_path / "docs/images/trip.jpg").read_bytes(), upright=(32, 64))
    assert_clean((tmp_path / "docs/images/cycle.png").read_bytes(), upright=(40, 30))


def test_pictures_reach_word_powerpoint_and_pdf_without_metadata(
    picture_project: Path, tmp_path: Path
) -> None:
    site, manifest = export(read_handbook(picture_project)[0], tmp_path)
    documents = [p for p in files(site, manifest, "docx") if "handbook" in p.parts]
    assert documents
    for path in documents:
        with zipfile.ZipFile(path) as archive:
            media = [n for n in archive.namelist() if n.startswith("word/media/")]
            assert len(media) == 2, media
            for name in media:
                assert_clean(archive.read(name))
    for path in files(site, manifest, "pptx"):  # slides show a picture as its description
        with zipfile.ZipFile(path) as archive:
            for name in (n for n in archive.namelist() if n.startswith("ppt/media/")):
                assert_clean(archive.read(name))
    pdf = next(p for p in files(site, manifest, "pdf") if "handbook" in p.parts)
    embedded = [image for page in PdfReader(pdf).pages for image in page.images]
    assert len(embedded) >= 2
    for image in embedded:
        assert_clean(image.data)


def test_pictures_picture_model_holds_the_clean_bytes(picture_project: Path) -> None:
    picture = Picture.read(picture_project / "content/images/trip.jpg", "trip.jpg")
    assert_clean(picture.data, upright=(32, 64))


# Workbooks: sheet names Excel accepts, and a drop-down that lists the scale.


@pytest.mark.parametrize(
    "words",
    [
        {"summary": "History", "scale": "Summary"},
        {"summary": "Scale", "scale": "SCALE"},
        {"scale": "'Levels'", "self_review_sheet": "Self-review: [draft] */?"},
        {"scale": "L" * 40, "summary": "L" * 35},
    ],
    ids=["reserved and repeated", "same but for case", "quotes and brackets", "too long"],
)
def test_workbook_sheet_names_keep_excels_rules_and_the_drop_down_lists_the_scale(
    tmp_path: Path, words: dict[str, str]
) -> None:
    framework = tiny(tmp_path).frameworks[0]
    data = self_review_xlsx(framework, replace(cover(), words=wording(words)), EPOCH)
    workbook = load_workbook(io.BytesIO(data))
    names = workbook.sheetnames
    assert [sheet_name_problem(name) for name in names] == [None] * len(names)
    assert duplicate_sheet_names(names) == []
    (validation,) = workbook[names[0]].data_validations.dataValidation
    sheet, cells = validation.formula1.rsplit("!", 1)
    listed = workbook[sheet.strip("'").replace("''", "'")]
    first, last = (int(part.split("$")[-1]) for part in cells.split(":"))
    labels = [listed.cell(row=row, column=1).value for row in range(first, last + 1)]
    assert labels == [level.label for level in framework.scale]
