"""Peak memory of a cold `handbook build` with every download, per process and in total.

Builds the corpus at --scale from nothing (site, records and caches removed) in a fresh
process and samples the whole process tree every 50 ms: the largest total of resident sizes,
the same split proportionally (shared pages counted once), which processes made up that
peak, and each process's own peak. The target is 700 MB in total at scale 10.

    .venv/bin/python bench/build_memory.py --scale 10 [--runs 1]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus  # noqa: E402
from engines import clean  # noqa: E402
from run import run_cli  # noqa: E402

MIB = 2**20
TARGET = 700 * 10**6 // MIB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--engine", default="mkdocs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix=f"bench-memory-{args.scale}x-") as folder:
        root = make_corpus(Path(folder) / "project", args.scale)
        for run in range(args.runs):
            clean(root)
            seconds, peak, closing = run_cli(root, "build", "--engine", args.engine)
            print(f"### Scale {args.scale}, run {run + 1}: cold build with every download\n")
            print(f"{closing}\n")
            print(f"- wall time: {seconds:.1f} s")
            print(
                f"- peak in total: {peak.total} MiB resident ({peak.proportional} MiB "
                f"proportional); the target is 700 MB = {TARGET} MiB"
            )
            print(f"- largest single process: {peak.single} MiB")
            print(f"- at the peak (MiB): {peak.describe(8)}\n")
            print("| Process | Peak (MiB) |\n| --- | ---: |")
            for name, size in sorted(peak.processes.items(), key=lambda i: -i[1])[:25]:
                print(f"| {name} | {size} |")
            print(f"\n({len(peak.processes)} processes in all)\n", flush=True)


if __name__ == "__main__":
    main()
