"""manifest.json, the content-hash cache, reproducible bytes and the training-day packs."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from pictures import png

from generator.cli.project import read_handbook
from generator.export import Manifest, export_all, read_manifest
from generator.export.archive import build_zip, repack
from generator.model.objects import Handbook

from .conftest import EPOCH, Export

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FORMATS = {"pdf", "docx", "xlsx", "pptx", "ics", "zip"}

KINDS = {
    "handbook",
    "chapter",
    "framework",
    "self-review",
    "peer-review-record",
    "improvement-plan",
    "facilitator-guide",
    "handouts",
    "resource",
    "slides",
    "training-day-pack",
    "running-order",
    "calendar",
}


def digests_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def digests(site: Path, manifest: Manifest) -> dict[str, str]:
    return {
        e.path: hashlib.sha256((site / e.path).read_bytes()).hexdigest() for e in manifest.entries
    }


@pytest.mark.slow
def test_every_entry_exists_with_its_size_and_hash(exported: Export) -> None:
    for entry in exported.manifest.entries:
        data = (exported.site / entry.path).read_bytes()
        assert len(data) == entry.bytes, entry.path
        assert hashlib.sha256(data).hexdigest() == entry.sha256, entry.path
        assert entry.path.startswith("downloads/") and "\\" not in entry.path


@pytest.mark.slow
def test_manifest_lists_every_kind_for_every_source(exported: Export, handbook: Handbook) -> None:
    entries = exported.manifest.entries
    assert {e.kind for e in entries} == KINDS
    framework = handbook.frameworks[0].id
    assert (
        exported.manifest.entry("self-review", framework, "xlsx").title
        == f"Self-review template: {handbook.frameworks[0].title}"
    )
    assert (
        exported.manifest.entry("self-review", framework, "docx").path
        == f"downloads/frameworks/{framework}/self-review.docx"
    )
    for module in handbook.modules:
        for kind, formats in (
            ("facilitator-guide", {"pdf", "docx"}),
            ("handouts", {"pdf", "docx"}),
            ("slides", {"pdf", "pptx"}),
        ):
            assert {e.format for e in entries if (e.kind, e.source) == (kind, module.id)} == formats
    days = {m.day.id for m in handbook.modules}
    assert {e.source for e in entries if e.kind == "training-day-pack"} == days
    for resource in handbook.resources:
        found = {e.format for e in entries if (e.kind, e.source) == ("resource", resource.id)}
        assert found == {"pdf", "docx"}, resource.id
    chapters = {(e.source, e.path) for e in entries if e.kind == "chapter"}
    assert chapters == {
        (c.source, f"downloads/handbook/chapters/{c.id}.pdf") for c in handbook.chapters
    }


@pytest.mark.slow
def test_manifest_json_is_sorted_and_reads_back(exported: Export, handbook: Handbook) -> None:
    path = exported.downloads / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["generated_from"]["programme"] == handbook.programme.title
    assert data["generated_from"]["source_date_epoch"] == EPOCH
    listed = (*exported.manifest.entries, *exported.manifest.planned)
    assert [e["path"] for e in data["entries"]] == [
        e.path for e in sorted(listed, key=lambda e: e.sort_key())
    ]
    # The offline pack is planned here, in its place; the site stage makes it and sizes it.
    assert data["planned"] == [e.path for e in exported.manifest.planned]
    assert [e.kind for e in exported.manifest.planned] == ["offline"]
    again = read_manifest(path)
    assert set(again.entries) == set(exported.manifest.entries)
    assert again.planned == exported.manifest.planned
    assert again.generated_from == exported.manifest.generated_from


@pytest.mark.slow
def test_second_export_rebuilds_nothing_and_gives_identical_bytes(
    exported: Export, handbook: Handbook, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    manifest = export_all(
        handbook, site / "downloads", cache=exported.store(tmp_path / "cache"), epoch=EPOCH
    )
    assert (manifest.built, manifest.reused) == (0, len(exported.manifest.entries))
    assert digests(site, manifest) == digests(exported.site, exported.manifest)
    assert (site / "downloads/manifest.json").read_bytes() == (
        exported.downloads / "manifest.json"
    ).read_bytes()


def small_project(root: Path) -> Path:
    """The dated fixture with a picture in its chapter and a resource: every kind of download."""
    shutil.copytree(FIXTURES / "timed-days", root)
    (root / "content/images").mkdir()
    (root / "content/images/cycle.png").write_bytes(png(40, 30))
    chapter = root / "content/handbook/basics/welcome.md"
    chapter.write_text(chapter.read_text() + "\n![A blue cycle](../../images/cycle.png)\n")
    (root / "content/resources").mkdir()
    (root / "content/resources/cards.md").write_text(RESOURCE, encoding="utf-8")
    return root


RESOURCE = """\
---
title: Cards
summary: Cards to sort.
audience: [headteacher]
---

## Cards

- Self-review
- Peer review
"""


@pytest.mark.slow
def test_cold_rebuild_without_cache_is_byte_identical(tmp_path: Path) -> None:
    # Two cold exports of a small project that makes every kind and format, in one worker
    # and in two: no cache, order or time of day reaches the bytes.
    handbook = read_handbook(small_project(tmp_path / "project"))[0]
    made = {}
    for jobs in (1, 2):
        site = tmp_path / f"site-{jobs}"
        cache = tmp_path / f"cache-{jobs}"
        manifest = export_all(handbook, site / "downloads", cache=cache, epoch=EPOCH, jobs=jobs)
        assert manifest.built == len(manifest.entries)
        made[jobs] = digests(site, manifest)
        made[jobs]["downloads/manifest.json"] = digests_of(site / "downloads/manifest.json")
    assert {e.kind for e in manifest.entries} == KINDS
    assert {e.path.rsplit(".", 1)[1] for e in manifest.entries} == FORMATS
    assert made[1] == made[2]


@pytest.mark.slow
def test_changed_module_rebuilds_only_its_own_files_and_day_pack(
    exported: Export, handbook: Handbook, tmp_path: Path
) -> None:
    cache = exported.store(tmp_path / "cache")
    module = next(m for m in handbook.modules if m.day)
    changed = dataclasses.replace(module, summary=module.summary + " Now with a new sentence.")
    modules = tuple(changed if m.id == module.id else m for m in handbook.modules)
    site = tmp_path / "site"
    manifest = export_all(
        dataclasses.replace(handbook, modules=modules), site / "downloads", cache=cache, epoch=EPOCH
    )
    # Its guide (PDF, Word), its slides (PowerPoint, PDF) and its day's pack; the slides do
    # not print the summary, so only the guide and the pack come out different.
    assert manifest.built == 5
    before, after = digests(exported.site, exported.manifest), digests(site, manifest)
    differing = {path for path in after if after[path] != before[path]}
    assert differing == {
        f"downloads/modules/{module.id}/facilitator-guide.pdf",
        f"downloads/modules/{module.id}/facilitator-guide.docx",
        f"downloads/training-days/{module.day.id}.zip",
    }


@pytest.mark.slow
def test_day_pack_holds_the_days_module_files_with_fixed_dates(
    exported: Export, handbook: Handbook
) -> None:
    day = handbook.modules[0].day
    with zipfile.ZipFile(exported.file("training-day-pack", day.id, "zip")) as pack:
        names = pack.namelist()
        infos = pack.infolist()
        guide = pack.read(f"{day.id}/01-{handbook.modules[0].id}/facilitator-guide.pdf")
    expected = {m.id for m in handbook.day_modules(day.id)}
    modules = [name for name in names if not name.startswith(f"{day.id}/00-")]
    assert {name.split("/")[1].split("-", 1)[1] for name in modules} == expected
    resources = sum(len(m.resource_ids) for m in handbook.day_modules(day.id))
    assert len(modules) == 6 * len(expected) + 2 * resources
    assert {name.rsplit("/", 1)[1] for name in modules} >= {"slides.pptx", "slides.pdf"}
    assert names[:2] == [f"{day.id}/00-running-order.docx", f"{day.id}/00-running-order.pdf"]
    assert {i.date_time for i in infos} == {(2026, 7, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    assert guide == exported.file("facilitator-guide", handbook.modules[0].id, "pdf").read_bytes()


def test_build_zip_is_reproducible_and_dated() -> None:
    members = [("b.txt", b"bee"), ("a.txt", b"ay")]
    first = build_zip(members, EPOCH)
    assert first == build_zip(members, EPOCH)
    with zipfile.ZipFile(__import__("io").BytesIO(first)) as archive:
        assert archive.namelist() == ["b.txt", "a.txt"]
        assert archive.getinfo("a.txt").date_time == (2026, 7, 1, 0, 0, 0)


def test_repack_fixes_office_dates_and_puts_content_types_first() -> None:
    core = (
        b'<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">2024-01-02T03:04:05Z'
        b'</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2025-01-01T00:00:00Z'
        b"</dcterms:modified></cp:coreProperties>"
    )
    package = build_zip(
        [
            ("word/document.xml", b"<w/>"),
            ("docProps/core.xml", core),
            ("[Content_Types].xml", b"<t/>"),
        ],
        0,
    )
    repacked = repack(package, EPOCH)
    with zipfile.ZipFile(__import__("io").BytesIO(repacked)) as archive:
        assert archive.namelist()[0] == "[Content_Types].xml"
        text = archive.read("docProps/core.xml")
    assert text.count(b"2026-07-01T00:00:00Z") == 2
    assert b"2024" not in text and b"2025" not in text
