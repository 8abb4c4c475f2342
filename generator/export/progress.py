"""A one-line progress bar on stderr, for people watching a terminal; silent otherwise."""

from __future__ import annotations

import sys
from typing import TextIO

WIDTH = 30


class Progress:
    """Counts finished downloads and redraws `[#####-----] 12/40 label` in place."""

    def __init__(self, total: int, enabled: bool, stream: TextIO | None = None) -> None:
        self.total, self.enabled, self.done = total, enabled, 0
        self.stream = stream or sys.stderr

    def advance(self, label: str) -> None:
        """One more download done."""
        self.done += 1
        if not self.enabled:
            return
        filled = WIDTH * self.done // max(self.total, 1)
        bar = "#" * filled + "-" * (WIDTH - filled)
        line = f"\rdownloads [{bar}] {self.done}/{self.total} {label}"
        self.stream.write(line[:100].ljust(100))
        self.stream.flush()

    def close(self) -> None:
        """End the bar's line."""
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
