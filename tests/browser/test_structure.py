"""Every page of the built site declares its language and has exactly one h1."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.model.objects import Handbook

pytestmark = pytest.mark.browser


class Outline(HTMLParser):
    """The page's language and how many h1 elements it has."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.h1 = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        self.h1 += tag == "h1"


def outline(path: Path) -> Outline:
    """The outline of one built page."""
    parser = Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_page_has_lang_and_one_h1(site_dir: Path, handbook: Handbook) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    outlines = {path.relative_to(site_dir).as_posix(): outline(path) for path in pages}
    language = handbook.programme.language.lower()
    wrong_lang = {
        page: o.lang
        for page, o in outlines.items()
        if not o.lang or not language.startswith(o.lang.lower())
    }
    wrong_h1 = {page: o.h1 for page, o in outlines.items() if o.h1 != 1}
    assert len(pages) > len(handbook.chapters), f"only {len(pages)} pages were built"
    assert not wrong_lang, f"lang missing or not {language}: {wrong_lang}"
    assert not wrong_h1, f"pages without exactly one h1 (page: count): {wrong_h1}"
