"""Screenshots of every page type at phone and desktop width, for people to look at.

They are saved to the session's artifacts folder (a temporary folder, see conftest.py). The test also checks what a
screenshot would show as broken on a phone: a page wider than the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .material import DESKTOP, PAGE_TYPES, PHONE, Visit, search

pytestmark = pytest.mark.browser

WIDTHS = {"phone": PHONE, "desktop": DESKTOP}
#: A query that lists results from several page types.
SEARCH_QUERY = "peer review"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", [*PAGE_TYPES, "search"])
def test_screenshot(
    visit: Callable[..., Visit],
    addresses: dict[str, str],
    artifacts: Path,
    engine: str,
    kind: str,
    width: str,
) -> None:
    opened = visit(addresses.get(kind, addresses["home"]), viewport=WIDTHS[width])
    page = opened.page
    if kind == "search":
        search(page, SEARCH_QUERY)
    path = artifacts / f"site-{engine}-{kind}-{width}.png"
    page.screenshot(path=path, full_page=kind != "search")
    assert path.stat().st_size > 10_000, f"{path} is nearly empty"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the {kind} page is {overflow}px wider than a {width} screen"
