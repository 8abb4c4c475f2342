"""Readers move through the handbook in order and follow training modules into the framework."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from generator.model.objects import Handbook
from generator.render import pages as docs

from .material import Visit, linked_module, site_address

pytestmark = pytest.mark.browser


def test_footer_next_goes_to_the_second_chapter(
    visit: Callable[..., Visit], handbook: Handbook
) -> None:
    first, second = handbook.chapters[:2]
    page = visit(site_address(docs.chapter_path(first))).page
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url(f"**/{site_address(docs.chapter_path(second))}")
    expect(page.locator("h1")).to_have_text(re.compile(f"^{re.escape(second.title)}¶?$"))


def test_module_framework_link_reaches_its_criterion(
    visit: Callable[..., Visit], handbook: Handbook
) -> None:
    module, criterion = linked_module(handbook)
    target = site_address(docs.target_path(criterion))
    opened = visit(site_address(docs.module_path(module)))
    page = opened.page
    links = page.locator("xpath=//h2[@id='framework-links']/following-sibling::ul[1]//a")
    link = links.filter(has_text=criterion.number).first
    expect(link).to_have_attribute("href", opened.base_url + target)
    link.click()
    page.wait_for_url(lambda url: url.endswith(f"#{criterion.id}"))
    assert urlsplit(page.url).path == "/" + target.partition("#")[0]
    anchor = page.locator(f"[id='{criterion.id}']")
    expect(anchor).to_have_count(1)
    expect(anchor).to_be_in_viewport()
