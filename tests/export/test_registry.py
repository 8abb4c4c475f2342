"""The registry of outputs: a new download is one declaration, and every stage picks it up."""

from __future__ import annotations

import io
import json
import textwrap
import zipfile
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest
from conftest import FILES, with_site_look, write_project
from pypdf import PdfReader

from generator.cli.build import BuildOptions, build
from generator.cli.project import read_handbook
from generator.export import typeset
from generator.export.document import Cover, Document
from generator.export.outputs import OUTPUTS
from generator.export.packs import PackMember, plan_packs
from generator.export.plan import plan_jobs
from generator.export.registry import FORMATS, Output, Outputs, Planning
from generator.gate import DOWNLOADS
from generator.model.objects import GlossaryTerm, Module, Programme
from generator.model.wording import theme_wording
from generator.render.markdown import chapter_markdown, inline

from .conftest import EPOCH


def heading(level: int, text: str) -> str:
    """A Markdown heading; the shipped downloads word theirs in theme/templates/print."""
    return f"{'#' * level} {inline(text)}"


def join_blocks(blocks: list[str]) -> str:
    return "\n\n".join(block for block in blocks if block.strip()) + "\n"


def notes_file(format: str, module: Module, cover: Cover, epoch: int) -> bytes:
    """A module's facilitator notes on their own, session by session, to keep at hand."""
    blocks = [
        block
        for session in module.sessions
        if session.facilitator_notes
        for block in (heading(1, session.title), chapter_markdown(session.facilitator_notes))
    ]
    document = Document(module.title, cover.words.facilitator_notes, cover, join_blocks(blocks))
    return (typeset.pdf if format == "pdf" else typeset.docx)(document, epoch)


def glossary_slice(planning: Planning, programme: Programme, format: str) -> tuple[object, ...]:
    """The glossary, not the programme: only a change to a term rebuilds the file."""
    return (planning.handbook.glossary, planning.cover, planning.epoch)


def glossary_file(format: str, terms: tuple[GlossaryTerm, ...], cover: Cover, epoch: int) -> bytes:
    """The glossary as a short document of its own."""
    blocks = [b for t in terms for b in (heading(1, t.term), chapter_markdown(t.definition))]
    document = Document(cover.words.glossary, cover.words.glossary, cover, join_blocks(blocks))
    return typeset.pdf(document, epoch)


#: Each new kind is ONE declaration: no other file of the generator or theme changes.
NOTES = Output(
    "facilitator-notes", "module", ("pdf",), "modules/{id}/facilitator-notes", notes_file,
    name="facilitator_notes", in_day_pack=True,
)  # fmt: skip
GLOSSARY = Output(
    "glossary", "programme", ("pdf",), "handbook/{id}-glossary", glossary_file,
    name="glossary", slice=glossary_slice,
)  # fmt: skip
WITH_NEW_KINDS = Outputs((*OUTPUTS, NOTES, GLOSSARY))


def test_a_new_kind_is_planned_for_each_subject_of_its_scope(project: Path) -> None:
    handbook = read_handbook(project)[0]
    new = {"facilitator-notes", "glossary"}
    jobs = [j for j in plan_jobs(handbook, EPOCH, WITH_NEW_KINDS) if j.kind in new]
    assert [(j.kind, j.source, j.path, j.title, j.theme) for j in jobs] == [
        ("glossary", "test-partnership", "handbook/test-partnership-glossary.pdf",
         "Glossary: Test Partnership", "pdf"),
        ("facilitator-notes", "intro", "modules/intro/facilitator-notes.pdf",
         "Facilitator notes: Introduction", "pdf"),
    ]  # fmt: skip
    assert jobs[0].build.args[1] == handbook.glossary
    assert not any(j.kind == "facilitator-notes" for j in plan_jobs(handbook, EPOCH))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = with_site_look(write_project(tmp_path_factory.mktemp("registry") / "project"))
    build(project, BuildOptions(outputs=WITH_NEW_KINDS))
    return project / "site"


def test_a_new_kind_is_built_and_listed_in_the_manifest_in_registry_order(site: Path) -> None:
    entries = json.loads((site / "downloads/manifest.json").read_text())["entries"]
    kinds = [e["kind"] for e in entries]
    assert kinds == sorted(kinds, key=WITH_NEW_KINDS.kinds.index)
    assert kinds[-2:] == ["facilitator-notes", "glossary"]
    notes = entries[-2]
    assert notes["path"] == "downloads/modules/intro/facilitator-notes.pdf"
    assert (notes["source"], notes["format"]) == ("intro", "pdf")
    assert notes["title"] == "Facilitator notes: Introduction"
    text = " ".join(p.extract_text() for p in PdfReader(site / notes["path"]).pages)
    assert "Welcome" in text and "Keep it short." in text
    glossary = " ".join(p.extract_text() for p in PdfReader(site / entries[-1]["path"]).pages)
    assert "Special educational needs co-ordinator" in glossary


def section_links(site: Path, page: str) -> dict[str, list[str]]:
    """The text of each download link on a page, under the heading it sits below."""
    tree = lxml.html.parse(str(site / page / "index.html"))
    sections: dict[str, list[str]] = {}
    heading = ""
    for element in tree.xpath("//article//*[self::h2 or self::h3 or self::h4 or self::a]"):
        address = urljoin(f"/{page}/", element.get("href", ""))
        if element.tag == "a" and address.startswith("/downloads/"):
            sections.setdefault(heading, []).append(element.text_content())
        elif element.tag != "a":
            heading = element.text_content().strip(" ¶\n")
    return sections


def test_a_new_kind_is_on_the_downloads_page_under_its_scope(site: Path) -> None:
    sections = section_links(site, "downloads")
    assert any(t.startswith("Glossary: Test Partnership (PDF, ") for t in sections["The handbook"])
    module = sections["Introduction"]
    assert any(t.startswith("Facilitator notes: Introduction (PDF, ") for t in module)
    module_page = [t for links in section_links(site, "training/intro").values() for t in links]
    assert any(t.startswith("Facilitator notes: Introduction") for t in module_page)


def test_a_new_module_kind_goes_into_the_day_pack_in_its_module_folder(site: Path) -> None:
    with zipfile.ZipFile(site / "downloads/training-days/day-1.zip") as pack:
        names = pack.namelist()
        data = pack.read("day-1/01-intro/facilitator-notes.pdf")
    assert data == (site / "downloads/modules/intro/facilitator-notes.pdf").read_bytes()
    assert not any("glossary" in name for name in names)
    assert PdfReader(io.BytesIO(data)).pages


def test_the_shipped_registry_orders_the_manifest_and_knows_every_format() -> None:
    assert OUTPUTS.kinds[:3] == ("handbook", "chapter", "framework")
    used = {format for output in OUTPUTS for format in output.formats}
    assert used <= set(FORMATS) and FORMATS == ("pdf", "docx", "xlsx", "pptx", "zip", "ics")
    # Every format but the packs' own has a checker in the gate on the output.
    assert set(FORMATS) - {"zip"} == {suffix.lstrip(".") for suffix in DOWNLOADS}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            {"formats": ("csv",)},
            "output 'notes': unknown format 'csv'; name it in FORMAT_NAMES in downloads.py",
        ),
        (
            {"scope": "framework", "in_day_pack": True},
            "output 'notes': a framework's files cannot go into a day pack",
        ),
        (
            {"name": "notes_download"},
            "output 'notes': no wording 'notes_download'; add it to theme/wording.yml",
        ),
        (
            {"path": "modules/{title}/notes"},
            "output 'notes': the path names '{title}', which a module has no file name for",
        ),
        *(
            (
                {"path": path},
                f"output 'notes': the path '{path}' leaves downloads/; give a relative path"
                " inside it",
            )
            for path in ("../notes", "/etc/notes", "modules//notes", "modules\\notes", "./n")
        ),
        (
            {"title": "calendar_title"},
            "output 'notes': the title 'calendar_title' names '{edition}', which it does not have",
        ),
        (
            {"builder": None},
            "output 'notes': only a pack (format zip, scope day or site) may have no builder",
        ),
        (
            {"scope": "site", "path": "offline/{id}"},
            "output 'notes': a site's file is zipped from the built site and has no builder",
        ),
        (
            {"builder": lambda format, *slice: b""},
            "output 'notes': builder: '<lambda>' is not a function declared at a module's top"
            " level; declare a function by name",
        ),
    ],
)
def test_a_wrong_declaration_fails_when_the_registry_is_made(
    change: dict[str, object], problem: str
) -> None:
    fields: dict[str, object] = {
        "kind": "notes", "scope": "module", "formats": ("pdf",), "path": "modules/{id}/notes",
        "builder": notes_file, "name": "facilitator_notes",
    }  # fmt: skip
    with pytest.raises(ValueError) as raised:
        made = Outputs((*OUTPUTS, Output(**{**fields, **change})))  # type: ignore[arg-type]
        made.check_words(theme_wording())  # words are the theme's: checked when a build plans
    assert str(raised.value) == f"the registry of outputs is wrong:\n  {problem}"


def test_the_memory_heavy_kinds_are_declared_on_their_outputs() -> None:
    assert OUTPUTS.alone == {o.kind for o in OUTPUTS if o.alone}
    assert "handbook" in OUTPUTS.alone
    notes = Output("notes", "module", ("pdf",), "modules/{id}/notes", notes_file, alone=True)
    assert Outputs((*OUTPUTS, notes)).alone == OUTPUTS.alone | {"notes"}


def test_a_kind_declared_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="'slides' is declared twice"):
        Outputs((*OUTPUTS, next(o for o in OUTPUTS if o.kind == "slides")))


def test_titles_follow_the_programme_wording_including_chapters_and_packs(tmp_path: Path) -> None:
    programme = textwrap.dedent(FILES["content/programme.yml"]) + textwrap.dedent("""\
        wording:
          handbook_chapter_download: Chapter
          day_pack_download: Day pack
          facilitator_guide_download: Trainer's guide
        """)  # fmt: skip
    root = write_project(tmp_path / "p", {"content/programme.yml": programme})
    handbook = read_handbook(root)[0]
    titles = {j.kind: j.title for j in plan_jobs(handbook, EPOCH)}
    assert titles["chapter"] == "Chapter: Welcome"
    assert titles["facilitator-guide"] == "Trainer's guide: Introduction"
    member = PackMember("intro", "slides", "modules/intro/slides.pdf", b"%PDF")
    (pack,) = plan_packs(handbook, [member])
    assert pack.title == "Day pack: Leadership day 1, First day"
