"""Time the exports: handbook PDF alone, every download cold, a no-change rerun.

    .venv/bin/python -m tests.export.bench_export [--runs 3]

Cold runs use an empty cache each time and are timed with both executors (threads and
processes) so the choice in generator/export/build.py can be checked on this machine.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.cli.project import read_handbook
from generator.export import build, export_all, typeset
from generator.export.document import Cover
from generator.export.documents import handbook_document
from generator.model.dates import display_date

REPO = Path(__file__).resolve().parents[2]
EPOCH = 1_782_864_000


def best(runs: int, action: Callable[[], object]) -> float:
    """The fastest of `runs` timings of an action, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Print the timings."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    handbook = read_handbook(REPO)[0]
    cover = Cover.of(handbook.programme, display_date(EPOCH))
    document = handbook_document(handbook.programme, handbook.chapters, handbook.glossary, cover)
    print(f"cores: {os.cpu_count()}, best of {runs}")
    print(f"handbook PDF alone: {best(runs, lambda: typeset.pdf(document, EPOCH)):.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, executor in (("threads", ThreadPoolExecutor), ("processes", build.process_pool)):
            for jobs in (1, None):

                def cold(jobs: int | None = jobs, executor: build.Workers = executor) -> None:
                    stamp = str(time.perf_counter_ns())
                    out, cache = root / stamp / "downloads", root / stamp / "cache"
                    export_all(
                        handbook, out, cache=cache, epoch=EPOCH, jobs=jobs, executor=executor
                    )

                workers = jobs or os.cpu_count()
                print(f"all downloads, cold, {workers} {name}: {best(runs, cold):.2f} s")
        cache = root / "warm-cache"
        export_all(handbook, root / "warm" / "downloads", cache=cache, epoch=EPOCH)
        rerun = best(
            runs,
            lambda: export_all(handbook, root / "warm" / "downloads", cache=cache, epoch=EPOCH),
        )
        print(f"no-change rerun: {rerun:.3f} s")


if __name__ == "__main__":
    main()
