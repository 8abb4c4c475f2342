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
        self,
        documents: Mapping[str, list[SourceDocument]],
        kinds: Iterable[KindToBuild],
        kept: KindModels | None = None,
    ) -> None:
        self._documents = documents
        self._kinds = {kind.name: kind for kind in kinds}
        self._built: dict[str, tuple[Any, ...]] = {}
        self._kept = kept
        #: The kinds being built now, innermost last, and the models each one asked for.
        self._building: list[str] = []
        self._asked: dict[str, set[str]] = defaultdict(set)

    def of(self, name: str) -> tuple[Any, ...]:
        """The model of one kind's documents."""
        if self._building:
            self._asked[self._building[-1]].add(name)
        if name not in self._built:
            self._built[name] = self._build(name)
        return self._built[name]

    def _build(self, name: str) -> tuple[Any, ...]:
        docs = list(self._documents.get(name, ()))
        kept = self._kept.given(name, docs, self) if self._kept is not None else None
        if kept is not None:
            return kept
        self._building.append(name)
        try:
            model = self._kinds[name].build(docs, self)
        finally:
            self._building.pop()
        if self._kept is not None:
            asked = {other: self._built[other] for other in self._asked[name]}
            self._kept.remember(name, docs, asked, model)
        return model

    @property
    def programme(self) -> Programme:
        """The programme's settings, which every other kind is built with."""
        programme: Programme = self.of("programme")[0]
        return programme

    def every(self) -> MappingProxyType[str, tuple[Any, ...]]:
        """The model of every kind, by name."""
        return MappingProxyType({name: self.of(name) for name in self._kinds})


class KindModels:
    """Each kind's model as a live preview's last rebuild built it, given again when the
    kind's documents are the very same objects (the loader's and facts' records keep an
    unchanged document's object), every model its builder asked for is the very same, and
    nothing else a builder reads has changed: `outside`, the digest of the pictures' files
    (the code and the theme are the preview's to watch: it drops this record when they
    change)."""

    def __init__(self) -> None:
        self.outside = ""
        self.known: dict[str, tuple[list[SourceDocument], dict[str, Any], tuple[Any, ...]]] = {}

    def begin(self, outside: str) -> None:
        """Start a rebuild whose builders read `outside` besides their documents."""
        if outside != self.outside:
            self.outside, self.known = outside, {}

    def given(self, name: str, docs: list[SourceDocument], built: Built) -> tuple[Any, ...] | None:
        """The model built last time for these very documents and models, or None."""
        found = self.known.get(name)
        if found is None or len(found[0]) != len(docs):
            return None
        if any(old is not new for old, new in zip(found[0], docs, strict=True)):
            return None
        if any(built.of(other) is not model for other, model in found[1].items()):
            return None
        return found[2]

    def remember(
        self, name: str, docs: list[SourceDocument], asked: dict[str, Any], model: tuple[Any, ...]
    ) -> None:
        """Keep what one kind's builder made, and from what."""
        self.known[name] = (docs, asked, model)


def build_handbook(
    docs: list[SourceDocument],
    kinds: KindsToBuild,
    placed: PlacesFacts | None = None,
    kept: KindModels | None = None,
) -> Handbook:
    """The model of a corpus whose documents all passed validation, built by `kinds`;
    `placed` and `kept` are a live preview's records of its last rebuild: the documents
    with their facts in place, and each kind's model (`KindModels`, begun by the caller)."""
    by_kind: dict[str, list[SourceDocument]] = defaultdict(list)
    for doc in kinds.published(docs, placed):
        by_kind[doc.kind].append(doc)
    built = Built(documents=by_kind, kinds=kinds, kept=kept)
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
