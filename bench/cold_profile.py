"""Where a cold site build's time goes, stage by stage, against the engine's own build.

Each run removes the site, the build records and every cache, then builds in a fresh process
that times each stage of `handbook build --no-downloads` (loading, the single-file and
cross-file checks, the model, rendering, writing the docs tree, the engine and the search
index inside it, the gate, publishing). Beside it, plain `mkdocs build` / `zensical build` of
the same generated tree, alternating, so load on a shared machine falls on both alike.
With --profile, one more cold build runs under cProfile and its top functions are printed.

    .venv/bin/python bench/cold_profile.py --scale 10 --runs 3 [--engine zensical] [--profile]

`wall` is the whole build as the user waits for it. Prints a Markdown table; asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import importlib
import io
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus  # noqa: E402
from engines import clean, plain_build  # noqa: E402

#: (module, attribute, stage): each call of the attribute is timed as that stage.
STAGES = (
    ("generator.cli.build", "load_corpus", "load sources"),
    ("generator.cli.build", "validate_corpus", "checks (schemas, markup, references)"),
    ("generator.cli.build", "build_handbook", "model"),
    ("generator.cli.build", "render_pages", "render pages (Jinja)"),
    ("generator.cli.build", "write_docs_tree", "write the docs tree"),
    ("generator.cli.build", "write_config", "write the docs tree"),
    ("generator.cli.build", "write_pictures", "write the docs tree"),
    ("generator.cli.build", "build_site", "engine (all of it)"),
    ("material.plugins.search.plugin", "SearchPlugin.on_page_context", "  of which search index"),
    ("material.plugins.search.plugin", "SearchPlugin.on_post_build", "  of which search index"),
    ("generator.site.incremental", "site_listing", "  of which build record"),
    ("generator.gate", "enforce", "gate on the output"),
    ("generator.cli.build", "swap_and_retire", "publish (swap, record)"),
    ("generator.cli.build", "record", "publish (swap, record)"),
)


def instrument() -> tuple[dict[str, float], dict[str, float]]:
    """Wrap every stage's function so its calls add to totals: wall and CPU seconds."""
    totals: dict[str, float] = defaultdict(float)
    cpu: dict[str, float] = defaultdict(float)
    for module_name, attribute, stage in STAGES:
        owner: Any = importlib.import_module(module_name)
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        original = getattr(owner, name)

        def timed(
            *args: Any, __f: Callable[..., Any] = original, __s: str = stage, **kw: Any
        ) -> Any:
            started, used = time.perf_counter(), time.process_time()
            try:
                return __f(*args, **kw)
            finally:
                totals[__s] += time.perf_counter() - started
                cpu[__s] += time.process_time() - used

        setattr(owner, name, functools.wraps(original)(timed))
    return totals, cpu


def child(root: Path, engine: str, profile: bool) -> None:
    """One cold build in this process; prints the stage totals (and a profile) as JSON."""
    started, used = time.perf_counter(), time.process_time()
    totals, cpu = instrument()
    from generator.cli.build import BuildOptions, build

    options = BuildOptions(downloads=False, engine=engine)
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    build(root, options)
    if profiler:
        profiler.disable()
    # A stage never entered means STAGES names a function the build no longer calls there
    # (its rows would read 0.00 and the time would go unexplained): say so, loudly.
    entered = set(totals)
    for _, attribute, stage in STAGES:
        if stage not in entered and not (engine != "mkdocs" and attribute.startswith("Search")):
            print(f"warning: {attribute} ({stage!r}) was never called", file=sys.stderr)
    totals["wall"] = time.perf_counter() - started
    cpu["wall"] = time.process_time() - used
    children = os.times()
    cpu["child processes (the checks; Zensical)"] = (
        children.children_user + children.children_system
    )
    report = ""
    if profiler:
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(45)
        report = stream.getvalue()
    print(json.dumps({"totals": totals, "cpu": cpu, "profile": report}))


def plain_seconds(root: Path, engine: str) -> tuple[float, float]:
    """Wall and CPU seconds (children's user + system) of the plain engine build."""
    before = os.times()
    wall = plain_build(root, engine)
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def cold_build(root: Path, engine: str, profile: bool = False) -> dict[str, Any]:
    clean(root)
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(root), "--engine", engine]
        + (["--profile"] if profile else []),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    sys.stderr.write(
        "".join(f"{line}\n" for line in result.stderr.splitlines() if "warning:" in line)
    )
    return dict(json.loads(result.stdout.splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engine", default="mkdocs", choices=("mkdocs", "zensical"))
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.engine, args.profile)
        return
    with tempfile.TemporaryDirectory(prefix=f"bench-cold-{args.scale}x-") as folder:
        root = make_corpus(Path(folder) / "project", args.scale)
        runs: list[dict[str, Any]] = []
        plains: list[tuple[float, float]] = []
        for _ in range(args.runs):
            runs.append(cold_build(root, args.engine))
            plains.append(plain_seconds(root, args.engine))
        stages = list(dict.fromkeys(stage for _, _, stage in STAGES))
        stages += ["child processes (the checks; Zensical)", "wall"]
        plain = statistics.median(wall for wall, _ in plains)
        plain_cpu = statistics.median(cpu for _, cpu in plains)
        print(f"### Scale {args.scale}: a cold site build with {args.engine}, stage by stage\n")
        print("| Stage | Wall (s) | Share | CPU (s) |")
        print("| --- | ---: | ---: | ---: |")
        wall = statistics.median(run["totals"]["wall"] for run in runs)
        for stage in stages:
            seconds = statistics.median(run["totals"].get(stage, 0.0) for run in runs)
            used = statistics.median(run["cpu"].get(stage, 0.0) for run in runs)
            share = f"{seconds / wall:.0%}" if stage in runs[0]["totals"] else ""
            print(f"| {stage} | {seconds:.2f} | {share} | {used:.2f} |")
        name = f"plain `{args.engine} build` of the same tree (a process)"
        print(f"| {name} | {plain:.2f} | | {plain_cpu:.2f} |")
        print(
            f"\nCold build against the plain engine build: {wall / plain:.2f}x wall "
            "(in-process, without interpreter start-up)"
        )
        if args.profile:
            print("\n```\n" + cold_build(root, args.engine, profile=True)["profile"] + "```")


if __name__ == "__main__":
    main()
