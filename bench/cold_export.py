"""Cold export of the shipped content in two checkouts, side by side: seconds and the ratio.

Each run is a fresh process with an empty cache, alternating between the checkouts so that
load on a shared machine falls on both alike. Prints medians; asserts nothing.

    .venv/bin/python bench/cold_export.py /path/to/before /path/to/after --runs 3
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

#: Run in a child whose import path starts at the checkout, so its own generator is used.
CHILD = """
import sys, tempfile, time
from pathlib import Path
root = Path(sys.argv[1])
sys.path.insert(0, str(root))
if __name__ == "__main__":
    from generator.export import export_all
    from generator.cli.project import read_handbook
    handbook = read_handbook(root)[0]
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        manifest = export_all(
            handbook, Path(folder) / "downloads", cache=Path(folder) / "cache", epoch=1_782_864_000
        )
        print(time.perf_counter() - started, len(manifest.entries))
"""


def run_once(root: Path, script: Path) -> tuple[float, int]:
    """Seconds and number of files of one cold export of `root`."""
    result = subprocess.run(
        [sys.executable, str(script), str(root)], capture_output=True, text=True, check=True
    )
    seconds, files = result.stdout.split()[-2:]
    return float(seconds), int(files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    script = Path(__file__).with_name(".cold_export_child.py")
    script.write_text(CHILD, encoding="utf-8")
    times: dict[Path, list[float]] = {args.before: [], args.after: []}
    files: dict[Path, int] = {}
    try:
        for _ in range(args.runs):
            for root in (args.before, args.after):
                seconds, files[root] = run_once(root.resolve(), script)
                times[root].append(seconds)
    finally:
        script.unlink()
    for root, runs in times.items():
        shown = ", ".join(f"{t:.1f}" for t in runs)
        print(f"{root}: {files[root]} files, median {statistics.median(runs):.1f} s ({shown})")
    ratio = statistics.median(times[args.after]) / statistics.median(times[args.before])
    print(f"after / before: {ratio:.2f}")


if __name__ == "__main__":
    main()
