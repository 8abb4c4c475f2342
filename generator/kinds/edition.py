"""The edition kind: editions/<id>/edition.yml, a partnership's settings over the core's.

Not one of the catalogue's kinds (its file lives outside content/ and is never a page): it
declares the schema of edition.yml, its JSON Schema for editors and the starting file
`handbook new edition NAME` writes. generator/load/editions.py lays it over the core.
"""

from __future__ import annotations

from typing import Any

from generator.check.schemas import Schema, identifier, items, label
from generator.kinds.partnership import CONTACTS, SCHOOLS
from generator.kinds.programme import PROGRAMME, TRAINING_DAY, WINDOW
from generator.kinds.registry import Built, NewRequest, Placement, SourceKind, Starter
from generator.load.editions import BY_ID, FOLDER, SETTINGS
from generator.load.sources import SourceDocument


def _overrides(description: str, item: Schema, fields: tuple[str, ...]) -> Schema:
    """A list of overrides by id: the id (required) and the fields an edition may set."""
    rules = {name: {**item[name], "required": False} for name in fields}
    return items(description, {"id": identifier("The id of the core's item to change"), **rules},
                 required=False)  # fmt: skip


EDITION: Schema = {
    "title": label("The partnership's name, on every page, cover, download and calendar"),
    "facts": PROGRAMME["facts"],
    "wording": PROGRAMME["wording"],
    "training_days": _overrides(
        "Training days of the core to change, by id: date, times, breaks and venue",
        TRAINING_DAY,
        BY_ID["training_days"],
    ),
    "windows": _overrides(
        "Windows of the core to move, by id: first_day and last_day", WINDOW, BY_ID["windows"]
    ),
    "school_year": PROGRAMME["school_year"],
    "schools": SCHOOLS,
    "contacts": CONTACTS,
}


def _place(request: NewRequest) -> Placement:
    """editions/<name>/edition.yml, starting from the core's days and windows."""
    programme = request.handbook.programme
    return f"{FOLDER}/{request.name}/{SETTINGS}", {
        "days": [(d.id, programme.plan(d.id)) for d in programme.days],
        "windows": programme.windows,
    }


def _nothing(docs: list[SourceDocument], built: Built) -> tuple[Any, ...]:
    return ()  # an edition is laid over the programme; it has no model of its own


KIND = SourceKind(
    name="edition",
    folder=FOLDER,
    pattern=f"*/{SETTINGS}",
    build=_nothing,
    schema=EDITION,
    title="Partnership edition",
    starter=Starter("new/edition.yml.j2", _place),
)
