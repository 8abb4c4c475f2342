"""A second programme of another shape, built end to end: the generator holds nothing of ours.

tests/fixtures/trust-review is a trust's own review model: its own roles, evidence sources,
activity types and day kinds, a framework whose domains hold criteria directly on a
three-level scale with commas, ampersands and quotes in its labels, two modules, three
chapters and facts. Everything is built, site and every download, and read back.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import REPO
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from generator.cli.build import BuildOptions, build
from generator.cli.project import read_handbook

FIXTURE = Path(__file__).parent / "fixtures" / "trust-review"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("trust") / "project"
    shutil.copytree(FIXTURE, root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "theme").symlink_to(REPO / "theme")
    build(root, BuildOptions(strict=True))
    return root


def page(root: Path, path: str) -> str:
    return (root / "site" / path / "index.html").read_text(encoding="utf-8")


def download_text(path: Path) -> str:
    """Every word a reader sees in a download, whatever its format."""
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    if path.suffix == ".docx":
        document = Document(io.BytesIO(data))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return " ".join([p.text for p in document.paragraphs] + cells)
    if path.suffix == ".xlsx":
        book = load_workbook(io.BytesIO(data))
        return " ".join(str(c.value) for s in book for r in s.iter_rows() for c in r if c.value)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return " ".join(archive.namelist())


def downloads(root: Path) -> dict[str, str]:
    folder = root / "site" / "downloads"
    return {
        p.relative_to(folder).as_posix(): download_text(p)
        for p in sorted(folder.rglob("*"))
        if p.suffix in (".pdf", ".docx", ".xlsx", ".zip")
    }


def test_its_vocabularies_label_the_site(built: Path) -> None:
    domain = page(built, "frameworks/trust-standards/safety")
    assert "Conversations with staff &amp; pupils" in domain
    assert 'id="safety-culture"' in domain and "1.1 Staff know how to raise a concern" in domain
    assert "2.1 Teachers check" in page(built, "frameworks/trust-standards/teaching")
    training = page(built, "training")
    assert "Reviewer training day 1" in training and "Trust reviewer" in training
    assert "Rehearsal" in page(built, "training/visit-rehearsal")


def test_a_framework_without_strands_builds_every_download(built: Path) -> None:
    texts = downloads(built)
    workbook = texts["frameworks/trust-standards/self-review.xlsx"]
    assert "Domain number" in workbook and "Safeguarding records" in workbook
    assert "Secure, ‘strong’" in workbook and "Partly & improving" in workbook
    assert (
        "Evidence and findings by domain"
        in texts["frameworks/trust-standards/peer-review-record.docx"]
    )
    self_review = texts["frameworks/trust-standards/self-review.docx"]
    assert "Not yet, but planned" in self_review and "1.2" in self_review
    assert "Safety and welfare" in texts["frameworks/trust-standards/trust-standards.pdf"]
    assert {"pdf", "docx", "xlsx", "zip"} == {name.rsplit(".", 1)[1] for name in texts}


def test_facts_reach_pages_and_downloads_and_braces_stay_text(built: Path) -> None:
    assert "three reviewers, one of them the lead" in page(
        built, "handbook/basics/what-a-review-is"
    )
    reporting = page(built, "handbook/visits/reporting")
    assert "five working days" in reporting and "{{ like this }}" in reporting
    texts = downloads(built)
    guide = texts["modules/framework-briefing/facilitator-guide.docx"]
    assert "a visit lasts one school day and no longer" in guide
    for name, text in texts.items():
        assert "{{ visit-length }}" not in text, name


def test_two_frameworks_sit_side_by_side(built: Path) -> None:
    home = page(built, "")
    first, second = read_handbook(built)[0].frameworks
    assert f"Open the {first.title}" in home and f"Open the {second.title}" not in home
    for framework in ("trust-standards", "leadership-standards"):
        overview = page(built, f"frameworks/{framework}")
        assert 'class="md-tabs__link"' in overview
    tabs = page(built, "frameworks/leadership-standards")
    assert "Trust Review Standards" in tabs and "Trust Leadership Standards" in tabs
    module = page(built, "training/visit-rehearsal")
    assert "../../frameworks/leadership-standards/direction/#priorities-known" in module
    assert "../../frameworks/trust-standards/safety/" in module
    criterion = page(built, "frameworks/leadership-standards/direction")
    assert "Rehearsing a visit" in criterion and "Reporting" in criterion
    downloads = page(built, "downloads")
    for name in ("trust-standards", "leadership-standards"):
        assert f"frameworks/{name}/self-review.xlsx" in downloads
    index = (built / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Staff can name the academy" in index and "Staff know how to raise a concern" in index


def test_changing_one_fact_changes_every_page_and_download_that_uses_it(
    built: Path, tmp_path: Path
) -> None:
    # A copy of the built project (its caches too), so the shared build stays as it was.
    root = tmp_path / "project"
    shutil.copytree(built, root, symlinks=True)
    programme = root / "content" / "programme.yml"
    before = programme.read_text(encoding="utf-8")
    programme.write_text(before.replace("one school day", "two school days"), encoding="utf-8")
    build(root, BuildOptions(strict=True))
    html = [p.read_text(encoding="utf-8") for p in (root / "site").rglob("*.html")]
    texts = downloads(root)
    for text in [*html, *texts.values()]:
        assert "one school day" not in text
    assert sum("two school days" in text for text in html) >= 4
    users = [n for n, t in texts.items() if "two school days" in t]
    assert "frameworks/trust-standards/trust-standards.pdf" in users
    assert "modules/framework-briefing/facilitator-guide.pdf" in users
    assert "modules/framework-briefing/handouts.docx" in users
