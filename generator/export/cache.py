"""Built downloads kept in the build's store: a file is rebuilt only when its inputs change.

A key hashes everything a file's bytes depend on: the model slice it renders, the theme
files it uses, the print templates, pandoc's version (the binary may be the system's) and,
as every key in the store (generator/store.py), the fingerprint of the whole generator
package, the theme, mkdocs.yml and the tools' versions: a changed module anywhere means no
download made by the old code is served.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from generator.export import pandoc
from generator.store import Store, digest, files_digest
from generator.theme import current as current_theme

__all__ = ["THEMED", "OutputCache", "Stamps", "digest", "folder_digest", "toolchain"]

#: The store's space for downloads.
SPACE = "downloads"


def folder_digest(folder: Path) -> str:
    """SHA-256 over every file in a folder (names and contents), or "" when it is absent."""
    return files_digest(folder) if folder.is_dir() else ""


def toolchain() -> str:
    """What every output depends on besides its inputs and the store's fingerprint."""
    return digest(f"pandoc {pandoc.version()}")


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
    """Built files stored in the build's store under their key (with the code's fingerprint).

    Given a folder instead of a store (a test, a benchmark), it opens a store there."""

    def __init__(self, store: Store | Path) -> None:
        self.store = store if isinstance(store, Store) else Store.at(store)
        self.used: set[str] = set()

    def _key(self, key: str) -> str:
        return self.store.key("download", key)

    def get(self, key: str) -> bytes | None:
        """The cached bytes for a key, or None on a miss or an entry this machine did not seal."""
        self.used.add(self._key(key))
        return self.store.read(SPACE, self._key(key))

    def put(self, key: str, data: bytes) -> None:
        """Store bytes under a key; written atomically so a crash leaves no half file."""
        self.used.add(self._key(key))
        self.store.write(SPACE, self._key(key), data)

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
        return self.store.prune(SPACE, self.used)


#: The cache and stamps of the export running in this context, for `typeset_once`.
TYPESETTING: ContextVar[tuple[OutputCache, Stamps] | None] = ContextVar("typesetting", default=None)


@contextmanager
def typesetting(cache: OutputCache, stamps: Stamps) -> Iterator[None]:
    """Let the jobs of one export (threads started in this context) share typeset files."""
    token = TYPESETTING.set((cache, stamps))
    try:
        yield
    finally:
        TYPESETTING.reset(token)


def typeset_once(format: str, document: object, epoch: int, make: Callable[[], bytes]) -> bytes:
    """The file a typeset `document` makes, from the cache when the very same document was
    typeset before (with the same theme and tools): `make` runs only on a miss.

    A download's own key holds the whole model slice it is given, which may hold more than
    its document prints: an edition that moves a day changes the day a module's guide is
    given, but not one word of the guide. Keyed on the document, the guide is typeset once.
    The key holds the document's repr: every field, and each picture's digest."""
    running = TYPESETTING.get()
    if running is None:
        return make()
    cache, stamps = running
    theme = stamps.themes.get(format, "")
    key = digest("typeset", format, repr(document), str(epoch), theme, stamps.tools)
    return cache.fetch(key, make)[0]
