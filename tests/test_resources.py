"""Training resources: validation of resources and materials, pages, downloads and day packs."""

from __future__ import annotations

import io
import textwrap
import zipfile
from pathlib import Path

import docx
from conftest import FILES, write_project
from pypdf import PdfReader

from generator.check.jsonschema import to_json_schema
from generator.cli.project import check, read_handbook
from generator.export import export_all
from generator.export.resources import PAGE_BREAK, pages_per_section
from generator.kinds.catalogue import KINDS
from generator.kinds.registry import SourceKind
from generator.model.resources import PrintHints
from generator.model.wording import wording
from generator.render.downloads import DownloadList
from generator.render.filters import print_advice
from generator.render.templates import SiteContext, render_site


def KIND(name: str) -> SourceKind:  # noqa: N802 - reads like the constant it looks up
    """A shipped kind by name."""
    found = KINDS.get(name)
    assert found is not None
    return found


WORDS = wording({})

EPOCH = 1_782_864_000

ROLE_CARDS = """\
    ---
    title: Pre-review role cards
    summary: Briefs for a host head and a lead reviewer.
    audience: [headteacher, governor]
    print:
      copies: one set per group of three
      page_per_section: true
    ---

    The school is fictional.

    ## Host headteacher

    You would like the reviewers to look at lunchtimes.

    ## Lead reviewer

    You have drafted two lines of enquiry on reading.
    """

MATERIALS = """\
    materials:
      - resource: role-cards
        copies: one set per three
      - item: Sticky notes
        provided_by: venue
    sessions:"""


def module_with(materials: str) -> str:
    source = textwrap.dedent(FILES["content/modules/intro.yml"])
    return source.replace(
        "sessions:", textwrap.dedent(materials).rstrip("\n") + "\n" + "sessions:", 1
    )


def project_with(
    tmp_path: Path, materials: str = MATERIALS, files: dict[str, str] | None = None
) -> Path:
    sources = {
        "content/resources/role-cards.md": ROLE_CARDS,
        "content/modules/intro.yml": module_with(materials.replace("sessions:", "")),
        **(files or {}),
    }
    return write_project(tmp_path / "p", sources)


def problems(root: Path) -> list[str]:
    return [d.format_text() for d in check(root)[1]]


def test_a_module_may_list_a_resource_and_an_item(tmp_path: Path) -> None:
    root = project_with(tmp_path)
    assert problems(root) == []
    module = read_handbook(root)[0].module("intro")
    assert [(m.label, m.resource, m.provided_by) for m in module.materials] == [
        ("Pre-review role cards", "role-cards", ""),
        ("Sticky notes", "", "venue"),
    ]
    material = module.materials[0]
    assert print_advice(material.print, WORDS, material.copies) == (
        "Print one set per three; each section starts its own page, to hand out separately."
    )


def test_a_missing_resource_is_refused_with_the_nearest_name(tmp_path: Path) -> None:
    root = project_with(tmp_path, MATERIALS.replace("resource: role-cards", "resource: role-card"))
    assert problems(root) == [
        "content/modules/intro.yml:11:15: error: materials[0].resource: unknown resource "
        "'role-card' [ref.unknown]\n    hint: did you mean 'role-cards'?",
        "content/resources/role-cards.md:1:1: warning: resource 'role-cards' is not used by any "
        "module [resource.unused]\n    hint: list it in a module's materials as `- resource: role-cards`, or delete it",
    ]


def test_an_item_must_say_who_provides_it(tmp_path: Path) -> None:
    root = project_with(tmp_path, MATERIALS.replace("        provided_by: venue\n", ""))
    assert problems(root) == [
        "content/modules/intro.yml:13:5: error: materials[1]: who provides 'Sticky notes'? [material.no-provider]\n"
        "    hint: add `provided_by:` with one of: venue, trainer, participants"
    ]


def test_a_plain_text_material_shows_both_forms(tmp_path: Path) -> None:
    root = project_with(tmp_path, "materials:\n  - resource: role-cards\n  - Sticky notes\n")
    assert problems(root) == [
        "content/modules/intro.yml:12:5: error: materials[1]: must be a mapping of `key: value` "
        "lines, not text 'Sticky notes' [schema.type]\n    hint: write `- resource: <resource id>`, or "
        "`- item: <what it is>` with `provided_by: venue`, `trainer` or `participants` on the "
        "next line"
    ]


def test_a_resource_cannot_also_be_provided(tmp_path: Path) -> None:
    materials = "materials:\n  - resource: role-cards\n    provided_by: trainer\n"
    assert problems(project_with(tmp_path, materials)) == [
        "content/modules/intro.yml:12:5: error: materials[0].provided_by: a resource is printed "
        "from its download, so nobody else provides it [material.provided-resource]\n    hint: remove `provided_by:`, or "
        "describe the thing as an `item:` instead"
    ]


def test_a_resource_listed_twice_is_refused(tmp_path: Path) -> None:
    materials = "materials:\n  - resource: role-cards\n  - resource: role-cards\n"
    assert problems(project_with(tmp_path, materials)) == [
        "content/modules/intro.yml:12:15: error: materials[1].resource: resource 'role-cards' is "
        "already listed (materials item 1) [material.duplicate]\n    hint: list each resource once; say how many "
        "copies with `copies:`"
    ]


def test_a_pdf_in_the_resources_folder_is_refused(tmp_path: Path) -> None:
    root = project_with(tmp_path)
    (root / "content/resources/Evidence Pack.pdf").write_bytes(b"%PDF-1.7\n")
    assert problems(root) == [
        "content/resources/Evidence Pack.pdf:1:1: error: only Markdown (.md) files can be "
        "resources [file.unknown]\n    hint: resources are written in Markdown, so they can be reviewed, checked "
        "and printed alike; write content/resources/evidence-pack.md (a table holds data or "
        "cards) and its PDF and Word copies are built for you"
    ]


def test_a_resource_needs_front_matter_and_a_valid_name(tmp_path: Path) -> None:
    root = project_with(tmp_path, files={"content/resources/notes.md": "Just text.\n"})
    assert problems(root) == [
        "content/resources/notes.md:1:1: error: resource has no front matter [file.no-front-matter]\n    hint: start "
        "with a `---` line, the resource's title, summary and audience, and another `---`"
    ]
    (root / "content/resources/notes.md").rename(root / "content/resources/Notes_v2.md")
    assert problems(root)[0] == (
        "content/resources/Notes_v2.md:1:1: error: file name 'Notes_v2.md' is not allowed [file.name]\n"
        "    hint: file names become web addresses: use lower-case words joined by hyphens, "
        "such as 'notes-v2.md'"
    )


def test_a_misspelt_print_hint_is_named(tmp_path: Path) -> None:
    text = ROLE_CARDS.replace("page_per_section: true", "page_per_sections: true")
    root = project_with(tmp_path, files={"content/resources/role-cards.md": text})
    assert problems(root) == [
        "content/resources/role-cards.md:7:3: error: print.page_per_sections: unknown field "
        "'page_per_sections' [schema.unknown-field]\n    hint: did you mean 'page_per_section'?"
    ]


def rendered(root: Path) -> dict[str, str]:
    handbook = read_handbook(root)[0]
    site = SiteContext(dates={}, manifest=DownloadList(()), edit_base="https://e.org")
    return render_site(handbook, site)


def test_module_page_links_its_resources_and_the_resource_page_links_back(tmp_path: Path) -> None:
    pages = rendered(project_with(tmp_path))
    module = pages["training/intro.md"]
    assert (
        "- [Pre-review role cards](resources/role-cards.md): Print one set per three; each "
        "section starts its own page, to hand out separately." in module
    )
    assert "- Sticky notes (the venue provides)" in module
    resource = pages["training/resources/role-cards.md"]
    assert "- **Used in:** [Introduction](../intro.md) (Leadership day 1)" in resource
    assert "## Host headteacher" in resource


def test_resource_downloads_read_back_and_ride_in_the_day_pack(tmp_path: Path) -> None:
    root = project_with(tmp_path)
    handbook = read_handbook(root)[0]
    site = tmp_path / "site"
    manifest = export_all(handbook, site / "downloads", cache=tmp_path / "cache", epoch=EPOCH)
    pdf = site / manifest.entry("resource", "role-cards", "pdf").path
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    # A title block, no cover page (it is short), then one page per section: each brief can
    # be handed out on its own.
    assert len(pages) == 2
    assert "Pre-review role cards" in pages[0] and "lunchtimes" in pages[0]
    assert "lines of enquiry" not in pages[0] and "lines of enquiry" in pages[1]
    word = docx.Document(str(site / manifest.entry("resource", "role-cards", "docx").path))
    texts = [p.text for p in word.paragraphs]
    assert "Host headteacher" in texts and "Lead reviewer" in texts
    breaks = word.element.body.xpath('.//w:br[@w:type="page"]')
    assert len(breaks) == 1
    pack = site / manifest.entry("training-day-pack", "day-1", "zip").path
    names = zipfile.ZipFile(io.BytesIO(pack.read_bytes())).namelist()
    assert "day-1/01-intro/role-cards.pdf" in names
    assert "day-1/01-intro/role-cards.docx" in names


def test_every_shipped_resource_is_used(shipped_sources: Path) -> None:
    handbook = read_handbook(shipped_sources)[0]
    unused = [r.id for r in handbook.resources if not handbook.modules_using(r.id)]
    assert unused == []


def test_print_hints_read_as_one_sentence() -> None:
    hints = PrintHints(
        copies="one per group", paper="A3", sides="double", cut=True, notes="Laminate."
    )
    assert print_advice(hints, WORDS) == (
        "Print one per group, on A3, double-sided; cut into cards along the lines. Laminate."
    )
    assert print_advice(hints, WORDS, "one per pair").startswith("Print one per pair, on A3")
    assert print_advice(PrintHints(), WORDS) == "Print."


def test_page_breaks_go_before_sections_but_not_inside_code() -> None:
    text = "Intro\n\n## One\n\nA\n\n```\n## not a section\n```\n\n## Two\n\nB\n"
    assert pages_per_section(text).count(PAGE_BREAK) == 1
    assert pages_per_section(text).index(PAGE_BREAK) < pages_per_section(text).index("## Two")


def test_json_schema_describes_resources_and_both_material_forms() -> None:
    resource = to_json_schema(KIND("resource"))
    assert resource["required"] == ["title", "summary", "audience"]
    assert resource["properties"]["print"]["properties"]["cut"]["type"] == "boolean"
    material = to_json_schema(KIND("module"))["properties"]["materials"]["items"]["properties"]
    assert set(material) == {"resource", "item", "provided_by", "copies"}
    assert material["provided_by"]["enum"] == ["venue", "trainer", "participants"]


CASE_STUDY = """\
    ---
    title: The school's self-review summary
    summary: What the host school said about itself.
    audience: [headteacher]
    ---

    Reading is the priority.
    """


def test_a_pack_holds_the_resources_its_resources_use(tmp_path: Path) -> None:
    from generator.export.packs import PackMember, plan_packs

    cards = ROLE_CARDS.replace("    audience:", "    uses: [self-review-summary]\n    audience:")
    files = {
        "content/resources/role-cards.md": cards,
        "content/resources/self-review-summary.md": CASE_STUDY,
    }
    root = project_with(tmp_path, files=files)
    found = [p for p in problems(root) if "resource.unused" not in p]
    assert found == []
    handbook = read_handbook(root)[0]
    built = [
        PackMember(stem, "resource", f"resources/{stem}.pdf", b"%PDF")
        for stem in ("role-cards", "self-review-summary")
    ]
    (pack,) = plan_packs(handbook, built)
    assert [name for name, _ in pack.members] == [
        "day-1/01-intro/role-cards.pdf",
        "day-1/01-intro/self-review-summary.pdf",
    ]


def test_a_resource_that_uses_an_unknown_resource_is_refused(tmp_path: Path) -> None:
    cards = ROLE_CARDS.replace("    audience:", "    uses: [case-stody]\n    audience:")
    root = project_with(tmp_path, files={"content/resources/role-cards.md": cards})
    assert [p.splitlines()[0] for p in problems(root)] == [
        "content/resources/role-cards.md:4:8: error: uses[0]: unknown resource 'case-stody' "
        "[ref.unknown]"
    ]


SHEET = """\
    ---
    title: Observer sheet
    summary: A sheet to write on.
    audience: [headteacher]
    print:
      write_in_mm: 25
    ---

    | Time | What was said | What happened next |
    | --- | --- | --- |
    | 0-2 min | | |
    """


def test_a_fill_in_sheet_leaves_the_writing_space_its_print_hint_asks_for(
    tmp_path: Path,
) -> None:
    from generator.export import typeset
    from generator.export.document import Cover
    from generator.export.resources import resource_document

    files = {"content/resources/role-cards.md": SHEET}
    resource = read_handbook(project_with(tmp_path, files=files))[0].resource("role-cards")
    assert resource.print.write_in_mm == 25
    cover = Cover("Network", "2026", "CC BY 4.0", "1 July 2026", "en-GB")
    document = resource_document(resource, cover)
    markup = typeset.typst_markup(document)
    assert markup.count("#v(25mm)") == 2
    word = docx.Document(io.BytesIO(typeset.docx(document, EPOCH)))
    empty = word.tables[0].rows[1].cells[1]._tc.xml
    assert empty.count("<w:br/>") == 5
    # No row splits across pages, in Word as in the PDF.
    assert all("<w:cantSplit/>" in row._tr.xml for row in word.tables[0].rows)
