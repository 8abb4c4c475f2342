"""The checks that read one source alone, remembered between runs by the text they read.

Schema and content-policy checks look at one document at a time, and they are most of what
validation costs: on a large project, re-checking every file after an edit to one of them
made an edit cost as much as a cold build. Their results are a table in the build's store
(generator/store.py), keyed by the digest of the text the loader read and the checks then
checked (never a second reading of the file), by everything else they depend on (the facts,
the Markdown reader's settings) and, as every key in the store, by the code's fingerprint.
Checks across files (references, pictures, the programme's days) always run. When many
documents are new to the table, forked copies of the process share them (generator/forked.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from generator.errors import Diagnostic
from generator.forked import forked_map
from generator.load.sources import SourceDocument
from generator.store import Store, digest

#: One document's problems.
Problems = list[Diagnostic]
#: Below this many documents to check, forked copies cost more than they save.
FEWEST_FORKED = 48


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

    def problems(
        self, documents: Sequence[SourceDocument], check: Callable[[SourceDocument], Problems]
    ) -> list[Problems]:
        """Each document's problems: remembered, or found by `check` and remembered. `check`
        reads nothing but its document and what every document shares, so when at least
        `FEWEST_FORKED` documents are new they are shared among forked copies."""
        keys = [self.key(doc) for doc in documents]
        known = [self.get(key) for key in keys]
        new = [doc for doc, found in zip(documents, known, strict=True) if found is None]
        fresh = iter(forked_map(check, new, FEWEST_FORKED))
        every: list[Problems] = []
        for key, found in zip(keys, known, strict=True):
            if found is None:
                found = next(fresh)
                self.put(key, found)
            every.append(found)
        return every

    def save(self) -> None:
        """Write the results still in use, when anything changed; a cache is never required."""
        self.table.save()


def _diagnostics(stored: Any) -> list[Diagnostic]:
    return [Diagnostic(**item) for item in stored]


def context_digest(*parts: object) -> str:
    """A digest of what every result depends on besides its file and the code: the inputs."""
    return digest(repr(parts))
