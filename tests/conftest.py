"""Shared fixtures: a tiny valid project written into a temporary folder, and the shipped
project built once per session into a temporary folder that every xdist worker shares.

No test writes into the checkout: the shipped project is copied out before it is built.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

from generator.errors import Diagnostic
from generator.forked import PROCESSES
from generator.site import engines
from generator.site.engines import CompiledTemplates

# Hypothesis keeps no example database (it would write .hypothesis/ into the checkout); a
# failure prints the example and the seed that reproduce it.
settings.register_profile("handbook", database=None, print_blob=True)
settings.load_profile("handbook")


# What Hypothesis still stores (its Unicode tables, the constants it collects from modules,
# written as soon as a test module is collected) goes to a temporary folder, never the
# checkout; set at import, before any worker collects a test.
set_hypothesis_home_dir(tempfile.mkdtemp(prefix="handbook-hypothesis-"))

# Parallel workers (and the shared builds beside them, tests/prebuild.py) already keep every
# core busy, so a build inside one shares its loops with no forked copies
# (generator/forked.py): copies there only add work. tests/test_forked.py forces copies on
# and holds what they make against what one process makes.
if int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")) > 1:
    os.environ.setdefault(PROCESSES, "1")


def compiled_once(build: Callable[..., None], code: dict[str, bytes]) -> Callable[..., None]:
    """`build_with_mkdocs`, whose builds in this process share Material's compiled templates.

    Every MkDocs build makes a new Jinja environment and compiles the theme's templates again,
    about 60 of them and a quarter of a tiny build; the workers' builds made some 8,000 such
    compiles a run, about 40 CPU seconds. A build given no `CompiledTemplates` gets one that
    holds the compiled code of this process's earlier builds (Jinja uses it only for the very
    text it was compiled from), as the builds of one `handbook serve` or editions run share
    theirs; the theme's file list is its own, so a test that changes a theme sees the change.
    """

    @functools.wraps(build)
    def kept(*args: object, compiled: CompiledTemplates | None = None, **kwargs: object) -> None:
        if compiled is None:
            compiled = CompiledTemplates()
            compiled.code = code
        build(*args, compiled=compiled, **kwargs)

    return kept


engines.build_with_mkdocs = compiled_once(engines.build_with_mkdocs, {})


@pytest.fixture
def fresh_templates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every MkDocs build of the test compiles the theme's templates itself, as a lone
    `handbook build` does: for the tests that hold a build which keeps work between builds
    against a clean one, which must share nothing with it."""
    monkeypatch.setattr(engines, "build_with_mkdocs", engines.build_with_mkdocs.__wrapped__)


REPO = Path(__file__).resolve().parents[1]
#: The date the shared build of the shipped project is made on (SOURCE_DATE_EPOCH), 1 July
#: 2026: its copy has no git history, and tests export again from its store on that date.
SHIPPED_EPOCH = 1_782_864_000
#: What a user's project holds besides the theme: the sources, the guides, the site settings.
SHIPPED = ("content", "frameworks", "docs", "mkdocs.yml")
#: Where the tests of the shipped content read it: the checkout, or a project an editor changed
#: (HANDBOOK_SHIPPED=/path/to/copy), to show that an edit keeps those tests green.
SHIPPED_FROM = Path(os.environ.get("HANDBOOK_SHIPPED") or REPO).resolve()

FILES = {
    "content/programme.yml": """\
        title: Test Partnership
        edition: "2026/27"
        organisation: Test Network
        licence: CC BY-SA 4.0
        repository: https://github.com/example/handbook
        language: en-GB
        vocabularies:
          roles:
            - id: headteacher
              label: Headteacher
            - id: governor
              label: Governor or trustee
          evidence_sources:
            - id: staff-voice
              label: Staff voice
            - id: pupil-voice
              label: Pupil voice
          activity_types:
            - id: presentation
              label: Presentation
            - id: discussion
              label: Discussion
          day_kinds:
            - id: leadership
              label: Leadership day
              description: Training for leaders.
        parts:
          - id: basics
            title: Basics
            summary: The basics.
        training_days:
          - id: day-1
            title: First day
            kind: leadership
            summary: The first day.
        """,
    "content/glossary.yml": """\
        terms:
          - id: send
            term: Special educational needs and disabilities
            abbreviation: SEND
            definition: Needs that call for extra support.
            see_also: [senco]
          - id: senco
            term: Special educational needs co-ordinator
            abbreviation: SENCo
            definition: The teacher who leads SEND provision.
        """,
    "frameworks/tiny.yml": """\
        id: tiny
        title: Tiny Framework
        version: "1.0"
        status: published
        summary: A framework for tests.
        principles:
          - title: Evidence first
            description: Judgements rest on evidence.
        phases:
          - id: self-review
            title: Self-review
            description: The school looks at itself.
        scale:
          - id: low
            label: Emerging
            descriptor: Not yet in place.
          - id: high
            label: Leading
            descriptor: Strong and shared.
        changes:
          - version: "1.0"
            date: 2026-01-01
            summary: First version.
        domains:
          - id: leadership
            title: Leadership
            summary: How the school is led.
            strands:
              - id: vision
                title: Vision
                summary: Where the school is going.
                criteria:
                  - id: vision-1
                    statement: Leaders share a clear vision.
                    descriptors:
                      low: Few staff can describe the vision.
                      high: Every member of staff can describe the vision.
                    evidence: [staff-voice]
                    questions:
                      - How do staff describe the vision?
        """,
    "content/modules/intro.yml": """\
        id: intro
        title: Introduction
        summary: Meeting the partnership.
        audience: [headteacher]
        day: day-1
        duration: 60
        objectives:
          - Explain the review cycle.
        framework_links: [tiny/vision-1]
        sessions:
          - title: Welcome
            minutes: 20
            activity: presentation
            description: Introductions.
            facilitator_notes: Keep it short.
            handouts:
              - title: The cycle
                file: ../handouts/cycle.md
          - title: Discussion
            minutes: 40
            activity: discussion
            description: What partnership means.
        """,
    "content/handouts/cycle.md": """\
        # The cycle

        Self-review, peer review, support.
        """,
    "content/handbook/basics/welcome.md": """\
        ---
        title: Welcome
        part: basics
        order: 1
        summary: Start here.
        related:
          modules: [intro]
          criteria: [tiny/vision-1]
        ---

        ## Why

        Schools improve together.
        """,
}


def write_project(root: Path, files: dict[str, str] | None = None) -> Path:
    """Write the tiny project (with `files` overriding or adding entries) into `root`."""
    for rel, text in {**FILES, **(files or {})}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A tiny, valid project in a temporary folder."""
    return write_project(tmp_path / "project")


def with_site_look(project: Path) -> Path:
    """A project given the repository's mkdocs.yml and theme, ready for `build()`."""
    (project / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(), encoding="utf-8")
    (project / "theme").symlink_to(REPO / "theme")
    return project


@pytest.fixture
def site_project(project: Path) -> Path:
    """The tiny project with the repository's look, ready for `build()`."""
    return with_site_look(project)


def copy_shipped(root: Path) -> Path:
    """A copy of the shipped project in `root`, its theme linked, to build outside the checkout."""
    for name in SHIPPED:
        source = SHIPPED_FROM / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            root.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    (root / "theme").symlink_to(REPO / "theme")
    return root


def shared_folder(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder `make` fills once per test session, for every xdist worker; tests only read it.

    Workers of one session share the parent of their temporary folders.
    """
    base = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    return made_once(base / f"shared-{name}", make)


def made_once(folder: Path, make: Callable[[Path], None]) -> Path:
    """`folder`, filled by `make` unless a process did so before; a file lock lets the first
    process make it while the others wait for it."""
    with FileLock(f"{folder}.lock"):
        if not (folder / ".made").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            (folder / ".made").touch()
    return folder


def make_shipped(folder: Path) -> None:
    """The shipped project built strict, with every download, in `folder`/project."""
    from generator.cli.build import BuildOptions, build
    from generator.site.engines import build_epoch

    with build_epoch(SHIPPED_EPOCH):
        build(copy_shipped(folder / "project"), BuildOptions(strict=True))


def make_offline_zensical(folder: Path) -> None:
    """The shipped project built with its downloads by Zensical, seeded with the shared
    MkDocs build's store (`make_shipped`, beside `folder`), so only its pages and pack are new."""
    from generator.cli.build import BuildOptions, build
    from generator.site.engines import build_epoch

    shipped = made_once(folder.parent / "shared-shipped", make_shipped) / "project"
    root = copy_shipped(folder / "project")
    shutil.copytree(shipped / "build" / "cache", root / "build" / "cache")
    with build_epoch(SHIPPED_EPOCH):
        build(root, BuildOptions(engine="zensical"))


#: The shared builds tests/prebuild.py makes ahead of the workers, longest first, by name.
PREBUILT: dict[str, Callable[[Path], None]] = {
    "shipped": make_shipped,
    "offline-zensical": make_offline_zensical,
}


@pytest.fixture(scope="session")
def shipped_sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped project, unbuilt, for this worker: reading it may write caches."""
    return copy_shipped(tmp_path_factory.mktemp("shipped-sources") / "project")


@pytest.fixture(scope="session")
def shipped_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped project built once, strict, with every download, into its site/.

    Shared by every test and worker: read it, never change it (copy it first).
    """
    return prebuilt(tmp_path_factory, "shipped") / "project"


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where tests leave pictures for a person to look at (printed at the end of the run)."""
    return shared_folder(tmp_path_factory, "artifacts", lambda folder: None)


#: Folders of the checkout that tools other than the tests write to.
NOT_CHECKED = {".git", ".venv", ".pytest_cache", ".cache", ".ruff_cache", "__pycache__"}
STARTED = time.time()


def written_into_checkout() -> list[str]:
    """Files of the checkout changed since the session started."""
    found = []
    for folder, names, files in os.walk(REPO):
        names[:] = [n for n in names if n not in NOT_CHECKED]
        for name in files:
            path = Path(folder, name)
            if path.stat().st_mtime >= STARTED:
                found.append(path.relative_to(REPO).as_posix())
    return sorted(found)


def pytest_sessionstart(session: pytest.Session) -> None:
    """In the controller of a parallel run of the whole suite, start making the shared builds
    at once, beside the workers: a worker that needs one waits only for what is left of it."""
    config = session.config
    whole_suite = config.args_source == pytest.Config.ArgsSource.TESTPATHS and not (
        config.option.keyword or config.option.markexpr
    )
    if os.environ.get("PYTEST_XDIST_WORKER") or not config.getoption("numprocesses", 0):
        return
    if whole_suite:
        base = config._tmp_path_factory.getbasetemp()  # type: ignore[attr-defined]
        with (base / "prebuild.log").open("w") as log:
            config.stash[PREBUILD] = subprocess.Popen(
                [sys.executable, str(REPO / "tests" / "prebuild.py"), str(base)],
                cwd=REPO,
                # Beside two workers, the cores are busy: no forked copies (see above).
                env={**os.environ, "PYTHONPATH": str(REPO), PROCESSES: "1"},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )


def pytest_sessionfinish(session: pytest.Session) -> None:
    """End the shared builds' process if the run ended first (a failure with -x, Ctrl-C)."""
    process = session.config.stash.get(PREBUILD, None)
    if process is not None and process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait()


def prebuilt(factory: pytest.TempPathFactory, name: str) -> Path:
    """The shared build `name` of `PREBUILT`, in the folder tests/prebuild.py makes it in."""
    return shared_folder(factory, name, PREBUILT[name])


#: The process making the shared builds, in the controller's stash.
PREBUILD = pytest.StashKey[subprocess.Popen[bytes]]()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Name any file the run wrote into the checkout: tests write under tmp_path only."""
    written = written_into_checkout()
    if written:
        terminalreporter.section("written into the checkout (tests must use tmp_path)")
        for path in written[:20]:
            terminalreporter.write_line(path)


def besides_venue(found: list[Diagnostic]) -> list[Diagnostic]:
    """What the checks found, less the tiny project's own `date.no-venue` warning (its day
    has a date and no venue; tests/export/test_ics_places.py tests that warning)."""
    return [d for d in found if d.code != "date.no-venue"]
