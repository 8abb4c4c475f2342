"""The theme is the project's: read from its theme/ folder afresh on every build."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO

from generator.cli.build import BuildOptions, build
from generator.cli.project import read_handbook
from generator.export.plan import plan_jobs
from generator.theme import CHECKOUT, current, of_project, using

SITE_ONLY = BuildOptions(downloads=False)
EPOCH = 1_782_864_000


def own_theme(project: Path) -> Path:
    """The tiny project with a copy of the repository's look that a test may edit."""
    (project / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(), encoding="utf-8")
    shutil.copytree(REPO / "theme", project / "theme")
    return project


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_theme_edit_between_two_builds_in_one_process_is_seen(project: Path) -> None:
    # What `handbook serve` does: build, the editor changes the look, build again.
    theme = own_theme(project) / "theme"
    build(project, SITE_ONLY)
    site = project / "site"
    assert "Terms and abbreviations used" in (site / "glossary/index.html").read_text()
    replace(theme / "templates/glossary.md.j2", "Terms and abbreviations used", "Words we use")
    replace(
        theme / "wording.yml", "evidence_sources: Evidence sources", "evidence_sources: Sources"
    )
    with (theme / "assets/stylesheets/handbook.css").open("a", encoding="utf-8") as css:
        css.write("\n.edited-in-this-session { color: inherit; }\n")
    build(project, SITE_ONLY)
    assert "Words we use" in (site / "glossary/index.html").read_text()
    assert (
        "<strong>Sources:</strong>" in (site / "frameworks/tiny/leadership/index.html").read_text()
    )
    assert ".edited-in-this-session" in (site / "assets/stylesheets/handbook.css").read_text()
    assert "Words we use" not in (REPO / "theme/templates/glossary.md.j2").read_text()


def test_an_edited_print_theme_changes_the_keys_of_exactly_the_files_it_styles(
    project: Path,
) -> None:
    theme = own_theme(project) / "theme"
    handbook = read_handbook(project)[0]
    with using(of_project(project)):
        before = {job.path: job.key() for job in plan_jobs(handbook, EPOCH)}
        with (theme / "pdf/template.typst").open("a", encoding="utf-8") as template:
            template.write("\n// edited in this session\n")
        after = {job.path: job.key() for job in plan_jobs(handbook, EPOCH)}
    changed = {path for path in before if before[path] != after[path]}
    assert changed == {path for path in before if path.endswith(".pdf")}
    assert changed


def test_a_project_without_a_theme_uses_the_checkouts_and_a_build_restores_it(
    project: Path,
) -> None:
    assert of_project(project) == CHECKOUT
    own_theme(project)
    with using(of_project(project)):
        assert current().folder == project / "theme"
    assert current() == CHECKOUT
