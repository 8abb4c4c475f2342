"""Benchmarks: where build time goes, how we compare with the alternatives, and rebuilds.

Prints a Markdown table; every time is the median of --runs runs, measured in this same
script so that ratios compare like with like. Nothing here asserts a time.

    ./dev bench                 # scale 1 and 10, 3 runs (the table in docs/performance.md)
    ./dev bench --scale 1 --runs 1 --quick
"""

from __future__ import annotations

import argparse
import os
import platform
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

from generator.build import render_pages  # noqa: E402
from generator.dates import source_epoch  # noqa: E402
from generator.downloads import DownloadList  # noqa: E402
from generator.model import build_handbook  # noqa: E402
from generator.site import run_mkdocs, write_config, write_docs_tree  # noqa: E402
from generator.sources import load_corpus  # noqa: E402
from generator.validate import validate_corpus  # noqa: E402

HANDBOOK = [sys.executable, "-m", "generator.cli"]


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


def run_cli(root: Path, *args: str) -> tuple[float, int]:
    """Wall time and peak memory (MiB) of one `handbook` command in a fresh process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [*HANDBOOK, "--root", str(root), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        output = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"handbook {' '.join(args)} failed:\n{output}")
    return elapsed, usage.ru_maxrss // 1024


def stage_rows(root: Path, runs: int) -> list[Row]:
    """Load, validate, model, render and MkDocs, each timed on its own."""
    corpus = load_corpus(root)
    handbook = build_handbook(corpus.documents)
    epoch = source_epoch(root, handbook.sources)
    work = root / "build"
    load = median(runs, lambda: load_corpus(root))
    validate = median(runs, lambda: validate_corpus(corpus))
    model = median(runs, lambda: build_handbook(corpus.documents))
    pages = render_pages(root, handbook, DownloadList(()), epoch)
    render = median(runs, lambda: render_pages(root, handbook, DownloadList(()), epoch))
    write_docs_tree(pages, work / "docs", work / "includes")
    config = write_config(root, handbook, work, [p for p in pages if p.startswith("editors/")])
    site = Path(tempfile.mkdtemp(prefix="bench-site-"))
    mkdocs = median(runs, lambda: run_mkdocs(config, site, strict=False))
    shutil.rmtree(site, ignore_errors=True)
    ours = load + validate + model + render
    return [
        Row("load sources", load),
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

    colds, memory = [], 0
    for _ in range(runs):
        clean()
        seconds, peak = run_cli(root, "build", *extra)
        colds.append(seconds)
        memory = max(memory, peak)
    cold = statistics.median(colds)
    unchanged = statistics.median(run_cli(root, "build", *extra)[0] for _ in range(runs))
    rows = [
        Row(
            "cold build" + (" with every download" if downloads else ", site only"),
            cold,
            f"peak memory {memory} MiB",
        ),
        Row(
            "rebuild with nothing changed",
            unchanged,
            f"{unchanged / cold:.1%} of cold (target: at most 10%)",
        ),
    ]
    for label, path in edited_sources(root):
        rows.append(Row(f"rebuild after editing {label}", edit_and_build(root, path, runs, extra)))
    return rows


def edited_sources(root: Path) -> list[tuple[str, Path]]:
    """One chapter, one module and one framework of the corpus."""
    chapter = sorted((root / "content" / "handbook").rglob("*.md"))[0]
    module = sorted((root / "content" / "modules").glob("*.yml"))[0]
    framework = sorted((root / "frameworks").glob("*.yml"))[0]
    return [("one chapter", chapter), ("one module", module), ("one framework", framework)]


def edit_and_build(root: Path, path: Path, runs: int, extra: tuple[str, ...]) -> float:
    """Median time of a build after appending a harmless change to `path`."""
    original = path.read_text(encoding="utf-8")
    times = []
    try:
        for run in range(runs):
            suffix = f"\n<!-- edit {run} -->\n" if path.suffix == ".md" else f"\n# edit {run}\n"
            path.write_text(original + suffix, encoding="utf-8")
            times.append(run_cli(root, "build", *extra)[0])
    finally:
        path.write_text(original, encoding="utf-8")
    return statistics.median(times)


def table(title: str, rows: list[Row]) -> str:
    """Rows as a Markdown table."""
    lines = [f"### {title}", "", "| Measure | Seconds | Note |", "| --- | ---: | --- |"]
    lines += [f"| {row.name} | {row.seconds:.2f} | {row.note} |" for row in rows]
    return "\n".join(lines) + "\n"


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
        "--quick", action="store_true", help="site only, no downloads or PDF comparison"
    )
    args = parser.parse_args(argv)
    print(f"Machine: {machine()}\n")
    for scale in args.scale or [1, 10]:
        with tempfile.TemporaryDirectory(prefix=f"bench-{scale}x-") as folder:
            root = make_corpus(Path(folder) / "project", scale)
            print(table(f"Scale {scale}: stages", stage_rows(root, args.runs)))
            print(
                table(f"Scale {scale}: whole builds", build_rows(root, args.runs, not args.quick))
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
