"""The export phase's work: every download made, or the last full build's kept.

The build loop (cli/build.py) calls `export_downloads` in its export phase.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from generator.render.downloads import DownloadList
from generator.store import Store

if TYPE_CHECKING:
    from generator.export.registry import Outputs
    from generator.model.objects import Handbook


class ExportOptions(Protocol):
    """What the export phase reads of the build's options (cli/build.py `BuildOptions`)."""

    @property
    def downloads(self) -> bool: ...
    @property
    def progress(self) -> bool: ...
    @property
    def outputs(self) -> Outputs | None: ...


def export_downloads(
    handbook: Handbook, work: Path, epoch: int, options: ExportOptions, store: Store | None = None
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
        cache=Store.of_project(work.parent) if store is None else store,
        epoch=day,
        progress=options.progress,
        outputs=options.outputs,
    )
    return DownloadList((*manifest.entries, *manifest.planned), manifest.built, manifest.scopes)


def kept_downloads(target: Path) -> DownloadList:
    """The downloads of the last full build, left in place for a build without downloads.

    Their links stay on the pages; they are as old as that build, which the closing line
    says. A manifest that cannot be read means no downloads (and none are linked).
    """
    from generator.export.manifest import read_manifest, without_planned

    try:
        manifest = without_planned(read_manifest(target / "manifest.json"), target)
    except (OSError, ValueError, TypeError, KeyError):
        shutil.rmtree(target, ignore_errors=True)
        return DownloadList(())
    return DownloadList(manifest.entries, 0, manifest.scopes)
