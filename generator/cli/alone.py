"""One source given as text and built alone, up to its model, by the build loop.

`handbook diff` compares a framework with the same file at a git revision (cli/versions.py).
That file has no project around it, so the loop's load, check and model phases read it
instead of the project: the load phase parses the text as its kind reads a file, the check
phase checks its schema and the kind's checks that need nothing else, and the model phase
gives the kind's model of that one document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.check.crossref import Checker
from generator.check.validate import check_alone
from generator.errors import Diagnostic
from generator.kinds.registry import Kinds, SourceKind
from generator.load.sources import Corpus, SourceDocument, read_text_source


@dataclass(frozen=True)
class Alone:
    """The one source: its kind, the name its problems give it, its text, the kind's own
    checks of a document alone, and the function that models it."""

    kind: SourceKind
    rel: str
    text: str
    own_checks: Callable[[Checker], None] | None
    model: Callable[[SourceDocument], Any]

    def load(self, root: Path) -> Corpus[Kinds]:
        """The load phase: a corpus of this one document (none when it does not parse)."""
        loaded = read_text_source(self.kind, self.rel, self.text)
        corpus = Corpus(root=root, kinds=Kinds((self.kind,)))
        corpus.documents.extend([loaded.document] if loaded.document is not None else [])
        corpus.diagnostics.extend(loaded.diagnostics)
        return corpus

    def check(self, corpus: Corpus[Kinds]) -> list[Diagnostic]:
        """The check phase: what reading found, then the document's own problems."""
        found = list(corpus.diagnostics)
        for doc in corpus.documents:
            found.extend(check_alone(doc, self.own_checks))
        return found

    def build(self, corpus: Corpus[Kinds]) -> Any:
        """The model phase: the kind's model of the document."""
        return self.model(corpus.documents[0])
