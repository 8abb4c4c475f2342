"""MkDocs hook for the root mkdocs.yml: `mkdocs build` and `mkdocs serve` run the generator.

It runs the build loop (generator/cli/build.py) up to the site phase, which writes the pages
into build/docs before MkDocs reads them. Downloads are not re-exported here (that is
`handbook build`'s work); ones already built are kept, as `handbook build --no-downloads`
keeps them.
Warnings and errors go to MkDocs' log, so `mkdocs serve` shows them as `handbook serve`
does, and `--strict` stops on a warning in the sources as `handbook build --strict` does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from generator.cli import report
from generator.cli.build import IN_ENGINE, BuildOptions, Run, guides_in, run_phases
from generator.errors import Diagnostic, ValidationFailed
from generator.site.write import mkdocs_settings
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
    options = BuildOptions(strict=strict, downloads=False, engine=IN_ENGINE)
    run = Run(root, options, Store.of_project(root))
    try:
        # The build loop up to the docs tree; MkDocs, which called this hook, builds the site.
        run_phases(run, until="site")
    except ValidationFailed as failure:
        log_diagnostics(failure.diagnostics, strict)
        raise PluginError(str(failure)) from failure
    log_diagnostics(run.result("check"), strict)
    for key, value in mkdocs_settings(run.result("model"), guides_in(run.result("render"))).items():
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
