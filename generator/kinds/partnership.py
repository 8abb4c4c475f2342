"""The partnership an edition is for: its schools and role addresses, as the programme holds them.

An edition's edition.yml gives `schools:` and `contacts:`; the layer (generator/load/editions.py)
hands them to the programme's settings as `partnership:`, checked by the schema here.
"""

from __future__ import annotations

from generator.check.schemas import Schema, choice, items, label, text

#: The phases a school may be of.
PHASES = (
    "nursery",
    "infant",
    "junior",
    "primary",
    "middle",
    "secondary",
    "all-through",
    "special",
    "alternative provision",
)

SCHOOL: Schema = {
    "name": label("The school's name"),
    "phase": choice("The school's phase, such as primary or secondary", PHASES),
    "headteacher": label("The headteacher's name (optional)", required=False),
    "improvement_champion": label(
        "The school's improvement champion's name (optional)", required=False
    ),
}

CONTACT: Schema = {
    "role": label("The role, such as Partnership lead or Training enquiries"),
    "email": {
        **text("A role address (a shared mailbox), never a person's own address"),
        "form": "email",
    },
}

SCHOOLS = items("The partnership's schools", SCHOOL, required=False)
CONTACTS = items("Role addresses to write to: shared mailboxes, no personal data", CONTACT, False)

#: What the programme's settings hold of an edition's partnership (set by the layer).
PARTNERSHIP: Schema = {
    "type": "dict",
    "required": False,
    "schema": {
        "id": {**text("The edition's id, its folder's name"), "form": "id"},
        "title": label("The partnership's name"),
        "programme": label("The core programme's name", required=False),
        "schools": SCHOOLS,
        "contacts": CONTACTS,
    },
    "meta": {"description": "Set from an edition's edition.yml; not written by hand"},
}
