"""The checks that read one source alone, remembered between runs by the text they read.

Schema and content-policy checks look at one document at a time, and they are most of what
validation costs: on a large project, re-checking every file after an edit to one of them
made an edit cost as much as a cold build. Their results are a table in the build's store
(generator/store.py), keyed by the digest of the text the loader read and the checks then
checked (never a second reading of the file), by everything else they depend on (the facts,
the Markdown reader's settings) and, as every key in the store, by the code's fingerprint.
Checks across files (references, pictures, the programme's days) always run.
"""

from __future__ import annotations

from typing import Any

from generator.errors import Diagnostic
from generator.load.sources import SourceDocument
from generator.store import Store, digest


class CheckCache:
    """Diagnostics of single-file checks by document digest; saved only when it changed."""

    def __init__(self, store: Store, context: str) -> None:
        self.store = store
        self.context = context
        self.table = store.table("checks")

    def key(self, doc: SourceDocument) -> str:
        """What a document's results depend on: the text read (with its kind and place).

        "" for a document the loader did not read (it has no digest): it is always checked."""
        if not doc.text_digest:
            return ""
        return self.store.key("checks", self.context, doc.text_digest)

    def get(self, key: str) -> list[Diagnostic] | None:
        """The remembered diagnostics, or None when this version was never checked."""
        if not key:
            return None
        return self.table.get(key, _diagnostics)

    def put(self, key: str, diagnostics: list[Diagnostic]) -> None:
        """Remember a document's diagnostics."""
        if key:
            self.table.put(key, [d.as_dict() for d in diagnostics])

    def save(self) -> None:
        """Write the results still in use, when anything changed; a cache is never required."""
        self.table.save()


def _diagnostics(stored: Any) -> list[Diagnostic]:
    return [Diagnostic(**item) for item in stored]


def context_digest(*parts: object) -> str:
    """A digest of what every result depends on besides its file and the code: the inputs."""
    return digest(repr(parts))
