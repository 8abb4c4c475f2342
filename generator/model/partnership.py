"""Stage 3, model: who a partnership's edition is for, read from its edition.yml.

An edition (editions/<id>/edition.yml) names the partnership, its schools and the role
addresses to write to; the layer (generator/load/editions.py) hands them to the programme as
`partnership:`, and the edition's "Our partnership" page shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class School:
    """One school of the partnership."""

    name: str
    phase: str
    headteacher: str = ""
    improvement_champion: str = ""


@dataclass(frozen=True)
class Contact:
    """A role in the partnership and the shared address that reaches whoever holds it."""

    role: str
    email: str


@dataclass(frozen=True)
class Partnership:
    """The partnership an edition is published for."""

    id: str
    title: str
    #: The core programme's own name, which the edition works from.
    programme: str
    schools: tuple[School, ...] = ()
    contacts: tuple[Contact, ...] = ()


def partnership_from(data: dict[str, Any] | None) -> Partnership | None:
    """The model of a validated `partnership:` mapping, or None for the core's own site."""
    if not data:
        return None
    schools = tuple(
        School(
            name=s["name"],
            phase=s["phase"],
            headteacher=s.get("headteacher", ""),
            improvement_champion=s.get("improvement_champion", ""),
        )
        for s in data.get("schools") or ()
    )
    contacts = tuple(Contact(role=c["role"], email=c["email"]) for c in data.get("contacts") or ())
    return Partnership(
        id=data["id"],
        title=data["title"],
        programme=data.get("programme", ""),
        schools=schools,
        contacts=contacts,
    )
