"""Incremental builds against clean ones: random edits to the sources, the theme and the
code, then the site and every download compared byte for byte.

Every cache of the build lives in one store (generator/store.py) whose keys hold the
fingerprint of the code; the code edits here are made to a copy of the generator package
that the fingerprint reads (they change its bytes, not what it does), so a cache that forgot
to follow the code, or a page kept that should not be, shows as a difference.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, write_project
from test_build import tree_digest

from generator.cli.build import BuildOptions, build
from generator.store import CODE

# A build that keeps work is held against a clean one, which shares nothing with it.
pytestmark = pytest.mark.usefixtures("fresh_templates")

Edit = Callable[[Path, Path, int], None]


def rewrite(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, new, text, count=1, flags=re.M)
    assert changed != text or new in text, f"{pattern!r} is not in {path}"
    path.write_text(changed, encoding="utf-8")


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as stream:
        stream.write(text)


def chapter_body(root: Path, _: Path, n: int) -> None:
    append(root / "content/handbook/basics/welcome.md", f"\nRound {n} adds a sentence.\n")


def chapter_title(root: Path, _: Path, n: int) -> None:
    rewrite(root / "content/handbook/basics/welcome.md", r"^title: .*$", f"title: Welcome {n}")


def handout_body(root: Path, _: Path, n: int) -> None:
    append(root / "content/handouts/cycle.md", f"\nRound {n}: support comes last.\n")


def glossary(root: Path, _: Path, n: int) -> None:
    rewrite(
        root / "content/glossary.yml",
        r"definition: Needs that call.*$",
        f"definition: Needs that call for extra support (round {n}).",
    )


def programme_title(root: Path, _: Path, n: int) -> None:
    rewrite(root / "content/programme.yml", r"^title: .*$", f"title: Test Partnership {n}")


def criterion(root: Path, _: Path, n: int) -> None:
    rewrite(
        root / "frameworks/tiny.yml",
        r"statement: Leaders share.*$",
        f"statement: Leaders share a clear vision ({n}).",
    )


def module_summary(root: Path, _: Path, n: int) -> None:
    rewrite(root / "content/modules/intro.yml", r"^summary: .*$", f"summary: Meeting ({n}).")


def template(root: Path, _: Path, n: int) -> None:
    append(root / "theme/templates/chapter.md.j2", f"\nChapter template, round {n}.\n")


def print_template(root: Path, _: Path, n: int) -> None:
    folder = root / "theme/templates/print"
    append(sorted(folder.glob("*.j2"))[0], f"\n{{# round {n} #}}\n")


def code_comment(_: Path, package: Path, n: int) -> None:
    modules = sorted(package.rglob("*.py"))
    append(random.Random(n).choice(modules), f"\n# round {n}\n")


def code_constant(_: Path, package: Path, n: int) -> None:
    modules = sorted(package.rglob("*.py"))
    append(random.Random(-n).choice(modules), f"\nROUND_{n} = {n}\n")


SOURCE_EDITS: tuple[Edit, ...] = (
    chapter_body,
    chapter_title,
    handout_body,
    glossary,
    programme_title,
    criterion,
    module_summary,
)
#: Edits to what the store's fingerprint covers: after one of these every key is new.
CODE_EDITS: tuple[Edit, ...] = (template, print_template, code_comment, code_constant)


def clean_build(root: Path, into: Path) -> dict[str, str]:
    """A build of a fresh copy of the project: no build/ folder, no site, nothing kept."""
    copy = into / "project"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("build", "site", ".*"))
    build(copy, BuildOptions())
    return tree_digest(copy / "site")


@pytest.mark.parametrize("seed", [19])
def test_incremental_builds_give_the_bytes_of_clean_ones(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_project(tmp_path / "project")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "theme", root / "theme")
    package = tmp_path / "generator"
    shutil.copytree(CODE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr("generator.store.CODE", package)
    build(root, BuildOptions())
    chooser = random.Random(seed)
    for n in (1, 2, 3):
        # Rounds of source edits alone test what each cache keeps; a code edit, that
        # nothing made by other code is kept.
        edits = chooser.sample(SOURCE_EDITS, 2)
        if n > 1 and chooser.random() < 0.5:
            edits.append(chooser.choice(CODE_EDITS))
        for edit in edits:
            edit(root, package, n)
        build(root, BuildOptions())
        names = [edit.__name__ for edit in edits]
        expected = clean_build(root, tmp_path / f"clean-{n}")
        assert tree_digest(root / "site") == expected, f"seed {seed}, round {n}: {names}"
