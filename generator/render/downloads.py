"""The downloads the pages link to, looked up by source or kind from the manifest.

A link to a download says what the file is, whose it is, its format and its size, so it
makes sense on its own, as screen readers list links: "Facilitator guide: Forming lines of
enquiry (PDF, 120 KB)". The manifest's title gives the first half, the rest is added here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: Each format as readers know it.
FORMAT_NAMES = {
    "pdf": "PDF",
    "docx": "Word",
    "xlsx": "Excel",
    "pptx": "PowerPoint",
    "zip": "ZIP",
    "ics": "iCalendar",
}


def size_text(size: int) -> str:
    """A file size as people read it: 950 bytes, 85 KB, 1.4 MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def link_text(entry: Any) -> str:
    """A download's link text: its title, then its format and size in brackets."""
    format = FORMAT_NAMES.get(entry.format, entry.format.upper())
    return f"{entry.title} ({format}, {size_text(entry.bytes)})"


@dataclass(frozen=True)
class DownloadList:
    """Manifest entries as the page templates ask for them."""

    entries: tuple[Any, ...] = ()
    #: How many files this build made rather than reused; no page shows it.
    built: int = field(default=0, compare=False, metadata={"digest": False})
    #: Kind -> scope, from the registry of outputs the downloads were made from.
    scopes: Mapping[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def for_source(self, source: str) -> list[Any]:
        """Downloads made from one framework, module, training day or the handbook."""
        return [entry for entry in self.entries if entry.source == source]

    def for_sources(self, sources: Iterable[str]) -> list[Any]:
        """Downloads made from any of several sources, in the order the sources are given."""
        return [entry for source in sources for entry in self.for_source(source)]

    def for_scope(self, scope: str) -> list[Any]:
        """Downloads made from one scope of the registry of outputs, such as "programme"."""
        return [entry for entry in self.entries if self.scopes.get(entry.kind) == scope]
