"""Stage 2, check: checks that need the whole corpus (ids, references, sums, files).

Runs only on documents that passed their schema, so shapes can be trusted here. This module
gathers the ids (`Index`), reports problems at their place (`Checker`) and runs each
registered kind's checks, which live with the kind in generator/kinds/.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from generator.check.schemas import Schema, rules_below, whole_document
from generator.errors import Diagnostic
from generator.load.positions import FieldPath, dotted
from generator.load.sources import SourceDocument

#: An id a document declares: (namespace, where it stands, the id). Ids are unique per namespace.
DeclaredId = tuple[str, FieldPath, str]


class KindToCheck(Protocol):
    """What the checks call of a kind's declaration (generator/kinds/registry.py's SourceKind).

    Declared here, below the kinds, so the checks name no type of a later stage.
    """

    @property
    def ids(self) -> Callable[[SourceDocument], Iterable[DeclaredId]] | None: ...
    @property
    def index(self) -> Callable[[Index, SourceDocument], None] | None: ...
    @property
    def index_unreadable(self) -> Callable[[Index, str], None] | None: ...
    @property
    def check(self) -> Callable[[Checker, Index, Path], None] | None: ...
    @property
    def check_all(self) -> Callable[[list[SourceDocument], Index], list[Diagnostic]] | None: ...


class KindsToCheck(Protocol):
    """The kinds the checks are handed (generator/kinds/registry.py's Kinds)."""

    def __iter__(self) -> Iterator[KindToCheck]: ...
    def get(self, name: str) -> KindToCheck | None: ...


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
    #: The ids of kinds that have no field of their own above, by kind name.
    others: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def of(
        cls, docs: list[SourceDocument], unreadable: list[tuple[str, str]], kinds: KindsToCheck
    ) -> Index:
        """Collect ids from valid documents, and accept any id from files that failed.

        A module or framework that failed to load is still known by its file name, so one
        mistake is reported once, not again at every reference to it.
        """
        index = cls()
        for doc in docs:
            kind = kinds.get(doc.kind)
            if kind and kind.index:
                kind.index(index, doc)
        for name, stem in unreadable:
            kind = kinds.get(name)
            if kind and kind.index_unreadable:
                kind.index_unreadable(index, stem)
        index.lenient = {kind for kind, _ in unreadable}
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
        hint = f"did you mean '{close[0]}'?" if close else f"known {what}s: {listed(options)}"
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
    root: Path,
    docs: list[SourceDocument],
    unreadable: list[tuple[str, str]],
    kinds: KindsToCheck,
) -> list[Diagnostic]:
    """Every cross-corpus problem among documents that passed their schema."""
    found: list[Diagnostic] = []
    index = Index.of(docs, unreadable, kinds)
    _check_unique(docs, kinds, found)
    for doc in docs:
        kind = kinds.get(doc.kind)
        if kind and kind.check:
            kind.check(Checker(doc, found), index, root)
        _check_vocabularies(Checker(doc, found), index)
    for kind in kinds:
        if kind.check_all:
            found.extend(kind.check_all(docs, index))
    return found


def _check_vocabularies(check: Checker, index: Index) -> None:
    """Every value a schema marks as a vocabulary id is in content/programme.yml's list."""
    for path, value, name in _vocabulary_values(whole_document(check.doc.schema), check.doc.data):
        known = index.known("programme", index.vocabularies.get(name, []))
        if value not in known:
            check.refers(path, value, known, name.replace("_", " ")[:-1], code="ref.vocabulary")
            check.found[-1] = _vocabulary_hint(check.found[-1], name)


def _vocabulary_values(
    rules: Schema, value: Any, path: FieldPath = ()
) -> Iterator[tuple[FieldPath, Any, str]]:
    """(path, value, vocabulary) of every scalar whose rules name a vocabulary, walking
    the document and its schema together: no rules below a value, no vocabulary either."""
    if isinstance(value, dict | list):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for part, inner in items:
            below = rules_below(rules, part)
            if below:
                yield from _vocabulary_values(below, inner, (*path, part))
        return
    name = rules.get("meta", {}).get("vocabulary")
    if name is not None:
        yield path, value, name


def _vocabulary_hint(diagnostic: Diagnostic, name: str) -> Diagnostic:
    where = f"add it to vocabularies.{name} in content/programme.yml, or use a listed value"
    hint = diagnostic.hint if diagnostic.hint.startswith("did you mean") else where
    return dataclasses.replace(diagnostic, hint=hint)


def _ids_in(doc: SourceDocument, kinds: KindsToCheck) -> Iterator[DeclaredId]:
    """(namespace, path, id) of every id a document declares."""
    kind = kinds.get(doc.kind)
    if kind and kind.ids:
        yield from kind.ids(doc)


def _check_unique(docs: list[SourceDocument], kinds: KindsToCheck, found: list[Diagnostic]) -> None:
    seen: dict[tuple[str, str], str] = {}
    for doc in docs:
        checker = Checker(doc, found)
        for namespace, path, value in _ids_in(doc, kinds):
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


def framework_link(check: Checker, index: Index, path: FieldPath, ref: str) -> None:
    """Check a framework-id/id reference to a domain, strand or criterion."""
    framework, _, target = ref.partition("/")
    if check.refers(path, framework, index.targets, "framework"):
        check.refers(path, target, index.targets[framework], f"strand or criterion of {framework}")


#: How many known ids a hint lists before it says how many more there are.
LISTED = 12


def listed(options: list[str], limit: int = LISTED) -> str:
    """Ids joined by commas: all of them, or the first `limit` and how many more there are."""
    shown = ", ".join(options[:limit])
    rest = len(options) - limit
    return f"{shown} … and {rest} more" if rest > 0 else shown
