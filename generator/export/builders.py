"""The builders of the downloads, and the model slice each one is given.

A builder is a top-level function called as `builder(format, *slice)` that returns a file's
bytes; its name and the slice make the file's cache key, so a slice holds exactly what the
file shows and a file is rebuilt only when that changes. A slice function picks the slice
from the whole model for one subject; generator/export/outputs.py pairs them per download.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from generator.export import slides, typeset
from generator.export.cache import typeset_once
from generator.export.document import Cover, Document, Source
from generator.export.documents import chapter_document, framework_document, handbook_document
from generator.export.forms import self_review_docx
from generator.export.guides import facilitator_guide, handouts_document
from generator.export.ics import calendar_ics
from generator.export.records import improvement_plan_docx, peer_review_record_docx
from generator.export.registry import Planning
from generator.export.resources import resource_document
from generator.export.schedule import calendar_file
from generator.export.workbook import self_review_xlsx
from generator.model.calendar import calendar_entries, day_times
from generator.model.objects import (
    Chapter,
    Criterion,
    Framework,
    GlossaryTerm,
    Handbook,
    Handout,
    Module,
    Programme,
    TrainingDay,
)
from generator.model.resources import Resource
from generator.model.schoolyear import date_span, long_date, school_year
from generator.model.timetable import running_rows
from generator.render.pages import chapter_path, day_path, page_url


def handbook_file(
    format: str,
    programme: Programme,
    chapters: tuple[Chapter, ...],
    glossary: tuple[GlossaryTerm, ...],
    cover: Cover,
    epoch: int,
) -> bytes:
    """The handbook as PDF or Word."""
    return _typeset(format, handbook_document(programme, chapters, glossary, cover), epoch)


def handbook_slice(planning: Planning, programme: Programme, format: str) -> tuple[object, ...]:
    """The programme without its training days (the handbook does not print them)."""
    handbook = planning.handbook
    programme = dataclasses.replace(programme, days=())
    return (programme, handbook.chapters, handbook.glossary, planning.cover, planning.epoch)


def chapter_file(
    format: str,
    chapter: Chapter,
    cover: Cover,
    source: Source,
    related: tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str, str], ...]],
    epoch: int,
) -> bytes:
    """One handbook chapter as a file of its own, naming its programme and web address."""
    return _typeset(format, chapter_document(chapter, cover, source, *related), epoch)


def _elsewhere(handbook: Handbook, chapter: Chapter) -> tuple[tuple[str, str, str], ...]:
    """Each other chapter as (id, title, web address), for links printed on paper."""
    site = handbook.programme.site_url
    return tuple(
        (other.id, other.title, f"{site}/{page_url(chapter_path(other))}" if site else "")
        for other in handbook.chapters
        if other.id != chapter.id
    )


def chapter_slice(planning: Planning, chapter: Chapter, format: str) -> tuple[object, ...]:
    """The chapter, its page's address, and its related modules and criteria in words."""
    handbook = planning.handbook
    programme = handbook.programme
    page = chapter_path(chapter)
    address = f"{programme.site_url}/{page_url(page)}" if programme.site_url else ""
    modules = tuple(
        f"{m.title} ({m.day.label})" for m in map(handbook.module, chapter.related_modules)
    )
    links = tuple(framework_link(handbook, ref) for ref in chapter.related_criteria)
    source = Source(programme.title, address)
    related = (modules, links, _elsewhere(handbook, chapter))
    return (chapter, planning.cover, source, related, planning.epoch)


def framework_file(format: str, framework: Framework, cover: Cover, epoch: int) -> bytes:
    """A framework as PDF or Word."""
    return _typeset(format, framework_document(framework, cover), epoch)


def self_review_file(format: str, framework: Framework, cover: Cover, epoch: int) -> bytes:
    """A framework's self-review template, as Word or Excel."""
    builder = self_review_xlsx if format == "xlsx" else self_review_docx
    return builder(framework, cover, epoch)


def peer_review_record_file(format: str, framework: Framework, cover: Cover, epoch: int) -> bytes:
    """A framework's peer review record (Word)."""
    return peer_review_record_docx(framework, cover, epoch)


def improvement_plan_file(format: str, framework: Framework, cover: Cover, epoch: int) -> bytes:
    """A framework's improvement plan template (Word)."""
    return improvement_plan_docx(framework, cover, epoch)


def guide_file(
    format: str,
    module: Module,
    cover: Cover,
    links: tuple[str, ...],
    prerequisites: tuple[str, ...],
    epoch: int,
) -> bytes:
    """A module's facilitator guide as PDF or Word."""
    return _typeset(format, facilitator_guide(module, cover, links, prerequisites), epoch)


def guide_slice(planning: Planning, module: Module, format: str) -> tuple[object, ...]:
    """The module, its links to the framework and the titles of the modules to take first."""
    handbook = planning.handbook
    links = tuple(framework_link(handbook, ref) for ref in module.framework_links)
    before = tuple(handbook.module(m).title for m in module.prerequisites)
    return (module, planning.cover, links, before, planning.epoch)


def handouts_file(
    format: str,
    title: str,
    day: TrainingDay,
    handouts: tuple[Handout, ...],
    cover: Cover,
    epoch: int,
) -> bytes:
    """A module's participant handouts as PDF or Word."""
    return _typeset(format, handouts_document(title, day, handouts, cover), epoch)


def handouts_slice(planning: Planning, module: Module, format: str) -> tuple[object, ...] | None:
    """The module's handouts, or None for a module without any."""
    if not module.handouts:
        return None
    return (module.title, module.day, module.handouts, planning.cover, planning.epoch)


def resource_file(format: str, resource: Resource, cover: Cover, epoch: int) -> bytes:
    """A training resource as PDF or Word."""
    return _typeset(format, resource_document(resource, cover), epoch)


def slides_file(format: str, module: Module, programme: str, cover: Cover, epoch: int) -> bytes:
    """A module's slides as PowerPoint or PDF."""
    return (slides.pptx if format == "pptx" else slides.pdf)(module, programme, cover, epoch)


def slides_slice(planning: Planning, module: Module, format: str) -> tuple[object, ...]:
    """The module and the programme's title, which every slide's footer names."""
    return (module, planning.handbook.programme.title, planning.cover, planning.epoch)


def running_order_slice(
    planning: Planning, day: TrainingDay, format: str
) -> tuple[object, ...] | None:
    """A timed day's rows, date and times; None for a day with nothing timed."""
    handbook, words = planning.handbook, planning.cover.words
    rows = running_rows(handbook.running_order(day.id), handbook.activity_labels())
    if not rows:
        return None
    programme = handbook.programme
    plan = programme.plan(day.id)
    facts = (
        (words.date, long_date(plan.date, words) if plan.date else ""),
        (words.times, day_times(programme, day.id)),
    )
    return (day, facts, rows, planning.cover, planning.epoch)


def calendar_download(format: str, *args: Any) -> bytes:
    """The programme calendar as iCalendar or PDF (the two take different slices)."""
    return calendar_ics(*args) if format == "ics" else calendar_file(format, *args)


def calendar_slice(
    planning: Planning, programme: Programme, format: str
) -> tuple[object, ...] | None:
    """The dated days and windows (.ics), or the entries in print (PDF); None when undated."""
    entries = calendar_entries(programme)
    if not entries:
        return None
    if format == "ics":
        days, plans = programme.days, programme.plans
        return (
            programme.title,
            programme.edition,
            days,
            plans,
            programme.windows,
            planning.epoch,
            planning.cover.words,
            programme.key_dates,
            programme.meetings,
            day_addresses(programme),
        )
    year = school_year(programme.edition)
    span = date_span(*year, planning.cover.words) if year else ""
    return (programme.title, span, entries, planning.cover, planning.epoch)


def day_addresses(programme: Programme) -> tuple[tuple[str, str], ...]:
    """Each training day's page on the published site, by day id; none without `site_url`."""
    if not programme.site_url:
        return ()
    return tuple((d.id, f"{programme.site_url}/{page_url(day_path(d))}") for d in programme.days)


def _typeset(format: str, document: Document, epoch: int) -> bytes:
    make = typeset.pdf if format == "pdf" else typeset.docx
    return typeset_once(format, document, epoch, functools.partial(make, document, epoch))


def framework_link(handbook: Handbook, ref: str) -> str:
    """A module's link to a strand or criterion as readers see it: number, name, framework."""
    target = handbook.target(ref)
    framework = next(f for f in handbook.frameworks if f.id == target.framework_id)
    name = target.statement if isinstance(target, Criterion) else target.title
    return f"{target.number} {name} ({framework.title})"
