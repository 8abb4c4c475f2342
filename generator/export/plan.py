"""The list of downloads to make from a Handbook, read from the registry of outputs.

Every output visits each subject of its scope (generator/export/registry.py) and gives a
Job per format. A Job's `build` is a picklable call of a top-level builder on frozen model
objects, so it can run in a worker process, and its key hashes that function's name and
arguments: the model slice, the cover and the epoch. A file is rebuilt only when its slice
changes.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

from generator.export.cache import THEMED, Stamps, digest
from generator.export.document import Cover
from generator.export.outputs import OUTPUTS
from generator.export.registry import SCOPES, Output, Outputs, Planning, Subject
from generator.model.dates import display_date
from generator.model.objects import Handbook
from generator.model.wording import theme_wording


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


def plan_jobs(handbook: Handbook, epoch: int, outputs: Outputs = OUTPUTS) -> tuple[Job, ...]:
    """Every download except the training-day packs, which bundle the files made here."""
    outputs.check_words(theme_wording())
    planning = Planning(
        handbook,
        Cover.of(handbook.programme, display_date(epoch, handbook.programme.wording)),
        epoch,
    )
    return tuple(
        job
        for scope in SCOPES
        for subject in SCOPES[scope].subjects(handbook)
        for output in outputs.of_scope(scope)
        for job in output_jobs(planning, output, subject)
    )


def output_jobs(planning: Planning, output: Output, subject: Subject) -> Iterator[Job]:
    """One output's files for one subject, a Job per format it has a slice for."""
    if output.builder is None:
        return
    title = output.title_of(subject, planning.cover.words)
    for format in output.formats:
        args = output.slice(planning, subject.item, format)
        if args is None:
            continue
        build = functools.partial(output.builder, format, *args)
        theme = format if output.themed and format in THEMED else ""
        yield Job(output.kind, subject.source, output.path_of(subject, format), title, build, theme)
