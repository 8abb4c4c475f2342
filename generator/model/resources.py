"""Stage 3, model: training resources and the materials a module lists.

A resource is a Markdown file in content/resources/ that a trainer prints for a session (a
case-study pack, a set of cards, a data summary). A module's material is either a reference
to a resource or a described item with who brings it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.load.sources import SourceDocument

if TYPE_CHECKING:  # the model imports this module; these names are for annotations only
    from generator.model.vocab import Term, Vocabulary


@dataclass(frozen=True)
class PrintHints:
    """How to print a resource: copies, paper, sides, cutting, page breaks and notes."""

    copies: str = ""
    paper: str = ""
    sides: str = ""
    cut: bool = False
    page_per_section: bool = False
    notes: str = ""
    #: How tall each empty row of a fill-in table prints, in mm (0: about one line).
    write_in_mm: int = 0


@dataclass(frozen=True)
class Resource:
    """A printable training resource: front matter and a Markdown body."""

    id: str
    title: str
    summary: str
    audience: tuple[Term, ...]
    print: PrintHints
    body: str
    source: str
    #: Other resources it needs beside it, by id: a day pack that holds it holds them too.
    uses: tuple[str, ...] = ()

    @property
    def file_stem(self) -> str:
        """The name its PDF and Word copies carry, in downloads and in day packs."""
        return self.id


@dataclass(frozen=True)
class Material:
    """One thing a module needs: a resource (by id) or an item someone brings."""

    label: str
    resource: str = ""
    provided_by: str = ""
    copies: str = ""
    print: PrintHints = PrintHints()

    def __str__(self) -> str:
        return self.label


def resource_from(doc: SourceDocument, vocabularies: Mapping[str, Vocabulary]) -> Resource:
    """The model of one validated resource document; its id is its file name."""
    data = doc.data
    roles = vocabularies["roles"]
    hints = data.get("print") or {}
    return Resource(
        id=doc.stem,
        title=data["title"],
        summary=data["summary"].strip(),
        audience=tuple(roles[role] for role in data["audience"]),
        print=PrintHints(
            copies=hints.get("copies", ""),
            paper=hints.get("paper", ""),
            sides=hints.get("sides", ""),
            cut=bool(hints.get("cut", False)),
            page_per_section=bool(hints.get("page_per_section", False)),
            notes=hints.get("notes", "").strip(),
            write_in_mm=hints.get("write_in_mm", 0),
        ),
        body=doc.body.strip() + "\n",
        source=doc.rel,
        uses=tuple(data.get("uses") or ()),
    )


def materials_from(
    entries: list[dict[str, Any]], resources: Mapping[str, Resource]
) -> tuple[Material, ...]:
    """A module's materials, each resource reference resolved to its title and print hints."""
    found = []
    for entry in entries:
        copies = entry.get("copies", "")
        if "resource" in entry:
            resource = resources[entry["resource"]]
            found.append(
                Material(
                    label=resource.title, resource=resource.id, copies=copies, print=resource.print
                )
            )
        else:
            found.append(
                Material(label=entry["item"], provided_by=entry["provided_by"], copies=copies)
            )
    return tuple(found)
