"""A fingerprint of everything a build reads, so an unchanged project is not built twice."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

from generator.theme import of_project

#: The project's folders and files whose every byte can change the output.
INPUTS = ("content", "frameworks", "docs", "mkdocs.yml")
#: The code that turns them into a site: this package (the look is the project's theme).
CODE = Path(__file__).resolve().parents[1]
PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "zensical",
    "pymdown-extensions",
    "pypandoc-binary",
    "typst",
    "python-docx",
    "openpyxl",
    "Jinja2",
)
STATE = "state.json"


def fingerprint(root: Path, settings: Mapping[str, object]) -> str:
    """A hash of every input file, the tool versions and the build settings."""
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode())
    for package in PACKAGES:
        digest.update(f"{package}={_version(package)}\n".encode())
    for path in [*(root / name for name in INPUTS), CODE, of_project(root).folder]:
        for file in _files(path):
            digest.update(file.as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        return []
    return sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def unchanged(work: Path, out: Path, print_: str) -> bool:
    """True when `out` holds the result of a build with this same fingerprint."""
    state = work / STATE
    if not out.is_dir() or not state.is_file():
        return False
    recorded = json.loads(state.read_text(encoding="utf-8"))
    return bool(recorded.get(str(out)) == print_)


def record(work: Path, out: Path, print_: str) -> None:
    """Remember that `out` now holds the build with this fingerprint."""
    state = work / STATE
    recorded = json.loads(state.read_text(encoding="utf-8")) if state.is_file() else {}
    recorded[str(out)] = print_
    state.write_text(json.dumps(recorded, indent=2, sort_keys=True), encoding="utf-8")
