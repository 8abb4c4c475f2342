"""Typst, the one module that calls it: Typst markup to a tagged, reproducible PDF.

The `typst` Python binding compiles with the fonts it embeds; system fonts are ignored so
every machine makes the same bytes. We ask for PDF/UA-1 and fall back to a plain tagged PDF
when a document breaks one of its rules (say, an image without alt text).

Typst memoises work in a process-wide cache that the binding never evicts: each compile
leaves tens of megabytes behind (about 300 MB for a 330-page handbook). So compiles run in
worker processes that retire after a few documents, which bounds what any process holds.
The workers belong to the export that starts them (`workers()`), which stops them when it
ends; a compile outside an export (one builder called on its own) runs in this process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from importlib import metadata
from pathlib import Path

import typst

from generator.errors import ToolError

STANDARDS: tuple[str, ...] = ("ua-1",)
log = logging.getLogger(__name__)


def version() -> str:
    """The typst binding's version, part of every cache key."""
    return metadata.version("typst")


#: Compiles a worker process runs before it is replaced, releasing Typst's cache.
TASKS_PER_WORKER = 4


class TypstWorkers:
    """Worker processes for Typst compiles, started on the first compile, stopped by close()."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def compile(self, markup: str, root: Path, epoch: int) -> bytes:
        """Compile in a worker; see compile_pdf."""
        return self._workers().submit(compile_here, markup, root, epoch).result()

    def _workers(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=os.cpu_count() or 2,
                    mp_context=_context(),
                    max_tasks_per_child=TASKS_PER_WORKER,
                )
            return self._pool

    def close(self) -> None:
        """Stop the workers (they are started again if another compile comes)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown()


_ACTIVE: ContextVar[TypstWorkers | None] = ContextVar("typst_workers", default=None)


@contextmanager
def workers() -> Iterator[TypstWorkers]:
    """Compile in worker processes until the block ends, then stop them."""
    pool = TypstWorkers()
    token = _ACTIVE.set(pool)
    try:
        yield pool
    finally:
        _ACTIVE.reset(token)
        pool.close()


#: Markup longer than this (the whole handbook) compiles in a process that ends with it:
#: Typst holds about 950 MiB for the ten-times handbook, which a reused worker would keep.
LARGE = 200_000


def compile_pdf(markup: str, root: Path, epoch: int) -> bytes:
    """A PDF of Typst markup whose imports resolve in `root`, dated `epoch`.

    In the current export's workers when there is one, else in this process; markup over
    LARGE in a process of its own that ends with the compile.
    """
    if len(markup) > LARGE:
        with ProcessPoolExecutor(1, mp_context=_context(), max_tasks_per_child=1) as once:
            return once.submit(compile_here, markup, root, epoch).result()
    pool = _ACTIVE.get()
    if pool is None:
        return compile_here(markup, root, epoch)
    return pool.compile(markup, root, epoch)


def _context() -> multiprocessing.context.BaseContext:
    # A fork server starts clean (never from a parent Typst has run in, which can
    # deadlock) and forks each new worker with Typst already imported.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def compile_here(markup: str, root: Path, epoch: int) -> bytes:
    """Compile in this process (what each worker runs)."""
    try:
        return _compile(markup, root, epoch, STANDARDS)
    except typst.TypstError as first:
        log.warning("PDF/UA-1 export failed, writing a tagged PDF instead: %s", _describe(first))
    try:
        return _compile(markup, root, epoch, ())
    except typst.TypstError as error:
        raise ToolError("typst", _command(root, epoch, ()), _describe(error)) from error


def _compile(markup: str, root: Path, epoch: int, standards: Sequence[str]) -> bytes:
    # Warnings come back as values (no global warning filters to race on between threads);
    # layout warnings such as a glyph missing from a font are not build failures.
    # The stub ties `input` and `root` to one type; bytes in, a str folder is fine.
    pdf, found = typst.compile_with_warnings(  # type: ignore[type-var]
        markup.encode("utf-8"),
        root=str(root),
        ignore_system_fonts=True,
        timestamp=epoch,
        pdf_standards=list(standards),  # type: ignore[arg-type]
    )
    for warning in found:
        log.debug("typst: %s", warning)
    if not isinstance(pdf, bytes):
        raise ToolError("typst", _command(root, epoch, standards), "no PDF was returned")
    return pdf


def _command(root: Path, epoch: int, standards: Sequence[str]) -> str:
    return (
        f"typst.compile(<markup>, root={str(root)!r}, ignore_system_fonts=True, "
        f"timestamp={epoch}, pdf_standards={list(standards)!r})"
    )


def _describe(error: typst.TypstError) -> str:
    """The binding's message already holds the diagnostic, source excerpt and hints."""
    return str(error).strip()
