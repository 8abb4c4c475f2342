"""Where the review cycle's boxes and arrows go, for any number of phases from two to eight.

The drawing itself is theme/templates/review-cycle.svg.j2; this module only places boxes on
an ellipse, clockwise from the top, and wraps each phase's title to fit its box.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

#: Box fills that keep white text above 4.5:1 contrast, used in turn.
FILLS = ("#1d4f73", "#2d5f2e", "#8a3b12", "#5b2a6e", "#6b4e00", "#0b5a5a", "#7a1f3d", "#3b3b3b")
WIDTH, HEIGHT = 190.0, 76.0
CENTRE_X, CENTRE_Y, RADIUS_X, RADIUS_Y = 320.0, 200.0, 215.0, 120.0


@dataclass(frozen=True)
class Box:
    """One phase's box: its place, its colour and its title in lines."""

    x: float
    y: float
    fill: str
    lines: tuple[str, ...]
    width: float = WIDTH
    height: float = HEIGHT

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def first_line(self) -> float:
        return round(self.y + self.height / 2 + 7 - 11 * (len(self.lines) - 1), 1)


@dataclass(frozen=True)
class Layout:
    """The boxes and the curved arrows from each phase to the next."""

    boxes: tuple[Box, ...]
    arrows: tuple[str, ...]


def layout(titles: list[str]) -> Layout:
    """Boxes round an ellipse for each numbered title, and an arrow from each to the next."""
    count = max(len(titles), 1)
    angles = [-math.pi / 2 + 2 * math.pi * n / count for n in range(count)]
    centres = [
        (CENTRE_X + RADIUS_X * math.cos(a), CENTRE_Y + RADIUS_Y * math.sin(a)) for a in angles
    ]
    boxes = tuple(
        Box(
            x=round(x - WIDTH / 2, 1),
            y=round(y - HEIGHT / 2, 1),
            fill=FILLS[n % len(FILLS)],
            lines=tuple(textwrap.wrap(f"{n + 1}. {title}", 18, max_lines=2, placeholder="…")),
        )
        for n, ((x, y), title) in enumerate(zip(centres, titles, strict=False))
    )
    arrows = tuple(
        _arrow(angles[n], angles[(n + 1) % count]) for n in range(count if count > 1 else 0)
    )
    return Layout(boxes, arrows)


def _arrow(start: float, end: float) -> str:
    """A curve outside the ellipse from just after one box to just before the next."""
    if end <= start:
        end += 2 * math.pi
    gap = (end - start) * 0.28
    a, b, middle = start + gap, end - gap, (start + end) / 2
    x1, y1 = _on(a, 1.0)
    x2, y2 = _on(b, 1.0)
    cx, cy = _on(middle, 1.22)
    return f"M{x1:.0f} {y1:.0f} Q{cx:.0f} {cy:.0f} {x2:.0f} {y2:.0f}"


def _on(angle: float, scale: float) -> tuple[float, float]:
    return CENTRE_X + RADIUS_X * scale * math.cos(angle), CENTRE_Y + RADIUS_Y * scale * math.sin(
        angle
    )
