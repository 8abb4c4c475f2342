"""Stage 3, model: the Handbook, put together from every registered kind's model."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from types import MappingProxyType

from generator.check.facts import facts_of, with_facts
from generator.kinds.registry import Built, Kinds, SourceKind
from generator.load.sources import SourceDocument
from generator.model.objects import Handbook, Referrer


def build_handbook(docs: list[SourceDocument], kinds: Kinds) -> Handbook:
    """The model of a corpus whose documents all passed validation, built by `kinds`."""
    by_kind: dict[str, list[SourceDocument]] = defaultdict(list)
    known = facts_of(next((d.data for d in docs if d.kind == "programme"), None))
    for doc in docs:
        by_kind[doc.kind].append(with_facts(doc, known))
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
    kinds: Iterable[SourceKind], built: Built
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
