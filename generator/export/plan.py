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
from . import slides, typeset
from .cache import digest, folder_digest, toolchain
from .document import Cover, Document
from .documents import framework_document, handbook_document
from .forms import self_review_docx
from .guides import facilitator_guide, handouts_document
from .records import improvement_plan_docx, peer_review_record_docx
from .workbook import self_review_xlsx

FORMAT_NAMES = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel", "zip": "ZIP", "pptx": "PowerPoint"}
THEMES = {
    "pdf": typeset.PDF_THEME,
    "docx": typeset.REFERENCE_DOCX.parent,
    "pptx": slides.PPTX_THEME,
}


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
        *(j for f in handbook.frameworks for j in _framework_jobs(f, cover, epoch)),
        *(j for m in handbook.modules for j in _module_jobs(handbook, m, cover, epoch)),
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
    yield from _slide_jobs(module, handbook.programme.title, cover, epoch)


def _slide_jobs(module: Module, programme: str, cover: Cover, epoch: int) -> Iterator[Job]:
    for format in ("pptx", "pdf"):
        build = functools.partial(slides_file, format, module, programme, cover, epoch)
        title = f"Slides ({FORMAT_NAMES[format]})"
        path = f"modules/{module.id}/slides.{format}"
        yield Job("slides", module.id, path, title, build, format)


def framework_link(handbook: Handbook, ref: str) -> str:
    """A module's link to a strand or criterion as readers see it: number, name, framework."""
    target = handbook.target(ref)
    framework = next(f for f in handbook.frameworks if f.id == target.framework_id)
    name = target.title if isinstance(target, Strand) else target.statement
    return f"{target.number} {name} ({framework.title})"
