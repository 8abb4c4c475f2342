"""Every module, folder and name the documents point to exists: a rename that forgets a
document fails here, not in the hands of the next reader."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest
from conftest import REPO

DOCUMENTS = sorted([REPO / "README.md", *(REPO / "docs").glob("*.md")])
#: A path in the repository: generator/…, tests/…, bench/…, theme/…
PATH = re.compile(r"\b((?:generator|tests|bench)/[\w./-]*\w)")
#: A module's constant in a code span, such as `catalogue.KINDS`.
CONSTANT = re.compile(r"`(?:generator\.)?([a-z_]+)\.([A-Z][A-Z0-9_]+)`")
#: A class's attribute or method in a code span, such as `Store.key` or `Kinds.adding(...)`.
ATTRIBUTE = re.compile(r"`([A-Z][a-z]+(?:[A-Z][a-z]+)*)\.([a-z_]\w*)(?:\(|`)")
#: Files a document tells the reader to write (its worked examples).
EXAMPLES = {"generator/kinds/case_study.py"}


@cache
def modules() -> dict[str, list[Path]]:
    """Each module of the generator by its short name (`cli/build.py` is `build`)."""
    found: dict[str, list[Path]] = {}
    for path in (REPO / "generator").rglob("*.py"):
        name = path.parent.name if path.name == "__init__.py" else path.stem
        found.setdefault(name, []).append(path)
    return found


@cache
def names_in(path: Path) -> frozenset[str]:
    """The names a module defines at its top level, and the attributes of its classes."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.ImportFrom | ast.Import):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    if path.name == "__init__.py":
        names.update(p.stem for p in path.parent.glob("*.py"))
        names.update(p.name for p in path.parent.iterdir() if p.is_dir())
    return frozenset(names)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_every_path_a_document_names_exists(document: Path) -> None:
    text = document.read_text(encoding="utf-8")
    missing = [
        path
        for path in sorted(set(PATH.findall(text)))
        if "*" not in path and path not in EXAMPLES and not (REPO / path).exists()
    ]
    assert missing == [], f"{document.name} names what is not there"


@cache
def classes() -> dict[str, set[str]]:
    """Each class of the generator by name, with what it defines in its body."""
    found: dict[str, set[str]] = {}
    for path in (REPO / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                body = found.setdefault(node.name, set())
                for item in node.body:
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                        body.add(item.name)
                    elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                        body.add(item.target.id)
                    elif isinstance(item, ast.Assign):
                        body.update(t.id for t in item.targets if isinstance(t, ast.Name))
    return found


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_every_constant_and_attribute_a_document_names_exists(document: Path) -> None:
    text = document.read_text(encoding="utf-8")
    missing = [
        f"{module}.{name}"
        for module, name in sorted(set(CONSTANT.findall(text)))
        if module in modules() and not any(name in names_in(p) for p in modules()[module])
    ]
    missing += [
        f"{cls}.{name}"
        for cls, name in sorted(set(ATTRIBUTE.findall(text)))
        if cls in classes() and name not in classes()[cls]
    ]
    assert missing == [], f"{document.name} names what is not there"
