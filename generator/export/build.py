"""export_all: every download, built in parallel, reused from the cache when unchanged."""

from __future__ import annotations

import contextvars
import functools
import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import (
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    as_completed,
)
from dataclasses import dataclass
from pathlib import Path

from generator.errors import HandbookError, ToolError
from generator.export import typst_pdf
from generator.export.cache import OutputCache, Stamps, typesetting
from generator.export.manifest import GeneratedFrom, Manifest, ManifestEntry, write_manifest
from generator.export.outputs import OUTPUTS
from generator.export.packs import PackMember, plan_packs
from generator.export.plan import Job, plan_jobs
from generator.export.progress import Progress
from generator.export.registry import SCOPES, Outputs
from generator.model.objects import Handbook
from generator.store import Store
from generator.theme import Theme, using
from generator.theme import current as current_theme


def process_pool(max_workers: int) -> Executor:
    """Worker processes started from a clean server process, never forked from this one.

    Typst's compiler keeps its own threads; a child forked after the parent compiled a PDF
    can deadlock on their locks, so workers come from a forkserver (spawn where there is none).
    """
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" not in methods:
        return ProcessPoolExecutor(max_workers, mp_context=multiprocessing.get_context("spawn"))
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])  # workers start with the exporters imported
    return ProcessPoolExecutor(max_workers=max_workers, mp_context=context)


#: Makes an Executor for `max_workers` workers: ThreadPoolExecutor, or `process_pool`.
Workers = Callable[..., Executor]


@dataclass(frozen=True)
class Built:
    """One finished download: what it is and its bytes."""

    kind: str
    source: str
    path: str
    title: str
    data: bytes


@dataclass(frozen=True)
class Failure:
    """A tool failure in a worker, carried back as plain data (ToolError does not pickle)."""

    tool: str
    command: str
    output: str


def export_all(
    handbook: Handbook,
    out: Path,
    *,
    cache: Path | Store,
    epoch: int,
    jobs: int | None = None,
    progress: bool = False,
    outputs: Outputs | None = None,
    executor: Workers = ThreadPoolExecutor,
) -> Manifest:
    """Write every download and manifest.json under `out`, the site's downloads folder.

    What is made comes from `outputs`, the registry of downloads (the shipped one unless
    a caller adds its own).

    Threads by default. Measured on the 2-core build machine (tests/export/bench_export.py,
    best of 3): cold export 4.9 s with one worker, 2.8-2.9 s with two threads or two
    processes alike. Most wall time is pandoc, a subprocess outside the GIL, so processes buy
    nothing and cost pickling and a forkserver; `process_pool` stays for machines where that
    changes. Typst's worker processes live as long as this call.
    """
    outputs = OUTPUTS if outputs is None else outputs
    store = OutputCache(cache)
    planned = plan_jobs(handbook, epoch, outputs)
    days = {module.day.id for module in handbook.modules if module.day.scheduled}
    bar = Progress(len(planned) + len(days), progress)
    stamps = Stamps.now()
    with typst_pdf.workers(), typesetting(store, stamps):
        files, built = run_jobs(
            planned,
            store,
            jobs,
            bar.advance,
            stamps=stamps,
            executor=executor,
            alone=outputs.alone,
        )
    packs, packs_built = build_packs(
        handbook, files, store, epoch, bar.advance, outputs, stamps.tools
    )
    bar.close()
    everything = [*files, *packs]
    to_make = planned_packs(handbook, out, outputs)
    manifest = Manifest(
        GeneratedFrom(handbook.programme.title, handbook.programme.edition, epoch),
        tuple(_write(out, item) for item in everything),
        planned=to_make,
        built=built + packs_built,
        reused=len(everything) - built - packs_built,
        outputs=outputs,
    )
    write_manifest(manifest, out / "manifest.json")
    keep = {out / item.path for item in everything} | {out / "manifest.json"}
    remove_stale(out, keep | {_placeholder(out, entry) for entry in to_make})
    store.prune()
    return manifest


def planned_packs(handbook: Handbook, out: Path, outputs: Outputs) -> tuple[ManifestEntry, ...]:
    """The files the site stage zips from the built site, named and titled, not yet made."""
    planned = []
    for output in outputs.site_packs:
        for subject in SCOPES[output.scope].subjects(handbook):
            title = output.title_of(subject, handbook.programme.wording)
            for format in output.formats:
                path = f"{out.name}/{output.path_of(subject, format)}"
                entry = ManifestEntry(output.kind, subject.source, format, path, 0, "", title)
                planned.append(entry)
    return tuple(planned)


def _placeholder(out: Path, entry: ManifestEntry) -> Path:
    """An empty file where a planned pack goes, so the engine sees the pages' link to it
    resolve; the site stage puts the pack in its place in the built site."""
    target = out.parent / entry.path
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.stat().st_size:
        target.write_bytes(b"")
    return target


def remove_stale(out: Path, keep: set[Path]) -> None:
    """Delete files a previous export left in `out` that this one did not write.

    `out` belongs to the downloads, and the site publishes all of it: a removed module's
    guide must not stay online just because nothing links to it any more.
    """
    for path in sorted(out.rglob("*"), reverse=True):
        if path.is_file() and path not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def build_packs(
    handbook: Handbook,
    files: Sequence[Built],
    store: OutputCache,
    epoch: int,
    done: Callable[[str], None],
    outputs: Outputs = OUTPUTS,
    tools: str | None = None,
) -> tuple[list[Built], int]:
    """A ZIP per training day of the module files just made; and how many were built."""
    packed = {output.kind for output in outputs if output.in_day_pack}
    members = [PackMember(f.source, f.kind, f.path, f.data) for f in files if f.kind in packed]
    packs, built = [], 0
    for pack in plan_packs(handbook, members, outputs):
        data, fresh = store.fetch(pack.key(epoch, tools), functools.partial(pack.build, epoch))
        packs.append(Built(pack.kind, pack.day.id, pack.path, pack.title, data))
        built += fresh
        done(pack.path)
    return packs, built


def run_jobs(
    planned: Sequence[Job],
    store: OutputCache,
    workers: int | None,
    done: Callable[[str], None],
    *,
    stamps: Stamps | None = None,
    executor: Workers = ThreadPoolExecutor,
    alone: frozenset[str] = OUTPUTS.alone,
) -> tuple[list[Built], int]:
    """Every job's bytes, from the cache or built in parallel; and how many were built.
    The kinds in `alone` are made first, one at a time (`Output.alone`)."""
    stamps = stamps or Stamps.now()
    keys = {job.path: job.key(stamps) for job in planned}
    results: dict[str, bytes] = {}
    missing = []
    for job in planned:
        cached = store.get(keys[job.path])
        if cached is None:
            missing.append(job)
        else:
            results[job.path] = cached
            done(job.path)
    for job, data in _build_all(missing, workers, executor, alone):
        store.put(keys[job.path], data)
        results[job.path] = data
        done(job.path)
    files = [Built(j.kind, j.source, j.path, j.title, results[j.path]) for j in planned]
    return files, len(missing)


def _build_all(
    missing: Sequence[Job],
    workers: int | None,
    executor: Workers,
    alone: frozenset[str] = OUTPUTS.alone,
) -> Iterable[tuple[Job, bytes]]:
    if not missing:
        return
    for job in (j for j in missing if j.kind in alone):
        yield job, _bytes_of(job, attempt(job.build))
    rest = [job for job in missing if job.kind not in alone]
    if not rest:
        return
    count = min(len(rest), workers or os.cpu_count() or 1)
    with executor(max_workers=count) as pool:
        futures = {_submit(pool, job): job for job in rest}
        try:
            for future in as_completed(futures):
                job = futures[future]
                yield job, _bytes_of(job, future.result())
        finally:
            # On a failure, do not wait for the downloads still queued behind it.
            for future in futures:
                future.cancel()


def _submit(pool: Executor, job: Job) -> Future[bytes | Failure]:
    """Run a job with this build's theme: a thread in a copy of this context (with Typst's
    workers), a process given the theme (it compiles Typst itself)."""
    if isinstance(pool, ProcessPoolExecutor):
        return pool.submit(attempt, job.build, current_theme())
    return pool.submit(contextvars.copy_context().run, attempt, job.build)


def _bytes_of(job: Job, result: bytes | Failure) -> bytes:
    """A job's bytes, or its failure raised as the ToolError it was."""
    if isinstance(result, Failure):
        output = f"while making downloads/{job.path}\n{result.output}"
        raise ToolError(result.tool, result.command, output)
    return result


def attempt(build: Callable[[], bytes], theme: Theme | None = None) -> bytes | Failure:
    """Run a build in a worker, turning a tool failure into data the parent can rebuild."""
    try:
        if theme is not None:
            with using(theme):
                return build()
        return build()
    except ToolError as error:
        return Failure(error.tool, error.command, error.output)
    except HandbookError as error:
        return Failure("export", "", str(error))


def _write(out: Path, item: Built) -> ManifestEntry:
    """Write a download under `out` (left alone when unchanged) and describe it."""
    target = out / item.path
    target.parent.mkdir(parents=True, exist_ok=True)
    if not (target.is_file() and target.read_bytes() == item.data):
        target.write_bytes(item.data)
    return ManifestEntry(
        item.kind,
        item.source,
        target.suffix.lstrip("."),
        f"{out.name}/{item.path}",
        len(item.data),
        hashlib.sha256(item.data).hexdigest(),
        item.title,
    )
