"""The cerberus schema of each source kind: the one place that says what a valid source is.

`meta.description` on each field feeds the JSON Schemas written for editors' autocomplete.
"""

from __future__ import annotations

from typing import Any

from .vocab import ACTIVITY_TYPES, DAY_KINDS, EVIDENCE_SOURCES, FRAMEWORK_STATUSES, ROLES

Schema = dict[str, Any]

ID_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
REF_PATTERN = rf"{ID_PATTERN}/{ID_PATTERN}"


def text(description: str, required: bool = True) -> Schema:
    """A non-empty string field."""
    return {
        "type": "string",
        "required": required,
        "empty": False,
        "meta": {"description": description},
    }


def identifier(description: str) -> Schema:
    """An id: lower-case words joined by hyphens."""
    return {**text(description), "regex": ID_PATTERN}


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


def choice(description: str, allowed: Any, required: bool = True) -> Schema:
    """A string from a controlled list."""
    return {
        "type": "string",
        "required": required,
        "allowed": list(allowed),
        "meta": {"description": description},
    }


VERSION = {**text('Version as text, for example "3.0"; quote it so YAML keeps it as text')}

PROGRAMME: Schema = {
    "title": text("The programme's name, shown on every page and on the cover"),
    "subtitle": text("A line under the title", required=False),
    "introduction": text("What the programme is, in Markdown, for the home page", required=False),
    "edition": text('The edition, for example "2026/27"'),
    "organisation": text("Who publishes the handbook"),
    "licence": text("The licence the content is published under"),
    "repository": {
        **text("Web address of the source repository, for 'edit this page' links"),
        "regex": r"https://\S+",
    },
    "branch": text("The branch editors change, for 'edit this page' links", required=False),
    "language": {**text("Language tag of the content"), "regex": r"[a-z]{2}(-[A-Z]{2})?"},
    "parts": items(
        "Handbook parts in reading order",
        {
            "id": identifier("The part's id, which chapters name in `part`"),
            "title": text("The part's title"),
            "summary": text("One or two sentences about the part"),
        },
    ),
    "training_days": items(
        "Training days in programme order",
        {
            "id": identifier("The day's id, which modules name in `day`"),
            "title": text("The day's title"),
            "kind": choice("Leadership training or impact support", DAY_KINDS),
            "summary": text("One or two sentences about the day"),
        },
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
    "evidence": strings(
        "Evidence sources reviewers draw on", required=True, allowed=list(EVIDENCE_SOURCES)
    ),
    "questions": {**strings("Lines of enquiry for reviewers", required=True), "minlength": 1},
}

STRAND: Schema = {
    "id": identifier("Stable id of the strand"),
    "title": text("The strand's title"),
    "summary": text("One or two sentences about the strand"),
    "criteria": items("The strand's criteria", CRITERION),
}

DOMAIN: Schema = {
    "id": identifier("Stable id of the domain"),
    "title": text("The domain's title"),
    "summary": text("A paragraph about the domain"),
    "strands": items("The domain's strands", STRAND),
}

FRAMEWORK: Schema = {
    "id": identifier("The framework's id; the file must be named after it"),
    "title": text("The framework's title"),
    "version": VERSION,
    "status": choice("Whether schools should use it yet", FRAMEWORK_STATUSES),
    "summary": text("A paragraph saying what the framework is for"),
    "principles": items(
        "What the framework stands for",
        {
            "title": text("The principle in a few words"),
            "description": text("The principle explained"),
        },
    ),
    "phases": items(
        "The stages of the review cycle",
        {
            "id": identifier("The phase's id"),
            "title": text("The phase's title"),
            "description": text("What happens in this phase"),
        },
    ),
    "scale": {
        **items(
            "Rating levels from lowest to highest",
            {
                "id": identifier("The level's id, used as a key in each criterion's descriptors"),
                "label": text("The level's name as readers see it"),
                "descriptor": text("What the level means in general"),
            },
        ),
        "minlength": 2,
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
    "title": text("The handout's title"),
    "file": {**text("Markdown file of the handout, relative to this file"), "regex": r"\S+\.md"},
}

SESSION: Schema = {
    "title": text("The session's title"),
    "minutes": {
        "type": "integer",
        "required": True,
        "min": 5,
        "max": 480,
        "meta": {"description": "Length in minutes"},
    },
    "activity": choice("The kind of activity", ACTIVITY_TYPES),
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
    "title": text("The module's title"),
    "summary": text("A paragraph about the module"),
    "audience": {
        **strings("Who the module is for", required=True, allowed=list(ROLES)),
        "minlength": 1,
    },
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
    "prerequisites": strings("Module ids to complete first", regex=ID_PATTERN),
    "framework_links": strings(
        "Strands or criteria the module builds, as framework-id/id", regex=REF_PATTERN
    ),
    "materials": strings("What the trainer needs in the room"),
    "sessions": items("The sessions in running order", SESSION),
}

CHAPTER: Schema = {
    "title": text("The chapter's title"),
    "part": identifier("The part id from content/programme.yml"),
    "order": {
        "type": "integer",
        "required": True,
        "min": 1,
        "meta": {"description": "Position within the part, from 1"},
    },
    "summary": text("One or two sentences shown in contents and search"),
    "audience": strings("Who the chapter is for", allowed=list(ROLES)),
    "related": {
        "type": "dict",
        "required": False,
        "meta": {"description": "Related sources"},
        "schema": {
            "modules": strings("Related training module ids", regex=ID_PATTERN),
            "criteria": strings(
                "Related strands or criteria, as framework-id/id", regex=REF_PATTERN
            ),
        },
    },
}

GLOSSARY: Schema = {
    "terms": items(
        "The glossary's terms",
        {
            "id": identifier("The term's id, used in see_also"),
            "term": text("The term as written"),
            "abbreviation": text("Its abbreviation, if one is in use", required=False),
            "definition": text("What it means, in one to three sentences"),
            "see_also": strings("Related term ids", regex=ID_PATTERN),
        },
    ),
}

SCHEMAS: dict[str, Schema] = {
    "programme": PROGRAMME,
    "framework": FRAMEWORK,
    "framework-archive": FRAMEWORK,
    "module": MODULE,
    "chapter": CHAPTER,
    "glossary": GLOSSARY,
}
