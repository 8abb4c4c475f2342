"""Diagnostics an editor can act on, and the one exception family the CLI catches."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from generator.codes import CODES, Severity


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
    #: The check's code from generator/codes.py, which also fixes its severity.
    code: str = dataclasses.field(kw_only=True)

    def __post_init__(self) -> None:
        declared = CODES.get(self.code)
        if declared is None:
            raise ValueError(f"diagnostic code {self.code!r} is not declared in generator/codes.py")
        if declared.severity != self.severity:
            wanted, given = declared.severity, self.severity
            raise ValueError(f"{self.code} is declared with the severity {wanted}, not {given}")

    def format_text(self) -> str:
        """The `path:line:col: error: field: message [code]` line, with the hint below it."""
        where = f"{self.path}:{self.line}:{self.column}"
        field = f"{self.field}: " if self.field else ""
        text = f"{where}: {self.severity}: {field}{self.message} [{self.code}]"
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
            "code": self.code,
        }


class HandbookError(Exception):
    """Base of every error the CLI reports without a traceback."""


class ValidationFailed(HandbookError):
    """The sources hold errors (or, when strict, warnings); nothing was written."""

    def __init__(self, diagnostics: list[Diagnostic], strict: bool = False) -> None:
        self.diagnostics, self.strict = diagnostics, strict
        super().__init__(f"{failures(diagnostics, strict)}; nothing was published")


def failed(diagnostics: list[Diagnostic], strict: bool = False) -> list[Diagnostic]:
    """The diagnostics that fail a command: its errors, and with --strict its warnings too."""
    return [d for d in diagnostics if d.severity == "error" or strict]


def failures(diagnostics: list[Diagnostic], strict: bool) -> str:
    """What stops a command: `2 errors found`, or with --strict its warnings too."""
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors if strict else 0
    counted = [f"{errors} error{'s' * (errors != 1)}"] if errors or not warnings else []
    counted += [f"{warnings} warning{'s' * (warnings != 1)}"] if warnings else []
    found = f"{' and '.join(counted)} found"
    return f"{found}, and --strict stops on warnings" if warnings else found


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
