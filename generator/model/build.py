"""Stage 3, model: the Handbook, put together from every registered kind's model.

Each kind declares its own builder (generator/kinds/); this module runs them, in whatever
order they ask for one another's models, and puts the results together. It reads the kinds
through the protocols below, so the model names no type of the later kinds stage.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol

from generator.model.declared import KindWithPages
from generator.model.objects import Handbook, Programme, Referrer

if TYPE_CHECKING:
    from generator.load.sources import SourceDocument


class KindToBuild(KindWithPages, Protocol):
    """A kind as the model builder sees it (generator/kinds/registry.py's SourceKind)."""

    @property
    def build(self) -> Callable[[list[SourceDocument], Built], tuple[Any, ...]]: ...
    @property
    def links(self) -> Callable[[Any], Iterable[str]] | None: ...


class PlacesFacts(Protocol):
    """The facts put in place by the last rebuild of a live preview, to give again for the
    same documents (generator/check/facts.py's PlacedFacts)."""

    def all(self, docs: list[SourceDocument], facts: Mapping[str, str]) -> list[SourceDocument]:
        """Each of `docs` with the facts in place."""
        ...


class KindsToBuild(Protocol):
    """The kinds in order, and how their valid documents are published (facts in place)."""

    def __iter__(self) -> Iterator[KindToBuild]: ...
    def template_folders(self) -> tuple[Path, ...]: ...
    def published(
        self, docs: list[SourceDocument], placed: PlacesFacts | None = None
    ) -> list[SourceDocument]: ...


class Built:
    """The model of each kind, built on first use, so a builder may use other kinds' models."""

    def __init__(
        self, documents: Mapping[str, list[SourceDocument]], kinds: Iterable[KindToBuild]
    ) -> None:
        self._documents = documents
        self._kinds = {kind.name: kind for kind in kinds}
        self._built: dict[str, tuple[Any, ...]] = {}

    def of(self, name: str) -> tuple[Any, ...]:
        """The model of one kind's documents."""
        if name not in self._built:
            self._built[name] = self._kinds[name].build(list(self._documents.get(name, ())), self)
        return self._built[name]

    @property
    def programme(self) -> Programme:
        """The programme's settings, which every other kind is built with."""
        programme: Programme = self.of("programme")[0]
        return programme

    def every(self) -> MappingProxyType[str, tuple[Any, ...]]:
        """The model of every kind, by name."""
        return MappingProxyType({name: self.of(name) for name in self._kinds})


def build_handbook(
    docs: list[SourceDocument], kinds: KindsToBuild, placed: PlacesFacts | None = None
) -> Handbook:
    """The model of a corpus whose documents all passed validation, built by `kinds`;
    `placed` is a live preview's record of the facts put in place by its last rebuild."""
    by_kind: dict[str, list[SourceDocument]] = defaultdict(list)
    for doc in kinds.published(docs, placed):
        by_kind[doc.kind].append(doc)
    built = Built(documents=by_kind, kinds=kinds)
    return Handbook(
        programme=built.programme,
        chapters=built.of("chapter"),
        frameworks=built.of("framework"),
        modules=built.of("module"),
        glossary=built.of("glossary"),
        sources=tuple(sorted(doc.rel for doc in docs)),
        referrers=_referrers(kinds, built),
        resources=built.of("resource"),
        collections=built.every(),
        kinds=kinds,
    )


def _referrers(
    kinds: Iterable[KindToBuild], built: Built
) -> MappingProxyType[str, tuple[Referrer, ...]]:
    """Who links to each strand and criterion, in catalogue order, then each kind's order."""
    found: dict[str, list[Referrer]] = defaultdict(list)
    for kind in kinds:
        links = kind.links
        if links is None:
            continue
        for item in built.of(kind.name):
            for ref in links(item):
                found[ref].append(Referrer(kind=kind.name, id=item.id))
    return MappingProxyType({ref: tuple(keys) for ref, keys in found.items()})
