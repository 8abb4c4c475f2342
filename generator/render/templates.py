"""Stage 5, render: the model through jinja2 templates into a docs tree of Markdown pages.

Editors' text is passed to templates as data and never rendered as a template itself.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml

from generator.model.cycle import layout
from generator.model.images import relative_to_page
from generator.model.objects import Handbook
from generator.render import pages as addresses
from generator.render.downloads import DownloadList, link_text
from generator.render.filters import oneline
from generator.render.filters import registry as filter_registry
from generator.render.memo import PageMemo
from generator.render.pages import Page, site_pages
from generator.theme import current as current_theme


def environment(templates: Path | None = None, *more: Path) -> jinja2.Environment:
    """The one kind of jinja2 Environment: strict about undefined names, escaping only HTML.

    Its templates are the current theme's unless others are named; `more` are folders
    searched after them, such as a registered source kind's own templates. Each render makes
    its own, so no process keeps one that outlives a theme folder or a build. Compiled
    templates are never kept on disk: Jinja's bytecode is code, and nothing a build reads
    back from build/ may run (generator/store.py).
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([templates or current_theme().templates, *more]),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "svg", "svg.j2"], default_for_string=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    filters, functions = filter_registry()
    env.filters.update(filters, pictures=pictures, link_text=link_text)
    env.tests["contains"] = lambda values, item: item in values
    env.globals.update(functions, link=link, urls=addresses)
    return env


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


@dataclass(frozen=True)
class SiteContext:
    """What the site's pages show beyond the model, from the build around them."""

    #: Each source's last change as a display date, by its path.
    dates: Mapping[str, str]
    #: The downloads the build made, for the downloads page and the pages' download links.
    manifest: DownloadList
    #: The repository's address for editing a file, without the file's path.
    edit_base: str
    #: The editors' guide pages the site has, in order.
    guides: tuple[str, ...] = ()


def render_site(
    handbook: Handbook,
    site: SiteContext,
    memo: PageMemo | None = None,
) -> dict[str, str]:
    """Every page of the site as Markdown text, keyed by its path in the docs tree.

    `memo` gives back the pages whose inputs are unchanged since the last build.
    """
    folders = handbook.kinds.template_folders() if handbook.kinds else ()
    env = environment(None, *folders)
    rendered = {}
    for page in site_pages(handbook):
        draw = functools.partial(render_page, page, handbook, site, env)
        rendered[page.path] = memo.page(page, draw) if memo else draw()
    rendered["abbreviations.md"] = abbreviations(handbook)
    rendered[CYCLE_IMAGE] = review_cycle(handbook, env)
    return rendered


def render_page(page: Page, handbook: Handbook, site: SiteContext, env: jinja2.Environment) -> str:
    """One page's Markdown, with its front matter."""
    body = env.get_template(page.template).render(
        handbook=handbook,
        programme=handbook.programme,
        words=handbook.programme.wording,
        cycle_description=cycle_description(handbook),
        here=page.path,
        page_title=page.title,
        dates=site.dates,
        manifest=site.manifest,
        edit_base=site.edit_base,
        guides=site.guides,
        **page.context,
    )
    return front_matter(page, site) + body


#: The review cycle drawn from the first framework's phases, for the home page.
CYCLE_IMAGE = "assets/images/review-cycle.svg"


def review_cycle(handbook: Handbook, env: jinja2.Environment | None = None) -> str:
    """The cycle diagram as SVG text: a box per phase, arrows between them."""
    phases = handbook.frameworks[0].phases if handbook.frameworks else ()
    titles = [phase.title for phase in phases]
    return (
        (env or environment())
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


def front_matter(page: Page, site: SiteContext) -> str:
    """YAML front matter that Material reads: title, edit link and last-updated date."""
    source = page.sources[0]
    meta: dict[str, Any] = {
        "title": page.title,
        "source": source,
        "edit_url": f"{site.edit_base}/{source}",
        "updated": site.dates.get(source, ""),
    }
    if page.hide:
        meta["hide"] = list(page.hide)
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n"


def abbreviations(handbook: Handbook) -> str:
    """Material's abbreviation list, so every abbreviation explains itself on hover."""
    lines = [f"*[{t.abbreviation}]: {oneline(t.term)}" for t in handbook.glossary if t.abbreviation]
    return "\n".join(sorted(lines)) + "\n"
