"""Stage 2, validate: checks that need the whole corpus (ids, references, sums, files).

Runs only on documents that passed their schema, so shapes can be trusted here.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Diagnostic
from .load import FieldPath, dotted, leaves
from .materials import check_materials, unused_resources
from .schemas import SCHEMAS, rules_at
from .sources import SourceDocument
from .wording import theme_wording


@dataclass
class Index:
    """The ids every reference may point at, gathered before any reference is checked."""

    parts: list[str] = field(default_factory=list)
    days: list[str] = field(default_factory=list)
    modules: dict[str, str] = field(default_factory=dict)
    terms: set[str] = field(default_factory=set)
    resources: set[str] = field(default_factory=set)
    targets: dict[str, frozenset[str] | set[str]] = field(default_factory=dict)
    vocabularies: dict[str, list[str]] = field(default_factory=dict)
    lenient: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, docs: list[SourceDocument], unreadable: list[tuple[str, str]]) -> Index:
        """Collect ids from valid documents, and accept any id from files that failed.

        A module or framework that failed to load is still known by its file name, so one
        mistake is reported once, not again at every reference to it.
        """
        index = cls()
        for doc in docs:
            data = doc.data
            if doc.kind == "programme":
                index.parts = [part["id"] for part in data["parts"]]
                index.days = [day["id"] for day in data["training_days"]]
                index.vocabularies = {
                    name: [term["id"] for term in terms]
                    for name, terms in data["vocabularies"].items()
                }
            elif doc.kind == "module":
                index.modules.setdefault(data["id"], data["day"])
            elif doc.kind == "glossary":
                index.terms = {term["id"] for term in data["terms"]}
            elif doc.kind == "framework":
                index.targets.setdefault(data["id"], {i for _, i in _framework_ids(data)})
        for kind, stem in unreadable:
            if kind == "module":
                index.modules.setdefault(stem, "")
            elif kind == "framework":
                index.targets.setdefault(stem, ANY)
        index.lenient = {kind for kind, _ in unreadable}
        index.resources = {doc.stem for doc in docs if doc.kind == "resource"}
        index.resources |= {stem for kind, stem in unreadable if kind == "resource"}
        return index

    def known(self, kind: str, values: Iterable[str]) -> Iterable[str]:
        """The ids of a kind, or ANY when a file of that kind could not be read."""
        return ANY if kind in self.lenient else values


class _Anything(frozenset[str]):
    """Stands for the ids of an unreadable file: every id is taken to exist."""

    def __contains__(self, item: object) -> bool:
        return True


ANY = _Anything()


class Checker:
    """Collects cross-reference diagnostics for one document."""

    def __init__(self, doc: SourceDocument, found: list[Diagnostic]) -> None:
        self.doc, self.found = doc, found

    def error(
        self, path: FieldPath, message: str, hint: str = "", *, key: bool = False, code: str
    ) -> None:
        """Report a problem at the value (or key) found at `path`."""
        where = self.doc.marks.key(path) if key else self.doc.marks.value(path)
        self.found.append(
            Diagnostic(
                self.doc.rel, where.line, where.column, message, dotted(path), hint, code=code
            )
        )

    def warn(self, path: FieldPath, message: str, hint: str = "", *, code: str) -> None:
        """Report something worth a look that does not stop publication."""
        where = self.doc.marks.value(path)
        self.found.append(
            Diagnostic(
                self.doc.rel,
                where.line,
                where.column,
                message,
                dotted(path),
                hint,
                "warning",
                code=code,
            )
        )

    def refers(
        self,
        path: FieldPath,
        value: str,
        known: Iterable[str],
        what: str,
        key: bool = False,
        code: str = "ref.unknown",
    ) -> bool:
        """Check that `value` names one of `known`; report it with a suggestion if not."""
        if value in known:
            return True
        options = sorted(known)
        close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
        hint = (
            f"did you mean '{close[0]}'?" if close else f"known {what}s: {', '.join(options[:12])}"
        )
        self.error(path, f"unknown {what} '{value}'", hint, key=key, code=code)
        return False

    def named_after(self, value: str) -> None:
        """Check that a file is named after its id, so page addresses follow the id."""
        if self.doc.stem != value:
            suffix, stem = self.doc.path.suffix, self.doc.stem
            hint = f"rename the file to {value}{suffix} or change the id to '{stem}'"
            message = f"id '{value}' does not match the file name"
            self.error(("id",), message, hint, code="ref.file-name")


def check_references(
    root: Path, docs: list[SourceDocument], unreadable: list[tuple[str, str]]
) -> list[Diagnostic]:
    """Every cross-corpus problem among documents that passed their schema."""
    found: list[Diagnostic] = []
    index = Index.of(docs, unreadable)
    _check_unique(docs, found)
    checks: dict[str, Callable[[Checker, Index, Path], None]] = {
        "programme": _programme,
        "framework": _framework,
        "framework-archive": _archived_framework,
        "module": _module,
        "chapter": _chapter,
        "glossary": _glossary,
    }
    for doc in docs:
        if doc.kind in checks:
            checks[doc.kind](Checker(doc, found), index, root)
        _check_vocabularies(Checker(doc, found), index)
    _check_module_cycles(docs, found)
    found.extend(unused_resources(docs, index.lenient))
    return found


def _check_vocabularies(check: Checker, index: Index) -> None:
    """Every value a schema marks as a vocabulary id is in content/programme.yml's list."""
    schema = SCHEMAS.get(check.doc.kind, {})
    for path, value in leaves(check.doc.data):
        name = rules_at(schema, path).get("meta", {}).get("vocabulary")
        if name is None:
            continue
        known = index.known("programme", index.vocabularies.get(name, []))
        if value not in known:
            check.refers(path, value, known, name.replace("_", " ")[:-1], code="ref.vocabulary")
            check.found[-1] = _vocabulary_hint(check.found[-1], name)


def _vocabulary_hint(diagnostic: Diagnostic, name: str) -> Diagnostic:
    where = f"add it to vocabularies.{name} in content/programme.yml, or use a listed value"
    hint = diagnostic.hint if diagnostic.hint.startswith("did you mean") else where
    return dataclasses.replace(diagnostic, hint=hint)


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


def _ids_in(doc: SourceDocument) -> Iterator[tuple[str, FieldPath, str]]:
    """(namespace, path, id) of every id a document declares."""
    data = doc.data
    if doc.kind == "programme":
        yield from (("part", ("parts", i, "id"), p["id"]) for i, p in enumerate(data["parts"]))
        days = enumerate(data["training_days"])
        yield from (("training day", ("training_days", i, "id"), d["id"]) for i, d in days)
    elif doc.kind in ("framework", "module"):
        yield doc.kind, ("id",), data["id"]
    elif doc.kind == "glossary":
        yield from (("term", ("terms", i, "id"), t["id"]) for i, t in enumerate(data["terms"]))
    elif doc.kind == "chapter":
        yield "chapter", (), doc.stem
    if doc.kind == "framework":
        fid = data["id"]
        yield from ((f"{fid} item", path, value) for path, value in _framework_ids(data))
        for key in ("scale", "phases"):
            yield from ((f"{fid} {key}", (key, i, "id"), x["id"]) for i, x in enumerate(data[key]))


def _check_unique(docs: list[SourceDocument], found: list[Diagnostic]) -> None:
    seen: dict[tuple[str, str], str] = {}
    for doc in docs:
        checker = Checker(doc, found)
        for namespace, path, value in _ids_in(doc):
            where = f"{doc.rel}:{doc.marks.value(path).line}"
            first = seen.setdefault((namespace, value), where)
            if first != where:
                what = namespace.split()[-1]
                checker.error(
                    path,
                    f"duplicate {what} id '{value}' (first used at {first})",
                    "give each one its own id",
                    code="ref.duplicate-id",
                )


def _programme(check: Checker, index: Index, root: Path) -> None:
    """Its own words must be ones the theme has, or they would silently do nothing."""
    known = theme_wording()
    for key in check.doc.data.get("wording") or {}:
        check.refers(("wording", key), key, known, "wording key", key=True)


def _framework(check: Checker, index: Index, root: Path) -> None:
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


def _archived_framework(check: Checker, index: Index, root: Path) -> None:
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
            if level not in given:
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


def _criteria(data: dict[str, Any]) -> Iterator[tuple[FieldPath, dict[str, Any]]]:
    for d, domain in enumerate(data["domains"]):
        yield from _criteria_of(domain, ("domains", d))


def _framework_link(check: Checker, index: Index, path: FieldPath, ref: str) -> None:
    framework, _, target = ref.partition("/")
    if check.refers(path, framework, index.targets, "framework"):
        check.refers(path, target, index.targets[framework], f"strand or criterion of {framework}")


def _module(check: Checker, index: Index, root: Path) -> None:
    data = check.doc.data
    check.named_after(data["id"])
    check.refers(("day",), data["day"], index.known("programme", index.days), "training day")
    for i, prerequisite in enumerate(data.get("prerequisites") or []):
        if prerequisite == data["id"]:
            message = "a module cannot be its own prerequisite"
            check.error(("prerequisites", i), message, "remove it", code="ref.self")
        elif check.refers(("prerequisites", i), prerequisite, index.modules, "module"):
            _check_day_order(check, index, ("prerequisites", i), prerequisite)
    for i, ref in enumerate(data.get("framework_links") or []):
        _framework_link(check, index, ("framework_links", i), ref)
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
        for h, handout in enumerate(session.get("handouts") or []):
            _check_file(
                check,
                root,
                ("sessions", s, "handouts", h, "file"),
                handout["file"],
                "content/handouts",
            )


def _check_day_order(check: Checker, index: Index, path: FieldPath, prerequisite: str) -> None:
    mine, theirs = check.doc.data["day"], index.modules[prerequisite]
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


def _chapter(check: Checker, index: Index, root: Path) -> None:
    data = check.doc.data
    check.refers(("part",), data["part"], index.known("programme", index.parts), "part")
    related = data.get("related") or {}
    for i, module in enumerate(related.get("modules") or []):
        check.refers(("related", "modules", i), module, index.modules, "module")
    for i, ref in enumerate(related.get("criteria") or []):
        _framework_link(check, index, ("related", "criteria", i), ref)


def _glossary(check: Checker, index: Index, root: Path) -> None:
    for t, term in enumerate(check.doc.data["terms"]):
        for i, other in enumerate(term.get("see_also") or []):
            path = ("terms", t, "see_also", i)
            if other == term["id"]:
                message, hint = "a term cannot refer to itself", "remove it from see_also"
                check.error(path, message, hint, code="ref.self")
            else:
                check.refers(path, other, index.known("glossary", index.terms), "glossary term")


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
