"""MkDocs hook for the root mkdocs.yml: `mkdocs build` and `mkdocs serve` run the generator.

It validates and renders the pages into build/docs before MkDocs reads them. Downloads are
not re-exported here (that is `handbook build`'s work); ones already built are kept.
Warnings and errors go to MkDocs' log, so `mkdocs serve` shows them as `handbook serve`
does, and `--strict` stops on a warning in the sources as `handbook build --strict` does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from generator.cli import report
from generator.cli.build import BuildOptions, Run, guides_in, render_pages, run_phases
from generator.errors import Diagnostic, ValidationFailed
from generator.render.downloads import DownloadList
from generator.site.write import mkdocs_settings, write_docs_tree, write_pictures
from generator.store import Store
from generator.theme import of_project, using

LOG = get_plugin_logger("handbook")


def on_config(config: Any) -> Any:
    """Regenerate the docs tree and hand MkDocs the computed settings."""
    root = Path(config.config_file_path).resolve().parent
    with using(of_project(root)):
        return _generate(root, config)


def _generate(root: Path, config: Any) -> Any:
    strict = bool(config.strict)
    run = Run(root, BuildOptions(strict=strict, downloads=False), Store.of_project(root))
    try:
        run_phases(run, until="model")  # the build loop's first phases; MkDocs does the site
    except ValidationFailed as failure:
        log_diagnostics(failure.diagnostics, strict)
        raise PluginError(str(failure)) from failure
    log_diagnostics(run.result("check"), strict)
    handbook = run.result("model")
    pages = render_pages(root, handbook, existing_downloads(root), run.epoch, run.store)
    write_docs_tree(pages, root / "build" / "docs", root / "build" / "includes")
    write_pictures(handbook, root / "build" / "docs")
    for key, value in mkdocs_settings(handbook, guides_in(pages)).items():
        config[key] = value
    return config


def log_diagnostics(diagnostics: list[Diagnostic], strict: bool) -> None:
    """Each diagnostic in MkDocs' log at its own level, then the closing counts."""
    if not diagnostics:
        return
    for diagnostic in diagnostics:
        level = LOG.error if diagnostic.severity == "error" else LOG.warning
        level(diagnostic.format_text())
    LOG.info(report.summary(diagnostics, strict))


def existing_downloads(root: Path) -> DownloadList:
    """The downloads a previous `handbook build` left in the docs tree, if any."""
    manifest = root / "build" / "docs" / "downloads" / "manifest.json"
    if not manifest.is_file():
        return DownloadList(())
    from generator.export import read_manifest

    downloads = read_manifest(manifest)
    return DownloadList(downloads.entries, scopes=downloads.scopes)
