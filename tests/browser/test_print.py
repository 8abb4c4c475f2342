"""A printed page shows the content only: no header, tabs or sidebars."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from .material import Visit

pytestmark = pytest.mark.browser

#: Screen furniture a printout leaves out.
CHROME = (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary")


def displays(page: Page, selectors: tuple[str, ...]) -> dict[str, str]:
    """The computed `display` of the first element matching each selector."""
    return {
        selector: page.locator(selector).first.evaluate("e => getComputedStyle(e).display")
        for selector in selectors
    }


def test_print_hides_header_tabs_and_sidebars(
    visit: Callable[..., Visit], addresses: dict[str, str]
) -> None:
    page = visit(addresses["domain"]).page
    on_screen = displays(page, CHROME)
    assert "none" not in on_screen.values(), f"not all shown on a desktop screen: {on_screen}"
    page.emulate_media(media="print")
    printed = displays(page, CHROME)
    assert set(printed.values()) == {"none"}, f"shown in print: {printed}"
    assert displays(page, (".md-content",))[".md-content"] != "none", "print hides the content"
