"""The model of a review framework: its scale, principles, phases, domains, strands and criteria.

Used by the framework kinds (generator/kinds/framework.py) and by `handbook diff`, which
reads a framework on its own, without the programme's vocabularies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from generator.load.sources import SourceDocument
from generator.model.objects import (
    Change,
    Criterion,
    Domain,
    Framework,
    Level,
    Phase,
    Principle,
    Strand,
)
from generator.model.vocab import Vocabulary, vocabulary_terms


def with_history(current: Framework, archived: list[Framework]) -> Framework:
    """The current framework with its archived versions, oldest first."""
    earlier = sorted(
        (f for f in archived if f.id == current.id), key=lambda f: version_key(f.version)
    )
    return replace(current, history=tuple(earlier))


def version_key(version: str) -> tuple[int, ...]:
    """A version as numbers, so that 2.10 sorts after 2.9."""
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))


def framework_from(
    doc: SourceDocument, vocabularies: Mapping[str, Vocabulary] | None = None
) -> Framework:
    """The model of one validated framework document.

    Without the programme's vocabularies (a framework read alone, for `handbook diff`),
    evidence sources keep their ids as labels.
    """
    data = doc.data
    scale = tuple(
        Level(id=x["id"], label=x["label"], descriptor=x["descriptor"].strip())
        for x in data["scale"]
    )
    shape = _Shape(framework_id=data["id"], scale=scale, vocabularies=vocabularies)
    domains = tuple(_domain(shape, d, n) for n, d in enumerate(data["domains"], start=1))
    return Framework(
        id=data["id"],
        title=data["title"],
        version=data["version"],
        status=data["status"],
        summary=data["summary"].strip(),
        principles=tuple(
            Principle(title=p["title"], description=p["description"].strip())
            for p in data["principles"]
        ),
        phases=tuple(
            Phase(id=p["id"], title=p["title"], description=p["description"].strip())
            for p in data["phases"]
        ),
        scale=scale,
        changes=_changes(data),
        domains=domains,
        source=doc.rel,
    )


@dataclass(frozen=True)
class _Shape:
    """What every criterion of one framework is built with."""

    framework_id: str
    scale: tuple[Level, ...]
    vocabularies: Mapping[str, Vocabulary] | None

    def criteria(
        self, items: list[dict[str, Any]], number: str, domain: str, strand: str = ""
    ) -> tuple[Criterion, ...]:
        return tuple(
            Criterion(
                id=c["id"],
                number=f"{number}.{n}",
                statement=c["statement"].strip(),
                descriptors=tuple((lv, c["descriptors"][lv.id].strip()) for lv in self.scale),
                evidence=vocabulary_terms(self.vocabularies, "evidence_sources", c["evidence"]),
                questions=tuple(q.strip() for q in c["questions"]),
                framework_id=self.framework_id,
                domain_id=domain,
                strand_id=strand,
            )
            for n, c in enumerate(items, start=1)
        )


def _domain(shape: _Shape, data: dict[str, Any], number: int) -> Domain:
    strands = tuple(
        _strand(shape, data["id"], s, f"{number}.{n}")
        for n, s in enumerate(data.get("strands") or (), start=1)
    )
    return Domain(
        id=data["id"],
        number=str(number),
        title=data["title"],
        summary=data["summary"].strip(),
        strands=strands,
        own_criteria=shape.criteria(data.get("criteria") or [], str(number), data["id"]),
        framework_id=shape.framework_id,
    )


def _strand(shape: _Shape, domain: str, data: dict[str, Any], number: str) -> Strand:
    return Strand(
        id=data["id"],
        number=number,
        title=data["title"],
        summary=data["summary"].strip(),
        criteria=shape.criteria(data["criteria"], number, domain, data["id"]),
        framework_id=shape.framework_id,
        domain_id=domain,
    )


def _changes(data: dict[str, Any]) -> tuple[Change, ...]:
    """The framework's change log, newest first as written."""
    return tuple(
        Change(version=c["version"], date=c["date"].isoformat(), summary=c["summary"].strip())
        for c in data.get("changes") or []
    )
