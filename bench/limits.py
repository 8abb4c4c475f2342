"""Hostile sources against the limits: how long validation takes to refuse each one.

Each hostile file replaces one chapter of the shipped content in a copy of the project, and
`handbook validate`'s own functions read and check the whole project. The baseline is the
same validation of the untouched copy, in this same process, so the ratio says what a
hostile file costs over an ordinary run. Nothing here asserts a time.

    .venv/bin/python bench/limits.py [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generator.check.validate import validate_corpus  # noqa: E402
from generator.kinds.catalogue import KINDS  # noqa: E402
from generator.load.sources import load_corpus  # noqa: E402

CHAPTER = "content/handbook/the-model/getting-started.md"
#: Each hostile file keeps the chapter's own front matter, so only its body is hostile.
FRONT = "---\n" + (REPO / CHAPTER).read_text(encoding="utf-8").split("---\n")[1] + "---\n\n"

HOSTILE: dict[str, Callable[[], str]] = {
    "10 MB of prose (over the file limit)": lambda: FRONT + ("Peer review helps. " * 550_000),
    "50,000 '![' on one line": lambda: FRONT + "![" * 50_000 + "\n",
    "4,000 '![' in one paragraph, lines of 40": lambda: FRONT + ("![" * 20 + "\n") * 200,
    "990 KB of '![' in paragraphs of 50": lambda: FRONT + ("![" * 50 + "\n\n") * 9_600,
    "990 KB of '<' and '{' attempts": lambda: FRONT + ("<b x> {: y } " * 76_000),
    "100,000 headings": lambda: FRONT + "# h\n" * 100_000,
    "990 KB of character references": lambda: FRONT + "&#106;" * 165_000,
    "deepest allowed nesting, 990 KB": lambda: FRONT + ("> " * 8 + "x\n") * 55_000,
}


def validate(root: Path) -> int:
    """Read and check every source of the project, as `handbook validate` does."""
    return len(validate_corpus(load_corpus(root, KINDS)))


def timed(root: Path, runs: int) -> tuple[float, int]:
    seconds, found = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        found = validate(root)
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        for name in ("content", "frameworks", "mkdocs.yml"):
            source = REPO / name
            copy = shutil.copytree if source.is_dir() else shutil.copy
            copy(source, root / name)
        base, _ = timed(root, args.runs)
        print("| hostile source | validation (s) | ratio to the shipped content | problems |")
        print("| --- | ---: | ---: | ---: |")
        print(f"| none (shipped content) | {base:.3f} | 1.0 | 0 |")
        original = (root / CHAPTER).read_text(encoding="utf-8")
        for name, make in HOSTILE.items():
            (root / CHAPTER).write_text(make(), encoding="utf-8")
            seconds, found = timed(root, args.runs)
            print(f"| {name} | {seconds:.3f} | {seconds / base:.1f} | {found} |")
        (root / CHAPTER).write_text(original, encoding="utf-8")


if __name__ == "__main__":
    main()
