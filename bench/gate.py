"""What the gate on the output costs: time per kind of file, and how it grows with the site.

    python bench/gate.py SITE [SITE ...] [--runs 3]

Give the shipped site first (`handbook build`), then larger ones (a corpus from
`python bench/corpus.py DIR --scale 10`, built with `handbook build` in DIR); the last
columns compare each with the first, so a gate that grows faster than the output shows.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.gate import OutputReader, check_output  # noqa: E402
from generator.gate.pages import KnownMarkup  # noqa: E402


def kind(path: Path) -> str:
    """The row a file is counted in."""
    suffix = path.suffix.lower()
    return suffix if suffix in {".html", ".pdf", ".docx", ".xlsx", ".zip", ".svg"} else "other"


def by_kind(site: Path) -> dict[str, tuple[int, int, float]]:
    """Files, bytes and seconds per kind, each file read once with a fresh reader."""
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0])
    reader = OutputReader(KnownMarkup.load())
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        started = time.perf_counter()
        reader.check_file(path, path.relative_to(site).as_posix())
        row = totals[kind(path)]
        row[0] += 1
        row[1] += path.stat().st_size
        row[2] += time.perf_counter() - started
    return {name: (int(f), int(b), s) for name, (f, b, s) in totals.items()}


def whole(site: Path, runs: int) -> float:
    """Median seconds of the whole gate, as the build runs it."""
    docs = site.parent / "build" / "docs"
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        findings = check_output(site, docs if docs.is_dir() else None)
        times.append(time.perf_counter() - started)
        if findings:
            print(f"  ({len(findings)} findings in {site})")
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Print the table for each site given."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sites", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args(argv)
    first: tuple[int, float] | None = None
    print("site | files | MB | gate s (median) | MB/s | x bytes | x time")
    for site in options.sites:
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        files = sum(1 for p in site.rglob("*") if p.is_file())
        seconds = whole(site, options.runs)
        first = first or (size, seconds)
        print(
            f"{site} | {files} | {size / 1e6:.1f} | {seconds:.2f} | {size / 1e6 / seconds:.1f}"
            f" | {size / first[0]:.1f} | {seconds / first[1]:.1f}"
        )
        for name, (count, data, spent) in sorted(by_kind(site).items()):
            print(f"    {name:6} {count:5} files {data / 1e6:7.1f} MB {spent:6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
