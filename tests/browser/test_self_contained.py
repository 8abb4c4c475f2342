"""Pages load without errors and without asking anything of another server."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import pytest

from .material import PAGE_TYPES, Visit, search, wait_for_search_index

pytestmark = pytest.mark.browser


def test_pages_log_no_error_and_no_request_leaves_the_local_server(
    visit: Callable[..., Visit], addresses: dict[str, str]
) -> None:
    # One tab browses every page type in turn, as a reader would: each page's console errors
    # are kept under its name, and every request of the whole walk is looked at.
    kinds = [*PAGE_TYPES, "training"]
    opened = visit(addresses[kinds[0]])
    logged: dict[str, list[str]] = {}
    for kind in kinds:
        if kind != kinds[0]:
            opened.goto(addresses[kind])
        wait_for_search_index(opened.page)
        logged[kind], opened.errors[:] = list(opened.errors), []
    search(opened.page, "review")
    opened.page.keyboard.press("Escape")
    opened.page.locator("label.md-header__button[for^='__palette']").first.click()
    logged["search and the colour switch"] = opened.errors
    hosts = {urlsplit(url).hostname for url in opened.requests}
    outside = sorted(url for url in opened.requests if urlsplit(url).hostname != "127.0.0.1")
    assert len(opened.requests) > len(PAGE_TYPES), "the recorder saw too few requests"
    assert hosts == {"127.0.0.1"}, f"requests left the local server: {outside}"
    assert {kind: errors for kind, errors in logged.items() if errors} == {}, "errors logged"
