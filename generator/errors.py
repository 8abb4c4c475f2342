"""Diagnostics an editor can act on, and the one exception family the CLI catches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one source file, with the position to fix it at."""

    path: str
    line: int
    column: int
    message: str
    field: str = ""
    hint: str = ""
    severity: Severity = "error"

    def format_text(self) -> str:
        """The `path:line:col: error: field: message` line, with the hint below it."""
        where = f"{self.path}:{self.line}:{self.column}"
        field = f"{self.field}: " if self.field else ""
        text = f"{where}: {self.severity}: {field}{self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready mapping of this diagnostic."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }


class HandbookError(Exception):
    """Base of every error the CLI reports without a traceback."""


class ValidationFailed(HandbookError):
    """The sources hold errors; nothing was written."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        count = sum(1 for d in diagnostics if d.severity == "error")
        super().__init__(f"{count} error{'s' if count != 1 else ''} found; nothing was published")


class BuildError(HandbookError):
    """A build step failed after the sources validated."""


class ToolError(BuildError):
    """An external tool (pandoc, typst, MkDocs) failed; carries its command and output."""

    def __init__(self, tool: str, command: str, output: str) -> None:
        self.tool, self.command, self.output = tool, command, output
        super().__init__(f"{tool} failed: {command}\n{output.strip()}")

    def __reduce__(self) -> tuple[type[ToolError], tuple[str, str, str]]:
        # Raised in a worker process, it must cross back whole to the build that waits for it.
        return (ToolError, (self.tool, self.command, self.output))


class UsageError(HandbookError):
    """The command line asked for something impossible (exit code 2)."""
