"""Stage 4, render: the model through jinja2 templates into a docs tree of Markdown pages.

Editors' text is passed to templates as data and never rendered as a template itself.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
import yaml

from . import pages as addresses
from .model import Handbook
from .pages import Page, site_pages
from .timetable import clock
from .vocab import ACTIVITY_TYPES, EVIDENCE_SOURCES, ROLES

TEMPLATES = Path(__file__).resolve().parents[1] / "theme" / "templates"


@functools.cache
def environment(templates: Path = TEMPLATES) -> jinja2.Environment:
    """The one jinja2 Environment: strict about undefined names, escaping only HTML.

    Built once per process; its loader still notices templates edited on disk.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "svg"], default_for_string=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(cell=cell, oneline=oneline, clock=clock)
    env.tests["contains"] = lambda values, item: item in values
    env.globals.update(
        link=link,
        roles=ROLES,
        evidence_labels=EVIDENCE_SOURCES,
        activity_labels=ACTIVITY_TYPES,
        urls=addresses,
    )
    return env


def cell(text: str) -> str:
    """Text that is safe inside one Markdown table cell."""
    return oneline(text).replace("|", "\\|")


def oneline(text: str) -> str:
    """Text with its line breaks folded into spaces."""
    return " ".join(str(text).split())


@jinja2.pass_context
def link(context: jinja2.runtime.Context, target: str) -> str:
    """A relative link from the page being rendered to `target` (a docs path, maybe #anchor)."""
    path, _, anchor = target.partition("#")
    here = posixpath.dirname(context["here"])
    relative = posixpath.relpath(path, here or ".") if path else ""
    return f"{relative}#{anchor}" if anchor else relative


def render_site(handbook: Handbook, extra: Mapping[str, Any]) -> dict[str, str]:
    """Every page of the site as Markdown text, keyed by its path in the docs tree.

    `extra` carries what the pages need beyond the model: `dates` (source -> display date),
    `manifest` (the downloads, or None) and `edit_base` (the repository's edit address).
    """
    env = environment()
    rendered = {}
    for page in site_pages(handbook):
        body = env.get_template(page.template).render(
            handbook=handbook,
            programme=handbook.programme,
            here=page.path,
            page_title=page.title,
            **extra,
            **page.context,
        )
        rendered[page.path] = front_matter(page, extra) + body
    rendered["abbreviations.md"] = abbreviations(handbook)
    return rendered


def front_matter(page: Page, extra: Mapping[str, Any]) -> str:
    """YAML front matter that Material reads: title, edit link and last-updated date."""
    source = page.sources[0]
    meta: dict[str, Any] = {
        "title": page.title,
        "source": source,
        "edit_url": f"{extra['edit_base']}/{source}",
        "updated": extra["dates"].get(source, ""),
    }
    if page.hide:
        meta["hide"] = list(page.hide)
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n"


def abbreviations(handbook: Handbook) -> str:
    """Material's abbreviation list, so every abbreviation explains itself on hover."""
    lines = [f"*[{t.abbreviation}]: {oneline(t.term)}" for t in handbook.glossary if t.abbreviation]
    return "\n".join(sorted(lines)) + "\n"
