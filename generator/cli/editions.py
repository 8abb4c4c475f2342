"""Partnership editions: each one read, laid over the core and checked, and listed for CI.

An edition is editions/<id>/ (generator/load/editions.py). The core is read once; each
edition's corpus is the core's with the edition laid over it, and goes through every check
the core does, its problems named at edition.yml's lines where the edition set the value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator.check.editions import check_edition
from generator.check.validate import validate_corpus
from generator.errors import Diagnostic, UsageError
from generator.kinds import catalogue
from generator.kinds.edition import KIND as EDITION
from generator.load.editions import (
    EditionFolder,
    Layered,
    edition_named,
    find_editions,
    layer,
    read_content,
    read_settings,
)
from generator.load.sources import Corpus, ParseCache, load_corpus
from generator.store import Store
from generator.theme import of_project, using


@dataclass(frozen=True)
class EditionCorpus:
    """An edition laid over the core, or only the problems that kept it from being laid."""

    edition: EditionFolder
    corpus: Corpus[Any] | None
    layered: Layered | None
    problems: list[Diagnostic]


def named_edition(root: Path, edition_id: str) -> EditionFolder:
    """The edition with this id, or a usage error listing those there are."""
    found = edition_named(root, edition_id)
    if found is None:
        there = ", ".join(e.id for e in find_editions(root)) or "none"
        raise UsageError(f"no edition '{edition_id}' in editions/ (there are: {there})")
    return found


def edition_corpus(
    root: Path,
    edition: EditionFolder,
    kinds: Any = None,
    parsed: ParseCache | None = None,
    core: Corpus[Any] | None = None,
) -> EditionCorpus:
    """The corpus an edition publishes, after the checks only an edition can fail."""
    kinds = kinds or catalogue.KINDS
    core = core or load_corpus(root, kinds, parsed)
    settings = read_settings(root, edition, EDITION, parsed)
    own = read_content(root, edition, kinds, parsed)
    if settings.document is None:
        return EditionCorpus(edition, None, None, [*settings.diagnostics, *own.diagnostics])
    problems = [
        *settings.diagnostics,
        *check_edition(settings.document, core.documents, own.documents),
    ]
    if any(p.severity == "error" for p in problems):
        return EditionCorpus(edition, None, None, [*problems, *own.diagnostics])
    corpus, layered = layer(core, settings.document, own)
    return EditionCorpus(edition, corpus, layered, problems)


def check_one(
    root: Path, edition: EditionFolder, store: Store | None = None, core: Corpus[Any] | None = None
) -> tuple[EditionCorpus, list[Diagnostic]]:
    """An edition's corpus and every problem it has, each at the file that holds the value."""
    with using(of_project(root)):
        found = edition_corpus(root, edition, core=core)
        if found.corpus is None or found.layered is None:
            return found, sorted(set(found.problems))
        checked = validate_corpus(found.corpus, store)
        moved = [found.layered.diagnostic(d) for d in checked]
        return found, sorted(set(found.problems + moved))


def check_editions(
    root: Path, core: Corpus[Any], core_found: list[Diagnostic], store: Store | None = None
) -> list[Diagnostic]:
    """The problems every edition adds to the core's: new ones only, each saying its edition.

    A problem the core has already is reported once, by the core; one that only an edition
    causes in a core file (a module too long for a day whose times it changed) says which.
    """
    known = set(core_found)
    added: list[Diagnostic] = []
    for edition in find_editions(root):
        _, found = check_one(root, edition, store, core)
        for problem in found:
            if problem in known:
                continue
            if not problem.path.startswith(edition.rel + "/"):
                problem = replace(problem, message=f"{problem.message} (in edition '{edition.id}')")
            added.append(problem)
    return sorted(set(added))


def listing(root: Path) -> list[dict[str, str]]:
    """Each edition's id, title and path on the published site, for CI's matrix."""
    found = []
    for edition in find_editions(root):
        settings = read_settings(root, edition, EDITION).document
        title = settings.data.get("title") if settings and isinstance(settings.data, dict) else None
        found.append(
            {"id": edition.id, "title": str(title or edition.id), "path": f"{edition.id}/"}
        )
    return found


def as_text(editions: list[dict[str, str]]) -> str:
    """The listing as lines of `id  path  title`."""
    if not editions:
        return "No editions: the project publishes the core only (add editions/<id>/edition.yml)."
    width = max(len(e["id"]) for e in editions)
    return "\n".join(
        f"{e['id']:<{width}}  {e['path']:<{width + 1}}  {e['title']}" for e in editions
    )


def as_json(editions: list[dict[str, str]]) -> str:
    """The listing as a JSON array, the form a workflow's matrix reads."""
    return json.dumps(editions, ensure_ascii=False)
