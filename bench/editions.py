"""Cold build time and disk use of the core with 1, 9 and 89 partnership editions.

Each run builds a fresh copy of the timed-days fixture with N-1 editions (each its own
title, day-1 date and venue) by `handbook build --all-editions`, from an empty build/ and
site, in a fresh process. It prints the time as a ratio to the cold build of one edition
(the core alone), on the clock and in processor time (the build's and its tools'; other
work on a shared machine changes it far less than the clock), and the disk the published
sites take: as the build leaves them, each file (inode) counted once however many hard
links it has; as it would be were every link a copy of its own; and the distinct contents
among them (the least any sharing could reach), each as a ratio to the one site's disk.
Targets: core+8 in at most 4x one edition's time; 89 in at most 15x the time and 10x the
disk (identical files stored once).

    .venv/bin/python bench/editions.py [--counts 1 9 89]
"""

from __future__ import annotations

import argparse
import ctypes
import datetime
import hashlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "timed-days"
#: prctl's option that hands a process's orphaned descendants to it (linux/prctl.h).
PR_SET_CHILD_SUBREAPER = 36
#: School days in the autumn term to spread the editions' first days over.
FIRST = datetime.date(2026, 9, 14)


def project(folder: Path, editions: int) -> Path:
    """The fixture with `editions` editions, each moving day 1 and naming its venue."""
    root = shutil.copytree(FIXTURE, folder / "project")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "theme").symlink_to(REPO / "theme")
    for n in range(editions):
        day = FIRST + datetime.timedelta(days=7 * (n % 5) + n // 5 % 5)
        edition = root / "editions" / f"partnership-{n + 1}"
        edition.mkdir(parents=True)
        (edition / "edition.yml").write_text(
            f"title: Partnership {n + 1}\n"
            "training_days:\n"
            "  - id: day-1\n"
            f"    date: {day.isoformat()}\n"
            f"    venue: Hall {n + 1}, Example Road, Townsend\n",
            encoding="utf-8",
        )
    return root


def cold(root: Path) -> tuple[float, float]:
    """Seconds for `handbook build --all-editions` from nothing, in a fresh process: on the
    clock, and of processor time (the build's and its tools', such as pandoc and Typst),
    which other work on a shared machine changes far less."""
    shutil.rmtree(root / "build", ignore_errors=True)
    shutil.rmtree(root / "out", ignore_errors=True)
    command = [sys.executable, "-m", "generator.cli.main", "--root", str(root), "build",
               "--all-editions", "--out", str(root / "out")]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=REPO)
    seconds = time.perf_counter() - started
    reap_orphans()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu


def adopt_orphans() -> bool:
    """Make this process the one the build's orphans are handed to (Linux): Typst's workers
    are children of a fork server that outlives the build, whose processor time would
    otherwise be counted nowhere. False where the system has no such setting."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def reap_orphans() -> None:
    """Wait for every process handed to this one, so its processor time is counted."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def disk(out: Path) -> tuple[int, int, int]:
    """Bytes the published files take on disk (each inode once), bytes were every link a
    copy of its own, and bytes of the distinct contents among them."""
    inodes: dict[tuple[int, int], int] = {}
    copies, distinct = 0, {}
    for path in out.rglob("*"):
        if path.is_file() and not path.is_symlink():
            stat = path.stat()
            inodes[(stat.st_dev, stat.st_ino)] = stat.st_size
            copies += stat.st_size
            distinct[hashlib.sha256(path.read_bytes()).hexdigest()] = stat.st_size
    return sum(inodes.values()), copies, sum(distinct.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1, 9, 89])
    args = parser.parse_args()
    if not adopt_orphans():
        print("(processor time leaves out Typst's worker processes on this system)")
    print(
        "| sites (core + editions) | cold s | x one | cpu s | x one | disk MB | x one "
        "| as copies MB | x one | distinct MB | x one |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    base: tuple[float, float, int] | None = None
    for count in args.counts:
        with tempfile.TemporaryDirectory(prefix=f"bench-editions-{count}-") as folder:
            root = project(Path(folder), count - 1)
            seconds, cpu = cold(root)
            used, copies, once = disk(root / "out")
        base = base or (seconds, cpu, used)
        print(
            f"| {count} | {seconds:.1f} | {seconds / base[0]:.1f} "
            f"| {cpu:.1f} | {cpu / base[1]:.1f} "
            f"| {used / 1e6:.1f} | {used / base[2]:.1f} "
            f"| {copies / 1e6:.1f} | {copies / base[2]:.1f} "
            f"| {once / 1e6:.1f} | {once / base[2]:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
