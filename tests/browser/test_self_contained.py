"""Pages load without errors and without asking anything of another server."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import pytest

from .material import PAGE_TYPES, Visit, search, wait_for_search_index

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("kind", [*PAGE_TYPES, "training"])
def test_no_console_errors(
    visit: Callable[..., Visit], addresses: dict[str, str], kind: str
) -> None:
    opened = visit(addresses[kind])
    wait_for_search_index(opened.page)
    assert opened.errors == [], f"{kind} page logged errors: {opened.errors}"


def test_no_request_leaves_the_local_server(
    visit: Callable[..., Visit], addresses: dict[str, str]
) -> None:
    opened = visit(addresses["home"])
    for kind in [*PAGE_TYPES, "training"]:
        opened.goto(addresses[kind])
        wait_for_search_index(opened.page)
    search(opened.page, "review")
    opened.page.keyboard.press("Escape")
    opened.page.locator("label.md-header__button[for^='__palette']").first.click()
    hosts = {urlsplit(url).hostname for url in opened.requests}
    outside = sorted(url for url in opened.requests if urlsplit(url).hostname != "127.0.0.1")
    assert len(opened.requests) > len(PAGE_TYPES), "the recorder saw too few requests"
    assert hosts == {"127.0.0.1"}, f"requests left the local server: {outside}"
    assert opened.errors == [], f"browsing and searching logged errors: {opened.errors}"
