"""How the browser tests find pages and drive each engine's interface (search, palette)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from playwright.sync_api import ConsoleMessage, Locator, Page, expect

from generator.model.objects import Criterion, Handbook, Module
from generator.render import pages as docs

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
#: The page types whose look and accessibility the tests check, in reading order.
PAGE_TYPES = ("home", "chapter", "framework", "domain", "module", "glossary")


@dataclass
class Visit:
    """An open page with every request it made and every error it logged."""

    page: Page
    base_url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def record_console(self, message: ConsoleMessage) -> None:
        """Keep console errors, with where they came from."""
        if message.type == "error":
            self.errors.append(f"{message.text} ({message.location.get('url', '?')})")

    def goto(self, address: str) -> None:
        """Open another address of the site in the same tab."""
        self.page.goto(self.base_url + address)


def empty(page: Page, origin: str) -> None:
    """Leave `page` blank with nothing of its visits kept: no cookies, no storage of
    `origin`, no HTTP cache (tests/browser/conftest.py's `Tab`, bench/browser_tab.py)."""
    page.goto("about:blank")
    page.context.clear_cookies()
    session = page.context.new_cdp_session(page)
    session.send("Network.clearBrowserCache")
    session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
    session.detach()


def site_address(doc_path: str) -> str:
    """The address MkDocs gives a docs-tree page (directory URLs), relative to the site root."""
    path, _, anchor = doc_path.partition("#")
    stem = path.removesuffix(".md")
    if stem == "index":
        stem = ""
    elif stem.endswith("/index"):
        stem = stem.removesuffix("index")
    else:
        stem += "/"
    return f"{stem}#{anchor}" if anchor else stem


def linked_module(handbook: Handbook) -> tuple[Module, Criterion]:
    """The first module that links to a criterion (not only a strand), and that criterion."""
    for module in handbook.modules:
        for ref in module.framework_links:
            target = handbook.target(ref)
            if isinstance(target, Criterion):
                return module, target
    raise AssertionError("no training module links to a criterion")


def page_addresses(handbook: Handbook) -> dict[str, str]:
    """One address per page type, taken from the model so the tests follow the content."""
    framework = handbook.frameworks[0]
    module, _ = linked_module(handbook)
    return {
        "home": site_address(docs.HOME),
        "chapter": site_address(docs.chapter_path(handbook.chapters[0])),
        "framework": site_address(docs.framework_path(framework)),
        "domain": site_address(docs.domain_path(framework.id, framework.domains[0].id)),
        "module": site_address(docs.module_path(module)),
        "glossary": site_address(docs.GLOSSARY),
        "training": site_address(docs.TRAINING),
        "day": site_address(docs.day_path(handbook.programme.days[1])),
        "calendar": site_address(docs.CALENDAR),
    }


def is_zensical(page: Page) -> bool:
    """True when the open page was built by Zensical, whose search is a button and a dialog."""
    return page.locator("button.md-search__button").count() > 0


def search(page: Page, query: str) -> Locator:
    """Type `query` into the engine's search and return the result items once they are listed."""
    if is_zensical(page):
        return _search_zensical(page, query)
    toggle = page.locator('label.md-header__button[for="__search"]')  # the phone's magnifier
    box = page.locator("input.md-search__input")
    if toggle.is_visible():
        toggle.click()
    else:
        box.click()
    box.fill(query)
    box.press("End")  # Material searches on keyup, which fill() does not send
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(re.compile(r"matching document"))
    settle(page)
    return page.locator(".md-search-result__item")


def _search_zensical(page: Page, query: str) -> Locator:
    """Zensical's search: a dialog (in a shadow root) with a combobox and a list of options."""
    toggle = page.locator('label.md-header__button[for="__search"]')  # the phone's magnifier
    if toggle.is_visible():
        toggle.click()
    else:
        page.locator("button.md-search__button").click()
    box = page.get_by_role("combobox", name="Search")
    box.fill(query)
    status = page.get_by_role("dialog", name="Search").get_by_role("status")
    expect(status).to_have_text(re.compile(r"\d+ results?"))
    settle(page)
    return page.get_by_role("option")


def result_links(page: Page | Locator) -> Locator:
    """The links of the listed search results, on either engine."""
    material = page.locator("a.md-search-result__link")
    return material if material.count() else page.get_by_role("option")


def settle(page: Page) -> None:
    """Wait until Material's transitions (search opening, drawer sliding) have finished."""
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")


def colour_scheme(page: Page) -> str | None:
    """The Material palette scheme the page is drawn in: 'default' (light) or 'slate' (dark)."""
    return page.locator("body").get_attribute("data-md-color-scheme")


def wait_for_search_index(page: Page) -> None:
    """Wait until the search index has loaded (the last thing a page loads)."""
    if is_zensical(page):
        page.wait_for_load_state("networkidle")
        return
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
