"""The module kind: training modules in content/modules/, each a timed run of sessions.

A module belongs to a training day, may need other modules first, links to the strands
and criteria it builds, and lists the handouts and resources its sessions use.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from generator.check.crossref import Checker, Index, framework_link
from generator.check.materials import check_materials
from generator.check.schemas import (
    Schema,
    choice,
    identifier,
    ids,
    items,
    label,
    strings,
    text,
    vocabulary,
    vocabulary_list,
)
from generator.errors import Diagnostic
from generator.kinds.module_slides import SLIDES, check_slides, session_slides
from generator.kinds.registry import (
    Built,
    DeclaredId,
    NewRequest,
    Placement,
    SourceKind,
    Starter,
    choose,
)
from generator.load.positions import FieldPath
from generator.load.sources import SourceDocument
from generator.model.objects import Handout, Module, Programme, Session, TrainingDay
from generator.model.resources import Resource, materials_from
from generator.model.vocab import PROVIDERS, Term, vocabulary_terms

HANDOUT: Schema = {
    "title": label("The handout's title"),
    "file": {
        **text("Markdown file of the handout, relative to this file"),
        "form": "markdown-file",
    },
}


MATERIAL: Schema = {
    "resource": {
        **ids(
            identifier("A resource kept in content/resources/: its file name without .md"),
            "resources",
        ),
        "required": False,
    },
    "item": text("Anything else the session needs, described", required=False),
    "provided_by": choice("Who brings the item", PROVIDERS, required=False),
    "copies": text("How many, in words, for example 'one per table'", required=False),
}


MATERIALS: Schema = {
    "type": "list",
    "required": False,
    "minlength": 1,
    "meta": {
        "description": "What the module needs: resources by id, other items with who brings them"
    },
    "schema": {
        "type": "dict",
        "schema": MATERIAL,
        "meta": {
            "hint": "write `- resource: <resource id>`, or `- item: <what it is>` with "
            "`provided_by: venue`, `trainer` or `participants` on the next line"
        },
    },
}


SESSION: Schema = {
    "title": label("The session's title"),
    "minutes": {
        "type": "integer",
        "required": True,
        "min": 5,
        "max": 480,
        "meta": {"description": "Length in minutes"},
    },
    "activity": vocabulary("The kind of activity", "activity_types"),
    "description": text("What happens, as participants see it"),
    "facilitator_notes": text("Guidance for the trainer, in Markdown", required=False),
    "slides": SLIDES,
    "handouts": items("Handouts used in this session", HANDOUT, required=False),
}


MODULE: Schema = {
    "id": identifier("The module's id; the file must be named after it"),
    "title": label("The module's title"),
    "summary": text("A paragraph about the module"),
    "audience": vocabulary_list("Who the module is for", "roles", required=True, minlength=1),
    "day": {
        **ids(
            identifier(
                "The training day id from content/programme.yml; leave out until it has one"
            ),
            "training_days",
        ),
        "required": False,
    },
    "order": {
        "type": "integer",
        "required": False,
        "min": 1,
        "meta": {"description": "Position within the training day, from 1"},
    },
    "duration": {
        "type": "integer",
        "required": True,
        "min": 5,
        "max": 480,
        "meta": {"description": "Total minutes; must equal the sum of session minutes"},
    },
    "objectives": {**strings("What participants can do afterwards", required=True), "minlength": 1},
    "prerequisites": ids(strings("Module ids to complete first", form="id"), "modules"),
    "framework_links": ids(
        strings("Strands or criteria the module builds, as framework-id/id", form="reference"),
        "framework_links",
    ),
    "materials": MATERIALS,
    "sessions": items("The sessions in running order", SESSION),
}


def _check_module(check: Checker, index: Index, root: Path) -> None:
    data = check.doc.data
    check.named_after(data["id"])
    if "day" in data:
        days = index.known("programme", index.days)
        check.refers(("day",), data["day"], days, "training day")
    for i, prerequisite in enumerate(data.get("prerequisites") or []):
        if prerequisite == data["id"]:
            message = "a module cannot be its own prerequisite"
            check.error(("prerequisites", i), message, "remove it", code="ref.self")
        elif check.refers(("prerequisites", i), prerequisite, index.modules, "module"):
            _check_day_order(check, index, ("prerequisites", i), prerequisite)
    for i, ref in enumerate(data.get("framework_links") or []):
        framework_link(check, index, ("framework_links", i), ref)
    check_materials(check, index.resources)
    total = sum(session["minutes"] for session in data["sessions"])
    if total != data["duration"]:
        check.error(
            ("duration",),
            f"duration is {data['duration']} minutes but the sessions add up to {total}",
            f"set duration to {total} or change the session minutes",
            code="module.duration",
        )
    for s, session in enumerate(data["sessions"]):
        check_slides(check, s, session.get("slides"))
        for h, handout in enumerate(session.get("handouts") or []):
            _check_file(
                check,
                root,
                ("sessions", s, "handouts", h, "file"),
                handout["file"],
                "content/handouts",
            )


def _check_day_order(check: Checker, index: Index, path: FieldPath, prerequisite: str) -> None:
    mine, theirs = check.doc.data.get("day"), index.modules[prerequisite]
    if (
        mine in index.days
        and theirs in index.days
        and index.days.index(theirs) > index.days.index(mine)
    ):
        check.warn(
            path,
            f"prerequisite '{prerequisite}' comes on a later day ({theirs})",
            "move the prerequisite to an earlier day, or remove it",
            code="module.prerequisite-later",
        )


def _check_file(check: Checker, root: Path, path: FieldPath, relative: str, folder: str) -> None:
    target = (check.doc.path.parent / relative).resolve()
    if not target.is_relative_to(root.resolve()):
        check.error(
            path,
            f"'{relative}' leads outside the repository",
            f"put the file in {folder}/ and refer to it from there",
            code="ref.file-outside",
        )
    elif not target.is_relative_to((root / folder).resolve()):
        message, hint = f"'{relative}' is not in {folder}/", f"move the file into {folder}/"
        check.error(path, message, hint, code="ref.file-folder")
    elif not target.is_file():
        present = [p.name for p in (root / folder).glob("*")]
        close = difflib.get_close_matches(target.name, present, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"create {folder}/{target.name}"
        check.error(path, f"file '{relative}' does not exist", hint, code="ref.file-missing")


def _check_module_cycles(docs: list[SourceDocument], found: list[Diagnostic]) -> None:
    modules = {doc.data["id"]: doc for doc in docs if doc.kind == "module"}
    needs = {
        mid: set(doc.data.get("prerequisites") or []) & modules.keys()
        for mid, doc in modules.items()
    }
    for mid, doc in modules.items():
        if _reaches(needs, mid, mid):
            Checker(doc, found).error(
                ("prerequisites",),
                f"prerequisites go round in a circle back to '{mid}'",
                "remove one prerequisite to break the circle",
                code="module.prerequisite-cycle",
            )


def _reaches(needs: dict[str, set[str]], start: str, goal: str) -> bool:
    stack, seen = list(needs[start]), set()
    while stack:
        current = stack.pop()
        if current == goal:
            return True
        if current not in seen:
            seen.add(current)
            stack.extend(needs.get(current, ()))
    return False


def _module(
    doc: SourceDocument,
    programme: Programme,
    handouts: dict[str, Handout],
    resources: dict[str, Resource],
) -> Module:
    data = doc.data
    day = next((d for d in programme.days if d.id == data.get("day")), None) or unscheduled(
        programme
    )
    return Module(
        id=data["id"],
        title=data["title"],
        summary=data["summary"].strip(),
        audience=vocabulary_terms(programme.vocabularies, "roles", data["audience"]),
        day=day,
        order=data.get("order", 99),
        duration=data["duration"],
        objectives=tuple(data["objectives"]),
        prerequisites=tuple(data.get("prerequisites") or ()),
        framework_links=tuple(data.get("framework_links") or ()),
        materials=materials_from(data.get("materials") or [], resources),
        sessions=_sessions(doc, programme, handouts),
        source=doc.rel,
    )


def unscheduled(programme: Programme) -> TrainingDay:
    """The stand-in day of a module not yet on a training day: no id, page, pack or timetable."""
    words = programme.wording.unscheduled
    return TrainingDay(
        id="",
        title="",
        kind=Term(id="", label=""),
        summary="",
        number=len(programme.days) + 1,
        label=words,
    )


def _sessions(
    doc: SourceDocument, programme: Programme, handouts: dict[str, Handout]
) -> tuple[Session, ...]:
    """A module's sessions, each knowing when it starts and the handouts it uses."""
    root = doc.path.parents[2]
    sessions, start = [], 0
    for s in doc.data["sessions"]:
        files = tuple(
            handouts[(doc.path.parent / h["file"]).resolve().relative_to(root.resolve()).as_posix()]
            for h in s.get("handouts") or []
        )
        sessions.append(
            Session(
                title=s["title"],
                minutes=s["minutes"],
                start=start,
                activity=programme.vocabulary("activity_types")[s["activity"]],
                description=s["description"].strip(),
                facilitator_notes=s.get("facilitator_notes", "").strip(),
                handouts=files,
                slides=session_slides(doc, s),
            )
        )
        start += s["minutes"]
    return tuple(sessions)


def _ids(doc: SourceDocument) -> list[DeclaredId]:
    return [(doc.kind, ("id",), doc.data["id"])]


def _index(index: Index, doc: SourceDocument) -> None:
    index.modules.setdefault(doc.data["id"], doc.data.get("day", ""))


def _index_unreadable(index: Index, stem: str) -> None:
    index.modules.setdefault(stem, "")


def _check_all(docs: list[SourceDocument], index: Index) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    _check_module_cycles(docs, found)
    return found


def _build(docs: list[SourceDocument], built: Built) -> tuple[Module, ...]:
    handouts = {handout.source: handout for handout in built.of("handout")}
    resources = {resource.id: resource for resource in built.of("resource")}
    modules = [_module(doc, built.programme, handouts, resources) for doc in docs]
    modules.sort(key=lambda m: (m.day.number, m.order, m.id))
    return tuple(modules)


def _links(module: Module) -> tuple[str, ...]:
    return module.framework_links


def _place(request: NewRequest) -> Placement:
    """The day asked for; else the first day with room (one with no times yet); else none.

    A timed day is filled exactly by its modules and breaks, so a new module placed there
    would leave the project invalid: without --day it waits, unscheduled, until an editor
    makes room.
    """
    programme = request.handbook.programme
    if request.day is not None:
        day = choose(request.day, [d.id for d in programme.days], "--day")
    else:
        day = next((d.id for d in programme.days if not programme.plan(d.id).timed), "")
    return f"content/modules/{request.name}.yml", {"day": day}


KIND = SourceKind(
    name="module",
    folder="content/modules",
    pattern="*.yml",
    build=_build,
    schema=MODULE,
    title="Training module",
    ids=_ids,
    index=_index,
    index_unreadable=_index_unreadable,
    check=_check_module,
    check_all=_check_all,
    links=_links,
    starter=Starter(template="new/module.yml.j2", place=_place),
)
