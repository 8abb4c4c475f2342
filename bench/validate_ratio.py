"""`handbook validate` of two checkouts side by side, on the synthetic corpus of each.

Prints the median wall and CPU time of a cold run (no check cache) and a warm one, and the
ratio of the second checkout to the first. On a shared machine the CPU time is the steadier
figure. Nothing here asserts a time.

    git archive main | tar -x -C /tmp/before
    python bench/validate_ratio.py /tmp/before . --scale 1 --scale 10 --runs 5
    python bench/validate_ratio.py /tmp/before . --same-corpus   # the code's cost alone
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

Timing = tuple[float, float]


def make(repo: Path, target: Path, scale: int) -> Path:
    """The checkout's own synthetic corpus at a scale, made by its own bench/corpus.py."""
    code = (
        f"import sys; sys.path[:0] = [{str(repo / 'bench')!r}, {str(repo)!r}]; "
        "from corpus import make_corpus; from pathlib import Path; "
        f"make_corpus(Path({str(target)!r}), {scale})"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=repo, env=_env(repo))
    return target


def _env(repo: Path) -> dict[str, str]:
    return {"PYTHONPATH": str(repo), "PATH": "/usr/bin:/bin"}


def validate(repo: Path, root: Path, cold: bool) -> Timing:
    """Wall and CPU seconds of one `handbook validate` of `root` with `repo`'s generator."""
    if cold:
        shutil.rmtree(root / "build" / "cache", ignore_errors=True)
    command = [sys.executable, "-m", "generator.cli.main", "--root", str(root), "validate"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=repo, env=_env(repo), capture_output=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def compare(repos: list[Path], scale: int, runs: int, same: bool = False) -> list[str]:
    """One line per kind of run: medians for each checkout and the ratio, interleaved runs.

    With `same`, both checkouts validate a copy of the first one's corpus, so the ratio is
    the code's alone, without the growth of the content in between."""
    with tempfile.TemporaryDirectory(prefix="validate-ratio-") as folder:
        roots = {
            repo: make(repos[0] if same else repo, Path(folder) / f"p{n}", scale)
            for n, repo in enumerate(repos)
        }
        times: dict[tuple[Path, bool], list[Timing]] = {}
        for _ in range(runs):
            for repo in repos:
                for cold in (True, False):
                    times.setdefault((repo, cold), []).append(validate(repo, roots[repo], cold))
    lines = []
    for cold in (True, False):
        wall = [statistics.median(w for w, _ in times[(r, cold)]) for r in repos]
        cpu = [statistics.median(c for _, c in times[(r, cold)]) for r in repos]
        kind = f"scale {scale}{' same corpus' if same else ''} {'cold' if cold else 'warm'}"
        lines.append(
            f"{kind}: wall {wall[0]:.2f} s -> {wall[1]:.2f} s "
            f"({wall[1] / wall[0]:.2f}x), CPU {cpu[0]:.2f} s -> {cpu[1]:.2f} s "
            f"({cpu[1] / cpu[0]:.2f}x)"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Compare two checkouts' `handbook validate` at each scale asked for."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--scale", type=int, action="append")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--same-corpus", action="store_true", help="both validate the first checkout's corpus"
    )
    args = parser.parse_args(argv)
    repos = [args.before.resolve(), args.after.resolve()]
    for scale in args.scale or [1, 10]:
        print("\n".join(compare(repos, scale, args.runs, args.same_corpus)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
