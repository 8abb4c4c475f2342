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
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

#: The libraries whose reading of a file decides its findings.
PARSERS = ("selectolax", "lxml", "pypdf", "icalendar")
_CODE = Path(__file__).resolve().parent
KNOWN = _CODE.parents[1] / "theme" / "known-markup.yml"


class GateMemo:
    """Findings by (place, digest of bytes); written back only when something changed."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.context = context_digest()
        self.entries: dict[str, list[str]] = {}
        self.used: set[str] = set()
        self.changed = False
        if path is not None and path.is_file():
            try:
                stored = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                stored = {}
            if isinstance(stored, dict) and stored.get("context") == self.context:
                entries = stored.get("entries")
                self.entries = entries if isinstance(entries, dict) else {}

    def findings(self, rel: str, data: bytes, check: Callable[[bytes], list[str]]) -> list[str]:
        """`check(data)`, or the findings it gave before for exactly these bytes here."""
        if self.path is None:
            return check(data)
        hasher = hashlib.blake2b(rel.encode() + b"\0", digest_size=32)
        hasher.update(data)
        key = hasher.hexdigest()
        self.used.add(key)
        found = self.entries.get(key)
        if isinstance(found, list) and all(isinstance(item, str) for item in found):
            return list(found)
        found = check(data)
        self.entries[key] = list(found)
        self.changed = True
        return found

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


def context_digest() -> str:
    """What every file's findings depend on besides the file: the gate's code and lists."""
    hasher = hashlib.sha256()
    for package in PARSERS:
        try:
            hasher.update(f"{package}={metadata.version(package)}\n".encode())
        except metadata.PackageNotFoundError:
            hasher.update(f"{package}=absent\n".encode())
    for path in [*sorted(_CODE.glob("*.py")), KNOWN]:
        hasher.update(path.name.encode() + b"\0" + path.read_bytes())
    return hasher.hexdigest()
