"""Download links you can tell apart, read as a screen reader lists them: out of context.

These need the downloads themselves, so they read the session's build with every download.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag

import pytest
from playwright.sync_api import Page

from generator.model.objects import Handbook

from .conftest import QuietHandler, Tab
from .material import DESKTOP, Visit, site_address
from .test_accessibility import describe, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DOWNLOAD_TEXT = re.compile(r"^\S.+ \((PDF|Word|Excel|ZIP|[A-Za-z]+), [\d.]+ (bytes|KB|MB)\)$")


@pytest.fixture(scope="module")
def download_site(shipped_project: Path) -> Iterator[str]:
    """The shipped content built with every download, served on a free port."""
    handler = functools.partial(QuietHandler, directory=str(shipped_project / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def open_page(tab: Tab, download_site: str) -> Callable[[str], Visit]:
    """Opens a page of the site built with downloads in the worker's emptied tab."""

    def opened(address: str) -> Visit:
        page = tab.emptied(download_site.rstrip("/"), DESKTOP, "light")
        page.goto(download_site + address)
        return Visit(page, download_site)

    return opened


def links(page: Page) -> list[tuple[str, str]]:
    """(accessible text, file address) of every link in the page's content."""
    found = page.eval_on_selector_all(
        "article a[href]",
        """anchors => anchors.map(a => [
            (a.getAttribute('aria-label') || a.innerText || a.title || '').trim(),
            a.href,
        ])""",
    )
    return [(" ".join(text.split()), urldefrag(href).url) for text, href in found]


def same_text_other_file(found: list[tuple[str, str]]) -> dict[str, set[str]]:
    """Link texts that lead to more than one file."""
    targets: dict[str, set[str]] = {}
    for text, href in found:
        targets.setdefault(text, set()).add(href)
    return {text: hrefs for text, hrefs in targets.items() if len(hrefs) > 1}


def download_links(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(text, href) for text, href in found if re.search(r"/downloads/.+\.\w+$", href)]


def test_no_two_links_on_the_downloads_page_share_a_text(
    open_page: Callable[[str], Visit],
) -> None:
    found = links(open_page("downloads/").page)
    assert download_links(found)
    assert same_text_other_file(found) == {}


def test_every_download_link_gives_its_format_and_size(
    open_page: Callable[[str], Visit],
) -> None:
    for text, href in download_links(links(open_page("downloads/").page)):
        assert DOWNLOAD_TEXT.match(text), f"{text!r} -> {href}"


def test_each_days_modules_are_grouped_under_their_names(
    open_page: Callable[[str], Visit], handbook: Handbook
) -> None:
    page = open_page("downloads/").page
    day = handbook.programme.days[1]
    section = page.locator(f"h3:has-text('{day.label}')")
    assert section.count() == 1
    for module in handbook.day_modules(day.id):
        heading = page.locator("h4", has_text=module.title)
        assert heading.count() == 1, module.title
        items = heading.locator("xpath=following-sibling::ul[1]//a")
        texts = items.all_inner_texts()
        assert texts, module.title
        # Each link names its module, or is one of the module's own training resources.
        names = (module.title, *(handbook.resource(r).title for r in module.resource_ids))
        assert all(any(name in text for name in names) for text in texts), texts


def test_a_module_page_and_a_chapter_page_name_their_downloads_apart(
    open_page: Callable[[str], Visit], handbook: Handbook
) -> None:
    module = handbook.day_modules(handbook.programme.days[1].id)[0]
    found = links(open_page(site_address(f"training/{module.id}.md")).page)
    downloads = download_links(found)
    assert len(downloads) >= 2
    assert same_text_other_file(found) == {}
    names = (module.title, *(handbook.resource(r).title for r in module.resource_ids))
    assert all(any(name in text for name in names) for text, _ in downloads), downloads
    chapter = handbook.chapters[0]
    address = site_address(f"handbook/{chapter.part.id}/{chapter.id}.md")
    printable = download_links(links(open_page(address).page))
    assert [text.split(" (")[0] for text, _ in printable] == [f"Handbook chapter: {chapter.title}"]
    assert printable[0][1].endswith(f"/downloads/handbook/chapters/{chapter.id}.pdf")


def test_the_downloads_page_passes_axe(open_page: Callable[[str], Visit]) -> None:
    violations = run_axe(open_page("downloads/"))
    assert not violations, describe(violations)
