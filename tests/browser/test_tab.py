"""Browser tests share one tab per worker (conftest.py, `Tab`): a visit starts with nothing
an earlier visit left in it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .material import DESKTOP, PHONE, Visit

pytestmark = pytest.mark.browser

#: What a page can keep for the next: storage, a cookie, and what the media queries see.
_LEFT = """() => [localStorage.getItem("left"), sessionStorage.getItem("left"), document.cookie,
  matchMedia("print").matches, matchMedia("(prefers-color-scheme: dark)").matches]"""


def test_a_visit_starts_with_nothing_an_earlier_one_left(
    visit: Callable[..., Visit], addresses: dict[str, str]
) -> None:
    first = visit(addresses["home"], viewport=PHONE, scheme="dark")
    first.page.evaluate(
        """() => { localStorage.setItem("left", "1"); sessionStorage.setItem("left", "1");
        document.cookie = "left=1; path=/"; }"""
    )
    first.page.emulate_media(media="print")
    assert first.page.evaluate(_LEFT) == ["1", "1", "left=1", True, True]
    seen_by_first = len(first.requests)

    second = visit(addresses["home"])
    assert second.page.evaluate(_LEFT) == [None, None, "", False, False]
    assert second.page.viewport_size == DESKTOP
    assert second.requests, "the second visit recorded no request"
    assert len(first.requests) == seen_by_first, "the first visit still records requests"
