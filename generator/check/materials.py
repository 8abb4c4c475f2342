"""Stage 2, check: resources and the materials lists that name them.

Each material is a resource reference or a described item with who brings it; a reference
must name a resource that exists, and a resource nothing names is worth a warning.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from generator.errors import Diagnostic
from generator.load.sources import SourceDocument
from generator.model.vocab import PROVIDERS

if TYPE_CHECKING:
    from generator.check.crossref import Checker

WHO = ", ".join(PROVIDERS)


def check_materials(check: Checker, resources: Collection[str]) -> None:
    """Every entry of a module's materials: a known resource, or an item with a provider."""
    seen: dict[str, int] = {}
    for i, entry in enumerate(check.doc.data.get("materials") or []):
        path = ("materials", i)
        if "resource" in entry and "item" in entry:
            check.error(
                path,
                "a material is either a resource or an item, not both",
                "split it into two entries, or remove `item:`",
                code="material.resource-and-item",
            )
        elif "resource" in entry:
            _resource_entry(check, path, entry, resources, seen)
        elif "item" in entry:
            _item_entry(check, path, entry)
        else:
            check.error(
                path,
                "a material needs `resource:` or `item:`",
                "write `resource: <resource id>` for a file in content/resources/, "
                f"or `item: <what it is>` with `provided_by:` ({WHO})",
                code="material.neither",
            )


def _resource_entry(
    check: Checker,
    path: tuple[str, int],
    entry: dict[str, str],
    resources: Collection[str],
    seen: dict[str, int],
) -> None:
    name = entry["resource"]
    if "provided_by" in entry:
        check.error(
            (*path, "provided_by"),
            "a resource is printed from its download, so nobody else provides it",
            "remove `provided_by:`, or describe the thing as an `item:` instead",
            key=True,
            code="material.provided-resource",
        )
    if name in seen:
        check.error(
            (*path, "resource"),
            f"resource '{name}' is already listed (materials item {seen[name] + 1})",
            "list each resource once; say how many copies with `copies:`",
            code="material.duplicate",
        )
        return
    seen[name] = path[1]
    check.refers((*path, "resource"), name, resources, "resource")


def _item_entry(check: Checker, path: tuple[str, int], entry: dict[str, str]) -> None:
    if "provided_by" not in entry:
        check.error(
            path,
            f"who provides '{entry['item']}'?",
            f"add `provided_by:` with one of: {WHO}",
            code="material.no-provider",
        )


def unused_resources(docs: Iterable[SourceDocument], lenient: Collection[str]) -> list[Diagnostic]:
    """A warning for each resource no module lists (none when a module could not be read)."""
    docs = list(docs)
    if "module" in lenient:
        return []
    used = {
        entry["resource"]
        for doc in docs
        if doc.kind == "module"
        for entry in doc.data.get("materials") or []
        if "resource" in entry
    }
    return [
        Diagnostic(
            doc.rel,
            1,
            1,
            f"resource '{doc.stem}' is not used by any module",
            hint=f"list it in a module's materials as `- resource: {doc.stem}`, or delete it",
            severity="warning",
            code="resource.unused",
        )
        for doc in docs
        if doc.kind == "resource" and doc.stem not in used
    ]
