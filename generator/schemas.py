"""The cerberus schema of each source kind: the one place that says what a valid source is.

`meta.description` on each field feeds the JSON Schemas written for editors' autocomplete.
`form: <name>` asks for a value of a named form, such as an id or a time (generator/forms.py).
"""

from __future__ import annotations

from typing import Any

from .codes import CODES
from .vocab import BREAK_KINDS, FRAMEWORK_STATUSES, PAPER_SIZES, PROVIDERS, VOCABULARIES

Schema = dict[str, Any]

ID_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
REF_PATTERN = rf"{ID_PATTERN}/{ID_PATTERN}"
#: A git branch name that is safe in a URL: words of letters, digits, '.', '_' and '-'.
BRANCH_PATTERN = r"[A-Za-z0-9_]+([./-][A-Za-z0-9_]+)*"
#: The https address of a repository, with nothing that could leave a URL or an attribute.
REPOSITORY_PATTERN = r"https://[A-Za-z0-9.-]+(/[A-Za-z0-9._~-]+)*/?"
#: A Markdown file beside a module: an id and `.md`, maybe in a folder named by an id.
MARKDOWN_FILE_PATTERN = rf"(\.\./)*({ID_PATTERN}/)*{ID_PATTERN}\.md"


def text(description: str, required: bool = True) -> Schema:
    """A non-empty string field."""
    return {
        "type": "string",
        "required": required,
        "empty": False,
        "meta": {"description": description},
    }


def label(description: str, required: bool = True) -> Schema:
    """A plain-text string: a title, label or name, one line with no markup."""
    return {**text(description, required), "check_with": "plain_text"}


def identifier(description: str) -> Schema:
    """An id: lower-case words joined by hyphens."""
    return {**text(description), "form": "id"}


def strings(description: str, required: bool = False, **item: Any) -> Schema:
    """A list of non-empty strings, optionally constrained further."""
    rules = {"type": "list", "required": required, "meta": {"description": description}}
    return {**rules, "schema": {"type": "string", "empty": False, **item}}


def items(description: str, schema: Schema, required: bool = True) -> Schema:
    """A non-empty list of mappings that each follow `schema`."""
    rules = {"type": "list", "required": required, "minlength": 1}
    return {
        **rules,
        "meta": {"description": description},
        "schema": {"type": "dict", "schema": schema},
    }


def flag(description: str) -> Schema:
    """An optional yes/no field."""
    return {"type": "boolean", "required": False, "meta": {"description": description}}


def choice(description: str, allowed: Any, required: bool = True) -> Schema:
    """A string from a controlled list."""
    return {
        "type": "string",
        "required": required,
        "allowed": list(allowed),
        "meta": {"description": description},
    }


def vocabulary(description: str, name: str, required: bool = True) -> Schema:
    """An id from one of the programme's vocabularies in content/programme.yml."""
    meta = {"description": description, "vocabulary": name}
    return {"type": "string", "required": required, "empty": False, "meta": meta}


def vocabulary_list(
    description: str, name: str, required: bool = False, minlength: int = 0
) -> Schema:
    """A list of ids from one of the programme's vocabularies."""
    rules = {**strings(description, required), "schema": vocabulary(description, name)}
    return {**rules, "minlength": minlength} if minlength else rules


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


def time_of_day(description: str) -> Schema:
    """A 24-hour time written in quotes, "HH:MM" (unquoted, YAML would read 10:45 as 645)."""
    return {**text(description, required=False), "form": "time"}


def calendar_date(description: str, required: bool = True) -> Schema:
    """A date, unquoted (YAML reads it as a date) or as the text "YYYY-MM-DD"."""
    return {"type": ["date", "string"], "required": required, "meta": {"description": description}}


def minutes(description: str, least: int, most: int, required: bool = True) -> Schema:
    """A whole number of minutes within limits."""
    rules = {"type": "integer", "required": required, "min": least, "max": most}
    return {**rules, "meta": {"description": description}}


BREAK: Schema = {
    "kind": choice("Which break this is", BREAK_KINDS),
    "minutes": minutes("How long the break lasts", 5, 120),
    "at": time_of_day('When it starts, "HH:MM", at the end of a session; or give `after`'),
    "after": {
        **text("The id of the module it follows; or give `at`", required=False),
        "form": "id",
    },
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

VERSION = {**text('Version as text, for example "3.0"; quote it so YAML keeps it as text')}

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
        "valuesrules": {"type": "string", "empty": False, "check_with": "plain_text"},
        "meta": {"description": "Numbers and rules stated once and used as {{ name }} in any text"},
    },
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
    "silence_warnings": strings(
        "Warnings not to report, by code (docs/source-formats.md); errors cannot be silenced",
        allowed=list(CODES),
    ),
}

CRITERION: Schema = {
    "id": identifier("Stable id; other sources link to framework-id/criterion-id"),
    "statement": text("What good practice looks like, in one sentence"),
    "descriptors": {
        "type": "dict",
        "required": True,
        "keysrules": {"type": "string"},
        "valuesrules": {"type": "string", "empty": False},
        "meta": {"description": "One descriptor per rating scale level, keyed by level id"},
    },
    "evidence": vocabulary_list(
        "Evidence sources reviewers draw on", "evidence_sources", required=True
    ),
    "questions": {**strings("Lines of enquiry for reviewers", required=True), "minlength": 1},
}

STRAND: Schema = {
    "id": identifier("Stable id of the strand"),
    "title": label("The strand's title"),
    "summary": text("One or two sentences about the strand"),
    "criteria": items("The strand's criteria", CRITERION),
}

DOMAIN: Schema = {
    "id": identifier("Stable id of the domain"),
    "title": label("The domain's title"),
    "summary": text("A paragraph about the domain"),
    "strands": items("The domain's strands; give strands or criteria", STRAND, required=False),
    "criteria": items(
        "The domain's criteria, for a framework without strands", CRITERION, required=False
    ),
}

FRAMEWORK: Schema = {
    "id": identifier("The framework's id; the file must be named after it"),
    "title": label("The framework's title"),
    "version": VERSION,
    "status": choice("Whether schools should use it yet", FRAMEWORK_STATUSES),
    "summary": text("A paragraph saying what the framework is for"),
    "principles": items(
        "What the framework stands for",
        {
            "title": label("The principle in a few words"),
            "description": text("The principle explained"),
        },
    ),
    "phases": items(
        "The stages of the review cycle",
        {
            "id": identifier("The phase's id"),
            "title": label("The phase's title"),
            "description": text("What happens in this phase"),
        },
    ),
    "scale": {
        **items(
            "Rating levels from lowest to highest",
            {
                "id": identifier("The level's id, used as a key in each criterion's descriptors"),
                "label": label("The level's name as readers see it"),
                "descriptor": text("What the level means in general"),
            },
        ),
        "minlength": 2,
        "maxlength": 7,
    },
    "changes": items(
        "The change log, newest first",
        {
            "version": VERSION,
            "date": {
                "type": "date",
                "required": True,
                "meta": {"description": "Date of the version, YYYY-MM-DD"},
            },
            "summary": text("What changed and why"),
        },
        required=False,
    ),
    "domains": items("The framework's domains", DOMAIN),
}

HANDOUT: Schema = {
    "title": label("The handout's title"),
    "file": {
        **text("Markdown file of the handout, relative to this file"),
        "form": "markdown-file",
    },
}

MATERIAL: Schema = {
    "resource": {
        **identifier("A resource kept in content/resources/: its file name without .md"),
        "required": False,
    },
    "item": text("Anything else the session needs, described", required=False),
    "provided_by": choice("Who brings the item", PROVIDERS, required=False),
    "copies": text("How many, in words, for example 'one per table'", required=False),
}

MATERIALS: Schema = {
    "type": "list",
    "required": False,
    "minlength": 1,
    "meta": {
        "description": "What the module needs: resources by id, other items with who brings them"
    },
    "schema": {
        "type": "dict",
        "schema": MATERIAL,
        "meta": {
            "hint": "write `- resource: <resource id>`, or `- item: <what it is>` with "
            "`provided_by: venue`, `trainer` or `participants` on the next line"
        },
    },
}

SESSION: Schema = {
    "title": label("The session's title"),
    "minutes": {
        "type": "integer",
        "required": True,
        "min": 5,
        "max": 480,
        "meta": {"description": "Length in minutes"},
    },
    "activity": vocabulary("The kind of activity", "activity_types"),
    "description": text("What happens, as participants see it"),
    "facilitator_notes": text("Guidance for the trainer, in Markdown", required=False),
    "slides": text(
        "What the session's slide shows, in Markdown; the description when left out",
        required=False,
    ),
    "handouts": items("Handouts used in this session", HANDOUT, required=False),
}

MODULE: Schema = {
    "id": identifier("The module's id; the file must be named after it"),
    "title": label("The module's title"),
    "summary": text("A paragraph about the module"),
    "audience": vocabulary_list("Who the module is for", "roles", required=True, minlength=1),
    "day": identifier("The training day id from content/programme.yml"),
    "order": {
        "type": "integer",
        "required": False,
        "min": 1,
        "meta": {"description": "Position within the training day, from 1"},
    },
    "duration": {
        "type": "integer",
        "required": True,
        "min": 5,
        "max": 480,
        "meta": {"description": "Total minutes; must equal the sum of session minutes"},
    },
    "objectives": {**strings("What participants can do afterwards", required=True), "minlength": 1},
    "prerequisites": strings("Module ids to complete first", form="id"),
    "framework_links": strings(
        "Strands or criteria the module builds, as framework-id/id", form="reference"
    ),
    "materials": MATERIALS,
    "sessions": items("The sessions in running order", SESSION),
}

CHAPTER: Schema = {
    "title": label("The chapter's title"),
    "part": identifier("The part id from content/programme.yml"),
    "order": {
        "type": "integer",
        "required": True,
        "min": 1,
        "meta": {"description": "Position within the part, from 1"},
    },
    "summary": text("One or two sentences shown in contents and search"),
    "audience": vocabulary_list("Who the chapter is for", "roles"),
    "related": {
        "type": "dict",
        "required": False,
        "meta": {"description": "Related sources"},
        "schema": {
            "modules": strings("Related training module ids", form="id"),
            "criteria": strings(
                "Related strands or criteria, as framework-id/id", form="reference"
            ),
        },
    },
}

PRINT_HINTS: Schema = {
    "copies": text(
        "How many to print when a module does not say, for example 'one per table'",
        required=False,
    ),
    "paper": choice("Paper size, when not A4", PAPER_SIZES, required=False),
    "sides": choice("Print on one side or both", ("single", "double"), required=False),
    "cut": flag("Cut the printed sheets into cards along the table lines"),
    "page_per_section": flag("Start each `##` section on a new page, to hand out separately"),
    "notes": text("Anything else the person printing should know", required=False),
}

RESOURCE: Schema = {
    "title": label("The resource's title"),
    "summary": text("One or two sentences: what it is and how a session uses it"),
    "audience": vocabulary_list("Who reads or uses it", "roles", required=True, minlength=1),
    "print": {
        "type": "dict",
        "required": False,
        "meta": {"description": "How to print it for a session"},
        "schema": PRINT_HINTS,
    },
}

GLOSSARY: Schema = {
    "terms": items(
        "The glossary's terms",
        {
            "id": identifier("The term's id, used in see_also"),
            "term": label("The term as written"),
            "abbreviation": label("Its abbreviation, if one is in use", required=False),
            "definition": text("What it means, in one to three sentences"),
            "see_also": strings("Related term ids", form="id"),
        },
    ),
}


def rules_at(schema: Schema, path: tuple[str | int, ...]) -> Schema:
    """The rules for the value at a document path, or {} where the schema says nothing."""
    rules: Schema = {"type": "dict", "schema": schema}
    for part in path:
        if isinstance(part, int):
            rules = rules.get("schema", {}) if rules.get("type") == "list" else {}
        elif "valuesrules" in rules:
            rules = rules["valuesrules"]
        else:
            rules = rules.get("schema", {}).get(part, {}) if rules.get("type") == "dict" else {}
    return rules


SCHEMAS: dict[str, Schema] = {
    "programme": PROGRAMME,
    "framework": FRAMEWORK,
    "framework-archive": FRAMEWORK,
    "module": MODULE,
    "chapter": CHAPTER,
    "glossary": GLOSSARY,
    "resource": RESOURCE,
}
