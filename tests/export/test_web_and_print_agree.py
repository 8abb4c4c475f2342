"""Web and print say the same thing the same way: a framework's site pages against its PDF and
Word downloads, and a programme's own wording reaching both.

What the site shows of a framework (its overview page, then each domain page in order) is read
back as a list of items: headings, labels, criteria, descriptors, evidence sources and lines of
enquiry, each as a reader sees it. The PDF (pypdf) and the Word file (python-docx) must show
every item, with the same wording and joins, in the same order.
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from conftest import FILES, copy_shipped, write_project
from pypdf import PdfReader

from generator.cli.project import read_handbook
from generator.export import cache, typeset
from generator.export.document import Cover
from generator.export.documents import framework_document
from generator.export.forms import self_review_docx
from generator.export.guides import facilitator_guide
from generator.export.schedule import calendar_document, running_order_document
from generator.model.calendar import calendar_entries
from generator.model.objects import Handbook
from generator.model.timetable import running_rows
from generator.render.downloads import DownloadList
from generator.render.pages import domain_path, framework_path
from generator.render.templates import SiteContext, render_site
from generator.theme import of_project, using

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "trust-review"
EXTRA = SiteContext(dates={}, manifest=DownloadList(()), edit_base="https://e.org")
EPOCH = 1_782_864_000

# Site-only lines: the page's own title and status, links to other pages, the domain list.
_SITE_ONLY = re.compile(
    r"^(---|title:|source:|edit_url:|updated:|hide:|  - |\*\*Version |!!!|    |\*Part of the |"
    r"- \*\*Built in training:\*\*|- \*\*Discussed in the handbook:\*\*)"
)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_ANCHOR = re.compile(r"\s*\{ ?#[^}]*\}\s*$")


def site_items(pages: dict[str, str], handbook: Handbook, index: int) -> list[str]:
    """What the framework's site pages show, in reading order, one item a heading, cell,
    labelled line or list item."""
    framework = handbook.frameworks[index]
    overview = pages[framework_path(framework)].split("\n## Domains", 1)[0]
    domains = [pages[domain_path(framework.id, d.id)] for d in framework.domains]
    # The overview's title is the download's cover; each domain's title is a heading in print.
    items = list(_items(overview.split("\n---\n", 1)[1].splitlines()[2:]))
    for page in domains:
        items += list(_items(page.split("\n---\n", 1)[1].splitlines()))
    return items


def _items(lines: list[str]) -> Iterator[str]:
    for line in lines:
        if not line.strip() or _SITE_ONLY.match(line) or set(line) <= set("|-: "):
            continue
        text = _ANCHOR.sub("", _LINK.sub(r"\1", line)).replace("**", "").replace("*", "")
        if text.startswith("|"):
            yield from (cell.strip() for cell in text.strip("|").split("|"))
            continue
        text = re.sub(r"^(#+|-|[0-9]+\.(?= ))\s+", "", text)
        yield text.replace("\\|", "|")


def flat(text: str) -> str:
    """Text as it reads: typographic quotes made plain, white space single."""
    for curly, straight in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("…", "...")):
        text = text.replace(curly, straight)
    return " ".join(text.split())


def assert_in_order(items: list[str], text: str, where: str) -> None:
    """Every item appears in `text` after the one before it."""
    at = 0
    for item in items:
        found = text.find(flat(item), at)
        assert found >= 0, (
            f"{where}: {item!r} missing or out of order after ...{text[at - 80 : at]!r}"
        )
        at = found + len(flat(item))


def pdf_text(data: bytes) -> str:
    """The PDF's text without what each page repeats: the running head (its first line), a
    table header carried over from the page before, and the page number."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        lines = page.extract_text().splitlines()[1:]
        if lines and lines[0] in _REPEATED_HEADERS:
            lines = lines[1:]
        pages.append("\n".join(x for x in lines if not re.fullmatch(r"Page \d+ of \d+", x)))
    # Typst hyphenates ("commu-" / "nities") and breaks compounds after their hyphen
    # ("first-" / "hand"): the two cannot be told apart, so the PDF is compared without
    # hyphens (see unhyphenated).
    return unhyphenated(re.sub(r"(?<=\w)-\n(?=\w)", "", "\n".join(pages)))


def unhyphenated(text: str) -> str:
    """Text with its hyphens left out, for comparison with a PDF's."""
    return flat(text).replace("-", "")


_REPEATED_HEADERS = {"Level Descriptor", "Level What it means"}


def word_text(data: bytes) -> str:
    """The Word file's paragraphs and table cells, in the order the body holds them."""
    document = docx.Document(io.BytesIO(data))
    parts = []
    for block in document.element.body.iterchildren():
        if block.tag.endswith("}p"):
            parts.append("".join(t.text or "" for t in block.iter(docx.oxml.ns.qn("w:t"))))
        elif block.tag.endswith("}tbl"):
            for cell in block.iter(docx.oxml.ns.qn("w:tc")):
                parts.append("".join(t.text or "" for t in cell.iter(docx.oxml.ns.qn("w:t"))))
    return flat(" ".join(parts))


@pytest.fixture(
    scope="module",
    params=[(REPO, 0), (FIXTURE, 0), (FIXTURE, 1)],
    ids=["shipped", "trust-leadership-standards", "trust-standards"],
)
def framework_outputs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[list[str], str, str]:
    source, index = request.param
    # Reading a project keeps a cache beside it: read a copy, never the checkout.
    root = tmp_path_factory.mktemp("agree") / "project"
    if source == REPO:
        copy_shipped(root)
    else:
        shutil.copytree(source, root, ignore=shutil.ignore_patterns("build", "site"))
    handbook = read_handbook(root)[0]
    pages = render_site(handbook, EXTRA)
    framework = handbook.frameworks[index]
    document = framework_document(framework, Cover.of(handbook.programme, "today"))
    pdf = pdf_text(typeset.pdf(document, EPOCH))
    word = word_text(typeset.docx(document, EPOCH))
    return site_items(pages, handbook, index), pdf, word


def test_the_site_reads_what_the_test_compares(
    framework_outputs: tuple[list[str], str, str],
) -> None:
    items, _, _ = framework_outputs
    joined = "\n".join(items)
    assert "Principles" in items and "Rating scale" in items
    assert re.search(r"^Evidence sources: [^\n]+\.$", joined, re.MULTILINE)
    assert "Lines of enquiry:" in items
    assert len(items) > 20


def test_the_framework_pdf_shows_the_site_pages_items_in_order(
    framework_outputs: tuple[list[str], str, str],
) -> None:
    items, pdf, _ = framework_outputs
    assert_in_order([unhyphenated(item) for item in items], pdf, "PDF")


def test_the_framework_word_file_shows_the_site_pages_items_in_order(
    framework_outputs: tuple[list[str], str, str],
) -> None:
    items, _, word = framework_outputs
    assert_in_order(items, word, "Word")


REWORDED = {
    "evidence_sources": "Where to look",
    "list_separator": " / ",
    "lines_of_enquiry": "Questions to explore",
    "module": "Unit",
    "break_lunch": "Midday meal",
    "arrival": "Coffee and sign-in",
    "time_to": "until",
    "date_long_format": "%day %month %year",
    "date_short_format": "%day/%mon/%year",
}


def test_a_programme_rewords_web_and_print_alike(tmp_path: Path) -> None:
    programme = FILES["content/programme.yml"].replace(
        "            summary: The first day.\n",
        "            summary: The first day.\n"
        "            date: 2026-10-01\n"
        '            arrival: "11:15"\n'
        '            start: "11:40"\n'
        '            end: "13:10"\n'
        "            breaks:\n"
        "              - kind: lunch\n"
        '                at: "12:00"\n'
        "                minutes: 30\n",
    )
    framework = FILES["frameworks/tiny.yml"].replace(
        "evidence: [staff-voice]", "evidence: [staff-voice, pupil-voice]"
    )
    lines = "".join(f"  {key}: {value!r}\n" for key, value in REWORDED.items())
    files = {"content/programme.yml": programme, "frameworks/tiny.yml": framework}
    root = write_project(tmp_path / "p", files)
    (root / "content/programme.yml").write_text(
        (root / "content/programme.yml").read_text() + "wording:\n" + lines
    )
    handbook, problems = read_handbook(root)
    assert not [p for p in problems if p.severity == "error"], problems
    pages = render_site(handbook, EXTRA)
    cover = Cover.of(handbook.programme, "today")
    framework = handbook.frameworks[0]
    domain = pages[domain_path(framework.id, framework.domains[0].id)]
    printed = framework_document(framework, cover).body
    for text in (domain, printed):
        assert "Where to look:" in text and "Evidence sources" not in text
        assert "Questions to explore:" in text and "Lines of enquiry" not in text
        assert " / " in text
    day = handbook.programme.days[0]
    rows = running_rows(handbook.running_order(day.id), handbook.activity_labels())
    sheet = running_order_document(day, (), rows, cover).body
    web_day = next(text for path, text in pages.items() if path.endswith("day-1.md"))
    for text in (web_day, sheet):
        assert "Unit 1: " in text and "Module 1" not in text
        assert "Midday meal" in text and "Lunch" not in text
        assert "Coffee and sign-in" in text
    module = handbook.modules[0]
    guide = facilitator_guide(module, cover, (), ()).body
    assert " until " in guide
    assert "**Date:** 1 October 2026" in web_day and "Thursday" not in web_day
    entries = calendar_entries(handbook.programme)
    printed_calendar = calendar_document("Test", "", entries, cover).body
    assert "| 1 October 2026 |" in printed_calendar and "Thursday" not in printed_calendar
    assert "| 1/Oct/2026 |" in pages["training/calendar.md"]


def test_the_fill_in_forms_head_domains_and_strands_as_the_site_does(
    shipped_sources: Path,
) -> None:
    handbook = read_handbook(shipped_sources)[0]
    framework = handbook.frameworks[0]
    pages = render_site(handbook, EXTRA)
    cover = Cover.of(handbook.programme, "today")
    form = docx.Document(io.BytesIO(self_review_docx(framework, cover, EPOCH)))
    headings = [p.text for p in form.paragraphs if p.style.name.startswith("Heading")]
    expected = []
    for domain in framework.domains:
        page = pages[domain_path(framework.id, domain.id)]
        expected += [_ANCHOR.sub("", line.lstrip("# ")) for line in page.splitlines()
                     if re.match(r"#{1,2} ", line)]  # fmt: skip
    assert headings == expected
    assert headings[0].startswith("1. ") and headings[1].startswith("1.1 ")


def test_an_edited_print_template_rebuilds_the_downloads(tmp_path: Path) -> None:
    shutil.copytree(REPO / "theme", tmp_path / "theme")
    with using(of_project(tmp_path)):
        before = cache.Stamps.now().tools
        framework = tmp_path / "theme" / "templates" / "print" / "framework.md.j2"
        framework.write_text(framework.read_text() + "\n")
        assert cache.Stamps.now().tools != before
