"""Tables read on a phone: at 390 px no table on any page is wider than the screen.

Long cells wrap; a table of three or more columns stacks under the phone breakpoint, each row
a card whose cells carry their column's header as a label.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from .material import PHONE

pytestmark = pytest.mark.browser

#: Per table: how far it reaches past the right edge of the screen, and its first header.
_WIDTHS = """() => Array.from(document.querySelectorAll("article table")).map(t => [
  Math.round(t.getBoundingClientRect().right - window.innerWidth),
  (t.querySelector("th") || {}).textContent || ""])"""
#: The labels the stacked cards show, from the first data row of each stacked table.
_LABELS = """() => Array.from(document.querySelectorAll("article table"))
  .filter(t => getComputedStyle(t.querySelector("tbody tr") || t).display === "block")
  .map(t => Array.from(t.querySelectorAll("tbody tr:first-child td"))
    .map(td => getComputedStyle(td, "::before").content))"""


def pages_with_tables(site_dir: Path) -> list[str]:
    """The address of every built page that holds a table, relative to the site root."""
    found = []
    for html in sorted(site_dir.rglob("index.html")):
        if "<table" in html.read_text(encoding="utf-8"):
            found.append(html.parent.relative_to(site_dir).as_posix().removeprefix("."))
    return [f"{address}/" if address else "" for address in found]


def test_no_table_is_wider_than_a_phone_screen(
    browser: Browser, base_url: str, site_dir: Path
) -> None:
    context = browser.new_context(viewport=PHONE)
    # Nothing here searches: without its index no page builds one in the background, and the
    # theme loads no web fonts (mkdocs.yml), so the layout is final once the page is parsed.
    context.route("**/search/search_index.json", lambda route: route.abort())
    page = context.new_page()
    too_wide, stacked = [], 0
    addresses = pages_with_tables(site_dir)
    assert len(addresses) > 5
    for address in addresses:
        page.goto(base_url + address, wait_until="domcontentloaded")
        for reach, header in page.evaluate(_WIDTHS):
            if reach > 0:
                too_wide.append(f"/{address} ({header.strip()!r}): {reach}px too wide")
        for labels in page.evaluate(_LABELS):
            stacked += 1
            assert all(label not in ("none", "normal", '""') for label in labels), address
    context.close()
    assert too_wide == []
    assert stacked > 0
