"""The gate's findings for each built file, remembered between builds by the file's bytes.

Material writes the whole navigation into every page, so reading every page again made the
gate the largest cost of a build after a one-page edit. A file's findings depend only on its
bytes, its place in the site (a script's address is read from the page's own folder), the
gate's code and theme/known-markup.yml, and the parsers' versions; the record is keyed by all
of them, so a changed byte in any built file means that file is read again. Nothing is
trusted from the build that made the file: the key is the digest of what is on disk now.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

from generator.theme import current as current_theme

#: The libraries whose reading of a file decides its findings.
PARSERS = ("selectolax", "lxml", "pypdf", "icalendar")
_CODE = Path(__file__).resolve().parent


class GateMemo:
    """Findings by (place, digest of bytes); written back only when something changed."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.context = context_digest()
        self.entries: dict[str, list[str]] = {}
        self.used: set[str] = set()
        self.changed = False
        self.ahead: dict[str, str] = {}
        if path is not None and path.is_file():
            try:
                stored = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                stored = {}
            if isinstance(stored, dict) and stored.get("context") == self.context:
                entries = stored.get("entries")
                self.entries = entries if isinstance(entries, dict) else {}

    def look_ahead(self, files: list[tuple[str, Path]]) -> None:
        """Digest the files in threads (reading and hashing let other threads run), so that
        an unchanged file is not read again by `file_findings`. Only worth it with a record."""
        if self.path is None or not self.entries:
            return
        with ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 1))) as pool:
            keys = pool.map(lambda item: _key(item[0], item[1].read_bytes()), files)
            self.ahead = dict(zip((rel for rel, _ in files), keys, strict=True))

    def file_findings(self, rel: str, path: Path, check: Callable[[bytes], list[str]]) -> list[str]:
        """Findings in a built file, read again only when its digest is not remembered."""
        key = self.ahead.get(rel)
        if key is not None and self._known(key) is not None:
            return self.findings(rel, b"", check, key)
        return self.findings(rel, path.read_bytes(), check)

    def findings(
        self, rel: str, data: bytes, check: Callable[[bytes], list[str]], key: str = ""
    ) -> list[str]:
        """`check(data)`, or the findings it gave before for exactly these bytes here.

        `key` is the digest of the bytes when the caller has it (and passes no bytes)."""
        if self.path is None:
            return check(data)
        key = key or _key(rel, data)
        self.used.add(key)
        found = self._known(key)
        if found is not None:
            return found
        found = check(data)
        self.entries[key] = list(found)
        self.changed = True
        return found

    def _known(self, key: str) -> list[str] | None:
        found = self.entries.get(key)
        if isinstance(found, list) and all(isinstance(item, str) for item in found):
            return list(found)
        return None

    def save(self) -> None:
        """Keep the findings of the files seen this time; a record is never required."""
        if self.path is None or (not self.changed and set(self.entries) <= self.used):
            return
        kept = {key: value for key, value in self.entries.items() if key in self.used}
        partial = self.path.with_suffix(".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_text(
                json.dumps({"context": self.context, "entries": kept}, sort_keys=True),
                encoding="utf-8",
            )
            partial.replace(self.path)
        except OSError:
            partial.unlink(missing_ok=True)


def _key(rel: str, data: bytes) -> str:
    """The record's key for a file's bytes at a place in the site."""
    hasher = hashlib.blake2b(rel.encode() + b"\0", digest_size=32)
    hasher.update(data)
    return hasher.hexdigest()


def context_digest() -> str:
    """What every file's findings depend on besides the file: the gate's code and lists."""
    hasher = hashlib.sha256()
    for package in PARSERS:
        try:
            hasher.update(f"{package}={metadata.version(package)}\n".encode())
        except metadata.PackageNotFoundError:
            hasher.update(f"{package}=absent\n".encode())
    for path in [*sorted(_CODE.glob("*.py")), current_theme().known_markup]:
        hasher.update(path.name.encode() + b"\0" + path.read_bytes())
    return hasher.hexdigest()
