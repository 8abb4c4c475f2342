"""The forms a text value can be required to have (an id, a time, a reference ...), by name.

A schema asks for one with the rule `form: <name>` (generator/check/schemas.py). A value that does
not match its form's pattern in whole is reported with the form's own message, hint and
code: the error names the form, so nothing has to tell forms apart by their patterns.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.check.schemas import (
    BRANCH_PATTERN,
    ID_PATTERN,
    MARKDOWN_FILE_PATTERN,
    REF_PATTERN,
    REPOSITORY_PATTERN,
)
from generator.model.timetable import TIME_PATTERN


@dataclass(frozen=True)
class Form:
    """A named pattern, and what to tell an editor whose value does not match it."""

    pattern: str
    #: `{shown}` is the value as given; `{suggestion}` a form of it that would be an id.
    message: str
    hint: str
    code: str


FORMS: dict[str, Form] = {
    "id": Form(
        ID_PATTERN,
        "'{shown}' is not a valid id",
        "use lower-case words joined by hyphens: '{suggestion}'",
        "form.id",
    ),
    "reference": Form(
        REF_PATTERN,
        "'{shown}' is not a reference",
        "write framework-id/strand-or-criterion-id",
        "form.reference",
    ),
    "time": Form(
        TIME_PATTERN,
        "'{shown}' is not a time of day",
        'write a 24-hour time in quotes, such as "09:15"',
        "form.time",
    ),
    "branch": Form(
        BRANCH_PATTERN,
        "'{shown}' is not a branch name this site can link to",
        "use letters, digits, '_' and single '.', '-' or '/' between them, such as main",
        "form.branch",
    ),
    "repository": Form(
        REPOSITORY_PATTERN,
        "'{shown}' is not the web address of a repository",
        "write https://host/owner/name, with no quotes, spaces, '?' or '#'",
        "form.repository",
    ),
    "markdown-file": Form(
        MARKDOWN_FILE_PATTERN,
        "'{shown}' is not a Markdown file beside this one",
        "use lower-case words joined by hyphens ending in .md, such as ../handouts/cycle.md",
        "form.markdown-file",
    ),
    "web-address": Form(
        r"https?://[^\s<>\"]+",
        "'{shown}' is not a web address",
        "write the whole address, starting https://, with no spaces or quotes",
        "form.web-address",
    ),
    "language": Form(
        r"[a-z]{2}(-[A-Z]{2})?",
        "'{shown}' is not a language tag",
        "write a language and maybe a country, such as en or en-GB",
        "form.language",
    ),
    "email": Form(
        r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+",
        "'{shown}' is not an email address",
        "write a role address such as training@partnership.example, with no name or spaces",
        "form.email",
    ),
    "wording-key": Form(
        r"[a-z]+(_[a-z]+)*",
        "'{shown}' is not a wording key",
        "keys are lower-case words joined by underscores, as in theme/wording.yml",
        "form.wording-key",
    ),
}


def id_suggestion(value: str) -> str:
    """The id an editor probably meant: lower-case words joined by hyphens."""
    return "-".join(
        "".join(c if c.isascii() and c.isalnum() else " " for c in value.lower()).split()
    )
