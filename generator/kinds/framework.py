"""The framework kinds: review frameworks in frameworks/, and earlier versions in the archive.

A framework's domains, strands and criteria are what modules and chapters link to as
framework-id/id; an archived version (frameworks/archive/<id>/<version>.yml) is kept so
readers can see what changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.check.crossref import ANY, Checker, Index
from generator.check.schemas import (
    Schema,
    choice,
    identifier,
    items,
    label,
    strings,
    text,
    vocabulary_list,
)
from generator.kinds.framework_model import framework_from, with_history
from generator.kinds.registry import Built, DeclaredId, SourceKind, Starter
from generator.load.positions import FieldPath
from generator.load.sources import SourceDocument
from generator.model.objects import (
    Framework,
)
from generator.model.vocab import FRAMEWORK_STATUSES

#: An archived version's file name: its version, such as 2.1.
VERSION_PATTERN = r"[0-9]+(\.[0-9]+)*"

CRITERION: Schema = {
    "id": identifier("Stable id; other sources link to framework-id/criterion-id"),
    "statement": text("What good practice looks like, in one sentence"),
    "descriptors": {
        "type": "dict",
        "required": True,
        "keysrules": {"type": "string"},
        "valuesrules": {"type": "string", "empty": False},
        "meta": {"description": "One descriptor per rating scale level, keyed by level id"},
    },
    "evidence": vocabulary_list(
        "Evidence sources reviewers draw on", "evidence_sources", required=True
    ),
    "questions": {**strings("Lines of enquiry for reviewers", required=True), "minlength": 1},
}


STRAND: Schema = {
    "id": identifier("Stable id of the strand"),
    "title": label("The strand's title"),
    "summary": text("One or two sentences about the strand"),
    "criteria": items("The strand's criteria", CRITERION),
}


DOMAIN: Schema = {
    "id": identifier("Stable id of the domain"),
    "title": label("The domain's title"),
    "summary": text("A paragraph about the domain"),
    "strands": items("The domain's strands; give strands or criteria", STRAND, required=False),
    "criteria": items(
        "The domain's criteria, for a framework without strands", CRITERION, required=False
    ),
}


VERSION = {**text('Version as text, for example "3.0"; quote it so YAML keeps it as text')}


FRAMEWORK: Schema = {
    "id": identifier("The framework's id; the file must be named after it"),
    "title": label("The framework's title"),
    "version": VERSION,
    "status": choice("Whether schools should use it yet", FRAMEWORK_STATUSES),
    "summary": text("A paragraph saying what the framework is for"),
    "principles": items(
        "What the framework stands for",
        {
            "title": label("The principle in a few words"),
            "description": text("The principle explained"),
        },
    ),
    "phases": items(
        "The stages of the review cycle",
        {
            "id": identifier("The phase's id"),
            "title": label("The phase's title"),
            "description": text("What happens in this phase"),
        },
    ),
    "scale": {
        **items(
            "Rating levels from lowest to highest",
            {
                "id": identifier("The level's id, used as a key in each criterion's descriptors"),
                "label": label("The level's name as readers see it"),
                "descriptor": text("What the level means in general"),
            },
        ),
        "minlength": 2,
        "maxlength": 7,
    },
    "changes": items(
        "The change log, newest first",
        {
            "version": VERSION,
            "date": {
                "type": "date",
                "required": True,
                "meta": {"description": "Date of the version, YYYY-MM-DD"},
            },
            "summary": text("What changed and why"),
        },
        required=False,
    ),
    "domains": items("The framework's domains", DOMAIN),
}


def _framework_ids(data: dict[str, Any]) -> Iterator[tuple[FieldPath, str]]:
    for d, domain in enumerate(data["domains"]):
        yield ("domains", d, "id"), domain["id"]
        for s, strand in enumerate(domain.get("strands") or []):
            yield ("domains", d, "strands", s, "id"), strand["id"]
        for path, criterion in _criteria_of(domain, ("domains", d)):
            yield (*path, "id"), criterion["id"]


def _criteria_of(
    domain: dict[str, Any], at: FieldPath
) -> Iterator[tuple[FieldPath, dict[str, Any]]]:
    """A domain's criteria with their paths: its own, or those of its strands."""
    for c, criterion in enumerate(domain.get("criteria") or []):
        yield (*at, "criteria", c), criterion
    for s, strand in enumerate(domain.get("strands") or []):
        for c, criterion in enumerate(strand["criteria"]):
            yield (*at, "strands", s, "criteria", c), criterion


def _check_framework(check: Checker, index: Index, root: Path) -> None:
    check.named_after(check.doc.data["id"])
    check_shape(check)
    check_levels(check)


def check_shape(check: Checker) -> None:
    """Each domain holds strands or criteria: one or the other, not both, not neither."""
    for d, domain in enumerate(check.doc.data["domains"]):
        has = [key for key in ("strands", "criteria") if domain.get(key)]
        if len(has) == 2:
            check.error(
                ("domains", d, "criteria"),
                "a domain holds strands or criteria, not both",
                "move these criteria into a strand, or the strands' criteria up into the domain",
                key=True,
                code="framework.strands-and-criteria",
            )
        elif not has:
            check.error(
                ("domains", d),
                f"domain '{domain['id']}' has neither strands nor criteria",
                "add `strands:` (each with `criteria:`) or `criteria:` directly",
                code="framework.empty-domain",
            )


def _check_archived_framework(check: Checker, index: Index, root: Path) -> None:
    """An earlier version, kept as frameworks/archive/<id>/<version>.yml for comparison."""
    data, path = check.doc.data, check.doc.path
    check.refers(("id",), data["id"], index.targets, "framework")
    if data["status"] != "retired":
        check.error(
            ("status",),
            "an archived version must have the status 'retired'",
            "set `status: retired`; only the file in frameworks/ is the current version",
            code="framework.archive-status",
        )
    if path.parent.name != data["id"]:
        check.error(
            ("id",),
            f"id '{data['id']}' does not match the folder '{path.parent.name}'",
            f"keep earlier versions in frameworks/archive/{data['id']}/",
            code="framework.archive-folder",
        )
    if path.stem != data["version"]:
        check.error(
            ("version",),
            f"version '{data['version']}' does not match the file name",
            f"name the file {data['version']}.yml",
            code="framework.archive-version",
        )
    check_levels(check)


def check_levels(check: Checker) -> None:
    """Every criterion has exactly one descriptor per level of the scale."""
    data = check.doc.data
    levels = [level["id"] for level in data["scale"]]
    for path, criterion in _criteria(data):
        given = criterion["descriptors"]
        for level in levels:
            if level in given:
                continue
            holder = _swallowed_by(given, level)
            if holder is not None:
                check.error(
                    (*path, "descriptors", holder),
                    f"no descriptor for the level '{level}': `{level}:` is indented as far as "
                    f"the text of `{holder}`, so it is read as part of that text",
                    f"indent `{level}:` like `{holder}:`, not like its text",
                    code="framework.missing-descriptor",
                )
                continue
            check.error(
                (*path, "descriptors"),
                f"no descriptor for the level '{level}'",
                f"add `{level}: ...` under descriptors; every level needs one",
                key=True,
                code="framework.missing-descriptor",
            )
        for key in given:
            if key not in levels:
                check.refers((*path, "descriptors", key), key, levels, "rating level", key=True)
    changes = data.get("changes") or []
    if changes and changes[0]["version"] != data["version"]:
        check.warn(
            ("changes", 0, "version"),
            "the newest change log entry is not for this version",
            f"add an entry for version {data['version']} at the top of `changes`",
            code="framework.change-log",
        )


def _swallowed_by(descriptors: dict[str, Any], level: str) -> str | None:
    """The descriptor whose text took in `level: ...`, an over-indented key, if any."""
    pattern = re.compile(rf"(?:^|\s){re.escape(level)}:\s")
    return next(
        (
            key
            for key, text in descriptors.items()
            if isinstance(text, str) and pattern.search(text)
        ),
        None,
    )


def _criteria(data: dict[str, Any]) -> Iterator[tuple[FieldPath, dict[str, Any]]]:
    for d, domain in enumerate(data["domains"]):
        yield from _criteria_of(domain, ("domains", d))


def _ids(doc: SourceDocument) -> Iterator[DeclaredId]:
    data = doc.data
    yield doc.kind, ("id",), data["id"]
    fid = data["id"]
    yield from ((f"{fid} item", path, value) for path, value in _framework_ids(data))
    for key in ("scale", "phases"):
        yield from ((f"{fid} {key}", (key, i, "id"), x["id"]) for i, x in enumerate(data[key]))


def _index(index: Index, doc: SourceDocument) -> None:
    data = doc.data
    index.targets.setdefault(data["id"], {i for _, i in _framework_ids(data)})


def _index_unreadable(index: Index, stem: str) -> None:
    index.targets.setdefault(stem, ANY)


def _build(docs: list[SourceDocument], built: Built) -> tuple[Framework, ...]:
    vocabularies = built.programme.vocabularies
    archived = list(built.of("framework-archive"))
    return tuple(with_history(framework_from(doc, vocabularies), archived) for doc in docs)


def _build_archived(docs: list[SourceDocument], built: Built) -> tuple[Framework, ...]:
    vocabularies = built.programme.vocabularies
    return tuple(framework_from(doc, vocabularies) for doc in docs)


KIND = SourceKind(
    name="framework",
    folder="frameworks",
    pattern="*.yml",
    build=_build,
    schema=FRAMEWORK,
    title="Review framework",
    ids=_ids,
    index=_index,
    index_unreadable=_index_unreadable,
    check=_check_framework,
    starter=Starter(template="new/framework.yml.j2"),
)

ARCHIVE = SourceKind(
    name="framework-archive",
    folder="frameworks/archive",
    pattern="*/*.yml",
    build=_build_archived,
    schema=FRAMEWORK,
    file_names=VERSION_PATTERN,
    check=_check_archived_framework,
)
