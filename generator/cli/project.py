"""The pipeline's front half: find the project, load it, validate it, build the model."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.check.validate import validate_corpus
from generator.errors import Diagnostic, UsageError, ValidationFailed, failed
from generator.kinds import catalogue
from generator.load.sources import Corpus, ParseCache, load_corpus
from generator.model.build import build_handbook
from generator.model.objects import Handbook
from generator.store import Store
from generator.theme import of_project, using

MARKER = Path("content") / "programme.yml"


def find_root(start: Path) -> Path:
    """The project folder: the nearest folder at or above `start` holding content/programme.yml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / MARKER).is_file():
            return folder
    raise UsageError(f"no handbook project found at or above {start} (looked for {MARKER})")


def project_root(args: argparse.Namespace) -> Path:
    """The project folder named by --root, or found from the working folder."""
    return find_root(args.root or Path.cwd())


def check(
    root: Path, parsed: ParseCache | None = None, store: Store | None = None
) -> tuple[Corpus, list[Diagnostic]]:
    """Load and validate a project, returning every diagnostic found.

    `parsed` remembers files read before (a live preview passes the same one to every
    rebuild); without it every file is read. The kinds are the shipped catalogue's. `store`
    is the build's cache (generator/store.py); without one the project's is opened.
    """
    with using(of_project(root)):
        corpus = load_corpus(root, catalogue.KINDS, parsed)
        return corpus, validate_corpus(corpus, store)


def read_handbook(
    root: Path,
    strict: bool = False,
    parsed: ParseCache | None = None,
    store: Store | None = None,
) -> tuple[Handbook, list[Diagnostic]]:
    """The model of a valid project, with its warnings.

    Raises ValidationFailed on any error, and with `strict` on any warning too.
    """
    corpus, diagnostics = check(root, parsed, store)
    if failed(diagnostics, strict):
        raise ValidationFailed(diagnostics, strict)
    with using(of_project(root)):
        return build_handbook(corpus.documents, corpus.kinds), diagnostics


def programme_vocabularies(root: Path) -> dict[str, list[str]]:
    """The ids the JSON Schemas offer: each vocabulary's, and the project's own ids.

    For `handbook schema` and the build: the schemas offer the current ids even while other
    sources hold errors (a vocabulary that cannot be read is left open).
    """
    from generator.check.completion import completion_ids

    corpus = load_corpus(root, catalogue.KINDS)
    programme = next((d for d in corpus.documents if d.kind == "programme"), None)
    lists = (
        programme.data.get("vocabularies")
        if programme and isinstance(programme.data, dict)
        else None
    )
    vocabularies = {
        name: [t["id"] for t in terms if isinstance(t, dict) and "id" in t]
        for name, terms in (lists.items() if isinstance(lists, dict) else ())
        if isinstance(terms, list)
    }
    return {**completion_ids(corpus), **vocabularies}
