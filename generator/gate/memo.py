"""The gate's findings for each built file, remembered between builds by the file's bytes.

Material writes the whole navigation into every page, so reading every page again made the
gate the largest cost of a build after a one-page edit. A file's findings depend only on its
bytes, its place in the site (a script's address is read from the page's own folder), the
gate's code and theme/known-markup.yml (both in the store's code fingerprint) and the
parsers' versions; the findings are a table in the build's store (generator/store.py) keyed
by all of them, so a changed byte in any built file means that file is read again. Nothing
is trusted from the build that made the file: the key is the digest of what is on disk now.
Pages not remembered are read ahead by forked copies when there are many (generator/forked.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from generator.forked import forked_map
from generator.store import FileDigests, Store, Table, digest
from generator.theme import current as current_theme

#: Below this many pages to read, forked copies cost more than they save.
FEWEST_FORKED = 48


class GateMemo:
    """Findings by (place, digest of bytes); written back only when something changed."""

    def __init__(self, store: Store | None, digests: FileDigests | None = None) -> None:
        self.store = store
        self.digests = digests
        self.table: Table | None = store.table("gate") if store is not None else None
        self.context = digest(current_theme().known_markup.read_bytes()) if store else ""
        self.ahead: dict[str, str] = {}
        #: Findings read ahead of the gate's loop by forked copies: (key, findings) by file.
        self.read_ahead: dict[str, tuple[str, list[str]]] = {}

    def look_ahead(self, files: list[tuple[str, Path]]) -> None:
        """Digest the files in threads (reading and hashing let other threads run), so that
        an unchanged file is not read again by `file_findings`. Only worth it with a record."""
        if self.table is None or not self.table.rows:
            return
        if self.digests is not None:
            of = self.digests.of
            self.ahead = {rel: self._key_of(rel, of(path)) for rel, path in files}
            return
        with ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 1))) as pool:
            keys = pool.map(lambda item: self._key(item[0], item[1].read_bytes()), files)
            self.ahead = dict(zip((rel for rel, _ in files), keys, strict=True))

    def read_in_copies(
        self, files: list[tuple[str, Path]], checker: Callable[[str], Callable[[bytes], list[str]]]
    ) -> None:
        """Read `files` (those not remembered) with `checker(rel)` in forked copies now, so
        that `file_findings` finds their findings ready; most of a cold gate is its pages."""
        new = [(rel, path) for rel, path in files if not self._remembered(rel)]

        def read(item: tuple[str, Path]) -> tuple[str, list[str]]:
            rel, path = item
            data = path.read_bytes()
            return self._key(rel, data) if self.store else "", checker(rel)(data)

        found = forked_map(read, new, FEWEST_FORKED)
        self.read_ahead = {rel: each for (rel, _), each in zip(new, found, strict=True)}

    def _remembered(self, rel: str) -> bool:
        key = self.ahead.get(rel)
        return key is not None and self.table is not None and key in self.table.rows

    def file_findings(self, rel: str, path: Path, check: Callable[[bytes], list[str]]) -> list[str]:
        """Findings in a built file, read again only when its digest is not remembered."""
        if rel in self.read_ahead:
            key_read, read = self.read_ahead.pop(rel)
            if self.table is not None:
                self.table.put(key_read, list(read))
            return read
        if self._remembered(rel):
            assert self.table is not None
            found = self.table.get(self.ahead[rel], _findings)
            if found is not None:
                return found
        return self.findings(rel, path.read_bytes(), check)

    def findings(
        self, rel: str, data: bytes, check: Callable[[bytes], list[str]], key: str = ""
    ) -> list[str]:
        """`check(data)`, or the findings it gave before for exactly these bytes here."""
        if self.table is None:
            return check(data)
        key = key or self._key(rel, data)
        found = self.table.get(key, _findings)
        if found is not None:
            return found
        found = check(data)
        self.table.put(key, list(found))
        return found

    def _key(self, rel: str, data: bytes) -> str:
        return self._key_of(rel, digest(data))

    def _key_of(self, rel: str, data_digest: str) -> str:
        assert self.store is not None
        return self.store.key("gate", self.context, rel, data_digest)

    def save(self) -> None:
        """Keep the findings of the files seen this time; a record is never required."""
        if self.table is not None:
            self.table.save()


def _findings(stored: Any) -> list[str]:
    if not isinstance(stored, list) or not all(isinstance(item, str) for item in stored):
        raise TypeError("findings are a list of strings")
    return list(stored)
