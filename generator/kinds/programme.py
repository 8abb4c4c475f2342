"""The programme kind: content/programme.yml, the settings every other source builds on.

Its parts, training days and vocabularies are what chapters, modules and criteria refer to.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from generator.check.crossref import Checker, Index
from generator.check.schemas import (
    Schema,
    calendar_date,
    choice,
    identifier,
    ids,
    items,
    label,
    minutes,
    strings,
    text,
    time_of_day,
    vocabulary,
)
from generator.codes import CODES
from generator.kinds.meetings import MEETING, meeting_from
from generator.kinds.partnership import PARTNERSHIP
from generator.kinds.registry import Built, DeclaredId, SourceKind
from generator.load.sources import SourceDocument
from generator.model.keydates import KeyDate, key_dates, steps_of
from generator.model.objects import Part, Programme, TrainingDay
from generator.model.partnership import partnership_from
from generator.model.schoolyear import Window, read_date
from generator.model.termdates import REGIONS, year_of
from generator.model.timetable import day_plan
from generator.model.vocab import BREAK_KINDS, VOCABULARIES, Term, Vocabulary
from generator.model.wording import theme_wording, wording

TERM: Schema = {
    "id": identifier("The value's id, which sources write"),
    "label": label("The value's name as readers see it"),
    "description": text("What the value means, for editors and readers", required=False),
}


VOCABULARIES_SCHEMA: Schema = {
    "type": "dict",
    "required": True,
    "meta": {"description": "The controlled lists sources choose from, with their labels"},
    # Each list is needed only once a source uses it; a value no list holds is an error there.
    "schema": {
        name: items(description, TERM, required=False) for name, description in VOCABULARIES.items()
    },
}


BREAK: Schema = {
    "kind": choice("Which break this is", BREAK_KINDS),
    "minutes": minutes("How long the break lasts", 5, 120),
    "at": time_of_day('When it starts, "HH:MM", at the end of a session; or give `after`'),
    "after": ids(
        {**text("The id of the module it follows; or give `at`", required=False), "form": "id"},
        "modules",
    ),
}


TRAINING_DAY: Schema = {
    "id": identifier("The day's id, which modules name in `day`"),
    "title": label("The day's title"),
    "kind": vocabulary("The kind of day, from vocabularies.day_kinds", "day_kinds"),
    "summary": text("One or two sentences about the day"),
    "date": calendar_date("The day's date, YYYY-MM-DD, within the edition's school year", False),
    "arrival": time_of_day('When registration opens, "HH:MM"'),
    "start": time_of_day('When the first session starts, "HH:MM"'),
    "end": time_of_day('When the day closes, "HH:MM"; or give `length`'),
    "length": minutes("How long the day runs from the start, in minutes; or give `end`", 30, 720,
                      required=False),
    "breaks": items("The morning break, lunch and afternoon break", BREAK, required=False),
    "venue": label("Where the day is held: the venue's name and address, or Online",
                   required=False),
    "link": {**text("The joining address of a day held online", required=False),
             "form": "web-address"},
}  # fmt: skip


WINDOW: Schema = {
    "id": identifier("The window's id, which keeps its calendar entry stable"),
    "title": label("The window's title as the calendar shows it"),
    "kind": vocabulary(
        "Which part of the cycle it is, from vocabularies.window_kinds", "window_kinds"
    ),
    "first_day": calendar_date("The first day of the window, YYYY-MM-DD"),
    "last_day": calendar_date("The last day of the window, YYYY-MM-DD"),
    "summary": text("What schools do in this window", required=False),
}


#: A phrase list the prose checks match against: not itself prose to check.
def _phrases(description: str) -> Schema:
    rules = strings(description, check_with="plain_text")
    return {**rules, "meta": {**rules["meta"], "prose": False}}


HOUSE_RULE: Schema = {
    "use": label("The term to write, exactly as written here (for example SENCo)"),
    "avoid": {
        **_phrases("Variants to avoid, matched as whole words in any case"),
        "required": True,
        "minlength": 1,
    },
}


#: A step a fact fixes relative to each visit of a window (see generator/model/keydates.py).
STEP: Schema = {
    "title": label("The step as the calendar names it, for example Pre-review meeting"),
    "window": vocabulary(
        "The kind of window whose days are the visits, from vocabularies.window_kinds",
        "window_kinds",
    ),
    "before": text('How long before the visit: "3 weeks", "4 school weeks"', required=False),
    "after": text('How long after the visit: "10 school days"', required=False),
    "needed_by": strings("Training days or windows that need the step done first", form="id"),
}


#: A fact: its text, or a mapping of its text and what else the rulebook knows about it.
FACT: Schema = {
    "type": ["string", "dict"],
    "empty": False,
    "check_with": "fact_text",
    "schema": {
        "text": {
            **text("The fact's text, put in wherever {{ name }} is written"),
            "check_with": "fact_text",
        },
        "contradicts": _phrases("Phrasings that contradict the fact; `*` stands for any one word"),
        "subject": _phrases(
            "Words the fact counts, beside those after a number in its text, for the "
            "consistency report (for example reviewer)"
        ),
        "step": {
            "type": "dict",
            "required": False,
            "schema": STEP,
            "meta": {"description": "The step the fact fixes relative to each visit"},
        },
    },
    "meta": {"description": "The fact's text, or a mapping with `text:` and its rules"},
}


HALF_TERM: Schema = {
    "first_day": calendar_date("The first weekday of the half-term holiday, YYYY-MM-DD"),
    "last_day": calendar_date("The last weekday of the half-term holiday, YYYY-MM-DD"),
}

TERM_DATES: Schema = {
    "name": label("The term's name, for example Autumn term"),
    "first_day": calendar_date("The term's first day, INSET days included, YYYY-MM-DD"),
    "last_day": calendar_date("The term's last day, YYYY-MM-DD"),
    "half_term": {
        "type": "dict",
        "required": False,
        "schema": HALF_TERM,
        "meta": {"description": "The half-term holiday inside the term"},
    },
}

SCHOOL_YEAR: Schema = {
    "type": "dict",
    "required": False,
    "schema": {
        "bank_holidays": choice(
            "Whose bank holidays close schools: england or wales", REGIONS, required=False
        ),
        "terms": items("The terms, in order", TERM_DATES),
        "inset_days": {
            "type": "list",
            "required": False,
            "schema": calendar_date("An INSET (training) day, YYYY-MM-DD"),
            "meta": {"description": "Days schools are closed to pupils for staff training"},
        },
    },
    "meta": {"description": "Term dates, half-terms and INSET days of the edition's year"},
}


PROGRAMME: Schema = {
    "title": label("The programme's name, shown on every page and on the cover"),
    "subtitle": label("A line under the title", required=False),
    "introduction": text("What the programme is, in Markdown, for the home page", required=False),
    "vocabularies": VOCABULARIES_SCHEMA,
    "wording": {
        "type": "dict",
        "required": False,
        "keysrules": {"type": "string", "form": "wording-key"},
        "valuesrules": {"type": "string", "empty": False, "check_with": "plain_text"},
        "meta": {
            "description": "Headings and labels to word differently, keyed as in theme/wording.yml"
        },
    },
    "facts": {
        "type": "dict",
        "required": False,
        "keysrules": {"type": "string", "form": "id"},
        "valuesrules": FACT,
        "meta": {"description": "Numbers and rules stated once and used as {{ name }} in any text"},
    },
    "terminology": items(
        "House rules: a term to use, and the variants to write it as instead",
        HOUSE_RULE,
        required=False,
    ),
    "edition": label('The edition, for example "2026/27"'),
    "organisation": label("Who publishes the handbook"),
    "licence": label("The licence the content is published under"),
    "repository": {
        **text("Web address of the source repository, for 'edit this page' links"),
        "form": "repository",
    },
    "branch": {
        **text("The branch editors change, for 'edit this page' links", required=False),
        "form": "branch",
    },
    "site_url": {
        **text("Web address the site is published at, printed on chapter PDFs", required=False),
        "form": "web-address",
    },
    "language": {**text("Language tag of the content"), "form": "language"},
    "parts": items(
        "Handbook parts in reading order",
        {
            "id": identifier("The part's id, which chapters name in `part`"),
            "title": label("The part's title"),
            "summary": text("One or two sentences about the part"),
        },
    ),
    "training_days": items("Training days in programme order", TRAINING_DAY),
    "longest_without_break": minutes(
        "Minutes a training day may run without a break before validation warns (120)",
        30,
        480,
        required=False,
    ),
    "windows": items("The cycle's windows for the calendar, in any order", WINDOW, required=False),
    "meetings": items(
        "Meetings held on set dates, such as the headteachers' group", MEETING, required=False
    ),
    "school_year": SCHOOL_YEAR,
    "partnership": PARTNERSHIP,
    "silence_warnings": strings(
        "Warnings not to report, by code (docs/source-formats.md); errors cannot be silenced",
        allowed=list(CODES),
    ),
}


def _check_programme(check: Checker, index: Index, root: Path) -> None:
    """Its own words must be ones the theme has, or they would silently do nothing."""
    known = theme_wording()
    for key in check.doc.data.get("wording") or {}:
        check.refers(("wording", key), key, known, "wording key", key=True)
    for i, day in enumerate(check.doc.data.get("training_days") or []):
        if "date" in day and not (day.get("venue") or day.get("link")):
            check.warn(
                ("training_days", i, "id"),
                f"training day '{day['id']}' has a date but no venue",
                "add `venue:` with the venue's name and address, or `venue: Online` and `link:`",
                code="date.no-venue",
            )


def _programme(data: dict[str, Any]) -> Programme:
    parts = tuple(
        Part(id=p["id"], title=p["title"], summary=p["summary"].strip(), number=n)
        for n, p in enumerate(data["parts"], start=1)
    )
    vocabularies = vocabularies_from(data["vocabularies"])
    kinds = vocabularies.get("day_kinds") or Vocabulary(name="day_kinds", terms=())
    days = data["training_days"]
    windows = tuple(
        sorted((_window(w, vocabularies) for w in data.get("windows") or ()), key=_when)
    )
    return Programme(
        title=data["title"],
        subtitle=data.get("subtitle", ""),
        introduction=data.get("introduction", "").strip(),
        edition=data["edition"],
        organisation=data["organisation"],
        licence=data["licence"],
        repository=data["repository"].rstrip("/"),
        branch=data.get("branch", "main"),
        language=data["language"],
        parts=parts,
        days=tuple(_day(d, n, days[:n], kinds) for n, d in enumerate(days)),
        vocabularies=vocabularies,
        wording=wording(data.get("wording") or {}),
        site_url=data.get("site_url", "").rstrip("/"),
        plans=tuple(day_plan(d) for d in data["training_days"]),
        windows=windows,
        key_dates=_key_dates(data, windows),
        meetings=tuple(meeting_from(m) for m in data.get("meetings") or ()),
        partnership=partnership_from(data.get("partnership")),
    )


def _key_dates(data: dict[str, Any], windows: tuple[Window, ...]) -> tuple[KeyDate, ...]:
    """The steps the facts fix, dated for each window's earliest and latest visit."""
    steps = steps_of(data.get("facts") or {})
    year = year_of(data) if steps else None
    return key_dates(steps, windows, year) if year is not None else ()


def _window(data: dict[str, Any], vocabularies: Mapping[str, Vocabulary]) -> Window:
    first, last = read_date(data["first_day"]), read_date(data["last_day"])
    assert first is not None and last is not None
    return Window(
        id=data["id"],
        title=data["title"],
        kind=data["kind"],
        first_day=first,
        last_day=last,
        summary=data.get("summary", "").strip(),
        kind_label=vocabularies["window_kinds"][data["kind"]].label,
    )


def _when(window: Window) -> tuple[object, ...]:
    return (window.first_day, window.last_day, window.id)


def vocabularies_from(data: dict[str, Any]) -> MappingProxyType[str, Vocabulary]:
    """The programme's controlled lists, from `vocabularies:` in content/programme.yml."""
    return MappingProxyType(
        {
            name: Vocabulary(
                name=name,
                terms=tuple(
                    Term(id=t["id"], label=t["label"], description=t.get("description", "").strip())
                    for t in terms
                ),
            )
            for name, terms in data.items()
        }
    )


def _day(
    data: dict[str, Any], index: int, earlier: list[dict[str, Any]], kinds: Vocabulary
) -> TrainingDay:
    same_kind = 1 + sum(1 for day in earlier if day["kind"] == data["kind"])
    kind = kinds[data["kind"]]
    return TrainingDay(
        id=data["id"],
        title=data["title"],
        kind=kind,
        summary=data["summary"].strip(),
        number=index + 1,
        label=f"{kind.label} {same_kind}",
        venue=data.get("venue", ""),
        link=data.get("link", ""),
    )


def _ids(doc: SourceDocument) -> Iterator[DeclaredId]:
    data = doc.data
    yield from (("part", ("parts", i, "id"), p["id"]) for i, p in enumerate(data["parts"]))
    days = enumerate(data["training_days"])
    yield from (("training day", ("training_days", i, "id"), d["id"]) for i, d in days)


def _index(index: Index, doc: SourceDocument) -> None:
    data = doc.data
    index.parts = [part["id"] for part in data["parts"]]
    index.days = [day["id"] for day in data["training_days"]]
    index.vocabularies = {
        name: [term["id"] for term in terms] for name, terms in data["vocabularies"].items()
    }


def _build(docs: list[SourceDocument], built: Built) -> tuple[Programme, ...]:
    return (_programme(docs[0].data),)


KIND = SourceKind(
    name="programme",
    folder="content",
    pattern="programme.yml",
    build=_build,
    schema=PROGRAMME,
    title="Programme settings",
    ids=_ids,
    index=_index,
    check=_check_programme,
)
