"""The site links every download in the manifest, and every download link resolves."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest

from generator.cli.project import read_handbook
from generator.gate import check_output
from generator.model.objects import Handbook

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(shipped_project: Path) -> Path:
    return shipped_project / "site"


def download_links(site: Path, page: str) -> set[str]:
    """Site-relative paths of the downloads a page links to."""
    tree = lxml.html.parse(str(site / page / "index.html"))
    base = f"/{page}/" if page else "/"
    links = {urljoin(base, href).lstrip("/") for href in tree.xpath("//article//a/@href")}
    return {
        link for link in links if link.startswith("downloads/") and "." in link.rsplit("/", 1)[-1]
    }


def test_every_manifest_entry_exists_with_its_size_and_hash(site: Path) -> None:
    manifest = json.loads((site / "downloads/manifest.json").read_text())
    assert manifest["entries"]
    for entry in manifest["entries"]:
        data = (site / entry["path"]).read_bytes()
        assert len(data) == entry["bytes"], entry["path"]
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]


def test_downloads_page_links_every_file_and_each_link_resolves(site: Path) -> None:
    manifest = json.loads((site / "downloads/manifest.json").read_text())
    linked = download_links(site, "downloads")
    assert linked == {entry["path"] for entry in manifest["entries"]}
    for link in linked:
        assert (site / link).is_file(), link


@pytest.fixture(scope="module")
def handbook(shipped_sources: Path) -> Handbook:
    return read_handbook(shipped_sources)[0]


def by_source(site: Path) -> dict[str, set[str]]:
    """The paths of the downloads made from each source, by its id."""
    manifest = json.loads((site / "downloads/manifest.json").read_text())
    found: dict[str, set[str]] = {}
    for entry in manifest["entries"]:
        found.setdefault(entry["source"], set()).add(entry["path"])
    return found


def test_every_framework_page_links_its_own_downloads(site: Path, handbook: Handbook) -> None:
    made = by_source(site)
    for framework in handbook.frameworks:
        assert download_links(site, f"frameworks/{framework.id}") == made[framework.id]


def test_every_module_page_links_its_own_downloads_and_its_resources(
    site: Path, handbook: Handbook
) -> None:
    made = by_source(site)
    for module in handbook.modules:
        wanted = made[module.id].union(*(made[r] for r in module.resource_ids))
        assert download_links(site, f"training/{module.id}") == wanted, module.id


def test_the_shipped_site_and_every_download_pass_the_gate(site: Path) -> None:
    # The build ran the gate already; this says so outright, and shows what it would print.
    assert [f.format_text() for f in check_output(site, site.parent / "build" / "docs")] == []
