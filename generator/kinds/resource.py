"""The resource kind: printable training resources in content/resources/, Markdown with
front matter (case-study packs, cards, data sets) that modules list among their materials.
"""

from __future__ import annotations

from pathlib import Path

from generator.check.crossref import Checker, Index
from generator.check.materials import unused_resources
from generator.check.schemas import Schema, choice, flag, label, strings, text, vocabulary_list
from generator.errors import Diagnostic
from generator.kinds.registry import Built, PageSpec, SourceKind, Starter
from generator.load.sources import SourceDocument
from generator.model.objects import Handbook
from generator.model.resources import Resource, resource_from
from generator.model.vocab import PAPER_SIZES

PRINT_HINTS: Schema = {
    "copies": text(
        "How many to print when a module does not say, for example 'one per table'",
        required=False,
    ),
    "paper": choice("Paper size, when not A4", PAPER_SIZES, required=False),
    "sides": choice("Print on one side or both", ("single", "double"), required=False),
    "cut": flag("Cut the printed sheets into cards along the table lines"),
    "page_per_section": flag("Start each `##` section on a new page, to hand out separately"),
    "notes": text("Anything else the person printing should know", required=False),
    "write_in_mm": {
        "type": "integer",
        "required": False,
        "min": 5,
        "max": 100,
        "meta": {
            "description": "How tall each empty row of a fill-in table prints, in millimetres "
            "(25 leaves room for a few lines of handwriting); about one line when left out"
        },
    },
}


RESOURCE: Schema = {
    "title": label("The resource's title"),
    "summary": text("One or two sentences: what it is and how a session uses it"),
    "audience": vocabulary_list("Who reads or uses it", "roles", required=True, minlength=1),
    "print": {
        "type": "dict",
        "required": False,
        "meta": {"description": "How to print it for a session"},
        "schema": PRINT_HINTS,
    },
    "uses": strings(
        "Other resources this one needs beside it, by id (role cards that send players to a "
        "case study): every day pack that holds it holds them too",
        form="id",
    ),
}


def _check_resource(check: Checker, index: Index, root: Path) -> None:
    for i, other in enumerate(check.doc.data.get("uses") or []):
        if other == check.doc.stem:
            message = "a resource cannot use itself"
            check.error(("uses", i), message, "remove it", code="ref.self")
        else:
            check.refers(("uses", i), other, index.resources, "resource")


def _index(index: Index, doc: SourceDocument) -> None:
    index.resources.add(doc.stem)


def _index_unreadable(index: Index, stem: str) -> None:
    index.resources.add(stem)


def _check_all(docs: list[SourceDocument], index: Index) -> list[Diagnostic]:
    return unused_resources(docs, index.lenient)


def _build(docs: list[SourceDocument], built: Built) -> tuple[Resource, ...]:
    vocabularies = built.programme.vocabularies
    resources = (resource_from(doc, vocabularies) for doc in docs)
    return tuple(sorted(resources, key=lambda r: r.title.lower()))


def _items(handbook: Handbook) -> tuple[Resource, ...]:
    return handbook.resources


KIND = SourceKind(
    name="resource",
    folder="content/resources",
    pattern="*.md",
    build=_build,
    reader="front-matter",
    front_matter_hint="start with a `---` line, the resource's title, summary and audience, "
    "and another `---`",
    schema=RESOURCE,
    title="Training resource front matter",
    index=_index,
    index_unreadable=_index_unreadable,
    check=_check_resource,
    check_all=_check_all,
    page=PageSpec(
        template="resource.md.j2",
        folder="training/resources",
        section="resources",
        name="resource",
        tab="Training",
        items=_items,
    ),
    starter=Starter(template="new/resource.md.j2"),
)
