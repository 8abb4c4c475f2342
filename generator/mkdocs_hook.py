"""MkDocs hook for the root mkdocs.yml: `mkdocs build` and `mkdocs serve` run the generator.

It validates and renders the pages into build/docs before MkDocs reads them. Downloads are
not re-exported here (that is `handbook build`'s work); ones already built are kept.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from generator import report
from generator.build import guides_in, render_pages
from generator.dates import source_epoch
from generator.downloads import DownloadList
from generator.errors import ValidationFailed
from generator.project import read_handbook
from generator.site import mkdocs_settings, write_docs_tree, write_pictures
from generator.theme import of_project, using


def on_config(config: Any) -> Any:
    """Regenerate the docs tree and hand MkDocs the computed settings."""
    root = Path(config.config_file_path).resolve().parent
    with using(of_project(root)):
        return _generate(root, config)


def _generate(root: Path, config: Any) -> Any:
    try:
        handbook, _ = read_handbook(root)
    except ValidationFailed as failure:
        print(report.as_text(failure.diagnostics), file=sys.stderr)
        raise PluginError(str(failure)) from failure
    epoch = source_epoch(root, handbook.sources)
    pages = render_pages(root, handbook, existing_downloads(root), epoch)
    write_docs_tree(pages, root / "build" / "docs", root / "build" / "includes")
    write_pictures(handbook, root / "build" / "docs")
    for key, value in mkdocs_settings(handbook, guides_in(pages)).items():
        config[key] = value
    return config


def existing_downloads(root: Path) -> DownloadList:
    """The downloads a previous `handbook build` left in the docs tree, if any."""
    manifest = root / "build" / "docs" / "downloads" / "manifest.json"
    if not manifest.is_file():
        return DownloadList(())
    from generator.export import read_manifest

    return DownloadList(read_manifest(manifest).entries)
