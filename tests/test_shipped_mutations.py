"""Breaking any shipped source in the usual ways gives exit 1 and points at the right line."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO

from generator.cli.main import main

SHIPPED = sorted(
    p.relative_to(REPO).as_posix()
    for p in [
        *REPO.glob("frameworks/*.yml"),
        *REPO.glob("content/**/*.yml"),
        *REPO.glob("content/handbook/**/*.md"),
    ]
)


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped sources, validated once, so its build/ holds what was checked."""
    root = tmp_path_factory.mktemp("checked") / "copy"
    for name in ("content", "frameworks"):
        shutil.copytree(REPO / name, root / name)
    assert main(["--root", str(root), "validate"]) == 0
    return root


def copy_project(checked: Path, tmp_path: Path) -> Path:
    """A copy of the validated sources with their caches: only the mutated file is re-read."""
    root = tmp_path / "copy"
    shutil.copytree(checked, root)
    return root


KEY_LINE = re.compile(r"^(\s*(?:- )?)([a-z_]+): \S")


def second_key_line(lines: list[str]) -> int:
    """The index of the second `key: value` line, at any depth (not a list item's first key)."""
    keys = [
        i for i, line in enumerate(lines) if (m := KEY_LINE.match(line)) and "- " not in m.group(1)
    ]
    return keys[1]


def add_tab(lines: list[str]) -> tuple[int, int]:
    at = next(i for i, line in enumerate(lines) if line.startswith("  ") and line.strip())
    lines[at] = "\t" + lines[at][2:]
    return at + 1, 1


def duplicate_key(lines: list[str]) -> tuple[int, int]:
    at = second_key_line(lines)
    lines.insert(at + 1, lines[at])
    return at + 2, len(lines[at]) - len(lines[at].lstrip()) + 1


def misspell_key(lines: list[str]) -> tuple[int, int]:
    at = second_key_line(lines)
    indent = len(lines[at]) - len(lines[at].lstrip())
    lines[at] = lines[at][:indent] + "x" + lines[at][indent:]
    return at + 1, indent + 1


def break_syntax(lines: list[str]) -> tuple[int, int]:
    at = second_key_line(lines)
    key, _, value = lines[at].partition(": ")
    word = value.split()[0].strip("'\">|") or "a"
    lines[at] = f"{key}: {word}: broken"
    return at + 1, lines[at].index(": broken") + 1


MUTATIONS: dict[str, Callable[[list[str]], tuple[int, int]]] = {
    "tab": add_tab,
    "duplicate-key": duplicate_key,
    "unknown-key": misspell_key,
    "syntax": break_syntax,
}


@pytest.mark.parametrize("rel", SHIPPED)
@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_mutated_shipped_file_is_reported_at_its_line(
    checked: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], rel: str, mutation: str
) -> None:
    root = copy_project(checked, tmp_path)
    path = root / rel
    lines = path.read_text(encoding="utf-8").splitlines()
    offset = 0
    if rel.endswith(".md"):
        end = lines.index("---", 1)
        front, rest = lines[1:end], lines[end:]
        line, column = MUTATIONS[mutation](front)
        lines, offset = ["---", *front, *rest], 1
    else:
        line, column = MUTATIONS[mutation](lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["--root", str(root), "validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{rel}:{line + offset}:{column}: error:" in out, out
