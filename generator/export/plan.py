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
from datetime import UTC, datetime

from ..calendar_entries import calendar_entries, day_times
from ..model import (
    Chapter,
    Framework,
    GlossaryTerm,
    Handbook,
    Handout,
    Module,
    Programme,
    Strand,
    TrainingDay,
)
from ..schoolyear import long_date, school_year
from ..timetable import running_rows
from . import typeset
from .cache import digest, folder_digest, toolchain
from .document import Cover, Document
from .documents import framework_document, handbook_document
from .forms import self_review_docx
from .guides import facilitator_guide, handouts_document
from .ics import calendar_ics
from .records import improvement_plan_docx, peer_review_record_docx
from .schedule import calendar_file, running_order_file
from .workbook import self_review_xlsx

FORMAT_NAMES = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel", "zip": "ZIP", "ics": "iCalendar"}
THEMES = {"pdf": typeset.PDF_THEME, "docx": typeset.REFERENCE_DOCX.parent}


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
        """pdf, docx, xlsx or zip, from the file name."""
        return self.path.rsplit(".", 1)[-1]

    def key(self) -> str:
        """The cache key: builder, model slice, theme files and toolchain."""
        func = self.build.func
        theme = theme_digest(self.theme) if self.theme else ""
        call = f"{func.__module__}.{func.__qualname__}{self.build.args!r}"
        return digest(self.kind, self.path, call, theme, toolchain())


@functools.cache
def theme_digest(format: str) -> str:
    """The digest of the theme folder a format's files are styled by."""
    return folder_digest(THEMES[format])


def slug(text: str) -> str:
    """A file name from a title: 'Schools in Partnership' -> 'schools-in-partnership'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "handbook"


def display_date(epoch: int) -> str:
    """A date as British readers write it: 25 November 2026."""
    moment = datetime.fromtimestamp(epoch, tz=UTC)
    return f"{moment.day} {moment:%B %Y}"


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


def _typeset(format: str, document: Document, epoch: int) -> bytes:
    return typeset.pdf(document, epoch) if format == "pdf" else typeset.docx(document, epoch)


def plan_jobs(handbook: Handbook, epoch: int) -> tuple[Job, ...]:
    """Every download except the training-day packs, which bundle module files."""
    cover = Cover.of(handbook.programme, display_date(epoch))
    return (
        *_handbook_jobs(handbook, cover, epoch),
        *(j for f in handbook.frameworks for j in _framework_jobs(f, cover, epoch)),
        *(j for m in handbook.modules for j in _module_jobs(handbook, m, cover, epoch)),
        *_day_jobs(handbook, cover, epoch),
    )


def _both(
    kind: str, source: str, stem: str, label: str, builder: Callable[..., bytes], *args: object
) -> Iterator[Job]:
    for format in ("pdf", "docx"):
        build = functools.partial(builder, format, *args)
        title = f"{label} ({FORMAT_NAMES[format]})"
        yield Job(kind, source, f"{stem}.{format}", title, build, format)


def _handbook_jobs(handbook: Handbook, cover: Cover, epoch: int) -> Iterator[Job]:
    # The handbook does not print the training days: leave them out of its slice.
    programme = dataclasses.replace(handbook.programme, days=())
    name = slug(programme.title)
    args = (programme, handbook.chapters, handbook.glossary, cover, epoch)
    yield from _both("handbook", name, f"handbook/{name}", "Handbook", handbook_file, *args)


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
    forms: tuple[tuple[str, str, str, Callable[[Framework, str, int], bytes]], ...] = (
        ("self-review", "self-review.docx", "Self-review template (Word)", self_review_docx),
        ("self-review", "self-review.xlsx", "Self-review template (Excel)", self_review_xlsx),
        ("peer-review-record", "peer-review-record.docx", "Peer review record (Word)",
         peer_review_record_docx),
        ("improvement-plan", "improvement-plan.docx", "Improvement plan (Word)",
         improvement_plan_docx),
    )  # fmt: skip
    for kind, name, title, builder in forms:
        build = functools.partial(builder, framework, cover.organisation, epoch)
        yield Job(kind, fid, f"{folder}/{name}", title, build)


def _module_jobs(handbook: Handbook, module: Module, cover: Cover, epoch: int) -> Iterator[Job]:
    folder = f"modules/{module.id}"
    links = tuple(framework_link(handbook, ref) for ref in module.framework_links)
    before = tuple(handbook.module(m).title for m in module.prerequisites)
    guide_args = (module, cover, links, before, epoch)
    yield from _both(
        "facilitator-guide", module.id, f"{folder}/facilitator-guide", "Facilitator guide",
        guide_file, *guide_args,
    )  # fmt: skip
    if module.handouts:
        yield from _both(
            "handouts", module.id, f"{folder}/handouts", "Participant handouts",
            handouts_file, module.title, module.day, module.handouts, cover, epoch,
        )  # fmt: skip


def _day_jobs(handbook: Handbook, cover: Cover, epoch: int) -> Iterator[Job]:
    """Each timed day's running order (PDF, Word); the programme calendar (.ics, PDF)."""
    programme = handbook.programme
    for day in programme.days:
        rows = running_rows(handbook.running_order(day.id))
        if rows:
            plan = programme.plan(day.id)
            facts = (
                ("Date", long_date(plan.date) if plan.date else ""),
                ("Times", day_times(programme, day.id)),
            )
            stem, label = f"training-days/{day.id}-running-order", f"{day.label}: running order"
            yield from _both("running-order", day.id, stem, label, running_order_file,
                             day, facts, rows, cover, epoch)  # fmt: skip
    entries = calendar_entries(programme)
    if not entries:
        return
    name = f"calendar/{slug(programme.title)}-{slug(programme.edition)}"
    label = f"Programme calendar {programme.edition}"
    args = (programme.title, programme.edition, programme.days, programme.plans)
    build = functools.partial(calendar_ics, *args, programme.windows, epoch)
    yield Job("calendar", "calendar", f"{name}.ics", f"{label} (iCalendar)", build)
    year = school_year(programme.edition)
    span = " to ".join(long_date(d) for d in year) if year else ""
    build = functools.partial(calendar_file, "pdf", programme.title, span, entries, cover, epoch)
    yield Job("calendar", "calendar", f"{name}.pdf", f"{label} (PDF)", build, "pdf")


def framework_link(handbook: Handbook, ref: str) -> str:
    """A module's link to a strand or criterion as readers see it: number, name, framework."""
    target = handbook.target(ref)
    framework = next(f for f in handbook.frameworks if f.id == target.framework_id)
    name = target.title if isinstance(target, Strand) else target.statement
    return f"{target.number} {name} ({framework.title})"
