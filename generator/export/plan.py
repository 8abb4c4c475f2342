"""The list of downloads to make from a Handbook, each with the model slice it renders.

A Job's `build` is a picklable call of a top-level function on frozen model objects, so it can
run in a worker process, and its key hashes that function's name and arguments: the model
slice, the cover and the epoch. A file is rebuilt only when its slice changes.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..calendar_entries import calendar_entries, day_times
from ..dates import display_date
from ..model import (
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
from ..pages import chapter_path, page_url
from ..resources import Resource
from ..schoolyear import long_date, school_year
from ..timetable import running_rows
from . import slides, typeset
from .cache import Stamps, digest
from .document import Cover, Document, Source
from .documents import chapter_document, framework_document, handbook_document
from .forms import self_review_docx
from .guides import facilitator_guide, handouts_document
from .ics import calendar_ics
from .records import improvement_plan_docx, peer_review_record_docx
from .resources import resource_document
from .schedule import calendar_file, running_order_file
from .workbook import self_review_xlsx


@dataclass(frozen=True)
class Job:
    """One download: what it is, where it goes under downloads/, and how to build it."""

    kind: str
    source: str
    path: str
    title: str
    build: functools.partial[bytes]
    theme: str = ""

    @property
    def format(self) -> str:
        """pdf, docx, xlsx, pptx or zip, from the file name."""
        return self.path.rsplit(".", 1)[-1]

    def key(self, stamps: Stamps | None = None) -> str:
        """The cache key: builder, model slice, theme files and toolchain.

        An export works `stamps` out once for all its jobs; without them they are read now.
        """
        stamps = stamps or Stamps.now()
        func = self.build.func
        theme = stamps.themes[self.theme] if self.theme else ""
        call = f"{func.__module__}.{func.__qualname__}{self.build.args!r}"
        return digest(self.kind, self.path, call, theme, stamps.tools)


def slug(text: str) -> str:
    """A file name from a title: 'Schools in Partnership' -> 'schools-in-partnership'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "handbook"


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


def chapter_file(
    chapter: Chapter,
    cover: Cover,
    source: Source,
    related: tuple[tuple[str, ...], tuple[str, ...]],
    epoch: int,
) -> bytes:
    """One handbook chapter as a PDF of its own, naming its programme and web address."""
    return typeset.pdf(chapter_document(chapter, cover, source, *related), epoch)


def chapter_jobs(handbook: Handbook, cover: Cover, epoch: int) -> Iterator[Job]:
    """A PDF per chapter, for a school that wants to hand out one chapter."""
    programme = handbook.programme
    for chapter in handbook.chapters:
        page = chapter_path(chapter)
        address = f"{programme.site_url}/{page_url(page)}" if programme.site_url else ""
        source = Source(programme.title, address)
        modules = tuple(
            f"{m.title} ({m.day.label})" for m in map(handbook.module, chapter.related_modules)
        )
        links = tuple(framework_link(handbook, ref) for ref in chapter.related_criteria)
        build = functools.partial(chapter_file, chapter, cover, source, (modules, links), epoch)
        title = f"Handbook chapter: {chapter.title}"
        path = f"handbook/chapters/{chapter.id}.pdf"
        yield Job("chapter", chapter.source, path, title, build, "pdf")


def framework_file(format: str, framework: Framework, cover: Cover, epoch: int) -> bytes:
    """A framework as PDF or Word."""
    return _typeset(format, framework_document(framework, cover), epoch)


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


def resource_file(format: str, resource: Resource, cover: Cover, epoch: int) -> bytes:
    """A training resource as PDF or Word."""
    return _typeset(format, resource_document(resource, cover), epoch)


def slides_file(format: str, module: Module, programme: str, cover: Cover, epoch: int) -> bytes:
    """A module's slides as PowerPoint or PDF."""
    return (slides.pptx if format == "pptx" else slides.pdf)(module, programme, cover, epoch)


def _typeset(format: str, document: Document, epoch: int) -> bytes:
    return typeset.pdf(document, epoch) if format == "pdf" else typeset.docx(document, epoch)


def plan_jobs(handbook: Handbook, epoch: int) -> tuple[Job, ...]:
    """Every download except the training-day packs, which bundle module files."""
    cover = Cover.of(handbook.programme, display_date(epoch))
    return (
        *_handbook_jobs(handbook, cover, epoch),
        *chapter_jobs(handbook, cover, epoch),
        *(j for f in handbook.frameworks for j in _framework_jobs(f, cover, epoch)),
        *(j for m in handbook.modules for j in _module_jobs(handbook, m, cover, epoch)),
        *(j for r in handbook.resources for j in _resource_jobs(r, cover, epoch)),
        *_day_jobs(handbook, cover, epoch),
    )


def _both(
    kind: str, source: str, stem: str, label: str, builder: Callable[..., bytes], *args: object
) -> Iterator[Job]:
    for format in ("pdf", "docx"):
        build = functools.partial(builder, format, *args)
        yield Job(kind, source, f"{stem}.{format}", label, build, format)


def _handbook_jobs(handbook: Handbook, cover: Cover, epoch: int) -> Iterator[Job]:
    # The handbook does not print the training days: leave them out of its slice.
    programme = dataclasses.replace(handbook.programme, days=())
    name = slug(programme.title)
    args = (programme, handbook.chapters, handbook.glossary, cover, epoch)
    label = f"{cover.words.handbook_download}: {programme.title}"
    yield from _both("handbook", name, f"handbook/{name}", label, handbook_file, *args)


def _framework_jobs(framework: Framework, cover: Cover, epoch: int) -> Iterator[Job]:
    folder, fid = f"frameworks/{framework.id}", framework.id
    yield from _both(
        "framework",
        fid,
        f"{folder}/{fid}",
        framework.title,
        framework_file,
        framework,
        cover,
        epoch,
    )
    words = cover.words
    forms: tuple[tuple[str, str, str, Callable[[Framework, Cover, int], bytes]], ...] = (
        ("self-review", "self-review.docx", words.self_review_download, self_review_docx),
        ("self-review", "self-review.xlsx", words.self_review_download, self_review_xlsx),
        ("peer-review-record", "peer-review-record.docx", words.peer_review_record_download,
         peer_review_record_docx),
        ("improvement-plan", "improvement-plan.docx", words.improvement_plan_download,
         improvement_plan_docx),
    )  # fmt: skip
    for kind, name, document, builder in forms:
        build = functools.partial(builder, framework, cover, epoch)
        title = f"{document}: {framework.title}"
        yield Job(kind, fid, f"{folder}/{name}", title, build)


def _module_jobs(handbook: Handbook, module: Module, cover: Cover, epoch: int) -> Iterator[Job]:
    folder = f"modules/{module.id}"
    links = tuple(framework_link(handbook, ref) for ref in module.framework_links)
    before = tuple(handbook.module(m).title for m in module.prerequisites)
    guide_args = (module, cover, links, before, epoch)
    yield from _both(
        "facilitator-guide", module.id, f"{folder}/facilitator-guide",
        f"{cover.words.facilitator_guide_download}: {module.title}", guide_file, *guide_args,
    )  # fmt: skip
    if module.handouts:
        yield from _both(
            "handouts", module.id, f"{folder}/handouts",
            f"{cover.words.handouts_download}: {module.title}", handouts_file,
            module.title, module.day, module.handouts, cover, epoch,
        )  # fmt: skip
    yield from _slide_jobs(module, handbook.programme.title, cover, epoch)


def _slide_jobs(module: Module, programme: str, cover: Cover, epoch: int) -> Iterator[Job]:
    for format in ("pptx", "pdf"):
        build = functools.partial(slides_file, format, module, programme, cover, epoch)
        title = f"{cover.words.slides_download}: {module.title}"
        path = f"modules/{module.id}/slides.{format}"
        yield Job("slides", module.id, path, title, build, format)


def _resource_jobs(resource: Resource, cover: Cover, epoch: int) -> Iterator[Job]:
    stem, args = f"resources/{resource.file_stem}", (resource, cover, epoch)
    yield from _both("resource", resource.id, stem, resource.title, resource_file, *args)


def _day_jobs(handbook: Handbook, cover: Cover, epoch: int) -> Iterator[Job]:
    """Each timed day's running order (PDF, Word); the programme calendar (.ics, PDF)."""
    programme = handbook.programme
    for day in programme.days:
        rows = running_rows(handbook.running_order(day.id), handbook.activity_labels())
        if rows:
            plan = programme.plan(day.id)
            words = cover.words
            facts = (
                (words.date, long_date(plan.date) if plan.date else ""),
                (words.times, day_times(programme, day.id)),
            )
            stem = f"training-days/{day.id}-running-order"
            label = f"{words.running_order_download}: {day.label}"
            yield from _both("running-order", day.id, stem, label, running_order_file,
                             day, facts, rows, cover, epoch)  # fmt: skip
    entries = calendar_entries(programme)
    if not entries:
        return
    name = f"calendar/{slug(programme.title)}-{slug(programme.edition)}"
    label = f"{cover.words.calendar_download} {programme.edition}"
    args = (programme.title, programme.edition, programme.days, programme.plans)
    build = functools.partial(calendar_ics, *args, programme.windows, epoch)
    yield Job("calendar", "calendar", f"{name}.ics", label, build)
    year = school_year(programme.edition)
    span = " to ".join(long_date(d) for d in year) if year else ""
    build = functools.partial(calendar_file, "pdf", programme.title, span, entries, cover, epoch)
    yield Job("calendar", "calendar", f"{name}.pdf", label, build, "pdf")


def framework_link(handbook: Handbook, ref: str) -> str:
    """A module's link to a strand or criterion as readers see it: number, name, framework."""
    target = handbook.target(ref)
    framework = next(f for f in handbook.frameworks if f.id == target.framework_id)
    name = target.statement if isinstance(target, Criterion) else target.title
    return f"{target.number} {name} ({framework.title})"
