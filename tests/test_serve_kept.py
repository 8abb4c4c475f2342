"""The live preview keeps state between saves (generator/cli/kept.py); after each kind of
save its preview must hold the bytes a clean build of the same sources gives.

Files' digests are normally trusted only once a file has been left alone for a while; here
they are trusted at once (`SETTLED_NS = 0`), so every save is built from as much kept state
as the preview can ever hold.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, write_project
from pictures import png
from test_build import tree_digest

from generator.cli.build import BuildOptions, build
from generator.cli.preview import PREVIEW, Rebuilder
from generator.site import incremental
from generator.store import FileDigests

# A build that keeps work is held against a clean one, which shares nothing with it.
pytestmark = pytest.mark.usefixtures("fresh_templates")

CHAPTER = "content/handbook/basics/welcome.md"
Save = Callable[[Path], None]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def body(root: Path) -> None:
    """A page body alone: the incremental path, one page and the search index rebuilt."""
    before, after = "Schools improve together.", "Schools improve, year on year."
    if before not in (root / CHAPTER).read_text(encoding="utf-8"):
        before, after = after, before
    replace_in(root / CHAPTER, before, after)


def title(root: Path) -> None:
    """A new title shows in every page's navigation."""
    replace_in(root / CHAPTER, "title: Welcome", "title: Welcome to the partnership")


def glossary(root: Path) -> None:
    """A term defined once and shown wherever it is used."""
    replace_in(root / "content/glossary.yml", "definition: Needs that call", "definition: Calls")


def programme_title(root: Path) -> None:
    """The programme alone: every kind's model is built with it, so none may be kept."""
    replace_in(root / "content/programme.yml", "title: Test Partnership", "title: Partners")


def handout(root: Path) -> None:
    """A handout alone: the module that hands it out is built with its model."""
    replace_in(root / "content/handouts/cycle.md", "# The cycle", "# The review cycle")


def fact_used(root: Path) -> None:
    """A programme fact, and a chapter that shows it."""
    with (root / "content/programme.yml").open("a", encoding="utf-8") as programme:
        programme.write("facts:\n  team-size: three\n")
    with (root / CHAPTER).open("a", encoding="utf-8") as chapter:
        chapter.write("\nTeams of {{ team-size }} schools.\n")


def fact_changed(root: Path) -> None:
    """The fact alone: the chapter, unchanged, shows the new text."""
    replace_in(root / "content/programme.yml", "team-size: three", "team-size: four")


def picture_shown(root: Path) -> None:
    """A picture, and a chapter that shows it."""
    (root / "content/images").mkdir(exist_ok=True)
    (root / "content/images/kept.png").write_bytes(png(4, 3))
    with (root / CHAPTER).open("a", encoding="utf-8") as chapter:
        chapter.write("\n![A blue square](../../images/kept.png)\n")


def picture_replaced(root: Path) -> None:
    """The picture's file alone: the chapter, unchanged, shows the new picture."""
    (root / "content/images/kept.png").write_bytes(png(5, 3))


def new_chapter(root: Path) -> None:
    """A new page in the navigation, and then (`deleted_chapter`) gone again."""
    text = (root / CHAPTER).read_text(encoding="utf-8")
    text = text.replace("title: Welcome", "title: Second steps").replace("order: 1", "order: 2")
    (root / "content/handbook/basics/second.md").write_text(text, encoding="utf-8")


def deleted_chapter(root: Path) -> None:
    (root / "content/handbook/basics/second.md").unlink()


def theme(root: Path) -> None:
    """A change to the site's own look: every page's HTML changes."""
    replace_in(root / "theme/overrides/main.html", "{% block", "<!-- kept -->{% block")


def theme_file(root: Path) -> None:
    """A new file in the theme, which MkDocs copies into the site (its list of the theme's
    files is kept between saves)."""
    (root / "theme/overrides/kept.txt").write_text("A file of the theme.\n", encoding="utf-8")


def configuration(root: Path) -> None:
    replace_in(root / "mkdocs.yml", "site_name: Schools in Partnership", "site_name: Schools")


SAVES: tuple[Save, ...] = (
    body,
    title,
    glossary,
    programme_title,
    handout,
    fact_used,
    fact_changed,
    picture_shown,
    picture_replaced,
    new_chapter,
    deleted_chapter,
    theme,
    body,
    theme_file,
    body,
    configuration,
)


def clean_preview(root: Path, into: Path) -> dict[str, str]:
    """The preview a fresh build of a copy of the project gives: nothing kept, no build/."""
    copy = into / "project"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("build", "site", ".*"))
    build(copy, BuildOptions(out=copy / PREVIEW, downloads=False, editing=True))
    return tree_digest(copy / PREVIEW)


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Rebuilder]:
    """A project with a copy of the repository's look, previewed once."""
    monkeypatch.setattr(FileDigests, "SETTLED_NS", 0)
    root = write_project(tmp_path / "project")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "theme", root / "theme")
    rebuild = Rebuilder(root, BuildOptions(out=root / PREVIEW, downloads=False, editing=True))
    rebuild()
    return root, rebuild


@pytest.mark.slow
def test_every_kind_of_save_previews_the_bytes_of_a_clean_build(
    served: tuple[Path, Rebuilder], tmp_path: Path
) -> None:
    root, rebuild = served
    for n, save in enumerate(SAVES):
        save(root)
        rebuild()
        assert not rebuild.failing, save.__name__
        expected = clean_preview(root, tmp_path / f"clean-{n}")
        assert tree_digest(root / PREVIEW) == expected, f"after the save {save.__name__}"


@pytest.mark.slow
def test_the_next_session_starts_from_what_the_last_one_wrote(
    served: tuple[Path, Rebuilder], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A preview keeps the store's entries in memory and writes them when it stops; the next
    session's first rebuild after a body edit is then an incremental one, and still exact."""
    root, rebuild = served
    body(root)
    rebuild()
    rebuild.kept.write()
    fulls: list[object] = []
    real = incremental.build
    monkeypatch.setattr(incremental, "build", lambda config: fulls.append(config) or real(config))
    body(root)
    again = Rebuilder(root, rebuild.options)
    again()
    assert not again.failing and fulls == []
    assert tree_digest(root / PREVIEW) == clean_preview(root, tmp_path / "clean")


def leftovers(root: Path) -> list[str]:
    """Staging folders left beside the preview."""
    preview = root / PREVIEW
    return sorted(
        p.name for p in preview.parent.iterdir() if p.name.startswith(f".{preview.name}-")
    )


def test_a_save_links_the_preview_ahead_and_a_failed_one_leaves_nothing(
    served: tuple[Path, Rebuilder], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, rebuild = served
    linked: list[Path | None] = []
    real = incremental.LinkedAhead.ready
    monkeypatch.setattr(
        incremental.LinkedAhead, "ready", lambda self: linked.append(real(self)) or linked[-1]
    )
    body(root)
    rebuild()
    assert not rebuild.failing and len(linked) == 1 and linked[0] is not None
    assert leftovers(root) == []
    published = tree_digest(root / PREVIEW)
    assert published == clean_preview(root, tmp_path / "clean")
    # A save the checks refuse: the folder linked ahead is removed, the preview kept.
    replace_in(root / CHAPTER, "title: Welcome", "title:")
    rebuild()
    assert rebuild.failing and len(linked) == 1
    assert leftovers(root) == [] and tree_digest(root / PREVIEW) == published


def test_a_save_whose_linking_ahead_fails_links_at_the_site_phase(
    served: tuple[Path, Rebuilder], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, rebuild = served
    popen = incremental.subprocess.Popen
    monkeypatch.setattr(
        incremental.subprocess, "Popen", lambda command, **named: popen(["false"], **named)
    )
    body(root)
    rebuild()
    assert not rebuild.failing and leftovers(root) == []
    assert tree_digest(root / PREVIEW) == clean_preview(root, tmp_path / "clean")
