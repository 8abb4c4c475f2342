"""What the offline pack costs: its size beside the site's, the step's time, the gate's read.

Reads a site already built with downloads (by default the checkout's site/, from
`handbook build`), copies it aside, runs the offline step on the copy as a build does, and
reads the pack with the gate, without its memory of earlier builds. Best of --runs.

    .venv/bin/python bench/offline_pack.py [--site site] [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from generator.gate import OutputReader, own_address
from generator.gate.pages import KnownMarkup
from generator.site import offline
from generator.store import Store
from generator.theme import of_project, using

ROOT = Path(__file__).resolve().parents[1]
MIB = 2**20


def size_of(folder: Path, leave_out: str = "") -> int:
    """Bytes of every file under `folder`, less those under `leave_out`."""
    return sum(
        p.stat().st_size
        for p in folder.rglob("*")
        if p.is_file()
        and not (leave_out and p.relative_to(folder).as_posix().startswith(leave_out))
    )


def one_run(site: Path, config: Path) -> tuple[float, float, Path]:
    """Seconds for the step and for the gate's read of the pack, and the copy made."""
    copy = Path(tempfile.mkdtemp(prefix="bench-offline-")) / "site"
    shutil.copytree(site, copy)
    started = time.perf_counter()
    offline.pack_site(copy, config, Store.nowhere())  # a bench: no record of the build kept
    step = time.perf_counter() - started
    (pack,) = (copy / "downloads/offline").glob("*.zip")
    reader = OutputReader(KnownMarkup.load(own=own_address(config.parent / "docs")))
    started = time.perf_counter()
    findings = reader.check_file(pack, pack.relative_to(copy).as_posix())
    gate = time.perf_counter() - started
    assert findings == [], findings
    return step, gate, copy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    config = ROOT / "build" / "mkdocs.yml"
    with using(of_project(ROOT)):
        results = []
        for _ in range(args.runs):
            step, gate, copy = one_run(args.site, config)
            results.append((step, gate))
            pack = next((copy / "downloads/offline").glob("*.zip")).stat().st_size
            site = size_of(copy, "downloads/offline/")
            shutil.rmtree(copy.parent)
    print(
        f"site without the pack: {site / MIB:.1f} MiB; pack: {pack / MIB:.1f} MiB "
        f"({pack / site:.2f}x the site)"
    )
    print(
        f"offline step: {min(r[0] for r in results):.2f} s; "
        f"gate reading the pack: {min(r[1] for r in results):.2f} s (best of {args.runs})"
    )


if __name__ == "__main__":
    main()
