"""Stage 5, render: the site's structure, meaning which pages exist, where, and in what order.

Every address in the site is decided here, so links between pages and the navigation
can never disagree.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.model.calendar import calendar_entries, day_times
from generator.model.declared import PageOfKind
from generator.model.diff import diff_frameworks
from generator.model.objects import (
    Chapter,
    Criterion,
    Domain,
    Framework,
    Handbook,
    Handout,
    Module,
    Strand,
    TrainingDay,
)
from generator.model.resources import Resource
from generator.model.schoolyear import long_date, school_year
from generator.model.timetable import running_rows
from generator.model.wording import Wording
from generator.render.filters import numbered


@dataclass(frozen=True)
class Page:
    """One page of the site: where it goes, which template draws it, and what it shows."""

    path: str
    template: str
    title: str
    sources: tuple[str, ...]
    context: dict[str, Any] = field(default_factory=dict, compare=False)
    hide: tuple[str, ...] = ()


HOME = "index.md"
HANDBOOK = "handbook/index.md"
TRAINING = "training/index.md"
CALENDAR = "training/calendar.md"
GLOSSARY = "glossary.md"
DOWNLOADS = "downloads.md"
PARTNERSHIP = "partnership.md"
PROGRAMME_SOURCE = "content/programme.yml"
GLOSSARY_SOURCE = "content/glossary.yml"


def chapter_path(chapter: Chapter) -> str:
    """Where a chapter's page lives."""
    return f"handbook/{chapter.part.id}/{chapter.id}.md"


def page_url(path: str) -> str:
    """A page's address below the site's root, as MkDocs serves it: a/b.md -> a/b/."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def framework_path(framework: Framework) -> str:
    """Where a framework's overview page lives."""
    return f"frameworks/{framework.id}/index.md"


def domain_path(framework_id: str, domain_id: str) -> str:
    """Where a domain's page, with its strands and criteria, lives."""
    return f"frameworks/{framework_id}/{domain_id}.md"


def changes_path(framework: Framework) -> str:
    """Where a framework's 'What changed' page lives."""
    return f"frameworks/{framework.id}/changes.md"


def version_path(framework: Framework, version: str) -> str:
    """Where the page on what changed in one version of a framework lives."""
    return f"frameworks/{framework.id}/versions/{version}.md"


def version_pairs(framework: Framework) -> list[tuple[Framework, Framework]]:
    """(previous, version) for every version that has an archived predecessor, newest first."""
    versions = [*framework.history, framework]
    return list(reversed(list(zip(versions, versions[1:], strict=False))))


def target_path(item: Domain | Strand | Criterion) -> str:
    """A domain's page, or a strand or criterion's: its domain page and its stable anchor."""
    page = domain_path(item.framework_id, item.domain_id)
    return page if isinstance(item, Domain) else f"{page}#{item.id}"


def module_path(module: Module | str) -> str:
    """Where a training module's page lives."""
    return f"training/{module if isinstance(module, str) else module.id}.md"


def day_path(day: TrainingDay | str) -> str:
    """Where a training day's page, with its running order, lives."""
    return f"training/days/{day if isinstance(day, str) else day.id}.md"


def handout_path(handout: Handout) -> str:
    """Where a handout's page lives."""
    return f"training/handouts/{handout.id}.md"


def resource_path(resource: Resource | str) -> str:
    """Where a training resource's page lives."""
    return f"training/resources/{resource if isinstance(resource, str) else resource.id}.md"


def site_pages(handbook: Handbook) -> list[Page]:
    """Every page of the site, in navigation order."""
    words = handbook.programme.wording
    pages = [
        Page(
            HOME, "home.md.j2", handbook.programme.title, (PROGRAMME_SOURCE,), hide=("navigation",)
        )
    ]
    pages += _partnership_page(handbook)
    pages.append(Page(HANDBOOK, "handbook.md.j2", words.contents, (PROGRAMME_SOURCE,)))
    pages += [
        Page(chapter_path(c), "chapter.md.j2", c.title, (c.source,), {"chapter": c})
        for c in handbook.chapters
    ]
    for framework in handbook.frameworks:
        pages += _framework_pages(framework, words)
    pages.append(Page(TRAINING, "training.md.j2", words.training_programme, (PROGRAMME_SOURCE,)))
    pages += _day_pages(handbook)
    pages += [
        Page(module_path(m), "module.md.j2", m.title, (m.source,), {"module": m})
        for m in handbook.modules
    ]
    pages += [
        Page(handout_path(h), "handout.md.j2", h.title, (h.source,), {"handout": h})
        for h in _handouts(handbook)
    ]
    pages += kind_pages(handbook, "Training")
    pages.append(Page(GLOSSARY, "glossary.md.j2", words.glossary, (GLOSSARY_SOURCE,)))
    pages += kind_pages(handbook, "Reference")
    pages.append(Page(DOWNLOADS, "downloads.md.j2", words.downloads, (PROGRAMME_SOURCE,)))
    return pages


def _partnership_page(handbook: Handbook) -> list[Page]:
    """An edition's "Our partnership" page: its schools, contacts and dates (none for the core)."""
    programme = handbook.programme
    if programme.partnership is None:
        return []
    context = {"partnership": programme.partnership, "entries": calendar_entries(programme)}
    title = programme.wording.our_partnership
    return [Page(PARTNERSHIP, "partnership.md.j2", title, (PROGRAMME_SOURCE,), context)]


def _kind_items(handbook: Handbook, tab: str) -> Iterator[tuple[PageOfKind, tuple[Any, ...]]]:
    """Each registered kind with a page per item in a navigation tab, with its items."""
    for kind in handbook.kinds or ():
        spec = kind.page
        if spec is not None and spec.tab == tab:
            items = spec.items(handbook) if spec.items else handbook.collection(kind.name)
            yield spec, tuple(items)


def kind_pages(handbook: Handbook, tab: str) -> list[Page]:
    """A page per item of each registered kind that declares one (see PageSpec)."""
    return [
        Page(spec.path(item.id), spec.template, item.title, (item.source,), {spec.name: item})
        for spec, items in _kind_items(handbook, tab)
        for item in items
    ]


def kind_sections(handbook: Handbook, tab: str) -> list[dict[str, list[str]]]:
    """The navigation sections of those kinds' pages; a kind with no items has none."""
    return [
        {handbook.programme.wording[spec.section]: [spec.path(item.id) for item in items]}
        for spec, items in _kind_items(handbook, tab)
        if items
    ]


def _day_pages(handbook: Handbook) -> list[Page]:
    """A page per training day with its running order, and the programme calendar."""
    programme = handbook.programme
    pages = []
    for day in programme.days:
        plan = programme.plan(day.id)
        context = {
            "day": day,
            "date": long_date(plan.date, programme.wording) if plan.date else "",
            "times": day_times(programme, day.id),
            "rows": running_rows(handbook.running_order(day.id), handbook.activity_labels()),
            "modules": handbook.day_modules(day.id),
        }
        title = f"{day.label}: {day.title}"
        pages.append(Page(day_path(day), "day.md.j2", title, (PROGRAMME_SOURCE,), context))
    year = school_year(programme.edition)
    context = {
        "entries": calendar_entries(programme),
        "year": tuple(long_date(d, programme.wording) for d in year) if year else (),
    }
    title = f"{programme.wording.calendar_download} {programme.edition}"
    return [*pages, Page(CALENDAR, "calendar.md.j2", title, (PROGRAMME_SOURCE,), context)]


def _framework_pages(framework: Framework, words: Wording) -> list[Page]:
    context: dict[str, Any] = {"framework": framework}
    pages = [
        Page(
            framework_path(framework),
            "framework.md.j2",
            framework.title,
            (framework.source,),
            context,
        )
    ]
    pages += [
        Page(
            domain_path(framework.id, d.id),
            "domain.md.j2",
            d.title,
            (framework.source,),
            {**context, "domain": d},
        )
        for d in framework.domains
    ]
    pages.append(
        Page(
            changes_path(framework),
            "changes.md.j2",
            words.what_changed,
            (framework.source,),
            context,
        )
    )
    for previous, version in version_pairs(framework):
        diff = diff_frameworks(previous, version)
        path = version_path(framework, version.version)
        title = f"{words.version} {version.version}"
        pages.append(
            Page(path, "version.md.j2", title, (version.source,), {**context, "diff": diff})
        )
    return pages


def _handouts(handbook: Handbook) -> list[Handout]:
    seen: dict[str, Handout] = {}
    for module in handbook.modules:
        for handout in module.handouts:
            seen.setdefault(handout.id, handout)
    return sorted(seen.values(), key=lambda h: h.title.lower())


def site_nav(handbook: Handbook) -> list[Any]:
    """The MkDocs `nav`: tabs for the handbook, each framework, training and reference."""
    words = handbook.programme.wording
    parts = [
        {part.title: [chapter_path(c) for c in handbook.chapters if c.part == part]}
        for part in handbook.programme.parts
    ]
    nav: list[Any] = [{words.home: HOME}]
    if handbook.programme.partnership is not None:
        nav.append({words.our_partnership: PARTNERSHIP})
    nav.append({words.handbook_tab: [HANDBOOK, *parts]})
    for framework in handbook.frameworks:
        nav.append(
            {
                framework.title: [
                    framework_path(framework),
                    *[{numbered(d): domain_path(framework.id, d.id)} for d in framework.domains],
                    {
                        words.what_changed: [
                            changes_path(framework),
                            *[
                                version_path(framework, v.version)
                                for _, v in version_pairs(framework)
                            ],
                        ]
                    },
                ]
            }
        )
    days = [
        {
            f"{day.label}: {day.title}": [
                {f"{day.label} {words.running_order}": day_path(day)},
                *[module_path(m) for m in handbook.day_modules(day.id)],
            ]
        }
        for day in handbook.programme.days
    ]
    loose: list[Collection[str]] = [module_path(m) for m in handbook.modules if not m.day.scheduled]
    unscheduled = [{words.unscheduled: loose}] if loose else []
    handouts = {words.handouts: [handout_path(h) for h in _handouts(handbook)]}
    training = [
        TRAINING,
        CALENDAR,
        *days,
        *unscheduled,
        handouts,
        *kind_sections(handbook, "Training"),
    ]
    nav.append({words.training_tab: training})
    nav.append({words.reference_tab: [GLOSSARY, *kind_sections(handbook, "Reference"), DOWNLOADS]})
    return nav
