"""The offline pack, unzipped and opened from disk: navigation, pictures and search, no server."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from generator.model.objects import Handbook
from generator.render import pages as docs

from .material import Visit, is_zensical, search, site_address
from .test_search import SearchIndex, distinctive_phrase, result_targets

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory: pytest.TempPathFactory, engine: str, site_dir: Path) -> Path:
    """The offline pack of the published site, unzipped."""
    manifest = json.loads((site_dir / "downloads/manifest.json").read_text(encoding="utf-8"))
    (entry,) = [e for e in manifest["entries"] if e["kind"] == "offline"]
    folder = tmp_path_factory.mktemp(f"offline-{engine}") / "unzipped"
    with zipfile.ZipFile(site_dir / entry["path"]) as archive:
        archive.extractall(folder)
    return folder


@pytest.fixture
def opened(browser: Browser, unzipped: Path) -> Iterator[Visit]:
    """A tab on the unzipped pack's home page, opened through file://."""
    context = browser.new_context()
    visit = Visit(context.new_page(), unzipped.as_uri() + "/")
    visit.page.on("request", lambda request: visit.requests.append(request.url))
    visit.page.on("console", visit.record_console)
    visit.goto("index.html")
    yield visit
    context.close()


def file_path(page: Page, unzipped: Path) -> str:
    """The open page's path in the pack, without the highlight query."""
    address = page.url.split("?")[0].split("#")[0]
    assert address.startswith(unzipped.as_uri()), address
    return address.removeprefix(unzipped.as_uri() + "/")


def test_navigation_opens_pages_from_disk(opened: Visit, unzipped: Path) -> None:
    page = opened.page
    page.locator("a.md-tabs__link").nth(1).click()
    page.wait_for_load_state()
    assert file_path(page, unzipped).endswith("/index.html")
    expect(page.locator("article h1").first).to_be_visible()
    assert opened.errors == []


def test_a_picture_loads_from_disk(opened: Visit, unzipped: Path) -> None:
    page_with_picture = next(
        path for path in sorted(unzipped.rglob("index.html"))
        if re.search(r'<img [^>]*src="[^"]*images/', path.read_text(encoding="utf-8"))
    )  # fmt: skip
    opened.goto(page_with_picture.relative_to(unzipped).as_posix())
    picture = opened.page.locator("article img[src*='images/']").first
    picture.scroll_into_view_if_needed()
    expect(picture).to_be_visible()
    loaded = "img => img.complete && img.naturalWidth > 0"
    opened.page.wait_for_function(loaded, arg=picture.element_handle())


def test_search_finds_a_criterion_from_disk(
    opened: Visit, unzipped: Path, handbook: Handbook
) -> None:
    page = opened.page
    criterion, phrase = distinctive_phrase(handbook, SearchIndex(unzipped))
    domain = site_address(docs.domain_path(criterion.framework_id, criterion.domain_id))
    wanted = f"{domain}index.html#{criterion.id}"
    results = search(page, phrase)
    folder = unzipped.as_posix().lstrip("/") + "/"
    targets = [target.removeprefix(folder) for target in result_targets(page)]
    assert wanted in targets, f"searching {phrase!r} from disk listed {targets}"
    if is_zensical(page):
        results.first.click()
    else:
        results.first.locator("a.md-search-result__link").nth(1).click()
    page.wait_for_url(lambda url: url.endswith(f"#{criterion.id}"))
    assert file_path(page, unzipped) == f"{domain}index.html"
    expect(page.locator(f"h3[id='{criterion.id}']")).to_be_visible()
    assert opened.errors == []


def test_nothing_is_asked_of_a_network(opened: Visit, unzipped: Path, handbook: Handbook) -> None:
    _, phrase = distinctive_phrase(handbook, SearchIndex(unzipped))
    search(opened.page, phrase)
    outside = [u for u in opened.requests if not u.startswith(("file:", "blob:", "data:"))]
    assert outside == []


#: What a page's own markup loads: scripts, stylesheets, icons, pictures (not its links).
LOADED = re.compile(r"<(?:script|link|img|source)\b[^>]*?\s(?:src|href)=\"([^\"#?]+)", re.I)


def loaded_by(page: Path) -> frozenset[Path]:
    """The files in the pack that `page`'s markup loads, whether or not they are there."""
    found = set()
    for address in LOADED.findall(page.read_text(encoding="utf-8")):
        if not re.match(r"[a-z][a-z0-9+.-]*:", address, re.I):  # http:, data:, blob:
            found.add((page.parent / unquote(address)).resolve())
    return frozenset(found)


def test_every_file_a_page_asks_for_is_in_the_pack(opened: Visit, unzipped: Path) -> None:
    """What the pack leaves out (generator/site/offline.py, `unloaded`) must be nothing a page
    of it loads: every file each page's markup names, and, opened from disk, one page of each
    set of scripts and stylesheets (what the theme's scripts then load alone) and a search."""
    pages = sorted(unzipped.rglob("*.html"))
    named = {page: loaded_by(page) for page in pages}
    assert [f"{p}: {f}" for p, files in named.items() for f in files if not f.is_file()] == []
    kinds: dict[frozenset[Path], Path] = {}
    for page, files in named.items():
        kinds.setdefault(frozenset(f for f in files if f.suffix in (".js", ".css")), page)
    failed: list[str] = []
    opened.page.on("requestfailed", lambda request: failed.append(failure(request)))
    for page in kinds.values():
        opened.goto(page.relative_to(unzipped).as_posix())
    search(opened.page, "review")
    asked = {
        urlsplit(url).path for url in opened.requests if url.startswith(unzipped.as_uri() + "/")
    }
    missing = sorted(path for path in asked if not Path(unquote(path)).is_file())
    assert len(asked) > len(kinds) and missing == []
    assert [line for line in failed if line.startswith("file:")] == []


def failure(request: Request) -> str:
    """A failed request's address and why, or "" when the next page's opening cut it short."""
    return "" if request.failure == "net::ERR_ABORTED" else f"{request.url}: {request.failure}"
