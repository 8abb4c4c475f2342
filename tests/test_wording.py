"""One table of words for site and downloads: theme/wording.yml, reworded by a programme."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from conftest import FILES, write_project
from docx import Document
from lxml import etree
from pypdf import PdfReader

from generator.cli.build import BuildOptions, build
from generator.cli.project import check
from generator.model.wording import theme_wording

PROGRAMME = "content/programme.yml"


def test_a_programme_rewords_a_heading_on_the_site_and_in_every_download(
    site_project: Path,
) -> None:
    programme = site_project / PROGRAMME
    programme.write_text(
        programme.read_text() + "wording:\n  lines_of_enquiry: Questions to explore\n"
    )
    build(site_project, BuildOptions())
    domain = (site_project / "site/frameworks/tiny/leadership/index.html").read_text()
    assert "Questions to explore:" in domain and "Lines of enquiry" not in domain
    downloads = site_project / "site/downloads/frameworks/tiny"
    pdf = " ".join(p.extract_text() for p in PdfReader(downloads / "tiny.pdf").pages)
    word = Document(io.BytesIO((downloads / "tiny.docx").read_bytes()))
    record = Document(io.BytesIO((downloads / "peer-review-record.docx").read_bytes()))
    assert "Questions to explore" in pdf
    assert any(p.text.startswith("Questions to explore") for p in word.paragraphs)
    assert any(p.text == "Questions to explore" for p in record.paragraphs)


def test_site_and_print_use_the_same_words_for_a_criterion(site_project: Path) -> None:
    build(site_project, BuildOptions())
    words = theme_wording()
    domain = (site_project / "site/frameworks/tiny/leadership/index.html").read_text()
    pdf = " ".join(
        p.extract_text()
        for p in PdfReader(site_project / "site/downloads/frameworks/tiny/tiny.pdf").pages
    )
    for key in ("evidence_sources", "lines_of_enquiry", "level", "descriptor"):
        assert words[key] in domain and words[key] in pdf, key


def test_an_unknown_wording_key_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    programme = textwrap.dedent(FILES[PROGRAMME]) + "wording:\n  lines_of_enquirey: Questions\n"
    root = write_project(tmp_path / "p", {PROGRAMME: programme})
    assert [d.format_text() for d in check(root)[1]] == [
        f"{PROGRAMME}:37:3: error: wording.lines_of_enquirey: unknown wording key "
        "'lines_of_enquirey' [ref.unknown]\n    hint: did you mean 'lines_of_enquiry'?"
    ]


def test_the_cycle_diagram_is_drawn_from_the_framework_phases(site_project: Path) -> None:
    framework = site_project / "frameworks/tiny.yml"
    framework.write_text(
        framework.read_text().replace(
            "  - id: self-review\n",
            "  - id: review\n    title: Review & challenge\n    description: Partners visit.\n"
            "  - id: self-review\n",
        )
    )
    build(site_project, BuildOptions(downloads=False))
    svg = etree.parse(str(site_project / "site/assets/images/review-cycle.svg")).getroot()
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert texts[:3] == ["1. Review &", "challenge", "2. Self-review"]
    assert len(svg.findall(".//{http://www.w3.org/2000/svg}rect")) == 3
    home = (site_project / "site/index.html").read_text()
    assert 'alt="2 stages repeated every year: Review &amp; challenge, then Self-review."' in home
