"""What some kinds of download add to a cold export: with and without them, side by side.

The same checkout, the same content and code, alternating runs in fresh processes with empty
caches; the baseline leaves the named kinds out of the registry of outputs (and so out of
the plan and the day packs).
The default kinds are the ones the trainers' issue added: slides, running orders, chapter
PDFs and the calendar. Prints medians and the ratio; asserts nothing.

    .venv/bin/python bench/download_kinds.py [--kinds slides,chapter] [--runs 3] [--project DIR]

--project exports another project's content (the tests run it on a tiny one, to keep the
script working without paying for two exports of the shipped content).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
KINDS = "slides,running-order,chapter,calendar"
#: Run in a child, so each export starts cold; the guard keeps worker processes from re-running it.
CHILD = """
import sys, tempfile, time
from pathlib import Path
root, skip = Path(sys.argv[1]), set(filter(None, sys.argv[2].split(",")))
project = Path(sys.argv[3])
sys.path.insert(0, str(root))
if __name__ == "__main__":
    import generator.export.build as build
    from generator.export.outputs import OUTPUTS
    from generator.cli.project import read_handbook
    handbook = read_handbook(project)[0]
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        made = build.export_all(
            handbook, Path(folder) / "downloads", cache=Path(folder) / "cache",
            epoch=1_782_864_000, outputs=OUTPUTS.without(*skip),
        )
        print(time.perf_counter() - started, len(made.entries))
"""


def export(script: Path, skip: str, project: Path) -> tuple[float, int]:
    """Seconds and files of one cold export of `project`, leaving out the kinds in `skip`."""
    command = [sys.executable, str(script), str(REPO), skip, str(project)]
    seconds, files = subprocess.run(
        command, capture_output=True, text=True, check=True
    ).stdout.split()
    return float(seconds), int(files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default=KINDS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--project", type=Path, default=REPO, help="the project to export")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "child.py"
        script.write_text(CHILD, encoding="utf-8")
        runs: dict[str, list[tuple[float, int]]] = {"without": [], "with": []}
        for _ in range(args.runs):
            runs["without"].append(export(script, args.kinds, args.project))
            runs["with"].append(export(script, "", args.project))
    medians = {name: statistics.median(s for s, _ in values) for name, values in runs.items()}
    print("| cold export | files | median (s) | runs (s) |\n| --- | ---: | ---: | --- |")
    for name, values in runs.items():
        shown = ", ".join(f"{s:.1f}" for s, _ in values)
        label = f"{name} {args.kinds}"
        print(f"| {label} | {values[0][1]} | {medians[name]:.2f} | {shown} |")
    print(f"\nwith / without: {medians['with'] / medians['without']:.2f}")


if __name__ == "__main__":
    main()
