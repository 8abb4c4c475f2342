"""Starting files for editors: `handbook new framework|module|chapter NAME`."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from .errors import HandbookError, UsageError
from .project import read_handbook
from .render import environment
from .schemas import ID_PATTERN
from .theme import of_project

KINDS = ("framework", "module", "chapter", "resource")


def new_source(root: Path, kind: str, name: str, part: str | None, day: str | None) -> Path:
    """Write a valid, commented starting file for a new source and return its path."""
    if not re.fullmatch(ID_PATTERN, name):
        suggestion = "-".join(re.findall(r"[a-z0-9]+", name.lower()))
        raise UsageError(f"'{name}' is not a valid id; try '{suggestion}'")
    handbook, _ = read_handbook(root)
    programme = handbook.programme
    context: dict[str, object] = {
        "name": name,
        "title": name.replace("-", " ").capitalize(),
        "today": datetime.date.today().isoformat(),
        # Starting values come from the programme's own lists, so the new file validates.
        "first": {name: [t.id for t in v.terms] for name, v in programme.vocabularies.items()},
    }
    if kind == "framework":
        path = root / "frameworks" / f"{name}.yml"
    elif kind == "module":
        context["day"] = _choose(day, [d.id for d in programme.days], "--day")
        path = root / "content" / "modules" / f"{name}.yml"
    elif kind == "resource":
        path = root / "content" / "resources" / f"{name}.md"
    else:
        context["part"] = _choose(part, [p.id for p in programme.parts], "--part")
        orders = [c.order for c in handbook.chapters if c.part.id == context["part"]]
        context["order"] = max(orders, default=0) + 1
        path = root / "content" / "handbook" / str(context["part"]) / f"{name}.md"
    return _write_new(path, kind, context, root)


def _choose(given: str | None, options: list[str], option: str) -> str:
    if given is None:
        return options[0]
    if given not in options:
        raise UsageError(f"{option} must be one of: {', '.join(options)}")
    return given


def _write_new(path: Path, kind: str, context: dict[str, object], root: Path) -> Path:
    if path.exists():
        rel = path.relative_to(root).as_posix()
        raise HandbookError(f"{rel} already exists; choose another name or edit that file")
    suffix = "md" if kind in ("chapter", "resource") else "yml"
    templates = of_project(root).templates
    text = environment(templates).get_template(f"new/{kind}.{suffix}.j2").render(**context)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
