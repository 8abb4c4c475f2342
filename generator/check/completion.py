"""The ids an editor's tool offers for completion: days, parts, modules, resources, links.

They go into the JSON Schemas as enums beside the programme's vocabularies, so VS Code offers
`day-2` after `day: ` and `peer-review-framework/vision-1` in `framework_links`. They are read
from the sources as loaded, before validation, so a project with errors still gets them.
"""

from __future__ import annotations

from typing import Any

from generator.load.sources import Corpus


def completion_ids(corpus: Corpus) -> dict[str, list[str]]:
    """Each kind of id the schemas mark with `ids`, as the project holds them now."""
    programme = next((d.data for d in corpus.of_kind("programme")), None)
    programme = programme if isinstance(programme, dict) else {}
    return {
        "training_days": _ids(programme.get("training_days")),
        "parts": _ids(programme.get("parts")),
        "modules": sorted(path.stem for kind, path in corpus.files if kind == "module"),
        "resources": sorted(path.stem for kind, path in corpus.files if kind == "resource"),
        "framework_links": sorted(
            link for doc in corpus.of_kind("framework") for link in _links(doc.data)
        ),
    }


def _ids(entries: Any) -> list[str]:
    """The `id` of each mapping in a list, in order."""
    if not isinstance(entries, list):
        return []
    return [str(e["id"]) for e in entries if isinstance(e, dict) and "id" in e]


def _links(framework: Any) -> list[str]:
    """framework-id/id for every domain, strand and criterion of a framework."""
    if not isinstance(framework, dict) or "id" not in framework:
        return []
    found: list[str] = []
    for domain in framework.get("domains") or []:
        if not isinstance(domain, dict):
            continue
        found += _ids([domain])
        for strand in domain.get("strands") or []:
            if isinstance(strand, dict):
                found += _ids([strand]) + _ids(strand.get("criteria"))
    return [f"{framework['id']}/{target}" for target in found]
