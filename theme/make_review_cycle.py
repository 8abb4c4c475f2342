"""Regenerate content/images/review-cycle.png, the review cycle as the handbook prints it.

The drawing is the one the site's home page shows, laid out from the framework's phases by
theme/templates/review-cycle.svg.j2. Chapters may not use SVG (it can carry script), so this
script draws the same picture as PNG with the Typst fonts every PDF uses. Run from the
repository root after changing the phases or the drawing:

    .venv/bin/python theme/make_review_cycle.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import typst

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from generator.cli.project import read_handbook  # noqa: E402
from generator.render.templates import review_cycle  # noqa: E402

PICTURE = REPO / "content" / "images" / "review-cycle.png"
#: 640 points drawn at 144 pixels per inch: 1,280 pixels across, sharp on paper and screen.
PPI = 144


def review_cycle_png(root: Path = REPO) -> bytes:
    """The drawing of the project at `root` as PNG bytes; the same bytes on every machine
    (system fonts are ignored). Reading a project keeps a cache beside it."""
    with tempfile.TemporaryDirectory() as folder:
        drawing = Path(folder) / "review-cycle.svg"
        drawing.write_text(review_cycle(read_handbook(root)[0]), encoding="utf-8")
        page = (
            "#set page(width: auto, height: auto, margin: 0pt)\n"
            '#image("review-cycle.svg", width: 640pt)'
        )
        png = typst.compile(
            page.encode("utf-8"),
            root=folder,
            format="png",
            ppi=PPI,
            ignore_system_fonts=True,
        )
    assert isinstance(png, bytes)
    return png


def main() -> int:
    PICTURE.parent.mkdir(parents=True, exist_ok=True)
    PICTURE.write_bytes(review_cycle_png())
    print(f"wrote {PICTURE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
