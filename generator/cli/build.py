"""The build loop: the phases of a build declared once, in order, and run one after another.

Each phase is a function of the build so far (`Run`), whose result the later phases read:
load, check, model, export, render, site, gate, publish. `handbook build`, `handbook serve`
(through `build`, with what it keeps between saves), the MkDocs hook (the phases up to the
site, with MkDocs as the engine that called it) and `handbook diff` (load, check and model
of one framework given alone) all run this loop; `PHASE` says which phase is running, so a
test can show that no caller runs a stage outside it.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from generator import gate
from generator.check.validate import validate_corpus
from generator.cli.downloads import export_downloads
from generator.cli.kept import Kept
from generator.errors import Diagnostic, ValidationFailed, failed
from generator.kinds import catalogue
from generator.load.fingerprint import fingerprint, record, unchanged
from generator.load.sources import Corpus, ParseCache, load_corpus
from generator.model.build import build_handbook
from generator.model.dates import source_dates, source_epoch
from generator.model.images import pictures_signature
from generator.model.objects import Handbook
from generator.render.downloads import DownloadList
from generator.render.memo import Digests, PageMemo
from generator.render.templates import SiteContext, render_site
from generator.site import links, offline
from generator.site.engines import build_epoch, build_site
from generator.site.retire import swap_and_retire
from generator.site.share import Together
from generator.site.write import (
    GUIDES,
    guide_pages,
    write_config,
    write_docs_tree,
    write_pictures,
)
from generator.store import FileDigests, Store, files_digest
from generator.theme import current as current_theme
from generator.theme import of_project, using

if TYPE_CHECKING:
    from generator.cli.alone import Alone
    from generator.export.registry import Outputs
    from generator.kinds.registry import Kinds
    from generator.site.incremental import LinkedAhead


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
    #: The kinds of source to read; None: the shipped ones (generator/kinds/catalogue.py).
    kinds: Kinds | None = None
    #: The partnership edition to build (editions/<id>/), or None for the core.
    edition: str | None = None


#: The engine name of a build that MkDocs itself runs (its hook): the site phase writes the
#: docs tree and leaves the configuration and the site to MkDocs.
IN_ENGINE = "in-engine"

#: The phase running now (empty between phases), for the tests that trace each caller.
PHASE: ContextVar[str] = ContextVar("PHASE", default="")


def build(
    root: Path,
    options: BuildOptions = BuildOptions(),
    parsed: ParseCache | None = None,
    together: Together | None = None,
    kept: Kept | None = None,
) -> BuildReport:
    """Build the site and downloads from the sources under `root`, styled by its theme/.

    Nothing is written to the output folder unless every phase succeeds. `parsed` remembers
    source files between builds (a live preview keeps one); without it all are read.
    `together` is what builds run one after another share (the core and its editions);
    `kept`, what a live preview keeps between its rebuilds (cli/kept.py).
    """
    started = time.perf_counter()
    with using(of_project(root)):
        store = together.store if together is not None else Store.of_project(root)
        store = kept.follow(store) if kept is not None else store
        run = Run(root, options, store, parsed)
        run.together, run.kept = together, kept
        run.stamp = run.fingerprint()
        if unchanged(run.store, run.out, run.stamp, run.nested, run.digests):
            return BuildReport(0, 0, time.perf_counter() - started, skipped=True)
        if kept is not None and options.engine == "mkdocs" and not options.strict:
            # A preview's rebuild: link the published site into the next staging folder
            # while the phases before the site run (site/incremental.py).
            from generator.site.incremental import LinkedAhead  # MkDocs, loaded only to build

            run.ahead = LinkedAhead.of(run.out)
        run_phases(run)
    pages, downloads = run.result("render"), run.result("export")
    return BuildReport(
        sum(1 for path in pages if path.endswith(".md")) - 1,
        len(downloads.entries),
        time.perf_counter() - started,
        run.result("check"),
        pages_changed=run.written,
        downloads_built=downloads.built,
    )


@dataclass
class Run:
    """One build as it goes: what it was asked, its store, and each phase's result so far."""

    root: Path
    options: BuildOptions
    store: Store
    parsed: ParseCache | None = None
    results: dict[str, Any] = field(default_factory=dict)
    #: How many files of the docs tree the site phase wrote (for the closing line).
    written: int = 0
    #: The fingerprint of what the build reads, worked out once before the phases run.
    stamp: str = ""
    #: The build's date (the newest commit or source), set by the model phase.
    epoch: int = 0
    #: The phases run so far, in order.
    trace: list[str] = field(default_factory=list)
    #: Where an edition's values came from, so its problems name edition.yml (editions).
    layered: Any = None
    #: What the builds run together with this one share (site/share.py), if any.
    together: Together | None = None
    #: What a live preview keeps between its rebuilds (cli/kept.py), if any.
    kept: Kept | None = None
    #: One source given as text, read instead of the project (cli/alone.py), if any.
    alone: Alone | None = None
    #: The next staging folder, being linked to the published site (a preview's rebuild).
    ahead: LinkedAhead | None = None

    @property
    def digests(self) -> FileDigests | None:
        """The files' digests a live preview keeps, if this is one of its rebuilds."""
        return self.kept.digests if self.kept is not None else None

    @property
    def work(self) -> Path:
        """The build's working folder: build/, or build/editions/<id>/ for an edition."""
        edition = self.options.edition
        return self.root / "build" / "editions" / edition if edition else self.root / "build"

    @property
    def out(self) -> Path:
        """Where the site is published: site/, or site/<id>/ for an edition."""
        edition = self.options.edition
        default = self.root / "site" / edition if edition else self.root / "site"
        return (self.options.out or default).resolve()

    @property
    def nested(self) -> frozenset[str]:
        """The editions' folders inside the core's site, which its build leaves alone."""
        if self.options.edition is not None:
            return frozenset()
        from generator.load.editions import find_editions

        return frozenset(e.id for e in find_editions(self.root))

    def fingerprint(self) -> str:
        """The fingerprint of the sources, the settings and the code (load/fingerprint.py)."""
        settings = {
            "downloads": self.options.downloads,
            "strict": self.options.strict,
            "epoch": source_epoch(self.root, ()),
            "engine": self.options.engine,
            "editing": self.options.editing,
            "outputs": self.options.outputs.kinds if self.options.outputs else None,
            "kinds": [k.name for k in self.options.kinds] if self.options.kinds else None,
            "edition": edition_inputs(self.root, self.options.edition),
        }
        return fingerprint(self.root, settings, self.store)

    def result(self, phase: str) -> Any:
        """What an earlier phase gave."""
        return self.results[phase]


def load_phase(run: Run) -> Corpus:
    """Find and read every source of the kinds in use (with the edition laid over them)."""
    if run.alone is not None:
        return run.alone.load(run.root)
    kinds = run.options.kinds or catalogue.KINDS
    if run.options.edition is None:
        return load_corpus(run.root, kinds, run.parsed)
    from generator.cli.editions import edition_corpus, named_edition

    found = edition_corpus(
        run.root, named_edition(run.root, run.options.edition), kinds, run.parsed
    )
    if found.corpus is None:
        raise ValidationFailed(sorted(set(found.problems)), run.options.strict)
    run.layered = found.layered
    run.results["edition"] = found.problems
    return found.corpus


def check_phase(run: Run) -> list[Diagnostic]:
    """Every problem in the sources; stops the build on an error (on a warning when strict)."""
    if run.alone is not None:
        diagnostics = run.alone.check(run.result("load"))
    else:
        diagnostics = validate_corpus(run.result("load"), run.store)
    if run.layered is not None:
        moved = [run.layered.diagnostic(d) for d in diagnostics]
        diagnostics = sorted(set(run.results["edition"] + moved))
    if failed(diagnostics, run.options.strict):
        raise ValidationFailed(diagnostics, run.options.strict)
    return diagnostics


def model_phase(run: Run) -> Handbook:
    """The Handbook, from the documents that passed every check (or the model of the one
    source given alone)."""
    corpus = run.result("load")
    if run.alone is not None:
        return run.alone.build(corpus)
    kept = run.kept
    if kept is not None:
        kept.models.begin(pictures_signature(run.root))
    placed, models = (kept.facts, kept.models) if kept is not None else (None, None)
    handbook = build_handbook(corpus.documents, corpus.kinds, placed, models)
    run.epoch = source_epoch(run.root, handbook.sources)  # git log, read once a build
    return handbook


def export_phase(run: Run) -> DownloadList:
    """Every download (before the pages, which link to them with their sizes)."""
    return export_downloads(run.result("model"), run.work, run.epoch, run.options, run.store)


def render_phase(run: Run) -> dict[str, str]:
    """Every page as Markdown."""
    values = run.kept.fresh_values() if run.kept is not None else None
    handbook, downloads = run.result("model"), run.result("export")
    return render_pages(run.root, handbook, downloads, run.epoch, run.store, values)


def site_phase(run: Run) -> Path | None:
    """The docs tree and configuration written, and the site built beside the published one
    (inside MkDocs' own run, only the docs tree: MkDocs builds the site)."""
    handbook, pages = run.result("model"), run.result("render")
    run.written = write_docs_tree(pages, run.work / "docs", run.work / "includes")
    run.written += write_pictures(handbook, run.work / "docs")
    if run.options.engine == IN_ENGINE:
        return None
    config = write_config(run.root, handbook, run.work, guides_in(pages), run.options.editing)
    run.out.parent.mkdir(parents=True, exist_ok=True)
    ready = run.ahead.ready() if run.ahead is not None else None
    run.ahead, linked = None, ready is not None
    staging = ready or Path(tempfile.mkdtemp(prefix=f".{run.out.name}-", dir=run.out.parent))
    run.results["site"] = staging  # known before the engine runs, so a failure removes it
    with build_epoch(run.epoch):
        compiled = run.together.compiled if run.together else None
        compiled = run.kept.compiled if run.kept else compiled
        engine, strict, previous = run.options.engine, run.options.strict, run.out
        build_site(engine, config, staging, strict, previous, run.store, compiled, linked)
    together = run.together
    offline.pack_site(staging, config, run.store, together.deflated if together else None)
    if together is not None:
        together.shared.add_site(staging, run.store)
    return staging


def gate_phase(run: Run) -> None:
    """Links (when strict) and the gate, read from the staged site as built."""
    staging = run.result("site")
    if run.options.strict:
        own_path = urlsplit(run.result("model").programme.site_url or "/").path
        links.check_links(staging, run.work / "external-links.txt", own_path)
    gate.enforce(staging, run.work / "docs", run.store, run.digests)


def publish_phase(run: Run) -> None:
    """The staged site swapped in whole, and recorded for "nothing has changed"."""
    swap_and_retire(run.result("site"), run.out, run.nested)
    if run.together is not None:
        run.together.shared.published(run.result("site"), run.out)
    record(run.store, run.out, run.stamp, run.nested, run.digests)
    run.store.forget_other_code()


@dataclass(frozen=True)
class Phase:
    """One phase of a build: its name, the stage package it runs, and its function."""

    name: str
    package: str
    run: Callable[[Run], object]


#: The phases of a build, in the order they run: the one statement of the pipeline's order
#: (docs/architecture.md, the package docstrings and tests/test_architecture.py are tested
#: against it).
PHASES = (
    Phase("load", "load", load_phase),
    Phase("check", "check", check_phase),
    Phase("model", "model", model_phase),
    Phase("export", "export", export_phase),
    Phase("render", "render", render_phase),
    Phase("site", "site", site_phase),
    Phase("gate", "gate", gate_phase),
    Phase("publish", "site", publish_phase),
)


def edition_inputs(root: Path, edition: str | None) -> str | None:
    """The digest of an edition's folder (every byte it can change the site by), or None."""
    return files_digest(root / "editions" / edition) if edition else None


def run_phases(run: Run, until: str = PHASES[-1].name) -> Run:
    """Run each phase in order up to `until`; a failure leaves the published site alone."""
    try:
        for phase in PHASES:
            run.trace.append(phase.name)
            running = PHASE.set(phase.name)
            try:
                run.results[phase.name] = phase.run(run)
            finally:
                PHASE.reset(running)
            if phase.name == until:
                break
    except BaseException:
        if run.results.get("site") and "publish" not in run.results:
            shutil.rmtree(run.result("site"), ignore_errors=True)
        raise
    finally:
        if run.ahead is not None:  # the phases ended before the site phase took it
            run.ahead.discard()
            run.ahead = None
    return run


def render_pages(
    root: Path,
    handbook: Handbook,
    downloads: DownloadList,
    epoch: int,
    store: Store | None = None,
    values: Digests | None = None,
) -> dict[str, str]:
    """Every page of the site, as Markdown, with dates and edit links; `values` are the
    model values' digests a live preview keeps (render/memo.py)."""
    programme = handbook.programme
    edit_base = f"{programme.repository}/edit/{programme.branch}"
    sources = (*handbook.sources, *(f"docs/{name}" for name in GUIDES))
    dates = source_dates(root, sources, epoch, programme.wording)
    guides = guide_pages(root, edit_base, dates)
    site = SiteContext(dates=dates, manifest=downloads, edit_base=edit_base, guides=tuple(guides))
    store = Store.of_project(root) if store is None else store
    # The pages' templates come from the theme's folder, then the kinds' own.
    kinds = handbook.kinds.template_folders() if handbook.kinds else ()
    memo = PageMemo(store, handbook, site, (current_theme().templates, *kinds), values)
    rendered = render_site(handbook, site, memo)
    memo.save()
    return {**rendered, **guides}


def guides_in(pages: dict[str, str]) -> list[str]:
    """The editors' pages among the rendered pages, in the order of GUIDES."""
    return [path for path, _ in GUIDES.values() if path in pages]
