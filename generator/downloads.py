"""The downloads the pages link to, looked up by source or kind from the manifest."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any


class DownloadList:
    """Manifest entries as the page templates ask for them."""

    def __init__(self, entries: Sequence[Any], built: int = 0) -> None:
        self.entries = tuple(entries)
        self.built = built

    def __bool__(self) -> bool:
        return bool(self.entries)

    def for_source(self, source: str) -> list[Any]:
        """Downloads made from one framework, module, training day or the handbook."""
        return [entry for entry in self.entries if entry.source == source]

    def for_sources(self, sources: Iterable[str]) -> list[Any]:
        """Downloads made from any of several sources, in the order the sources are given."""
        return [entry for source in sources for entry in self.for_source(source)]

    def for_kind(self, kind: str) -> list[Any]:
        """Downloads of one kind, such as every handbook file."""
        return [entry for entry in self.entries if entry.kind == kind]
