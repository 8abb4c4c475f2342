"""Content-hash cache of built downloads: a file is rebuilt only when its inputs change.

A key hashes everything a file's bytes depend on: the model slice it renders, the theme files
it uses, the versions of pandoc, Typst, python-docx and openpyxl, and this package's own
source and the vocabulary labels it prints (a changed exporter must not serve old output).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from generator.export import pandoc, typst_pdf
from generator.theme import current as current_theme

PACKAGE = Path(__file__).resolve().parent


def digest(*parts: str | bytes) -> str:
    """SHA-256 of the parts, each length-prefixed so ("ab", "c") differs from ("a", "bc")."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def folder_digest(folder: Path) -> str:
    """SHA-256 over every file in a folder (names and contents), or "" when it is absent."""
    if not folder.is_dir():
        return ""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return digest(*(x for p in files for x in (p.relative_to(folder).as_posix(), p.read_bytes())))


def toolchain() -> str:
    """What every output depends on besides its own inputs: tools and exporter source."""
    versions = [
        f"pandoc {pandoc.version()}",
        f"typst {typst_pdf.version()}",
        f"python-docx {metadata.version('python-docx')}",
        f"openpyxl {metadata.version('openpyxl')}",
    ]
    # The labels readers see are in the model slices; clock times, dates and calendar wording
    # come from the modules that running orders and calendars use, and print Markdown from
    # the filters it shares with the site (the print templates are the theme's: see Stamps).
    shared = ("model/timetable.py", "model/schoolyear.py", "model/calendar.py", "render/filters.py")
    wording = b"".join((PACKAGE.parent / name).read_bytes() for name in shared)
    return digest(*versions, folder_digest(PACKAGE), wording)


def print_templates_digest(templates: Path) -> str:
    """The templates print Markdown is written by, and the site's macros they import."""
    macros = templates / "_macros.md.j2"
    shared = macros.read_bytes() if macros.is_file() else b""
    return digest(folder_digest(templates / "print"), shared)


#: The formats a theme folder styles, so a change to that folder rebuilds their files.
THEMED = ("pdf", "docx", "pptx")


@dataclass(frozen=True)
class Stamps:
    """What many cache keys share, read once per export: theme digests and the toolchain."""

    themes: Mapping[str, str]
    tools: str

    @classmethod
    def now(cls) -> Stamps:
        """The current theme's folders (by the format they style) and toolchain, as they are."""
        theme = current_theme()
        folders = dict(zip(THEMED, (theme.pdf, theme.word, theme.pptx), strict=True))
        tools = digest(toolchain(), print_templates_digest(theme.templates))
        return cls({f: folder_digest(p) for f, p in folders.items()}, tools)


class OutputCache:
    """Built files stored under their key in a folder that survives between builds."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> bytes | None:
        """The cached bytes for a key, or None on a miss."""
        self.used.add(key)
        path = self._path(key)
        return path.read_bytes() if path.is_file() else None

    def put(self, key: str, data: bytes) -> None:
        """Store bytes under a key; written atomically so a crash leaves no half file."""
        self.used.add(key)
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)

    def fetch(self, key: str, build: Callable[[], bytes]) -> tuple[bytes, int]:
        """The bytes for a key, built and stored on a miss; and 1 if built, 0 if reused."""
        cached = self.get(key)
        if cached is not None:
            return cached, 0
        data = build()
        self.put(key, data)
        return data, 1

    def prune(self) -> int:
        """Delete entries this run did not use, so the cache does not grow without bound."""
        removed = 0
        for path in self.folder.glob("??/*"):
            if path.is_file() and path.name not in self.used:
                path.unlink()
                removed += 1
        return removed
