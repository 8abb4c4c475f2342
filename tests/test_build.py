"""End-to-end builds: atomic, reproducible, and faithful to the sources."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import FILES, REPO, copy_shipped

from generator.cli.build import BuildOptions, build
from generator.errors import ToolError, ValidationFailed

SITE_ONLY = BuildOptions(downloads=False)


def tree_digest(folder: Path) -> dict[str, str]:
    """A hash of every file in a folder, by relative path."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_build_writes_every_page(site_project: Path) -> None:
    report = build(site_project, SITE_ONLY)
    site = site_project / "site"
    assert report.pages == 13
    for page in (
        "index.html",
        "training/days/day-1/index.html",
        "training/calendar/index.html",
        "handbook/basics/welcome/index.html",
        "frameworks/tiny/leadership/index.html",
        "training/intro/index.html",
        "glossary/index.html",
        "downloads/index.html",
        "search/search_index.json",
    ):
        assert (site / page).is_file(), page


def test_pages_carry_dates_for_readers_and_edit_links_only_for_editors(
    site_project: Path,
) -> None:
    edit = 'href="https://github.com/example/handbook/edit/main/content/modules/intro.yml"'
    build(site_project, SITE_ONLY)
    html = (site_project / "site/training/intro/index.html").read_text()
    assert "Last updated <time>" in html
    assert edit not in html and "content/modules/intro.yml" not in html
    build(site_project, dataclasses.replace(SITE_ONLY, editing=True))
    html = (site_project / "site/training/intro/index.html").read_text()
    assert edit in html and "Source: <code>content/modules/intro.yml</code>" in html


def test_the_engine_config_carries_the_site_address(site_project: Path) -> None:
    programme = site_project / "content/programme.yml"
    text = programme.read_text(encoding="utf-8")
    programme.write_text(text + "site_url: https://example.org/handbook\n", encoding="utf-8")
    build(site_project, SITE_ONLY)
    config = yaml.safe_load((site_project / "build/mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_url"] == "https://example.org/handbook/"
    assert config["extra"]["editing"] is False


def test_criterion_lists_the_modules_and_chapters_that_refer_to_it(site_project: Path) -> None:
    build(site_project, SITE_ONLY)
    html = (site_project / "site/frameworks/tiny/leadership/index.html").read_text()
    assert 'id="vision-1"' in html
    assert 'href="../../../training/intro/"' in html
    assert 'href="../../../handbook/basics/welcome/"' in html


def test_abbreviations_are_explained_where_they_appear(site_project: Path) -> None:
    chapter = site_project / "content/handbook/basics/welcome.md"
    chapter.write_text(chapter.read_text() + "\nPupils with SEND need a plan.\n")
    build(site_project, SITE_ONLY)
    html = (site_project / "site/handbook/basics/welcome/index.html").read_text()
    assert '<abbr title="Special educational needs and disabilities">SEND</abbr>' in html


def test_invalid_source_leaves_the_previous_site_untouched(site_project: Path) -> None:
    build(site_project, SITE_ONLY)
    before = tree_digest(site_project / "site")
    module = site_project / "content/modules/intro.yml"
    module.write_text(module.read_text().replace("duration: 60", "duration: 61"))
    with pytest.raises(ValidationFailed):
        build(site_project, SITE_ONLY)
    assert tree_digest(site_project / "site") == before


def test_failure_inside_mkdocs_leaves_the_previous_site_untouched(site_project: Path) -> None:
    build(site_project, SITE_ONLY)
    before = tree_digest(site_project / "site")
    chapter = site_project / "content/handbook/basics/welcome.md"
    chapter.write_text(chapter.read_text() + "\nSee [the missing page](missing.md).\n")
    with pytest.raises(ToolError) as failure:
        build(site_project, BuildOptions(downloads=False, strict=True))
    assert "handbook/basics/welcome.md" in str(failure.value)
    assert "missing.md" in str(failure.value)
    assert tree_digest(site_project / "site") == before
    assert not [p for p in site_project.iterdir() if p.name.startswith(".site-")]


def test_two_builds_are_byte_identical(site_project: Path, tmp_path: Path) -> None:
    build(site_project, BuildOptions(out=tmp_path / "one", downloads=False))
    build(site_project, BuildOptions(out=tmp_path / "two", downloads=False))
    assert tree_digest(tmp_path / "one") == tree_digest(tmp_path / "two")


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_no_page_loads_anything_from_another_site(site_project: Path, engine: str) -> None:
    build(site_project, BuildOptions(downloads=False, engine=engine))
    for page in (site_project / "site").rglob("*.html"):
        html = page.read_text()
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        assert '<script src="http' not in html, page
        assert not re.findall(r'<link[^>]+href="https?:', html), page


@pytest.mark.slow
def test_plain_mkdocs_build_works_at_the_repository_root(tmp_path: Path) -> None:
    # A copy of the checkout's root as a fresh clone has it: the hook writes into build/docs.
    root = copy_shipped(tmp_path / "project")
    (root / "generator").symlink_to(REPO / "generator")
    (root / "build" / "docs").mkdir(parents=True)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/frameworks/peer-review-framework/leadership/index.html").is_file()


def test_chapter_body_is_data_not_a_template(site_project: Path) -> None:
    chapter = site_project / "content/handbook/basics/welcome.md"
    # Braces outside code are refused by the content policy; in code they must stay text.
    text = "\nTemplates look like `{{ handbook.programme }}` and `{% if x %}`.\n"
    chapter.write_text(chapter.read_text() + text)
    build(site_project, SITE_ONLY)
    html = (site_project / "site/handbook/basics/welcome/index.html").read_text()
    assert "<code>{{ handbook.programme }}</code> and <code>{% if x %}</code>" in html


def test_tiny_fixture_has_no_stray_text() -> None:
    assert "lorem" not in textwrap.dedent("".join(FILES.values())).lower()


def test_unchanged_project_is_not_built_twice(site_project: Path) -> None:
    assert not build(site_project, SITE_ONLY).skipped
    assert build(site_project, SITE_ONLY).skipped
    chapter = site_project / "content/handbook/basics/welcome.md"
    chapter.write_text(chapter.read_text() + "\nOne more sentence.\n")
    assert not build(site_project, SITE_ONLY).skipped
    assert (
        "One more sentence."
        in (site_project / "site/handbook/basics/welcome/index.html").read_text()
    )
    assert not build(site_project, BuildOptions(downloads=False, strict=True)).skipped


def test_a_deleted_site_is_built_again(site_project: Path) -> None:
    build(site_project, SITE_ONLY)
    import shutil

    shutil.rmtree(site_project / "site")
    assert not build(site_project, SITE_ONLY).skipped
    assert (site_project / "site/index.html").is_file()
