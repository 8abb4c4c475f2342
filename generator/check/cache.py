"""The checks that read one source alone, remembered between runs by the file's digest.

Schema and content-policy checks look at one document at a time, and they are most of what
validation costs: on a large project, re-checking every file after an edit to one of them
made an edit cost as much as a cold build. Their results are kept in build/cache/checks.json,
keyed by the file's bytes and everything else they depend on (the facts, the Markdown
reader's settings, the generator's own code), so an unchanged file is not checked again.
Checks across files (references, pictures, the programme's days) always run.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import cerberus

from generator.errors import Diagnostic
from generator.load.fingerprint import CODE
from generator.load.sources import SourceDocument

FILE = Path("build") / "cache" / "checks.json"


class CheckCache:
    """Diagnostics of single-file checks by document digest; saved only when it changed."""

    def __init__(self, root: Path, context: str) -> None:
        self.path = root / FILE
        self.context = context
        self.entries: dict[str, list[dict[str, Any]]] = {}
        self.used: set[str] = set()
        self.changed = False
        if self.path.is_file():
            try:
                stored = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                stored = {}
            if stored.get("context") == context:
                self.entries = stored.get("entries", {})

    def key(self, doc: SourceDocument) -> str:
        """What a document's results depend on: its kind, place and bytes."""
        return hashlib.sha256(
            f"{doc.kind}\0{doc.rel}\0".encode() + doc.path.read_bytes()
        ).hexdigest()

    def get(self, key: str) -> list[Diagnostic] | None:
        """The remembered diagnostics, or None when this version was never checked."""
        self.used.add(key)
        stored = self.entries.get(key)
        return None if stored is None else [Diagnostic(**item) for item in stored]

    def put(self, key: str, diagnostics: list[Diagnostic]) -> None:
        """Remember a document's diagnostics."""
        self.entries[key] = [d.as_dict() for d in diagnostics]
        self.changed = True

    def save(self) -> None:
        """Write the results still in use, when anything changed; a cache is never required."""
        if not self.changed and set(self.entries) <= self.used:
            return
        kept = {key: value for key, value in self.entries.items() if key in self.used}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps({"context": self.context, "entries": kept}, sort_keys=True)
            self.path.write_text(text, encoding="utf-8")
        except OSError:
            pass


def context_digest(*parts: object) -> str:
    """A digest of what every result depends on besides its file: our code and the inputs."""
    hasher = hashlib.sha256(cerberus.__version__.encode())
    for path in sorted(CODE.rglob("*.py")):
        hasher.update(path.read_bytes())
    hasher.update(repr(parts).encode())
    return hasher.hexdigest()
