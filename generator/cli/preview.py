"""The live preview behind `handbook serve`: rebuild on save, and reload the open pages.

Each saved source runs the same pipeline as `handbook build --no-downloads` into
build/preview, so an edit to one page body costs one page and the search index (with MkDocs)
or a cached Zensical build. The process keeps what it may between saves (cli/kept.py: the
sources read, the store's entries, each kind's model, the built files' digests, MkDocs'
compiled templates) and writes the store's entries when it stops. MkDocs' live-reload
server serves the folder: it holds requests while a build runs and tells open pages to
reload once it has finished.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from generator.cli import report
from generator.cli.build import BuildOptions, build
from generator.cli.kept import Kept
from generator.errors import HandbookError, UsageError, ValidationFailed
from generator.load.sources import ParseCache

#: What a saved change can be in: the sources, the editors' documents, the look, the config.
WATCHED = ("content", "frameworks", "docs", "theme", "mkdocs.yml", "editions")
PREVIEW = Path("build") / "preview"
#: How often the watcher looks for saved files; a save shows within about this plus the build.
POLL_SECONDS = 0.1


def serve(
    root: Path, dev_addr: str, engine: str, strict: bool = False, edition: str | None = None
) -> None:
    """Build the preview (of the core, or of one edition), serve it on `dev_addr`, and
    rebuild whenever a watched file changes."""
    from mkdocs.livereload import LiveReloadServer

    host, _, port = dev_addr.rpartition(":")
    if not host or not port.isdigit():
        raise UsageError(f"--dev-addr must be HOST:PORT, not {dev_addr!r}")
    options = BuildOptions(
        out=root / PREVIEW,
        downloads=False,
        strict=strict,
        engine=engine,
        editing=True,
        edition=edition,
    )
    rebuild = Rebuilder(root, options)
    rebuild()
    server = LiveReloadServer(
        builder=rebuild,
        host=host,
        port=int(port),
        root=str(root / PREVIEW),
        polling_interval=POLL_SECONDS,
    )
    for name in WATCHED:
        if (root / name).exists():
            server.watch(str(root / name))
    print(f"Serving the handbook on http://{dev_addr}/ (Ctrl+C stops)", file=sys.stderr)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        rebuild.kept.write()


#: Printed when a save mends the last problem, so the terminal's last line is not an error.
FIXED = "Fixed: every source is valid again and the preview is up to date."


class Rebuilder:
    """The rebuild a save triggers, which remembers whether the last one failed."""

    def __init__(self, root: Path, options: BuildOptions) -> None:
        self.root, self.options = root, options
        self.parsed: ParseCache = {}  # this session's sources, so a save re-reads only that file
        self.kept = Kept()  # what else the session keeps between rebuilds (cli/kept.py)
        self.failing = False

    def __call__(self) -> None:
        """Rebuild; after a failed rebuild, say so when this one succeeds."""
        succeeded = preview(self.root, self.options, self.parsed, self.kept)
        if succeeded and self.failing:
            print(FIXED, file=sys.stderr)
        self.failing = not succeeded


def preview(
    root: Path, options: BuildOptions, parsed: ParseCache | None = None, kept: Kept | None = None
) -> bool:
    """One rebuild of the preview; an error is reported and the previous preview kept.

    Returns whether the preview is now up to date.
    """
    started = time.perf_counter()
    try:
        result = build(root, options, parsed, kept=kept)
    except ValidationFailed as failure:
        print(report.as_text(failure.diagnostics), file=sys.stderr)
        print(report.summary(failure.diagnostics, failure.strict), file=sys.stderr)
        print(f"error: {failure}; the preview shows the last good build", file=sys.stderr)
        return False
    except HandbookError as error:
        print(f"error: {error}\nThe preview shows the last good build.", file=sys.stderr)
        return False
    seconds = time.perf_counter() - started
    if result.skipped:
        return True
    if result.warnings:
        print(report.as_text(result.warnings), file=sys.stderr)
        print(report.summary(result.warnings), file=sys.stderr)
    print(f"Rebuilt {result.pages_changed} changed pages in {seconds:.2f} s.", file=sys.stderr)
    return True
