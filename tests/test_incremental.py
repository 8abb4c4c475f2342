"""Builds after an edit redo only what changed, and give the bytes a full build gives."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from test_build import tree_digest

from generator.cli.build import BuildOptions, build
from generator.errors import ToolError
from generator.site import incremental

# A build that keeps work is held against a clean one, which shares nothing with it.
pytestmark = pytest.mark.usefixtures("fresh_templates")

CHAPTER = "content/handbook/basics/welcome.md"
PAGE = "handbook/basics/welcome/index.html"


def edit(project: Path, old: str, new: str) -> None:
    """Replace the first `old` in the chapter with `new`."""
    chapter = project / CHAPTER
    text = chapter.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in the chapter"
    chapter.write_text(text.replace(old, new, 1), encoding="utf-8")


def full_builds(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Counts MkDocs' full builds from now on."""
    calls: list[Any] = []
    real = incremental.build

    def counted(config: Any) -> None:
        calls.append(config)
        real(config)

    monkeypatch.setattr(incremental, "build", counted)
    return calls


def test_body_edit_rebuilds_one_page_with_the_bytes_of_a_full_build(
    site_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(site_project, BuildOptions(downloads=False))
    fulls = full_builds(monkeypatch)
    edit(site_project, "Schools improve together.", "Schools improve together, every year.")
    build(site_project, BuildOptions(downloads=False))
    assert fulls == [], "a change to one page body should not rebuild the whole site"
    html = (site_project / "site" / PAGE).read_text(encoding="utf-8")
    index = (site_project / "site/search/search_index.json").read_text(encoding="utf-8")
    assert "every year" in html and "every year" in index
    build(site_project, BuildOptions(out=tmp_path / "full", downloads=False))
    assert len(fulls) == 1
    assert tree_digest(site_project / "site") == tree_digest(tmp_path / "full")


def test_title_edit_falls_back_to_a_full_build(
    site_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(site_project, BuildOptions(downloads=False))
    fulls = full_builds(monkeypatch)
    edit(site_project, "title: Welcome", "title: Welcome to the partnership")
    build(site_project, BuildOptions(downloads=False))
    assert len(fulls) == 1, "a new title shows in every page's navigation"
    build(site_project, BuildOptions(out=tmp_path / "full", downloads=False))
    assert tree_digest(site_project / "site") == tree_digest(tmp_path / "full")


def test_failed_incremental_build_leaves_the_previous_site(
    site_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(site_project, BuildOptions(downloads=False))
    before = tree_digest(site_project / "site")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(incremental, "_build_theme_template", broken)
    edit(site_project, "Schools improve together.", "Schools improve together, every year.")
    with pytest.raises(ToolError, match="disk full"):
        build(site_project, BuildOptions(downloads=False))
    assert tree_digest(site_project / "site") == before
    monkeypatch.undo()
    build(site_project, BuildOptions(downloads=False))
    assert "every year" in (site_project / "site" / PAGE).read_text(encoding="utf-8")


def test_zensical_rebuild_from_its_cache_matches_a_clean_build(
    site_project: Path, tmp_path: Path
) -> None:
    zensical = BuildOptions(downloads=False, engine="zensical")
    build(site_project, zensical)
    edit(site_project, "Schools improve together.", "Schools improve together, every year.")
    build(site_project, zensical)
    assert "every year" in (site_project / "site" / PAGE).read_text(encoding="utf-8")
    shutil.rmtree(site_project / "build" / ".cache")
    build(site_project, BuildOptions(out=tmp_path / "clean", downloads=False, engine="zensical"))
    assert tree_digest(site_project / "site") == tree_digest(tmp_path / "clean")


def test_a_hostile_page_after_a_remembered_gate_is_still_refused(
    site_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The gate remembers clean pages by their bytes; a page an edit changed is read again."""
    from generator.cli import build as build_module
    from generator.gate import GateClosed

    build(site_project, BuildOptions(downloads=False))
    assert list((site_project / "build" / "cache").rglob("*")), "the gate keeps its findings"
    before = tree_digest(site_project / "site")
    real_build_site = build_module.build_site

    def build_then_inject(engine: str, config: Path, site_dir: Path, *args: Any, **kw: Any) -> None:
        real_build_site(engine, config, site_dir, *args, **kw)
        page = site_dir / PAGE
        html = page.read_text(encoding="utf-8")
        page.unlink()  # the page may be a link to the published one
        page.write_text(html.replace("</h1>", '</h1><img src="x" onerror="alert(1)">', 1))

    monkeypatch.setattr(build_module, "build_site", build_then_inject)
    fulls = full_builds(monkeypatch)
    edit(site_project, "Schools improve together.", "Schools improve together, every year.")
    with pytest.raises(GateClosed, match="onerror"):
        build(site_project, BuildOptions(downloads=False))
    assert fulls == [], "the refused build was an incremental one"
    assert tree_digest(site_project / "site") == before
    monkeypatch.setattr(build_module, "build_site", real_build_site)
    build(site_project, BuildOptions(downloads=False))
    assert "every year" in (site_project / "site" / PAGE).read_text(encoding="utf-8")
