"""The whole pipeline: validate, export, render, build the site, and swap it into place."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator import gate
from generator.cli.project import read_handbook
from generator.errors import BuildError, Diagnostic
from generator.load.fingerprint import fingerprint, record, unchanged
from generator.load.sources import ParseCache
from generator.model.dates import source_dates, source_epoch
from generator.model.objects import Handbook
from generator.render.downloads import DownloadList
from generator.render.memo import PageMemo
from generator.render.templates import SiteContext, render_site
from generator.site import links
from generator.site.engines import build_site
from generator.site.retire import swap_and_retire
from generator.site.write import (
    GUIDES,
    guide_pages,
    write_config,
    write_docs_tree,
    write_pictures,
)
from generator.theme import current as current_theme
from generator.theme import of_project, using

if TYPE_CHECKING:
    from generator.export.registry import Outputs

#: The gate's findings per built file, kept between builds (generator/gate/memo.py).
GATE_MEMO = Path("cache") / "gate.json"


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
    #: Show each page's edit link and source path (a preview for editors; `serve` sets it).
    editing: bool = False
    #: The registry of downloads to make; None: the shipped one (generator/export/outputs.py).
    outputs: Outputs | None = None


def build(
    root: Path, options: BuildOptions = BuildOptions(), parsed: ParseCache | None = None
) -> BuildReport:
    """Build the site and downloads from the sources under `root`, styled by its theme/.

    Nothing is written to the output folder unless every step succeeds. `parsed` remembers
    source files between builds (a live preview keeps one); without it all are read.
    """
    with using(of_project(root)):
        return _build(root, options, parsed)


def _build(root: Path, options: BuildOptions, parsed: ParseCache | None) -> BuildReport:
    started = time.perf_counter()
    work = root / "build"
    out = (options.out or root / "site").resolve()
    settings = {
        "downloads": options.downloads,
        "strict": options.strict,
        "epoch": source_epoch(root, ()),
        "engine": options.engine,
        "editing": options.editing,
    }
    if options.outputs is not None:
        settings["outputs"] = options.outputs.kinds
    stamp = fingerprint(root, settings)
    if unchanged(work, out, stamp):
        return BuildReport(0, 0, time.perf_counter() - started, skipped=True)
    handbook, warnings = read_handbook(root, strict=options.strict, parsed=parsed)
    epoch = source_epoch(root, handbook.sources)
    downloads = export_downloads(handbook, work, epoch, options)
    pages = render_pages(root, handbook, downloads, epoch)
    written = write_docs_tree(pages, work / "docs", work / "includes")
    written += write_pictures(handbook, work / "docs")
    config = write_config(root, handbook, work, guides_in(pages), options.editing)
    publish(config, out, epoch, options.strict, options.engine)
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
    """Export every download into the docs tree; without downloads, keep the last ones made."""
    target = work / "docs" / "downloads"
    if not options.downloads:
        return kept_downloads(target)
    from generator.export import export_all

    # Downloads carry a date, not a time: rounding to the day keeps every file's cache key
    # stable while an editor works, so one edit rebuilds only the files it touches.
    day = epoch - epoch % 86_400
    manifest = export_all(
        handbook,
        target,
        cache=work / "cache" / "downloads",
        epoch=day,
        progress=options.progress,
        outputs=options.outputs,
    )
    return DownloadList(manifest.entries, manifest.built, manifest.scopes)


def kept_downloads(target: Path) -> DownloadList:
    """The downloads of the last full build, left in place for a build without downloads.

    Their links stay on the pages; they are as old as that build, which the closing line
    says. A manifest that cannot be read means no downloads (and none are linked).
    """
    from generator.export.manifest import read_manifest

    try:
        manifest = read_manifest(target / "manifest.json")
    except (OSError, ValueError, TypeError, KeyError):
        shutil.rmtree(target, ignore_errors=True)
        return DownloadList(())
    return DownloadList(manifest.entries, 0, manifest.scopes)


def render_pages(
    root: Path, handbook: Handbook, downloads: DownloadList, epoch: int
) -> dict[str, str]:
    """Every page of the site, as Markdown, with dates and edit links."""
    programme = handbook.programme
    edit_base = f"{programme.repository}/edit/{programme.branch}"
    sources = (*handbook.sources, *(f"docs/{name}" for name in GUIDES))
    dates = source_dates(root, sources, epoch, programme.wording)
    guides = guide_pages(root, edit_base, dates)
    site = SiteContext(dates=dates, manifest=downloads, edit_base=edit_base, guides=tuple(guides))
    compiled = root / "build" / "cache" / "templates"
    memo = PageMemo(root / "build", handbook, site, _template_folders(handbook))
    rendered = render_site(handbook, site, memo, compiled)
    memo.save()
    return {**rendered, **guides}


def _template_folders(handbook: Handbook) -> tuple[Path, ...]:
    """The folders the pages' templates come from: the theme's, then the kinds' own."""
    kinds = handbook.kinds.template_folders() if handbook.kinds else ()
    return (current_theme().templates, *kinds)


def guides_in(pages: dict[str, str]) -> list[str]:
    """The editors' pages among the rendered pages, in the order of GUIDES."""
    return [path for path, _ in GUIDES.values() if path in pages]


def publish(
    config: Path,
    out: Path,
    epoch: int,
    strict: bool,
    engine: str = "mkdocs",
) -> None:
    """Build the site beside `out`, then swap it in; on failure `out` is left as it was."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        with build_epoch(epoch):
            build_site(engine, config, staging, strict, previous=out)
        if strict:
            check_links(staging, config.parent / "external-links.txt")
        gate.enforce(staging, config.parent / "docs", config.parent / GATE_MEMO)
        swap_and_retire(staging, out)
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
