"""Regenerate content/images/review-cycle.png, the review cycle as the handbook prints it.

The drawing itself is theme/assets/images/review-cycle.svg, which the site's home page shows.
Chapters may not use SVG (it can carry script), so this script draws the same picture as PNG
with the Typst fonts every PDF uses. Run from the repository root after changing the SVG:

    .venv/bin/python theme/make_review_cycle.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import typst

REPO = Path(__file__).resolve().parents[1]
DRAWING = REPO / "theme" / "assets" / "images" / "review-cycle.svg"
PICTURE = REPO / "content" / "images" / "review-cycle.png"
#: 640 points drawn at 144 pixels per inch: 1,280 pixels across, sharp on paper and screen.
PPI = 144


def review_cycle_png() -> bytes:
    """The drawing as PNG bytes; the same bytes on every machine (system fonts are ignored)."""
    page = (
        f'#set page(width: auto, height: auto, margin: 0pt)\n#image("{DRAWING.name}", width: 640pt)'
    )
    png = typst.compile(
        page.encode("utf-8"),
        root=str(DRAWING.parent),
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
