"""Peak memory of the one Typst compile that dominates a build: the handbook PDF at --scale.

Builds the corpus, has pandoc write the handbook's Typst markup as a build would (the compile
itself is caught, not run), then compiles that markup in a fresh process per theme file given
(the project's theme/pdf/handbook.typ when none is) and prints each one's peak resident size,
its time and whether its PDF is byte for byte the first one's. A change to the theme that
saves memory must keep the bytes: compare it here against the shipped file.

    .venv/bin/python bench/typst_memory.py --scale 10 [--theme other.typ ...]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus import REPO, make_corpus  # noqa: E402

EPOCH = 1_782_864_000


class _Caught(Exception):
    """Raised in place of the handbook's compile once its markup and folder are kept."""


def capture(project: Path, keep: Path) -> None:
    """Write the handbook's markup and the folder Typst would compile it in under `keep`."""
    from generator.cli.project import read_handbook
    from generator.export import export_all, typst_pdf

    def caught(markup: str, root: Path, epoch: int) -> bytes:
        if len(markup) <= typst_pdf.LARGE:
            return b""
        shutil.copytree(root, keep / "root")
        (keep / "markup.typ").write_text(markup, encoding="utf-8")
        raise _Caught

    typst_pdf.compile_pdf = caught  # type: ignore[assignment]
    os.chdir(project)
    handbook = read_handbook(project)[0]
    try:
        export_all(handbook, keep / "out", cache=keep / "cache", epoch=EPOCH)
    except _Caught:
        return
    raise SystemExit("no document over typst_pdf.LARGE: nothing to measure")


def compile_once(folder: Path) -> None:
    """(In a child) compile the kept markup; print peak MiB, seconds and the PDF's digest."""
    import typst

    started = time.perf_counter()
    pdf = typst.compile(
        (folder / "markup.typ").read_bytes(),
        root=str(folder / "root"),
        ignore_system_fonts=True,
        timestamp=EPOCH,
        pdf_standards=["ua-1"],
    )
    assert isinstance(pdf, bytes)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    seconds = time.perf_counter() - started
    print(peak, f"{seconds:.1f}", len(pdf), hashlib.sha256(pdf).hexdigest())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--theme", type=Path, action="append", help="a handbook.typ to try")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return compile_once(args.child)
    themes = args.theme or [REPO / "theme" / "pdf" / "handbook.typ"]
    with tempfile.TemporaryDirectory(prefix=f"bench-typst-{args.scale}x-") as folder:
        kept = Path(folder) / "kept"
        capture(make_corpus(Path(folder) / "project", args.scale), kept)
        size = len((kept / "markup.typ").read_text(encoding="utf-8"))
        print(f"### The {args.scale}x handbook's Typst compile ({size:,} characters of markup)\n")
        print("| handbook.typ | Peak (MiB) | Seconds | PDF bytes | Same PDF as the first |")
        print("| --- | ---: | ---: | ---: | --- |")
        first = ""
        for theme in themes:
            shutil.copy(theme, kept / "root" / "handbook.typ")
            child = [sys.executable, __file__, "--child", str(kept)]
            line = subprocess.run(child, check=True, capture_output=True, text=True).stdout
            peak, seconds, length, sha = line.split()
            first = first or sha
            same = "yes" if sha == first else "**no**"
            print(f"| {theme} | {peak} | {seconds} | {length} | {same} |", flush=True)


if __name__ == "__main__":
    main()
