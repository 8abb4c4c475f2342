"""Typst, the one module that calls it: Typst markup to a tagged, reproducible PDF.

The `typst` Python binding compiles with the fonts it embeds; system fonts are ignored so
every machine makes the same bytes. We ask for PDF/UA-1 and fall back to a plain tagged PDF
when a document breaks one of its rules (say, an image without alt text).

Typst memoises work in a process-wide cache that the binding never evicts: each compile
leaves tens of megabytes behind (about 300 MB for a 330-page handbook). So compiles run in
worker processes that retire after a few documents, which bounds what any process holds.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path

import typst

from ..errors import ToolError

STANDARDS: tuple[str, ...] = ("ua-1",)
log = logging.getLogger(__name__)


def version() -> str:
    """The typst binding's version, part of every cache key."""
    return metadata.version("typst")


#: Compiles a worker process runs before it is replaced, releasing Typst's cache.
TASKS_PER_WORKER = 4
_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


#: Markup longer than this (the whole handbook) compiles in a process that ends with it:
#: Typst holds about 950 MiB for the ten-times handbook, which a reused worker would keep.
LARGE = 200_000


def compile_pdf(markup: str, root: Path, epoch: int) -> bytes:
    """A PDF of Typst markup whose imports resolve in `root`, dated `epoch`."""
    if len(markup) > LARGE:
        with ProcessPoolExecutor(1, mp_context=_context(), max_tasks_per_child=1) as once:
            return once.submit(compile_here, markup, root, epoch).result()
    return _workers().submit(compile_here, markup, root, epoch).result()


def _context() -> multiprocessing.context.BaseContext:
    # A fork server starts clean (never from a parent Typst has run in, which can
    # deadlock) and forks each new worker with Typst already imported.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def _workers() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(
                max_workers=os.cpu_count() or 2,
                mp_context=_context(),
                max_tasks_per_child=TASKS_PER_WORKER,
            )
            atexit.register(_pool.shutdown)
        return _pool


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
