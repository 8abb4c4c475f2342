"""Stage 2, check: wording that names a sheet of a workbook keeps Excel's rules.

The self-review workbook's tabs are named by wording (theme/wording.yml, reworded under
`wording:` in content/programme.yml). A name Excel refuses makes a workbook it will not open,
and two sheets named alike would make the rating drop-down list the wrong sheet, so both are
errors at the line of the wording that chose the name (generator/model/sheets.py has the rules).
"""

from __future__ import annotations

from generator.errors import Diagnostic
from generator.load.sources import SourceDocument
from generator.model.sheets import SHEET_WORDING, duplicate_sheet_names, sheet_name_problem
from generator.model.wording import wording

HINT = (
    "choose words of at most 31 characters without [ ] : * ? / \\, not starting or ending "
    "with an apostrophe, other than 'History' and unlike the workbook's other sheet names"
)


def check_sheet_names(docs: list[SourceDocument]) -> list[Diagnostic]:
    """Each sheet name the programme's wording chooses that Excel would refuse or repeat."""
    programme = next((doc for doc in docs if doc.kind == "programme"), None)
    if programme is None or not isinstance(programme.data, dict):
        return []
    overrides = programme.data.get("wording") or {}
    if not isinstance(overrides, dict):
        return []
    words = wording({str(k): str(v) for k, v in overrides.items()})
    names = [words[key] for key in SHEET_WORDING]
    found = []
    for key, name in zip(SHEET_WORDING, names, strict=True):
        problem = sheet_name_problem(name)
        if problem is not None and key in overrides:
            found.append(_at(programme, key, f"{problem}: '{name}'", "settings.sheet-name"))
    for index in duplicate_sheet_names(names):
        same = names[index].strip().casefold()
        first = next(i for i, name in enumerate(names) if name.strip().casefold() == same)
        keys = (SHEET_WORDING[index], SHEET_WORDING[first])
        mine, other = keys if keys[0] in overrides else keys[::-1]
        if mine in overrides:
            message = (
                f"'{words[mine]}' is also the name of the `{other}` sheet: two sheets of one "
                "workbook cannot share a name (ignoring case)"
            )
            found.append(_at(programme, mine, message, "settings.duplicate-sheet-name"))
    return found


def _at(doc: SourceDocument, key: str, message: str, code: str) -> Diagnostic:
    where = doc.marks.value(("wording", key))
    field = f"wording.{key}"
    return Diagnostic(doc.rel, where.line, where.column, message, field, HINT, code=code)
