"""Stage 4, render: the model through jinja2 templates into a docs tree of Markdown pages.

Editors' text is passed to templates as data and never rendered as a template itself.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
import yaml

from . import pages as addresses
from .cycle import layout
from .downloads import link_text
from .images import relative_to_page
from .model import Handbook
from .pages import Page, site_pages
from .render_memo import PageMemo
from .timetable import clock
from .vocab import PROVIDERS

TEMPLATES = Path(__file__).resolve().parents[1] / "theme" / "templates"


@functools.cache
def environment(templates: Path = TEMPLATES) -> jinja2.Environment:
    """The one jinja2 Environment: strict about undefined names, escaping only HTML.

    Built once per process; its loader still notices templates edited on disk.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "svg", "svg.j2"], default_for_string=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        cell=cell, oneline=oneline, clock=clock, pictures=pictures, link_text=link_text, plain=plain
    )
    env.tests["contains"] = lambda values, item: item in values
    env.globals.update(
        link=link,
        provider_labels=PROVIDERS,
        urls=addresses,
    )
    return env


def cell(text: str) -> str:
    """Text that is safe inside one Markdown table cell."""
    return oneline(text).replace("|", "\\|")


def plain(text: str) -> str:
    """Plain text on one line that Markdown shows as written: no emphasis, links or HTML."""
    escaped = re.sub(r"([\\`*_\[\]])", r"\\\1", oneline(text))
    return escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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


@jinja2.pass_context
def pictures(context: jinja2.runtime.Context, text: str) -> str:
    """Model Markdown with its pictures' addresses made relative to the page being rendered."""
    return relative_to_page(text, context["here"])


def render_site(
    handbook: Handbook, extra: Mapping[str, Any], memo: PageMemo | None = None
) -> dict[str, str]:
    """Every page of the site as Markdown text, keyed by its path in the docs tree.

    `extra` carries what the pages need beyond the model: `dates` (source -> display date),
    `manifest` (the downloads, or None) and `edit_base` (the repository's edit address).
    `memo` gives back the pages whose inputs are unchanged since the last build.
    """
    rendered = {}
    for page in site_pages(handbook):
        draw = functools.partial(render_page, page, handbook, extra)
        rendered[page.path] = memo.page(page, draw) if memo else draw()
    rendered["abbreviations.md"] = abbreviations(handbook)
    rendered[CYCLE_IMAGE] = review_cycle(handbook)
    return rendered


def render_page(page: Page, handbook: Handbook, extra: Mapping[str, Any]) -> str:
    """One page's Markdown, with its front matter."""
    body = (
        environment()
        .get_template(page.template)
        .render(
            handbook=handbook,
            programme=handbook.programme,
            words=handbook.programme.wording,
            cycle_description=cycle_description(handbook),
            here=page.path,
            page_title=page.title,
            **extra,
            **page.context,
        )
    )
    return front_matter(page, extra) + body


#: The review cycle drawn from the first framework's phases, for the home page.
CYCLE_IMAGE = "assets/images/review-cycle.svg"


def review_cycle(handbook: Handbook) -> str:
    """The cycle diagram as SVG text: a box per phase, arrows between them."""
    phases = handbook.frameworks[0].phases if handbook.frameworks else ()
    titles = [phase.title for phase in phases]
    return (
        environment()
        .get_template("review-cycle.svg.j2")
        .render(
            words=handbook.programme.wording,
            layout=layout(titles),
            cycle_description=cycle_description(handbook),
        )
    )


def cycle_description(handbook: Handbook) -> str:
    """The cycle in words, for the diagram's description and the image's alt text."""
    phases = handbook.frameworks[0].phases if handbook.frameworks else ()
    words = handbook.programme.wording
    steps = ", then ".join(phase.title for phase in phases)
    return f"{len(phases)} {words.cycle_stages}: {steps}."


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
