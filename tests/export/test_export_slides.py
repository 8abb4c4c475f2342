"""Module slides read back: decks with python-pptx, PDFs with pypdf, decks through LibreOffice."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import textwrap
import unicodedata
import zipfile
from pathlib import Path

import pytest
from conftest import FILES, REPO, write_project
from pptx import Presentation
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as Deck
from pypdf import PdfReader

from generator.cli.project import check, read_handbook
from generator.export import slides
from generator.export.document import Cover
from generator.model.images import Picture
from generator.model.objects import Handbook, Module, Session
from generator.model.slides import Slide

from .conftest import EPOCH, Export, libreoffice_pdfs

COVER = Cover("Schools in Partnership Network", "2026", "CC BY 4.0", "1 July 2026", "en-GB")
needs_soffice = pytest.mark.usefixtures("soffice")


def normal(text: str) -> str:
    """Text as compared: typographic quotes and spacing as typed."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.replace("\u201c", '"').replace("\u201d", '"').split())


def deck(data: bytes) -> Deck:
    return Presentation(io.BytesIO(data))


def slide_texts(data: bytes) -> list[tuple[str, str, str, str]]:
    """Per slide: layout name, title, body text and speaker notes."""
    rows = []
    for slide in deck(data).slides:
        title = slide.shapes.title.text if slide.shapes.title else ""
        body = " ".join(
            [
                s.text_frame.text
                for s in slide.placeholders
                if getattr(s, "has_text_frame", False)
                and hasattr(s, "text_frame")
                and s != slide.shapes.title
            ]
            + [cell.text for s in slide.shapes if s.has_table for cell in s.table.iter_cells()]
        )
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        rows.append((slide.slide_layout.name, normal(title), normal(body), normal(notes)))
    return rows


def first_words(markdown: str, count: int = 4) -> str:
    """The opening words of Markdown text's first line, as they print."""
    line = markdown.strip().splitlines()[0].replace("|", " ").lstrip("-#>0123456789. ")
    return normal(" ".join(line.replace("*", "").replace("`", "").split()[:count]))


@pytest.mark.slow
def test_every_deck_has_a_cover_objectives_and_a_slide_per_session(
    exported: Export, handbook: Handbook
) -> None:
    for module in handbook.modules:
        data = exported.file("slides", module.id, "pptx").read_bytes()
        rows = slide_texts(data)
        assert len(rows) == slides.slide_count(module), module.id
        layouts = [layout for layout, *_ in rows]
        wanted = [LAYOUT_NAMES[layout] for layout in slides.layouts(module)]
        assert all(got in want for got, want in zip(layouts, wanted, strict=True)), module.id
        _, title, cover, _ = rows[0]
        assert title == normal(module.title)
        assert normal(module.day.title) in cover and "Length:" in cover and "For:" in cover
        _, title, body, notes = rows[1]
        assert title == "Objectives" and notes == ""
        assert all(first_words(o) in body for o in module.objectives), module.id
        for (number, session, slide, first), row in zip(shown(module), rows[2:], strict=True):
            _, title, body, notes = row
            assert title == normal(f"{number}. {slide.title}" if first else slide.title)
            if first or slide.layout == "activity":
                assert normal(session.activity.label) in body
                assert f"{session.minutes} minutes" in body
            if slide.body:
                assert first_words(slide.body) in body, (module.id, number)
            wanted = [session.facilitator_notes] if first and session.facilitator_notes else []
            wanted += [slide.notes] if slide.notes else []
            assert all(first_words(note) in notes for note in wanted), (module.id, number)
            assert wanted or notes == ""


def shown(module: Module) -> list[tuple[int, Session, Slide, bool]]:
    """Each slide after the objectives: its session's number, the session, and whether it
    leads the session (its first slide that is not a section divider)."""
    return [
        (number, session, slide, index == lead(session.shown))
        for number, session in enumerate(module.sessions, 1)
        for index, slide in enumerate(session.shown)
    ]


def lead(shown: tuple[Slide, ...]) -> int:
    """Where a session's first slide that is not a section divider stands among its slides."""
    return next((i for i, s in enumerate(shown) if s.layout != "section"), 0)


#: The PowerPoint layout each slide layout takes.
LAYOUT_NAMES = {
    "cover": ("Title Slide",),
    "section": ("Section Header",),
    **dict.fromkeys(("points", "questions", "activity"), ("Title and Content",)),
    # pandoc puts a table or picture that follows text on "Content with Caption".
    **dict.fromkeys(("table", "picture"), ("Title and Content", "Content with Caption")),
}


@pytest.mark.slow
def test_every_deck_is_16_by_9_numbered_authored_by_the_organisation_in_its_language(
    exported: Export, handbook: Handbook
) -> None:
    for module in handbook.modules:
        data = exported.file("slides", module.id, "pptx").read_bytes()
        presentation = deck(data)
        assert presentation.slide_width * 9 == presentation.slide_height * 16
        assert presentation.core_properties.author == handbook.programme.organisation
        assert presentation.core_properties.title == module.title
        numbered = [
            any(p.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER for p in s.placeholders)
            for s in presentation.slides
        ]
        assert numbered == [False] + [True] * (len(numbered) - 1), module.id
        for slide in presentation.slides:
            for shape in slide.placeholders:
                if not hasattr(shape, "text_frame"):
                    continue  # a table's frame: its cells' runs are read with the table text
                runs = [r for p in shape.text_frame.paragraphs for r in p.runs]
                assert {r.font.language_id for r in runs} <= {MSO_LANGUAGE_ID.ENGLISH_UK}


@pytest.mark.slow
def test_every_slides_pdf_is_landscape_16_by_9_with_a_page_per_slide(
    exported: Export, handbook: Handbook
) -> None:
    for module in handbook.modules:
        reader = PdfReader(exported.file("slides", module.id, "pdf"))
        assert len(reader.pages) == slides.slide_count(module), module.id
        for page in reader.pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            assert width > height and abs(width / height - 16 / 9) < 0.01
        assert normal(module.title) in normal(reader.pages[0].extract_text())
        assert reader.metadata is not None and reader.metadata.title == module.title
        for page, (number, session, slide, _) in enumerate(shown(module), 2):
            text = normal(reader.pages[page].extract_text())
            assert normal(slide.title) in text, (module.id, number)
            # The PDF is what the room sees: no speaker notes on it.
            for note in (session.facilitator_notes, slide.notes):
                assert not note or first_words(note, 10) not in text


@pytest.mark.slow
@needs_soffice
def test_libreoffice_opens_every_deck_with_all_its_slides(
    exported: Export, handbook: Handbook, tmp_path: Path, artifacts: Path
) -> None:
    decks = [exported.file("slides", m.id, "pptx") for m in handbook.modules]
    for path in decks:
        shutil.copy(path, tmp_path / f"{path.parent.name}.pptx")
    converted = libreoffice_pdfs(sorted(tmp_path.glob("*.pptx")), tmp_path / "pdf")
    for module in handbook.modules:
        reader = PdfReader(converted / f"{module.id}.pdf")
        assert len(reader.pages) == slides.slide_count(module), module.id
    if shutil.which("pdftoppm"):
        # Projector-size pictures of one deck both ways, to look at (the artifacts folder).
        module = handbook.modules[0].id
        render(converted / f"{module}.pdf", artifacts / f"slides-libreoffice-{module}")
        render(exported.file("slides", module, "pdf"), artifacts / f"slides-typst-{module}")


def render(pdf: Path, prefix: Path) -> None:
    for old in prefix.parent.glob(f"{prefix.name}-*.png"):
        old.unlink()
    size = ["-scale-to-x", "1280", "-scale-to-y", "720"]
    subprocess.run(["pdftoppm", "-png", *size, pdf, prefix], check=True)
    assert len(list(prefix.parent.glob(f"{prefix.name}-*.png"))) == len(PdfReader(pdf).pages)


def hostile(module: Module) -> Module:
    """One session whose text tries to split the slide, load a file and escape into Typst."""
    session = dataclasses.replace(
        module.sessions[0],
        title="2. *Odd* title ] #set text(red) $x$ <b> {.notes} \\",
        slides=(
            Slide(
                layout="points",
                title="2. *Odd* title ] #set text(red) $x$ <b> {.notes} \\",
                body="# A heading\n\nFirst point\n\n---\n\n## Another\n\n"
                "![secret](/etc/passwd)\n\n```{=typst}\n#panic()\n```\n\n- item `#code`",
            ),
        ),
        facilitator_notes="Say *this* first.\n\n# Notes heading\n\n---\n\n:::\n\nThen that.",
    )
    return dataclasses.replace(module, sessions=(session,), duration=session.minutes)


def test_untrusted_text_stays_on_one_slide_and_reads_no_files(handbook: Handbook) -> None:
    module = hostile(handbook.modules[0])
    data = slides.pptx(module, "Schools in Partnership", COVER, EPOCH)
    rows = slide_texts(data)
    assert len(rows) == 3
    _, title, body, notes = rows[2]
    assert title == "1. 2. *Odd* title ] #set text(red) $x$ <b> {.notes} \\"
    for text in ("A heading", "First point", "Another", "secret", "#panic()", "#code"):
        assert text in body
    assert "Say this first." in notes and "Notes heading" in notes and "Then that." in notes
    assert "Then that" not in body
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert not [n for n in package.namelist() if n.startswith("ppt/media/")]
        assert b"root:" not in b"".join(package.read(n) for n in package.namelist())
    reader = PdfReader(io.BytesIO(slides.pdf(module, "Schools in Partnership", COVER, EPOCH)))
    assert len(reader.pages) == 3
    text = normal(reader.pages[2].extract_text())
    assert "#set text(red)" in text and "A heading" in text and "#panic()" in text
    assert "Say this first" not in text and "Then that" not in text


def test_a_long_slide_shrinks_to_fit_its_page(handbook: Handbook) -> None:
    module = handbook.modules[0]
    points = "\n".join(f"- Point {n}: {'a longer line of text ' * 3}" for n in range(14))
    slide = Slide(layout="points", title=module.sessions[0].title, body=points)
    session = dataclasses.replace(module.sessions[0], slides=(slide,))
    module = dataclasses.replace(module, sessions=(session,), duration=session.minutes)
    reader = PdfReader(io.BytesIO(slides.pdf(module, "Schools in Partnership", COVER, EPOCH)))
    assert len(reader.pages) == 3
    assert "Point 13" in reader.pages[2].extract_text()


def test_slides_are_reproducible(handbook: Handbook) -> None:
    module = handbook.modules[0]
    first = slides.pptx(module, "Schools in Partnership", COVER, EPOCH)
    assert first == slides.pptx(module, "Schools in Partnership", COVER, EPOCH)


def module_with(tmp_path: Path, slides_field: str) -> Path:
    source = textwrap.dedent(FILES["content/modules/intro.yml"])
    old = "description: What partnership means.\n"
    assert old in source
    new = source.replace(old, old + slides_field, 1)
    return write_project(tmp_path / "p", {"content/modules/intro.yml": new})


def test_a_sessions_slides_field_replaces_its_description_on_the_slide(tmp_path: Path) -> None:
    root = module_with(tmp_path, "    slides: |\n      - Why *partnership*\n      - What changes\n")
    module = read_handbook(root)[0].module("intro")
    assert module.sessions[1].slides[0].body == "- Why *partnership*\n- What changes"
    markdown = slides.deck_markdown(module, "Test Partnership", COVER)
    assert "- Why *partnership*" in markdown and "What partnership means" not in markdown


def test_an_empty_slides_field_is_refused_where_it_stands(tmp_path: Path) -> None:
    root = module_with(tmp_path, '    slides: ""\n')
    found = [d.format_text().splitlines()[0] for d in check(root)[1]]
    assert found == [
        "content/modules/intro.yml:23:13: error: sessions[1].slides: must not be empty [schema.empty]"
    ]


#: A picture the tests own, not the content's: an editor may replace the shipped pictures.
TEST_PICTURE = REPO / "tests/reference/slides-pdf-section.png"


def every_layout(module: Module) -> Module:
    """The module with its first session shown as one slide of each layout."""
    picture = Picture.read(TEST_PICTURE, "review-cycle.png")
    listed = (
        Slide(layout="section", title="Looking at evidence", body="What a visit can show"),
        Slide(layout="points", title="Why review", body="- One\n- Two", notes="Ask the room."),
        Slide(layout="questions", title="Before we start", body="1. What would you see?"),
        Slide(layout="activity", title="In pairs", body="1. Read the extract."),
        Slide(
            layout="table",
            title="Who does what",
            body="| Role | On the day |\n| --- | --- |\n| Lead reviewer | Chairs the meetings |",
        ),
        Slide(
            layout="picture",
            title="The cycle",
            body="![The review cycle in four stages](images/review-cycle.png)",
            images=(picture,),
        ),
    )
    session = dataclasses.replace(module.sessions[0], slides=listed)
    return dataclasses.replace(module, sessions=(session,), duration=session.minutes)


#: The smallest text on a slide, in hundredths of a point: body text 16 pt, titles 28 pt.
SMALLEST_TEXT, SMALLEST_TITLE = 1600, 2800


def test_every_layout_makes_its_slide_titled_first_and_large_enough(handbook: Handbook) -> None:
    module = every_layout(handbook.modules[0])
    data = slides.pptx(module, "Schools in Partnership", COVER, EPOCH)
    presentation = deck(data)
    names = [slide.slide_layout.name for slide in presentation.slides]
    wanted = [LAYOUT_NAMES[layout] for layout in slides.layouts(module)]
    assert all(name in want for name, want in zip(names, wanted, strict=True)), names
    for slide in presentation.slides:
        title = slide.shapes.title
        assert title is not None and title.text.strip(), names
        # Screen readers read shapes in tree order: the title comes first.
        assert next(iter(slide.shapes)).shape_id == title.shape_id
        for size in re.findall(rb'<a:rPr[^>]*\ssz="([0-9]+)"', slide.part.blob):
            assert int(size) >= SMALLEST_TEXT, slide.slide_id
    rows = slide_texts(data)
    session = module.sessions[0]
    assert normal(session.activity.label) in rows[3][2] and "Ask the room." in rows[3][3]
    assert f"{session.minutes} minutes" in rows[5][2]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert len([n for n in package.namelist() if n.startswith("ppt/media/")]) == 1
        found = re.search(rb"<a:tbl>.*?</a:tbl>", package.read("ppt/slides/slide7.xml"), re.S)
        assert found is not None
        runs = re.findall(rb"<a:rPr[^>]*>", found.group(0))
        assert runs and all(b'sz="1800"' in run for run in runs)
    reader = PdfReader(io.BytesIO(slides.pdf(module, "Schools in Partnership", COVER, EPOCH)))
    assert len(reader.pages) == slides.slide_count(module) == 8
    assert "Chairs the meetings" in reader.pages[6].extract_text()
    assert reader.pages[7].images, "the picture slide shows its picture"


def test_the_reference_deck_sets_text_large_enough_to_read_from_the_back() -> None:
    master = Presentation(str(REPO / "theme/pptx/reference.pptx")).slide_master
    styles = master.element.find(qn("p:txStyles"))
    title = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr")).find(qn("a:defRPr"))
    assert int(title.get("sz")) >= SMALLEST_TITLE
    body = styles.find(qn("p:bodyStyle"))
    for level in range(1, 6):
        size = body.find(qn(f"a:lvl{level}pPr")).find(qn("a:defRPr")).get("sz")
        assert int(size) >= SMALLEST_TEXT, level
