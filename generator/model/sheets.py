"""Excel's rules for a sheet name, which wording in content/programme.yml may choose.

Excel refuses a workbook whose sheet names break them (LibreOffice is more lenient, so a
file can look fine in one and fail in the other): at most 31 characters, none of
`[ ] : * ? / \\`, no apostrophe at either end, not the name Excel keeps for itself
(History), and no two sheets of one book named alike, ignoring case.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: The wording keys whose words name a sheet of the self-review workbook, in tab order.
SHEET_WORDING = ("self_review_sheet", "summary", "scale")
MAX_SHEET_NAME = 31
#: Characters Excel refuses in a sheet name.
NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
#: Names Excel keeps for itself, compared ignoring case.
RESERVED_SHEET_NAMES = ("history",)


def sheet_name_problem(name: str) -> str | None:
    """Why Excel would refuse `name` as a sheet name, or None when it accepts it."""
    if not name.strip():
        return "a sheet name cannot be empty"
    if len(name) > MAX_SHEET_NAME:
        return f"a sheet name is at most {MAX_SHEET_NAME} characters; this one has {len(name)}"
    bad = NOT_IN_SHEET_NAMES.search(name)
    if bad is not None:
        return f"a sheet name cannot hold '{bad.group()}' (nor any of [ ] : * ? / \\)"
    if name.startswith("'") or name.endswith("'"):
        return "a sheet name cannot start or end with an apostrophe"
    if name.strip().casefold() in RESERVED_SHEET_NAMES:
        return "Excel keeps this sheet name for itself"
    return None


def duplicate_sheet_names(names: Sequence[str]) -> list[int]:
    """The index of each name that repeats an earlier one, ignoring case."""
    seen: set[str] = set()
    repeats = []
    for index, name in enumerate(names):
        key = name.strip().casefold()
        if key in seen:
            repeats.append(index)
        seen.add(key)
    return repeats


def safe_sheet_names(names: Sequence[str]) -> tuple[str, ...]:
    """Names Excel accepts, one per name given, distinct ignoring case: the same names when
    they already are (validation refuses any that are not; this is the exporter's guard)."""
    chosen: list[str] = []
    for name in names:
        base = NOT_IN_SHEET_NAMES.sub(" ", name).strip().strip("'").strip()[:MAX_SHEET_NAME]
        if not base or base.casefold() in RESERVED_SHEET_NAMES:
            base = "Sheet"
        candidate, number = base, 1
        while candidate.casefold() in {c.casefold() for c in chosen}:
            number += 1
            suffix = f" ({number})"
            candidate = base[: MAX_SHEET_NAME - len(suffix)] + suffix
        chosen.append(candidate)
    return tuple(chosen)
