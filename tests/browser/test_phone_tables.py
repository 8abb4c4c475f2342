"""Tables read on a phone: at 390 px no table on any page is wider than the screen.

Long cells wrap; a table of three or more columns stacks under the phone breakpoint, each row
a card whose cells carry their column's header as a label.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from .material import PHONE

pytestmark = pytest.mark.browser

#: Per table: the page it came from, how far it reaches past the right edge of the screen,
#: and its first header.
_WIDTHS = """page => Array.from(document.querySelectorAll("article table")).map(t => [
  (t.closest("[data-page]") || {dataset: {page}}).dataset.page,
  Math.round(t.getBoundingClientRect().right - window.innerWidth),
  (t.querySelector("th") || {}).textContent || ""])"""
#: The labels the stacked cards show, from the first data row of each stacked table.
_LABELS = """() => Array.from(document.querySelectorAll("article table"))
  .filter(t => getComputedStyle(t.querySelector("tbody tr") || t).display === "block")
  .map(t => Array.from(t.querySelectorAll("tbody tr:first-child td"))
    .map(td => getComputedStyle(td, "::before").content))"""
_ARTICLE = re.compile(r"(<article\b[^>]*>)(.*?)(</article>)", re.DOTALL)
#: Where the page holding every table is served: one folder deep, as its shell page is.
_ALL = "every-table/"
_SHELL = "glossary/"


def pages_with_tables(site_dir: Path) -> list[str]:
    """The address of every built page that holds a table, relative to the site root."""
    found = []
    for html in sorted(site_dir.rglob("index.html")):
        if "<table" in html.read_text(encoding="utf-8"):
            found.append(html.parent.relative_to(site_dir).as_posix().removeprefix("."))
    return [f"{address}/" if address else "" for address in found]


def every_table(site_dir: Path, addresses: list[str]) -> str:
    """One page of the site holding the article of every page in `addresses`, each in a
    block naming its page.

    At a phone's width no navigation or contents column is shown, so every page's article
    has the width of the screen and the same styles: laid out together, each table takes the
    width it takes on its own page (the test checks that on a few pages), and 80 page loads
    per engine become one.
    """
    articles = []
    for address in addresses:
        text = (site_dir / address / "index.html").read_text(encoding="utf-8")
        found = _ARTICLE.search(text)
        assert found, f"/{address} has no article"
        articles.append(f'<div data-page="{address}">{found.group(2)}</div>')
    shell = (site_dir / _SHELL / "index.html").read_text(encoding="utf-8")
    return _ARTICLE.sub(lambda m: m.group(1) + "".join(articles) + m.group(3), shell, count=1)


def test_no_table_is_wider_than_a_phone_screen(
    browser: Browser, base_url: str, site_dir: Path
) -> None:
    context = browser.new_context(viewport=PHONE)
    # Nothing here searches: without its index no page builds one in the background, and the
    # theme loads no web fonts (mkdocs.yml), so the layout is final once the page is parsed.
    context.route("**/search/search_index.json", lambda route: route.abort())
    addresses = pages_with_tables(site_dir)
    assert len(addresses) > 5
    combined = every_table(site_dir, addresses)
    context.route(
        base_url + _ALL,
        lambda route: route.fulfill(body=combined, content_type="text/html; charset=utf-8"),
    )
    page = context.new_page()
    page.goto(base_url + _ALL, wait_until="domcontentloaded")
    widths = page.evaluate(_WIDTHS, "")
    assert {place for place, _, _ in widths} == set(addresses)
    too_wide = [
        f"/{place} ({header.strip()!r}): {reach}px too wide"
        for place, reach, header in widths
        if reach > 0
    ]
    assert too_wide == []
    labels = page.evaluate(_LABELS)
    assert labels, "no table stacked into cards at a phone's width"
    for cells in labels:
        assert all(label not in ("none", "normal", '""') for label in cells), cells
    # The three pages holding the most tables, each loaded on its own, give the same widths.
    most = sorted(addresses, key=lambda a: -sum(place == a for place, _, _ in widths))[:3]
    for address in most:
        page.goto(base_url + address, wait_until="domcontentloaded")
        alone = [[address, reach, header] for _, reach, header in page.evaluate(_WIDTHS, "")]
        assert alone == [w for w in widths if w[0] == address], address
    context.close()
