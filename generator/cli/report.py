"""How diagnostics are printed: plain text, JSON, or GitHub workflow annotations.

Every format shows each diagnostic's code (generator/codes.py). With --strict a warning
fails a command as an error does; it is still printed as the warning it is, and the closing
counts say what failed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from generator.errors import Diagnostic, failed


def summary(diagnostics: list[Diagnostic], strict: bool = False) -> str:
    """A closing line counting errors and warnings, and saying when --strict fails warnings."""
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return "All sources are valid."
    files = len({d.path for d in diagnostics})
    parts = [f"{errors} error{'s' * (errors != 1)}", f"{warnings} warning{'s' * (warnings != 1)}"]
    found = f"{' and '.join(parts)} in {files} file{'s' * (files != 1)}"
    if strict and warnings:
        which = "the warnings fail" if warnings > 1 else "the warning fails"
        return f"{found}; with --strict {which} too."
    return f"{found}."


def as_text(diagnostics: Iterable[Diagnostic]) -> str:
    """One `path:line:col: severity: field: message` block per diagnostic."""
    return "\n".join(d.format_text() for d in diagnostics)


#: Above the problems found outside the files a command named: the whole project is checked,
#: because a change to one file (a renamed id, a longer module) can break another.
ELSEWHERE = "Problems in other files, which a change to the files named can cause:"
#: Added to a GitHub annotation on a file the command did not name.
ELSEWHERE_NOTE = "(in a file not named: a change elsewhere may have caused it)"


def as_text_split(named: list[Diagnostic], elsewhere: list[Diagnostic]) -> str:
    """The named files' problems, then the other files' under a line that says why."""
    blocks = [as_text(named)] if named else []
    if elsewhere:
        blocks.append(f"{ELSEWHERE}\n{as_text(elsewhere)}")
    return "\n".join(blocks)


def as_json(
    diagnostics: list[Diagnostic],
    strict: bool = False,
    elsewhere: frozenset[Diagnostic] = frozenset(),
) -> str:
    """Every diagnostic as a JSON object, with counts and how many fail the command.

    `elsewhere` holds those outside the files the command named; each says so.
    """
    errors = sum(1 for d in diagnostics if d.severity == "error")
    payload = {
        "errors": errors,
        "warnings": len(diagnostics) - errors,
        "strict": strict,
        "failed": len(failed(diagnostics, strict)),
        "diagnostics": [d.as_dict() | {"elsewhere": d in elsewhere} for d in diagnostics],
    }
    return json.dumps(payload, indent=2)


def as_github(
    diagnostics: Iterable[Diagnostic], elsewhere: frozenset[Diagnostic] = frozenset()
) -> str:
    """GitHub Actions workflow commands, so a pull request shows each error on its line."""
    lines = []
    for d in diagnostics:
        title = f"{d.field}" if d.field else "handbook validate"
        props = f"file={_prop(d.path)},line={d.line},col={d.column},title={_prop(title)}"
        message = f"{d.message} [{d.code}]" + (f" {ELSEWHERE_NOTE}" if d in elsewhere else "")
        message += f"\nHint: {d.hint}" if d.hint else ""
        lines.append(f"::{d.severity} {props}::{_data(message)}")
    return "\n".join(lines)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
