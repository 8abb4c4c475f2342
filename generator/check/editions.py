"""Stage 2, check: what only an edition can get wrong, before it is laid over the core.

The layered corpus then goes through every check of the core (generator/check/validate.py),
so an edition's dates, venues and facts are checked as it publishes them. Here: edition.yml
against its schema, overrides of ids the core does not have (with the nearest id as a hint),
the same id overridden twice, and sources of its own that replace a core source of another
kind or try to replace the programme's settings.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from generator.check.validate import check_schema
from generator.errors import Diagnostic
from generator.load.editions import BY_ID, SETTINGS
from generator.load.sources import SourceDocument


def check_edition(
    settings: SourceDocument, core: Iterable[SourceDocument], own: Iterable[SourceDocument]
) -> list[Diagnostic]:
    """Every problem edition.yml and the edition's own sources have against the core."""
    core = list(core)
    found = check_schema(settings)
    programme = next((doc for doc in core if doc.kind == "programme"), None)
    if programme is not None and isinstance(settings.data, dict):
        found += list(_unknown_ids(settings, programme.data))
    found += list(_replacements(core, own))
    found += list(_reserved(settings))
    return found


#: The top-level folders of every built site (its sections, the engines' assets and search,
#: the pictures); an edition is published at <site>/<id>/, so its id must be none of them.
#: tests/test_editions.py compares this with a built site's own top level.
CORE_FOLDERS = frozenset(
    ("assets", "downloads", "editors", "frameworks", "glossary", "handbook", "images")
    + ("search", "training", "stylesheets", "javascripts", "404")
)


def _reserved(settings: SourceDocument) -> Iterator[Diagnostic]:
    """An edition whose folder name is one the core site publishes into."""
    parts = settings.rel.split("/")
    edition_id = parts[-2] if len(parts) >= 2 else ""
    if edition_id in CORE_FOLDERS:
        message = (
            f"the edition '{edition_id}' would be published at site/{edition_id}/, "
            "a folder the core site uses"
        )
        hint = f"rename the folder editions/{edition_id}/ (for example to {edition_id}-partnership)"
        yield Diagnostic(settings.rel, 1, 1, message, "edition", hint, code="edition.reserved-id")


def _unknown_ids(settings: SourceDocument, core: Any) -> Iterator[Diagnostic]:
    """Overrides by id of a training day or window the core lacks, or names twice."""
    for name in BY_ID:
        given = settings.data.get(name)
        known = [i.get("id") for i in (core.get(name) or ()) if isinstance(i, dict)]
        if not isinstance(given, list):
            continue
        seen: set[str] = set()
        for index, item in enumerate(given):
            wanted = item.get("id") if isinstance(item, dict) else None
            if not isinstance(wanted, str):
                continue  # the schema says what is wrong
            path = (name, index, "id")
            at = settings.marks.value(path)
            field = f"{name}[{index}].id"
            if wanted in seen:
                message = f"'{wanted}' is overridden twice"
                hint = "give each override once, with all the fields it changes"
                yield Diagnostic(settings.rel, at.line, at.column, message, field, hint,
                                 code="edition.duplicate-id")  # fmt: skip
            elif wanted not in known:
                yield _unknown(settings.rel, at.line, at.column, field, name, wanted, known)
            seen.add(wanted)


def _unknown(
    rel: str, line: int, column: int, field: str, name: str, wanted: str, known: list[Any]
) -> Diagnostic:
    what = "training day" if name == "training_days" else "window"
    close = difflib.get_close_matches(wanted, [str(k) for k in known], n=1, cutoff=0.6)
    hint = (
        f"did you mean '{close[0]}'?"
        if close
        else f"an edition changes the core's {what}s: {', '.join(map(str, known))}"
    )
    message = f"the core has no {what} '{wanted}' to change"
    return Diagnostic(rel, line, column, message, field, hint, code="edition.unknown-id")


def _replacements(
    core: list[SourceDocument], own: Iterable[SourceDocument]
) -> Iterator[Diagnostic]:
    """Sources of the edition that would replace a core source of another kind."""
    for doc in own:
        if doc.kind == "programme":
            hint = f"an edition's settings go in its {SETTINGS}; delete this file"
            message = "an edition cannot replace the programme's settings"
            yield Diagnostic(doc.rel, 1, 1, message, hint=hint, code="edition.own-settings")
            continue
        kinds = {d.kind: d.rel for d in core if d.stem == doc.stem}
        if kinds and doc.kind not in kinds:
            kind, rel = next(iter(kinds.items()))
            message = f"'{doc.stem}' replaces the core's {kind} {rel} with a {doc.kind}"
            hint = (
                f"a replacement keeps its kind: put it where the core's is ({rel}), "
                "or give it a new id to add it alongside"
            )
            yield Diagnostic(doc.rel, 1, 1, message, hint=hint, code="edition.kind-changed")
