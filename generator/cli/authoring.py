"""Starting files for editors: `handbook new KIND NAME`, for every kind that declares one."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from generator.check.placeholders import PLACEHOLDER
from generator.check.schemas import ID_PATTERN
from generator.cli.project import read_handbook
from generator.errors import HandbookError, UsageError
from generator.kinds import catalogue
from generator.kinds.edition import KIND as EDITION
from generator.kinds.registry import NewRequest, Placement, SourceKind
from generator.render.templates import environment
from generator.theme import of_project


def new_source(
    root: Path, kind: str, name: str, part: str | None, day: str | None
) -> tuple[Path, dict[str, object]]:
    """Write a valid, commented starting file for a new source; return it and where it went.

    The second value holds what placing it decided, such as a module's `day` ('' for none).
    """
    if not re.fullmatch(ID_PATTERN, name):
        suggestion = "-".join(re.findall(r"[a-z0-9]+", name.lower()))
        raise UsageError(f"'{name}' is not a valid id; try '{suggestion}'")
    declared = catalogue.KINDS.get(kind) or (EDITION if kind == EDITION.name else None)
    if declared is None or declared.starter is None:
        raise UsageError(f"there is no starting file for '{kind}'")
    handbook, _ = read_handbook(root)
    programme = handbook.programme
    context: dict[str, object] = {
        "name": name,
        "title": name.replace("-", " ").capitalize(),
        "today": datetime.date.today().isoformat(),
        # Opens each sentence to replace; validation warns until it is gone.
        "placeholder": PLACEHOLDER,
        # Starting values come from the programme's own lists, so the new file validates.
        "first": {name: [t.id for t in v.terms] for name, v in programme.vocabularies.items()},
    }
    rel, more = _place(declared, NewRequest(name=name, handbook=handbook, part=part, day=day))
    context.update(more)
    return _write_new(root / rel, declared, context, root), more


def _place(kind: SourceKind, request: NewRequest) -> Placement:
    """Where the kind's starting file goes, and what its template needs besides the name."""
    assert kind.starter is not None
    if kind.starter.place is not None:
        return kind.starter.place(request)
    return f"{kind.folder}/{request.name}{kind.suffix}", {}


def _write_new(path: Path, kind: SourceKind, context: dict[str, object], root: Path) -> Path:
    if path.exists():
        rel = path.relative_to(root).as_posix()
        raise HandbookError(f"{rel} already exists; choose another name or edit that file")
    assert kind.starter is not None
    folders = catalogue.KINDS.template_folders()
    template = environment(of_project(root).templates, *folders).get_template(kind.starter.template)
    text = template.render(**context)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
