"""Remembered pages: an edit renders only the pages it changes, and never leaves one stale.

The memo's rule is that a chapter's, handout's or resource's body shows on its own page
only. Each test edits the shipped content and compares the pages the memo gives with a
full render of the same model, page by page.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO

from generator.cli.project import read_handbook
from generator.model.objects import Handbook
from generator.render.downloads import DownloadList
from generator.render.memo import PageMemo
from generator.render.templates import SiteContext, render_site
from generator.store import Store
from generator.theme import CHECKOUT

SITE = SiteContext(dates={}, manifest=DownloadList(()), edit_base="https://x/edit/main")


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped content to edit."""
    root = tmp_path / "project"
    for name in ("content", "frameworks"):
        shutil.copytree(REPO / name, root / name)
    return root


def model(root: Path) -> Handbook:
    return read_handbook(root)[0]


def with_memo(root: Path, handbook: Handbook) -> tuple[dict[str, str], int]:
    """The pages through the memo kept in root/build, and how many were rendered."""
    memo = PageMemo(Store.at(root / "build" / "cache"), handbook, SITE, (CHECKOUT.templates,))
    pages = render_site(handbook, SITE, memo)
    memo.save()
    return pages, memo.rendered


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def first(root: Path, pattern: str) -> Path:
    return sorted(root.glob(pattern))[0]


def test_nothing_changed_renders_nothing(shipped: Path) -> None:
    handbook = model(shipped)
    pages, rendered = with_memo(shipped, handbook)
    assert rendered == len(pages) - 2  # every page but the abbreviations and the cycle image
    again, rendered = with_memo(shipped, model(shipped))
    assert rendered == 0
    assert again == pages


@pytest.mark.parametrize(
    "pattern",
    ["content/handbook/*/*.md", "content/handouts/*.md", "content/resources/*.md"],
)
def test_a_body_edit_renders_its_own_page_and_matches_a_full_render(
    shipped: Path, pattern: str
) -> None:
    with_memo(shipped, model(shipped))
    source = first(shipped, pattern)
    text = source.read_text(encoding="utf-8")
    source.write_text(text + "\nA sentence added to the body.\n", encoding="utf-8")
    handbook = model(shipped)
    pages, rendered = with_memo(shipped, handbook)
    assert pages == render_site(handbook, SITE)
    assert rendered == 1
    changed = [path for path, page in pages.items() if "A sentence added to the body." in page]
    assert len(changed) == 1


def test_every_body_is_shown_on_its_own_page_only(shipped: Path) -> None:
    """The memo's rule, for every body in the shipped content at once."""
    before = render_site(model(shipped), SITE)
    marks = {}
    for pattern in ("content/handbook/*/*.md", "content/handouts/*.md", "content/resources/*.md"):
        for number, source in enumerate(sorted(shipped.glob(pattern))):
            mark = f"Body mark {source.stem} {number}."
            source.write_text(source.read_text(encoding="utf-8") + f"\n{mark}\n", encoding="utf-8")
            marks[mark] = source
    after = render_site(model(shipped), SITE)
    for mark in marks:
        showing = [path for path, page in after.items() if mark in page]
        assert len(showing) == 1, f"{mark!r} shows on {showing}"
    changed = {path for path in after if after[path] != before[path]}
    assert len(changed) == len(marks), "a page changed that shows none of the edited bodies"


def test_a_title_edit_renders_every_page_again(shipped: Path) -> None:
    with_memo(shipped, model(shipped))
    rewrite(first(shipped, "content/handbook/*/*.md"), "title: ", "title: Renamed ")
    handbook = model(shipped)
    pages, rendered = with_memo(shipped, handbook)
    assert pages == render_site(handbook, SITE)
    assert rendered == len(pages) - 2


def test_a_framework_edit_matches_a_full_render(shipped: Path) -> None:
    with_memo(shipped, model(shipped))
    rewrite(first(shipped, "frameworks/*.yml"), "statement: ", "statement: Revised ")
    handbook = model(shipped)
    pages, _ = with_memo(shipped, handbook)
    assert pages == render_site(handbook, SITE)
