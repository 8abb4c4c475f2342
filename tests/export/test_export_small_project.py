"""A whole export of the tiny test project, with text that Typst and pandoc treat specially."""

from __future__ import annotations

from pathlib import Path

from conftest import write_project
from pypdf import PdfReader

from generator.cli.project import read_handbook
from generator.export import export_all

from .conftest import EPOCH

TRICKY_CHAPTER = """\
    ---
    title: "Costs: $5 & #1 (draft)"
    part: basics
    order: 2
    summary: Special characters.
    ---

    ## Paying for it

    Fees rose from $5 to $10; write to @partnership or see #hashtag and `code $x`.

    !!! warning "Don't *panic*: $5 #fee"
        A box with a task list:

        - [ ] first
        - [x] second

    ```
    !!! note "shown as code"
        #not-typst
    ```

    | Item | Notes |
    | --- | --- |
    | Reviewer | |
    """


def test_tiny_project_exports_every_kind_with_special_characters(tmp_path: Path) -> None:
    root = write_project(tmp_path / "project", {"content/handbook/basics/costs.md": TRICKY_CHAPTER})
    handbook = read_handbook(root)[0]
    site = tmp_path / "site"
    manifest = export_all(handbook, site / "downloads", cache=tmp_path / "cache", epoch=EPOCH)
    assert {(e.kind, e.format) for e in manifest.entries} >= {
        ("handbook", "pdf"),
        ("handbook", "docx"),
        ("self-review", "xlsx"),
        ("training-day-pack", "zip"),
        ("slides", "pptx"),
        ("slides", "pdf"),
    }
    assert len(manifest.entries) == 17  # 13, a PDF of each of two chapters, two slide decks
    handbook_pdf = site / manifest.entry("handbook", "test-partnership", "pdf").path
    text = " ".join(page.extract_text() for page in PdfReader(handbook_pdf).pages)
    assert "Costs: $5 & #1 (draft)" in text
    assert "from $5 to $10; write to @partnership or see #hashtag" in text
    assert "Don’t panic: $5 #fee" in text
    assert '!!! note "shown as code"' in text
    chapter_pdf = site / manifest.entry("chapter", "content/handbook/basics/costs.md", "pdf").path
    chapter_text = " ".join(page.extract_text() for page in PdfReader(chapter_pdf).pages)
    assert "Costs: $5 & #1 (draft)" in chapter_text
    assert "from $5 to $10; write to @partnership or see #hashtag" in chapter_text


def test_reexport_reuses_everything_and_removes_stale_downloads(tmp_path: Path) -> None:
    handbook = read_handbook(write_project(tmp_path / "project"))[0]
    out, cache = tmp_path / "site" / "downloads", tmp_path / "cache"
    export_all(handbook, out, cache=cache, epoch=EPOCH)
    stale = out / "modules" / "removed-module" / "facilitator-guide.pdf"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"%PDF old")
    again = export_all(handbook, out, cache=cache, epoch=EPOCH)
    assert (again.built, again.reused) == (0, len(again.entries))
    assert not stale.exists() and not stale.parent.exists()
    assert all((out.parent / e.path).is_file() for e in again.entries)
