"""Benchmarks: where build time goes, how we compare with the alternatives, and rebuilds.

Prints a Markdown table; every time is the median of --runs runs, measured in this same
script so that ratios compare like with like. Nothing here asserts a time.

    ./dev bench                 # scale 1 and 10, 3 runs (the table in docs/performance.md)
    ./dev bench --scale 1 --runs 1 --quick
    .venv/bin/python bench/run.py --project DIR --runs 1 --quick   # another project, as it is

--project benchmarks a copy of a project instead of a corpus made from the shipped content
(the tests run it on a tiny one, to keep the script working without minutes of builds).
"""

from __future__ import annotations

import argparse
import functools
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus  # noqa: E402
from engines import engine_rows  # noqa: E402
from memory import TreePeak, watch  # noqa: E402
from serve_save import measure as measure_saves  # noqa: E402

from generator.check.validate import validate_corpus  # noqa: E402
from generator.cli.build import render_pages  # noqa: E402
from generator.forked import cores  # noqa: E402
from generator.kinds.catalogue import KINDS  # noqa: E402
from generator.load.sources import load_corpus  # noqa: E402
from generator.model.build import build_handbook  # noqa: E402
from generator.model.dates import source_epoch  # noqa: E402
from generator.render.downloads import DownloadList  # noqa: E402
from generator.site.engines import ENGINES, build_site, captured_log  # noqa: E402
from generator.site.write import write_config, write_docs_tree  # noqa: E402
from generator.store import Store  # noqa: E402

HANDBOOK = [sys.executable, "-m", "generator.cli.main"]


@dataclass(frozen=True)
class Row:
    """One line of the results table."""

    name: str
    seconds: float
    note: str = ""


def median(
    runs: int, action: Callable[[], object], prepare: Callable[[], object] = lambda: None
) -> float:
    """The median wall time of `action` over `runs` runs, `prepare` run untimed before each."""
    times = []
    for _ in range(runs):
        prepare()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run_cli(root: Path, *args: str) -> tuple[float, TreePeak, str]:
    """Wall time, peak memory of the process tree, and closing line of one `handbook` run."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [*HANDBOOK, "--root", str(root), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak, stop = watch(process.pid)
    _, errors = process.communicate()
    stop.set()
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"handbook {' '.join(args)} failed:\n{errors.decode()}")
    closing = errors.decode().strip().splitlines()
    return elapsed, peak, closing[-1] if closing else ""


def stage_rows(root: Path, runs: int) -> list[Row]:
    """Load, validate, model, render and MkDocs, each timed on its own."""
    corpus = load_corpus(root, KINDS)
    handbook = build_handbook(corpus.documents, corpus.kinds)
    epoch = source_epoch(root, handbook.sources)
    work = root / "build"
    load = median(runs, lambda: load_corpus(root, KINDS))
    # A store that remembers nothing: every file checked, as in a cold build.
    validate = median(runs, lambda: validate_corpus(corpus, Store.nowhere()))
    model = median(runs, lambda: build_handbook(corpus.documents, corpus.kinds))
    pages = render_pages(root, handbook, DownloadList(()), epoch)
    render = median(
        runs,
        # A store that remembers nothing: every page drawn, none remembered.
        lambda: render_pages(root, handbook, DownloadList(()), epoch, Store.nowhere()),
    )
    write_docs_tree(pages, work / "docs", work / "includes")
    config = write_config(root, handbook, work, [p for p in pages if p.startswith("editors/")])
    site = Path(tempfile.mkdtemp(prefix="bench-site-"))
    mkdocs = median(runs, lambda: mkdocs_alone(config, site))
    shared = None
    if cores() > 1:  # with one process the build's engine is MkDocs alone
        shared = median(runs, lambda: build_site("mkdocs", config, site, strict=False))
    shutil.rmtree(site, ignore_errors=True)
    ours = load + validate + model + render
    rows = [
        Row("load sources (none cached)", load),
        Row("validate (schemas and references)", validate),
        Row("build the model", model),
        Row("render pages (jinja2)", render, f"{len(pages) - 1} pages"),
        Row(
            "generator stages together",
            ours,
            f"{ours / mkdocs:.0%} of MkDocs (target: at most 15%)",
        ),
        Row(
            "MkDocs + Material build of the rendered pages", mkdocs, "the floor for any MkDocs site"
        ),
    ]
    if shared is not None:
        note = f"read and written by {cores()} processes (site/split.py): "
        note += f"{shared / mkdocs:.0%} of the floor"
        rows.append(Row("the same pages as the build makes them", shared, note))
    return rows


def mkdocs_alone(config: Path, site: Path) -> None:
    """MkDocs' own build, in this process and nothing of ours: what any MkDocs site costs."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with captured_log():
        build(load_config(config_file=str(config), site_dir=str(site)))


def build_rows(root: Path, runs: int, downloads: bool) -> list[Row]:
    """Whole builds through the CLI: cold, unchanged, and after editing one source."""
    extra = () if downloads else ("--no-downloads",)

    def clean() -> None:
        shutil.rmtree(root / "site", ignore_errors=True)
        for name in ("cache", "state.json"):
            target = root / "build" / name
            shutil.rmtree(target, ignore_errors=True) if target.is_dir() else target.unlink(
                missing_ok=True
            )

    colds, largest = [], TreePeak()
    for _ in range(runs):
        clean()
        seconds, peak, _ = run_cli(root, "build", *extra)
        colds.append(seconds)
        largest = max(largest, peak, key=lambda p: p.total)
    cold = statistics.median(colds)
    unchanged = statistics.median(run_cli(root, "build", *extra)[0] for _ in range(runs))
    mkdocs = median(runs, lambda: plain_mkdocs(root))
    rows = [
        Row(
            "cold build" + (" with every download" if downloads else ", site only"),
            cold,
            f"peak memory {largest.total} MiB in all ({largest.proportional} MiB proportional;"
            f" largest process {largest.single} MiB): {largest.describe()}",
        ),
        Row(
            "rebuild with nothing changed",
            unchanged,
            f"{unchanged / cold:.1%} of cold (target: at most 10%)",
        ),
    ]
    rows.append(
        Row(
            "plain `mkdocs build` of the same rendered Markdown",
            mkdocs,
            f"whole build is {cold / mkdocs:.1f}x this floor",
        )
    )
    return rows + edit_rows(root, runs, extra)


def plain_mkdocs(root: Path) -> None:
    """MkDocs alone on the generated build/mkdocs.yml, the floor for this site."""
    with tempfile.TemporaryDirectory(prefix="bench-floor-") as site:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "-q",
                "-f",
                str(root / "build" / "mkdocs.yml"),
                "-d",
                site,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


#: A real edit per kind of source: (label, file pattern, text to find, replacement).
EDITS = (
    (
        "one chapter",
        "content/handbook/*/*.md",
        "\n## ",
        "\nA sentence added for the benchmark.\n\n## ",
    ),
    ("one module", "content/modules/*.yml", "\ntitle: ", "\ntitle: Revised "),
    ("one framework", "frameworks/*.yml", "statement: ", "statement: Revised "),
)


def edit_rows(root: Path, runs: int, extra: tuple[str, ...]) -> list[Row]:
    """Rebuilds after one real edit, each `handbook build` in a new process, with how many
    pages and downloads were redone; then what `handbook serve` does on a chapter save."""
    rows = []
    for label, pattern, find, replace in EDITS:
        path = sorted(root.glob(pattern))[0]
        seconds, closing = edit_and_build(root, path, (find, replace), runs, extra)
        rows.append(Row(f"rebuild after editing {label} (a new process)", seconds, redone(closing)))
    return rows + [serve_row(root, max(runs, 3), rows[0].seconds)]


def serve_row(root: Path, runs: int, new_process: float) -> Row:
    """A chapter save in a serve process (bench/serve_save.py): from the save to the written
    preview, in the process that built it first and keeps what it may between saves."""
    measured = measure_saves(root, runs)
    wall = statistics.median(w for w, _ in measured.saves)
    used = statistics.median(c for _, c in measured.saves)
    note = f"CPU {used:.2f} s; {wall / new_process:.0%} of the new-process rebuild above"
    return Row(
        "`handbook serve`: save of one chapter to written preview", wall, note + " (target 1 s)"
    )


def redone(closing: str) -> str:
    """'3 pages and 6 downloads redone' from the build's closing line."""
    changed = re.search(r"\((\d+) changed\)", closing)
    rebuilt = re.search(r"\((\d+) rebuilt\)", closing)
    count = changed.group(1) if changed else "?"
    pages = f"{count} page" if count == "1" else f"{count} pages"
    return f"{pages} and {rebuilt.group(1) if rebuilt else 0} downloads redone"


def edit_and_build(
    root: Path, path: Path, edit: tuple[str, str], runs: int, extra: tuple[str, ...]
) -> tuple[float, str]:
    """Median time of a build after a real edit to `path`, alternating edit and original.

    The copy keeps its last text, which its last build has built: the next edit's build then
    redoes only what that edit changes, with no build to put the text back first."""
    original = path.read_text(encoding="utf-8")
    edited = original.replace(edit[0], edit[1], 1)
    assert edited != original, f"nothing to edit in {path}"
    times, closing = [], ""
    for run in range(runs):
        path.write_text(edited if run % 2 == 0 else original, encoding="utf-8")
        seconds, _, line = run_cli(root, "build", *extra)
        times.append(seconds)
        closing = closing or line
    return statistics.median(times), closing


EPOCH = 1_782_864_000


def export_rows(root: Path, runs: int) -> list[Row]:
    """Every download exported cold (empty cache), and the same again with nothing changed."""
    from generator.cli.project import read_handbook
    from generator.export import export_all

    handbook = read_handbook(root)[0]
    with tempfile.TemporaryDirectory(prefix="bench-exports-") as folder:
        counter = iter(range(1_000_000))

        def cold() -> object:
            run = Path(folder) / str(next(counter))
            return export_all(handbook, run / "downloads", cache=run / "cache", epoch=EPOCH)

        seconds = median(runs, cold)
        warm = Path(folder) / "warm"
        manifest = export_all(handbook, warm / "downloads", cache=warm / "cache", epoch=EPOCH)
        again = median(
            runs,
            lambda: export_all(handbook, warm / "downloads", cache=warm / "cache", epoch=EPOCH),
        )
    return [
        Row("export every download, empty cache", seconds, f"{len(manifest.entries)} files"),
        Row("export every download, nothing changed", again, "every file reused from the cache"),
    ]


def pdf_rows(root: Path, runs: int) -> list[Row]:
    """The handbook PDF our way (pandoc to Typst) against pandoc to HTML to WeasyPrint."""
    from generator.cli.project import read_handbook
    from generator.export import typeset
    from generator.export.document import Cover
    from generator.export.documents import handbook_document

    handbook = read_handbook(root)[0]
    cover = Cover.of(handbook.programme, "1 July 2026")
    document = handbook_document(handbook.programme, handbook.chapters, handbook.glossary, cover)
    ours = median(runs, lambda: typeset.pdf(document, EPOCH))
    theirs = median(runs, lambda: weasyprint_pdf(document))
    pages = len(
        __import__("pypdf").PdfReader(__import__("io").BytesIO(typeset.pdf(document, EPOCH))).pages
    )
    return [
        Row("handbook PDF: pandoc to Typst (ours)", ours, f"{pages} pages"),
        Row(
            "handbook PDF: pandoc to HTML to WeasyPrint",
            theirs,
            f"ours is {theirs / ours:.1f}x faster (target: at least 3x)",
        ),
    ]


def weasyprint_pdf(document: object) -> bytes:
    """The same handbook Markdown through pandoc's HTML writer and WeasyPrint."""
    import weasyprint

    from generator.export import pandoc

    markdown = document.markdown("docx")  # type: ignore[attr-defined]
    html = pandoc.run(["--to=html5", "--standalone", "--toc"], markdown.encode("utf-8"))
    return bytes(weasyprint.HTML(string=html.decode("utf-8")).write_pdf())


def side_by_side(root: Path, runs: int, engines: list[str]) -> list[Row]:
    """Each engine's whole builds, edits and preview, and how its cold build compares."""
    rows = [Row(*row) for engine in engines for row in engine_rows(root, engine, runs)]
    colds = {e: r.seconds for e in engines for r in rows if r.name == f"{e}: cold site build"}
    plains = [r.seconds for r in rows if r.name.startswith("plain `")]
    fastest = min(plains)
    for engine, cold in colds.items():
        rows.append(
            Row(
                f"{engine}: cold site build against the faster plain engine build",
                cold,
                f"{cold / fastest:.2f}x (target: at most 1.15x)",
            )
        )
    return rows


def table(title: str, rows: list[Row]) -> str:
    """Rows as a Markdown table."""
    lines = [f"### {title}", "", "| Measure | Seconds | Note |", "| --- | ---: | --- |"]
    lines += [f"| {row.name} | {row.seconds:.2f} | {row.note} |" for row in rows]
    return "\n".join(lines) + "\n"


def copy_project(project: Path, target: Path) -> Path:
    """A copy of `project` to benchmark, its links (a linked theme) kept as links."""
    shutil.copytree(project, target, symlinks=True, ignore=shutil.ignore_patterns("build", "site"))
    return target


def machine() -> str:
    """A line describing the machine the figures come from."""
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the tables."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, action="append", help="corpus scale (repeatable)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--engine", action="append", choices=ENGINES, help="engines side by side (default: both)"
    )
    parser.add_argument(
        "--engines-only", action="store_true", help="only the engines side by side, site only"
    )
    parser.add_argument(
        "--quick", action="store_true", help="site only, no downloads or PDF comparison"
    )
    parser.add_argument(
        "--project", type=Path, help="a copy of this project instead of a corpus (no --scale)"
    )
    args = parser.parse_args(argv)
    if args.project and args.scale:
        parser.error("--project and --scale exclude each other: a project has its own size")
    print(f"Machine: {machine()}\n")
    # (title, scale, how to make it): the corpora at each scale, or the project named.
    corpora: list[tuple[str, int | None, Callable[[Path], Path]]] = (
        [(args.project.name, None, functools.partial(copy_project, args.project))]
        if args.project
        else [
            (f"Scale {n}", n, functools.partial(make_corpus, scale=n))
            for n in args.scale or [1, 10]
        ]
    )
    for name, scale, make in corpora:
        with tempfile.TemporaryDirectory(prefix="bench-") as folder:
            root = make(Path(folder) / "project")
            if args.engines_only:
                rows = side_by_side(root, args.runs, args.engine or list(ENGINES))
                print(table(f"{name}: engines side by side", rows), flush=True)
                continue
            print(table(f"{name}: stages", stage_rows(root, args.runs)), flush=True)
            if not args.quick:
                print(table(f"{name}: downloads", export_rows(root, args.runs)), flush=True)
            if not args.quick and scale == 1:
                print(
                    table(
                        "Scale 1: handbook PDF, ours against WeasyPrint", pdf_rows(root, args.runs)
                    ),
                    flush=True,
                )
            whole = build_rows(root, args.runs, not args.quick)
            print(table(f"{name}: whole builds", whole), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
