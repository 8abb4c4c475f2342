"""The glossary kind: content/glossary.yml, the terms readers may not know."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.check.crossref import Checker, Index
from generator.check.schemas import Schema, identifier, items, label, strings, text
from generator.kinds.registry import Built, DeclaredId, SourceKind
from generator.load.sources import SourceDocument
from generator.model.objects import GlossaryTerm

GLOSSARY: Schema = {
    "terms": items(
        "The glossary's terms",
        {
            "id": identifier("The term's id, used in see_also"),
            "term": label("The term as written"),
            "abbreviation": label("Its abbreviation, if one is in use", required=False),
            "definition": text("What it means, in one to three sentences"),
            "see_also": strings("Related term ids", form="id"),
            "avoid": {
                **strings(
                    "Variants to avoid in any text, matched as whole words in any case",
                    check_with="plain_text",
                ),
                "meta": {
                    "description": "Variants to avoid in any text, matched as whole words "
                    "in any case",
                    "prose": False,
                },
            },
        },
    ),
}


def _check_glossary(check: Checker, index: Index, root: Path) -> None:
    for t, term in enumerate(check.doc.data["terms"]):
        for i, other in enumerate(term.get("see_also") or []):
            path = ("terms", t, "see_also", i)
            if other == term["id"]:
                message, hint = "a term cannot refer to itself", "remove it from see_also"
                check.error(path, message, hint, code="ref.self")
            else:
                check.refers(path, other, index.known("glossary", index.terms), "glossary term")


def _glossary(data: dict[str, Any]) -> tuple[GlossaryTerm, ...]:
    terms = (
        GlossaryTerm(
            id=t["id"],
            term=t["term"],
            abbreviation=t.get("abbreviation", ""),
            definition=t["definition"].strip(),
            see_also=tuple(t.get("see_also") or ()),
        )
        for t in data["terms"]
    )
    return tuple(sorted(terms, key=lambda t: t.term.lower()))


def _ids(doc: SourceDocument) -> Iterator[DeclaredId]:
    terms = enumerate(doc.data["terms"])
    yield from (("term", ("terms", i, "id"), t["id"]) for i, t in terms)


def _index(index: Index, doc: SourceDocument) -> None:
    index.terms = {term["id"] for term in doc.data["terms"]}


def _build(docs: list[SourceDocument], built: Built) -> tuple[GlossaryTerm, ...]:
    return _glossary(docs[0].data) if docs else ()


KIND = SourceKind(
    name="glossary",
    folder="content",
    pattern="glossary.yml",
    build=_build,
    schema=GLOSSARY,
    title="Glossary",
    ids=_ids,
    index=_index,
    check=_check_glossary,
)
