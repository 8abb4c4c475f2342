"""The site links every download in the manifest, and every download link resolves."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest

from generator.gate import check_output

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
    assert len(manifest["entries"]) >= 60
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


def test_framework_and_module_pages_link_their_own_downloads(site: Path) -> None:
    manifest = json.loads((site / "downloads/manifest.json").read_text())
    by_source: dict[str, set[str]] = {}
    for entry in manifest["entries"]:
        by_source.setdefault(entry["source"], set()).add(entry["path"])
    framework = download_links(site, "frameworks/peer-review-framework")
    assert framework == by_source["peer-review-framework"]
    module = download_links(site, "training/lines-of-enquiry")
    resources = ("millbrook-self-review-summary", "lines-of-enquiry-cards")
    resources += ("lines-of-enquiry-planning-sheet",)
    assert module == by_source["lines-of-enquiry"].union(*(by_source[r] for r in resources))


def test_the_shipped_site_and_every_download_pass_the_gate(site: Path) -> None:
    # The build ran the gate already; this says so outright, and shows what it would print.
    assert [f.format_text() for f in check_output(site, site.parent / "build" / "docs")] == []
