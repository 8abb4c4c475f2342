"""The whole pipeline: validate, export, render, build the site, and swap it into place."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import gate, links, overlap
from .dates import source_dates, source_epoch
from .downloads import DownloadList
from .engines import build_site
from .errors import BuildError, Diagnostic
from .fingerprint import fingerprint, record, unchanged
from .model import Handbook
from .render import render_site
from .site import (
    GUIDES,
    guide_pages,
    swap_into_place,
    write_config,
    write_docs_tree,
    write_pictures,
)


@dataclass(frozen=True)
class BuildReport:
    """What a build made, for the closing line and for benchmarks."""

    pages: int
    downloads: int
    seconds: float
    warnings: list[Diagnostic] = field(default_factory=list)
    skipped: bool = False
    pages_changed: int = 0
    downloads_built: int = 0


@dataclass(frozen=True)
class BuildOptions:
    """How to build: where to, with or without downloads, how strict, and how chatty."""

    out: Path | None = None
    downloads: bool = True
    strict: bool = False
    progress: bool = False
    engine: str = "mkdocs"


@overlap.checks_first
def build(root: Path, options: BuildOptions = BuildOptions()) -> BuildReport:
    """Build the site and downloads from the sources under `root`.

    Nothing is written to the output folder unless every step succeeds.
    """
    started = time.perf_counter()
    work = root / "build"
    out = (options.out or root / "site").resolve()
    settings = {
        "downloads": options.downloads,
        "strict": options.strict,
        "epoch": source_epoch(root, ()),
        "engine": options.engine,
    }
    stamp = fingerprint(root, settings)
    if unchanged(work, out, stamp):
        return BuildReport(0, 0, time.perf_counter() - started, skipped=True)
    # Without downloads the sources are checked in a second process beside the site build.
    handbook, checks = overlap.read_handbook(root, options.strict, beside=not options.downloads)
    warnings = checks.warnings  # filled in when publish() waits for the checks
    epoch = source_epoch(root, handbook.sources)
    downloads = export_downloads(handbook, work, epoch, options)
    pages = render_pages(root, handbook, downloads, epoch)
    written = write_docs_tree(pages, work / "docs", work / "includes")
    written += write_pictures(handbook, work / "docs")
    config = write_config(root, handbook, work, guides_in(pages))
    publish(config, out, epoch, options.strict, options.engine, ready=checks.wait)
    record(work, out, stamp)
    seconds = time.perf_counter() - started
    return BuildReport(
        sum(1 for path in pages if path.endswith(".md")) - 1,
        len(downloads.entries),
        seconds,
        warnings,
        pages_changed=written,
        downloads_built=downloads.built,
    )


def export_downloads(
    handbook: Handbook, work: Path, epoch: int, options: BuildOptions
) -> DownloadList:
    """Export every download into the docs tree, or clear them when downloads are off."""
    target = work / "docs" / "downloads"
    if not options.downloads:
        shutil.rmtree(target, ignore_errors=True)
        return DownloadList(())
    from .export import export_all

    # Downloads carry a date, not a time: rounding to the day keeps every file's cache key
    # stable while an editor works, so one edit rebuilds only the files it touches.
    day = epoch - epoch % 86_400
    manifest = export_all(
        handbook, target, cache=work / "cache" / "downloads", epoch=day, progress=options.progress
    )
    return DownloadList(manifest.entries, manifest.built)


def render_pages(
    root: Path, handbook: Handbook, downloads: DownloadList, epoch: int
) -> dict[str, str]:
    """Every page of the site, as Markdown, with dates and edit links."""
    programme = handbook.programme
    edit_base = f"{programme.repository}/edit/{programme.branch}"
    dates = source_dates(root, (*handbook.sources, *(f"docs/{name}" for name in GUIDES)), epoch)
    guides = guide_pages(root, edit_base, dates)
    extra = {"dates": dates, "manifest": downloads, "edit_base": edit_base, "guides": list(guides)}
    return {**render_site(handbook, extra), **guides}


def guides_in(pages: dict[str, str]) -> list[str]:
    """The editors' pages among the rendered pages, in the order of GUIDES."""
    return [path for path, _ in GUIDES.values() if path in pages]


def publish(
    config: Path,
    out: Path,
    epoch: int,
    strict: bool,
    engine: str = "mkdocs",
    ready: Callable[[], object] = lambda: None,
) -> None:
    """Build the site beside `out`, then swap it in; on failure `out` is left as it was.

    `ready` runs once the engine is done, before the gate: it waits for checks run beside.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        with build_epoch(epoch):
            build_site(engine, config, staging, strict, previous=out)
        ready()
        if strict:
            check_links(staging, config.parent / "external-links.txt")
        gate.enforce(staging, config.parent / "docs")
        swap_into_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def check_links(site: Path, external: Path) -> None:
    """Fail on any internal link or anchor that does not resolve; list external links."""
    report = links.check_site(site)
    links.write_external(report, external)
    if report.broken:
        lines = [f"{page}: broken link '{href}'" for page, href in report.broken]
        raise BuildError("links that lead nowhere in the built site:\n" + "\n".join(lines))


@contextmanager
def build_epoch(epoch: int) -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH while MkDocs runs, so its dates are the sources' own."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
