"""Two partnership editions built end to end beside the core, every download read back."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from generator.cli.main import main

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("fresh_templates")]

#: What each edition must show, and what the other edition's site must not.
EXPECTED = {
    "alder": ("Alder Valley Partnership", "Alder Hub, Oak Road, Alderton", "1 October 2026"),
    "birch": ("Birch Heath Partnership", "Birch Library, Elm Street, Birchley", "8 October 2026"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The timed-days project with the alder and birch editions, built with --all-editions."""
    root = shutil.copytree(FIXTURES / "timed-days", tmp_path_factory.mktemp("e") / "project")
    shutil.copytree(FIXTURES / "editions" / "editions", root / "editions")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "theme").symlink_to(REPO / "theme")
    out = root / "out"
    assert main(["--root", str(root), "build", "--all-editions", "--out", str(out)]) == 0
    return out


def _text(path: Path) -> str:
    """The words of a PDF, Word file or calendar, as a reader would find them."""
    if path.suffix == ".pdf":
        return " ".join(page.extract_text() for page in PdfReader(path).pages)
    if path.suffix == ".docx":
        document = open_docx(str(path))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return " ".join([p.text for p in document.paragraphs] + cells)
    return path.read_text(encoding="utf-8").replace("\r\n ", "").replace("\\,", ",")


def _downloads(site: Path, fmt: str) -> list[Path]:
    manifest = json.loads((site / "downloads" / "manifest.json").read_text(encoding="utf-8"))
    return [site / e["path"] for e in manifest["entries"] if e["format"] == fmt]


def test_the_core_is_at_the_root_and_each_edition_in_its_folder(built: Path) -> None:
    assert (built / "index.html").is_file()
    assert "Test Partnership" in (built / "index.html").read_text(encoding="utf-8")
    for edition, (title, venue, _) in EXPECTED.items():
        page = (built / edition / "partnership" / "index.html").read_text(encoding="utf-8")
        assert title in page and venue in page
        assert title in (built / edition / "index.html").read_text(encoding="utf-8")
    assert not (built / "partnership").exists()


@pytest.mark.parametrize("edition", sorted(EXPECTED))
def test_the_handbook_and_calendar_name_the_edition_and_its_dates_and_venue(
    built: Path, edition: str
) -> None:
    title, venue, date = EXPECTED[edition]
    site = built / edition
    for fmt in ("pdf", "docx"):
        for path in _downloads(site, fmt):
            # Downloads that show the programme's title show the edition's; frameworks and
            # modules show none, and are the core's byte for byte (below).
            if {"handbook", "calendar"} & set(path.parts):
                assert title in _text(path), path
    [handbook_pdf] = [p for p in _downloads(site, "pdf") if p.parent.name == "handbook"]
    [calendar] = _downloads(site, "ics")
    assert title in _text(calendar) and venue in _text(calendar)
    assert "20261001" in _text(calendar) if edition == "alder" else "20261008" in _text(calendar)
    running = [p for p in _downloads(site, "pdf") if p.name == "day-1-running-order.pdf"]
    assert date in _text(running[0])
    other = next(t for e, (t, _, _) in EXPECTED.items() if e != edition)
    assert other not in _text(handbook_pdf)


def test_the_replaced_chapter_is_published_by_its_edition_only(built: Path) -> None:
    def chapter(site: Path) -> str:
        [pdf] = [p for p in _downloads(site, "pdf") if p.name == "welcome.pdf"]
        return _text(pdf)

    assert "Alder valley schools" in chapter(built / "alder")
    assert "Schools improve together" not in chapter(built / "alder")
    assert "Schools improve together" in chapter(built / "birch")
    assert "Alder valley" not in chapter(built)


def test_a_framework_no_edition_changes_is_the_cores_byte_for_byte(built: Path) -> None:
    core = {p.name: p.read_bytes() for p in _downloads(built, "pdf") if "frameworks" in p.parts}
    assert core
    for edition in EXPECTED:
        for path in _downloads(built / edition, "pdf"):
            if "frameworks" in path.parts:
                assert path.read_bytes() == core[path.name]


def test_each_edition_has_its_own_offline_pack(built: Path) -> None:
    for edition, (title, _, _) in EXPECTED.items():
        [pack] = _downloads(built / edition, "zip")[-1:]
        with zipfile.ZipFile(pack) as archive:
            page = archive.read("partnership/index.html").decode("utf-8")
        assert title in page


def test_identical_files_across_the_sites_are_stored_once(built: Path) -> None:
    def inode(path: Path) -> tuple[int, int]:
        return path.stat().st_dev, path.stat().st_ino

    core = {p.name: p for p in _downloads(built, "pdf") if "frameworks" in p.parts}
    for edition in EXPECTED:
        site = built / edition
        for path in _downloads(site, "pdf"):
            if "frameworks" in path.parts:
                assert inode(path) == inode(core[path.name]), path
        # What an edition changes is a file of its own.
        [handbook] = [p for p in _downloads(site, "pdf") if p.parent.name == "handbook"]
        assert handbook.stat().st_nlink == 1


def test_an_edition_built_with_the_others_is_the_edition_built_alone(
    built: Path, tmp_path: Path
) -> None:
    """What the builds of one run share (the store, typeset documents, compiled templates,
    linked files) changes no byte of any site."""
    root = shutil.copytree(FIXTURES / "timed-days", tmp_path / "project")
    shutil.copytree(FIXTURES / "editions" / "editions", root / "editions")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "theme").symlink_to(REPO / "theme")
    alone = tmp_path / "alone"
    assert main(["--root", str(root), "build", "--edition", "birch", "--out", str(alone)]) == 0

    def files(site: Path) -> dict[str, bytes]:
        found = (p for p in site.rglob("*") if p.is_file())
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in found}

    together, by_itself = files(built / "birch"), files(alone)
    assert sorted(together) == sorted(by_itself)
    assert [name for name in together if together[name] != by_itself[name]] == []
