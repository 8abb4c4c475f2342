"""A hostile project of about 10 MB against validation: what checking the published text costs.

Issue 18's attacks, each inside every per-file limit, fill a copy of the shipped project: a
fact used a thousand times, placeholders in attribute positions, a megabyte of placeholders
whose facts would make a text of many megabytes, two hundred pictures whose headers promise
gigabytes of pixels, a symbolic link loop and a committed build/cache file. Validation of the
copy is timed cold (no check cache) against the untouched copy and against a copy with as
many bytes of ordinary chapters, in turn, in this same process: the differences are what the
hostile project costs. Nothing here asserts a time.

    .venv/bin/python bench/published.py [--runs 5] [--megabytes 10]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generator.check.validate import validate_corpus  # noqa: E402
from generator.kinds.catalogue import KINDS  # noqa: E402
from generator.load.sources import load_corpus  # noqa: E402

PART = "content/handbook/the-model"
FRONT = (
    "---\ntitle: Hostile {n}\npart: the-model\norder: {order}\nsummary: A hostile page.\n---\n\n"
)
#: How much hostile text to write, in chapters of at most 1 MB each.
TARGET_BYTES = 10_000_000
#: Facts that pass the fact rules (plain words, at most 500 characters) but are used hostilely.
FACTS = {"wide": "word " * 99, "box": "box", "anchor": "next-steps"}


def png_header(width: int, height: int) -> bytes:
    """A PNG whose header promises 16-bit colour with transparency at `width` × `height`."""
    header = struct.pack(">IIBBBBB", width, height, 16, 6, 0, 0, 0)
    body = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + body + struct.pack(">I", zlib.crc32(body))
    return b"\x89PNG\r\n\x1a\n" + ihdr + b"\x00\x00\x00\x00IEND\xaeB`\x82"


def hostile_bodies() -> list[str]:
    """Chapter bodies, each under 1 MB and every per-line limit: some just under the 200,000
    characters a text may hold, so every check reads them whole once their facts are in."""
    pictures = "\n\n".join(f"![Picture {n}](../../images/huge-{n}.png)" for n in range(200))
    return [
        ("{{ wide }} " * 20 + "\n") * 50,  # 11 KB that a fact makes 450 KB
        ("{{ wide }} " * 90 + "\n") * 190,  # 190 KB that facts would make 8.5 MB
        ("[Read](https://example.org){#{{ box }}} and ![A chart](x.png){#{{ box }}}\n\n") * 2_500,
        ("## Heading {#{{ anchor }}}\n\n" + "::: {#{{ box }}}\nText.\n:::\n\n") * 3_400,
        ("<b x> {: y } {{ box }} " * 40 + "\n") * 200,
        ("Teams of {{ box }} meet {{ anchor }} and review. " * 20 + "\n\n") * 190,
        pictures,
        ("{{ wide }} " * 90 + "\n") * 1_000,  # 1 MB that facts would make 45 MB
        ("[Read](https://example.org){#{{ box }}}\n\n") * 22_000,  # 900 KB of attributes
    ]


def make_hostile(root: Path, target: int = TARGET_BYTES) -> int:
    """Write the hostile sources into the project at `root`; returns the bytes written."""
    programme = root / "content/programme.yml"
    text = programme.read_text(encoding="utf-8")
    added = "".join(f"  {name}: {value.strip()}\n" for name, value in FACTS.items())
    programme.write_text(text.replace("facts:\n", "facts:\n" + added, 1), encoding="utf-8")
    written, bodies, n = 0, hostile_bodies(), 0
    while written < target:
        page = FRONT.format(n=n, order=100 + n) + bodies[n % len(bodies)]
        (root / PART / f"hostile-{n}.md").write_text(page, encoding="utf-8")
        written, n = written + len(page.encode("utf-8")), n + 1
    images = root / "content/images"
    for n in range(200):
        (images / f"huge-{n}.png").write_bytes(png_header(4000, 4000))
    (images / "loop").symlink_to(images, target_is_directory=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / "build/cache").mkdir(parents=True, exist_ok=True)
    (root / "build/cache/checks.json").write_text("{}", encoding="utf-8")
    subprocess.run(["git", "-C", str(root), "add", "-f", "build/cache/checks.json"], check=True)
    return written


def make_ordinary(root: Path, target: int = TARGET_BYTES) -> int:
    """Write as many bytes of ordinary chapters, using the shipped facts as editors do."""
    body = (
        "Heads meet {{ heads-meetings }} and agree {{ enquiry-lines }}, "
        "with [the protocol](getting-started.md) to hand. " * 8 + "\n\n"
    ) * 180
    written, n = 0, 0
    while written < target:
        page = FRONT.format(n=n, order=100 + n) + body
        (root / PART / f"ordinary-{n}.md").write_text(page, encoding="utf-8")
        written, n = written + len(page.encode("utf-8")), n + 1
    return written


def validate(root: Path) -> int:
    """Read and check every source of the project cold, as a first `handbook validate` does."""
    shutil.rmtree(root / "build/cache", ignore_errors=True)
    if (root / ".git").exists():
        (root / "build/cache").mkdir(parents=True)
        (root / "build/cache/checks.json").write_text("{}", encoding="utf-8")
    return len(validate_corpus(load_corpus(root, KINDS)))


def timed(roots: list[Path], runs: int) -> list[tuple[float, int]]:
    """Median seconds and problems found for each project, run in turn so that a busy
    machine slows each alike."""
    seconds: list[list[float]] = [[] for _ in roots]
    found = [0] * len(roots)
    for _ in range(runs):
        for index, root in enumerate(roots):
            started = time.perf_counter()
            found[index] = validate(root)
            seconds[index].append(time.perf_counter() - started)
    return [(statistics.median(s), f) for s, f in zip(seconds, found, strict=True)]


def copy_project(root: Path) -> Path:
    for name in ("content", "frameworks", "mkdocs.yml"):
        source = REPO / name
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, root / name)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--megabytes", type=float, default=TARGET_BYTES / 1e6)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        clean = copy_project(Path(folder) / "clean")
        ordinary = copy_project(Path(folder) / "ordinary")
        hostile = copy_project(Path(folder) / "hostile")
        target = int(args.megabytes * 1e6)
        plain, size = make_ordinary(ordinary, target), make_hostile(hostile, target)
        results = timed([clean, ordinary, hostile], args.runs)
        (base, _), (large, problems), (seconds, found) = results
        print("| project | validation (s) | problems |")
        print("| --- | ---: | ---: |")
        print(f"| shipped content | {base:.3f} | 0 |")
        print(f"| shipped + {plain / 1e6:.1f} MB of ordinary chapters | {large:.3f} | {problems} |")
        print(
            f"| shipped + {size / 1e6:.1f} MB of hostile chapters, 200 pictures | {seconds:.3f} "
            f"| {found} |"
        )
        print(
            f"hostile minus shipped: {seconds - base:+.3f} s; "
            f"hostile minus ordinary of the same size: {seconds - large:+.3f} s"
        )


if __name__ == "__main__":
    main()
