"""The chapter kind: handbook chapters in content/handbook/<part>/, Markdown with front matter.

A chapter's id is its file name; it sits in a part of the programme and may point readers
to related modules and criteria.
"""

from __future__ import annotations

from pathlib import Path

from generator.check.crossref import Checker, Index, framework_link
from generator.check.schemas import (
    Schema,
    identifier,
    ids,
    label,
    strings,
    text,
    vocabulary_list,
)
from generator.kinds.registry import (
    Built,
    DeclaredId,
    NewRequest,
    Placement,
    SourceKind,
    Starter,
    choose,
)
from generator.load.sources import SourceDocument
from generator.model.images import published
from generator.model.objects import Chapter, Programme
from generator.model.vocab import vocabulary_terms

CHAPTER: Schema = {
    "title": label("The chapter's title"),
    "part": ids(identifier("The part id from content/programme.yml"), "parts"),
    "order": {
        "type": "integer",
        "required": True,
        "min": 1,
        "meta": {"description": "Position within the part, from 1"},
    },
    "summary": text("One or two sentences shown in contents and search"),
    "audience": vocabulary_list("Who the chapter is for", "roles"),
    "related": {
        "type": "dict",
        "required": False,
        "meta": {"description": "Related sources"},
        "schema": {
            "modules": ids(strings("Related training module ids", form="id"), "modules"),
            "criteria": ids(
                strings("Related strands or criteria, as framework-id/id", form="reference"),
                "framework_links",
            ),
        },
    },
}


def _check_chapter(check: Checker, index: Index, root: Path) -> None:
    data = check.doc.data
    check.refers(("part",), data["part"], index.known("programme", index.parts), "part")
    related = data.get("related") or {}
    for i, module in enumerate(related.get("modules") or []):
        check.refers(("related", "modules", i), module, index.modules, "module")
    for i, ref in enumerate(related.get("criteria") or []):
        framework_link(check, index, ("related", "criteria", i), ref)


def _chapter(doc: SourceDocument, programme: Programme) -> Chapter:
    data = doc.data
    related = data.get("related") or {}
    part = next(p for p in programme.parts if p.id == data["part"])
    body, pictures = published(doc.body, doc.path, doc.rel)
    return Chapter(
        id=doc.stem,
        title=data["title"],
        part=part,
        order=data["order"],
        summary=data["summary"].strip(),
        audience=vocabulary_terms(programme.vocabularies, "roles", data.get("audience") or []),
        related_modules=tuple(related.get("modules") or ()),
        related_criteria=tuple(related.get("criteria") or ()),
        body=body,
        source=doc.rel,
        images=pictures,
    )


def _ids(doc: SourceDocument) -> list[DeclaredId]:
    return [("chapter", (), doc.stem)]


def _build(docs: list[SourceDocument], built: Built) -> tuple[Chapter, ...]:
    chapters = (_chapter(doc, built.programme) for doc in docs)
    return tuple(sorted(chapters, key=lambda c: (c.part.number, c.order)))


def _links(chapter: Chapter) -> tuple[str, ...]:
    return chapter.related_criteria


def _place(request: NewRequest) -> Placement:
    handbook = request.handbook
    part = choose(request.part, [p.id for p in handbook.programme.parts], "--part")
    orders = [c.order for c in handbook.chapters if c.part.id == part]
    order = max(orders, default=0) + 1
    return f"content/handbook/{part}/{request.name}.md", {"part": part, "order": order}


KIND = SourceKind(
    name="chapter",
    folder="content/handbook",
    pattern="**/*.md",
    build=_build,
    reader="front-matter",
    front_matter_hint="start with a `---` line, the chapter's title, part and order, "
    "and another `---`",
    schema=CHAPTER,
    title="Handbook chapter front matter",
    ids=_ids,
    check=_check_chapter,
    links=_links,
    starter=Starter(template="new/chapter.md.j2", place=_place),
)
