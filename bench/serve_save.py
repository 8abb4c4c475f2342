"""What `handbook serve` does on a save, measured the way it happens: in one process.

The preview's rebuilder (generator/cli/preview.py) builds the site once, then, for each
save of one chapter, rebuilds in the same process, with the sources it has read and
whatever else it keeps between saves. This script does the same on a synthetic project and
prints, for the save, the wall and CPU seconds from the save to the written site (CPU: this
process and its children) and each phase of the build loop; against it, from the same run,
the first build in the process and a rebuild with nothing changed.

    .venv/bin/python bench/serve_save.py --scale 10 --runs 5
    .venv/bin/python bench/serve_save.py --scale 10 --runs 3 --fresh   # and a new process

With --fresh it also times `handbook build --no-downloads` in a new process after the same
edit (what bench/run.py's "rebuild after editing one chapter" measures: imports, reading
every source, and no kept state). Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus  # noqa: E402

from generator.cli import build as loop  # noqa: E402
from generator.cli.build import BuildOptions  # noqa: E402
from generator.cli.preview import PREVIEW, Rebuilder  # noqa: E402

#: The edit: a sentence added before a chapter's first second-level heading, then taken out.
FIND, REPLACE = "\n## ", "\nA sentence added for the benchmark.\n\n## "


def cpu() -> float:
    """CPU seconds of this process and its waited-for children."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


@dataclass
class Clock:
    """Wall and CPU seconds of each phase of the loop, per rebuild."""

    phases: dict[str, list[tuple[float, float]]] = field(default_factory=dict)

    def wrap(self, phase: loop.Phase) -> loop.Phase:
        def timed(run: loop.Run) -> object:
            wall, used = time.perf_counter(), cpu()
            try:
                return phase.run(run)
            finally:
                spent = (time.perf_counter() - wall, cpu() - used)
                self.phases.setdefault(phase.name, []).append(spent)

        return replace(phase, run=timed)


@contextlib.contextmanager
def clocked(clock: Clock) -> Iterator[None]:
    """The loop's phases timed by `clock` while the block runs."""
    phases = loop.PHASES
    loop.PHASES = tuple(clock.wrap(phase) for phase in phases)
    try:
        yield
    finally:
        loop.PHASES = phases


def timed(action: Callable[[], object]) -> tuple[float, float]:
    wall, used = time.perf_counter(), cpu()
    action()
    return time.perf_counter() - wall, cpu() - used


def fresh(root: Path) -> tuple[float, float]:
    """`handbook build --no-downloads` into the preview folder, in a new process."""
    command = [sys.executable, "-m", "generator.cli.main", "--root", str(root), "build"]
    command += ["--no-downloads", "--out", str(root / PREVIEW)]
    return timed(lambda: subprocess.run(command, check=True, capture_output=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fresh", action="store_true", help="also time a new process")
    parser.add_argument("--keep", type=Path, help="build the project here and leave it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix=f"serve-{args.scale}x-") as folder:
        root = make_corpus((args.keep or Path(folder)) / "project", args.scale)
        report(measure(root, args.runs, args.fresh))
    return 0


@dataclass
class Measured:
    """Wall and CPU seconds of the first build, a rebuild with nothing changed, each save,
    each new-process build after the same edit, and each save's phases."""

    first: tuple[float, float]
    still: tuple[float, float]
    saves: list[tuple[float, float]]
    fresh: list[tuple[float, float]]
    clock: Clock


def measure(root: Path, runs: int, new_process: bool = False) -> Measured:
    """A serve process's rebuilder: its first build, then `runs` saves of one chapter."""
    options = BuildOptions(out=root / PREVIEW, downloads=False, engine="mkdocs", editing=True)
    rebuild = Rebuilder(root, options)
    first = timed(rebuild)
    still = timed(rebuild)
    chapter = sorted(root.glob("content/handbook/*/*.md"))[0]
    original = chapter.read_text(encoding="utf-8")
    edited = original.replace(FIND, REPLACE, 1)
    clock, saves, fresh_runs = Clock(), [], []
    texts = itertools.cycle([edited, original])  # each write changes the chapter
    try:
        for _ in range(runs):
            chapter.write_text(next(texts), encoding="utf-8")
            with clocked(clock):
                saves.append(timed(rebuild))
            if new_process:
                chapter.write_text(next(texts), encoding="utf-8")
                fresh_runs.append(fresh(root))
                rebuild()  # the serve process catches up with the fresh build's edit
    finally:
        chapter.write_text(original, encoding="utf-8")
    return Measured(first, still, saves, fresh_runs, clock)


def median(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def outside(saves: list[tuple[float, float]], clock: Clock) -> tuple[float, float]:
    """The median of what each save spent outside the phases."""
    rest = [
        (
            wall - sum(p[i][0] for p in clock.phases.values()),
            used - sum(p[i][1] for p in clock.phases.values()),
        )
        for i, (wall, used) in enumerate(saves)
    ]
    return median(rest)


def report(measured: Measured) -> None:
    """The measures as a Markdown table, with the load average and every save's figures."""
    first, still, saves, clock = measured.first, measured.still, measured.saves, measured.clock
    fresh_runs = measured.fresh
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, {len(saves)} saves\n")
    print("| Measure (median) | wall s | CPU s |\n| --- | ---: | ---: |")
    rows = [("first build in the serve process", first), ("rebuild, nothing changed", still)]
    rows.append(("**save of one chapter to written site**", median(saves)))
    rows += [(f"  phase {name}", median(spent)) for name, spent in clock.phases.items()]
    rows.append(("  before the phases (fingerprint of the sources)", outside(saves, clock)))
    if fresh_runs:
        rows.append(("`handbook build --no-downloads` in a new process", median(fresh_runs)))
    for name, (wall, used) in rows:
        print(f"| {name} | {wall:.3f} | {used:.3f} |")
    wall, used = median(saves)
    print(f"\nsave / first build: {wall / first[0]:.1%} wall, {used / first[1]:.1%} CPU")
    print("each save (wall, CPU):", ", ".join(f"{w:.2f}/{c:.2f}" for w, c in saves))


if __name__ == "__main__":
    sys.exit(main())
