"""How diagnostics are printed: plain text, JSON, or GitHub workflow annotations."""

from __future__ import annotations

import json
from collections.abc import Iterable

from .errors import Diagnostic


def summary(diagnostics: list[Diagnostic]) -> str:
    """A closing line counting errors and warnings."""
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return "All sources are valid."
    files = len({d.path for d in diagnostics})
    parts = [f"{errors} error{'s' * (errors != 1)}", f"{warnings} warning{'s' * (warnings != 1)}"]
    return f"{' and '.join(parts)} in {files} file{'s' * (files != 1)}."


def as_text(diagnostics: Iterable[Diagnostic]) -> str:
    """One `path:line:col: severity: field: message` block per diagnostic."""
    return "\n".join(d.format_text() for d in diagnostics)


def as_json(diagnostics: list[Diagnostic]) -> str:
    """Every diagnostic as a JSON object, with counts."""
    errors = sum(1 for d in diagnostics if d.severity == "error")
    payload = {
        "errors": errors,
        "warnings": len(diagnostics) - errors,
        "diagnostics": [d.as_dict() for d in diagnostics],
    }
    return json.dumps(payload, indent=2)


def as_github(diagnostics: Iterable[Diagnostic]) -> str:
    """GitHub Actions workflow commands, so a pull request shows each error on its line."""
    lines = []
    for d in diagnostics:
        title = f"{d.field}" if d.field else "handbook validate"
        props = f"file={_prop(d.path)},line={d.line},col={d.column},title={_prop(title)}"
        message = d.message + (f"\nHint: {d.hint}" if d.hint else "")
        lines.append(f"::{d.severity} {props}::{_data(message)}")
    return "\n".join(lines)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
