"""Benchmark: what checking picture syntax costs on ordinary and on hostile chapters.

Each row is a chapter body of about the size given, checked as `handbook validate` checks it
(generator/check/pictures.py); the ratio compares it with the shipped chapter that shows the
review cycle. Nothing here asserts a time.

    .venv/bin/python bench/pictures.py [--runs N]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generator.check.pictures import check_uses  # noqa: E402
from generator.kinds.catalogue import KINDS  # noqa: E402
from generator.load.sources import load_corpus  # noqa: E402

CHAPTER = "content/handbook/the-model/the-partnership-model.md"
PICTURE = "![The yearly review cycle](../../images/review-cycle.png)"


def hostile_bodies() -> dict[str, str]:
    """Bodies that once cost a quadratic regex or markdown-it's label scan seconds to minutes."""
    return {
        "'![' x 50,000 on one line (100 KB)": "![" * 50_000,
        "'![' x 500,000 and a ']' (1 MB)": "![" * 500_000 + "]",
        "200 pictures, one per 5 KB line (1 MB)": (PICTURE + " " + "x" * 5000 + "\n") * 200,
        "199 '![' in a paragraph of 100,000 '['": "![" * 199 + "[" * 100_000 + "]",
        "199 '![' in a paragraph of 1,000,000 '['": "![" * 199 + "[" * 1_000_000 + "]",
        "199 '![' with 2,000 characters of alt text each": ("![" + "a" * 2000 + "\n") * 199,
    }


def median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    shipped = next(d for d in load_corpus(REPO, KINDS).documents if d.rel == CHAPTER)
    base = median_seconds(lambda: check_uses(shipped, REPO), runs)
    print("| chapter body | KB | seconds | x shipped chapter |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| shipped: {CHAPTER} | {len(shipped.body) // 1024} | {base:.4f} | 1 |")
    for name, body in hostile_bodies().items():
        doc = dataclasses.replace(shipped, data={}, body=body, body_line=1)
        seconds = median_seconds(lambda d=doc: check_uses(d, REPO), runs)
        print(f"| {name} | {len(body) // 1024} | {seconds:.4f} | {seconds / base:,.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
