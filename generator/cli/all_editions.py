"""`handbook build --all-editions`: the core and every edition built in one process, sharing.

The builds run one after another in the same process and share what does not depend on an
edition: one store (its code fingerprint worked out once, and pruned once at the end to what
any of the builds used, so no build throws away another's downloads), and a record of the
files built so far, so an identical file is stored once on disk (generator/site/share.py).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from generator.cli import report
from generator.cli.build import BuildOptions, build
from generator.load.editions import find_editions
from generator.site.share import Together


def build_all(root: Path, options: BuildOptions) -> int:
    """The core at the site folder, each edition inside it at <id>/; every identical file
    stored once. Prints a line per site and one for what linking saved."""

    out = (options.out or root / "site").resolve()
    together = Together.of_project(root)
    editions = [e.id for e in find_editions(root)]
    for edition in (None, *editions):
        where = out / edition if edition else out
        result = build(root, replace(options, out=where, edition=edition), together=together)
        name = edition or "the core"
        if result.skipped:
            # Its files were published by an earlier run: later sites may link to them.
            nested = frozenset(editions) if edition is None else frozenset()
            together.shared.add_site(where, together.store, nested)
            print(f"{name}: nothing has changed since the last build.", file=sys.stderr)
            continue
        if result.warnings:
            print(report.as_text(result.warnings), file=sys.stderr)
        print(f"Built {name}: {result.pages} pages in {result.seconds:.1f} s.", file=sys.stderr)
    together.store.release()
    shared = together.shared
    if shared.linked:
        print(
            f"Stored {shared.linked} identical files once ({shared.saved / 1e6:.1f} MB saved).",
            file=sys.stderr,
        )
    return 0
