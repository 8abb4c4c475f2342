"""Peak memory of a command and every process it starts, sampled from /proc.

`wait4` reports only the command and the children it waited for; Typst's workers are
started by a fork server, so their memory must be read from the process tree instead.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class TreePeak:
    """The largest total and the largest single process seen, in MiB."""

    total: int = 0
    single: int = 0


def _tree(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents.setdefault(int(fields[1]), []).append(int(entry.name))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(parents.get(pid, []))
    return found


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE // 2**20
    except (OSError, IndexError, ValueError):
        return 0


def watch(pid: int, interval: float = 0.05) -> tuple[TreePeak, threading.Event]:
    """Start sampling the tree under `pid`; set the returned event to stop."""
    peak, stop = TreePeak(), threading.Event()

    def sample() -> None:
        while not stop.wait(interval):
            sizes = [_rss(p) for p in _tree(pid)]
            peak.total = max(peak.total, sum(sizes))
            peak.single = max(peak.single, max(sizes, default=0))

    threading.Thread(target=sample, daemon=True).start()
    return peak, stop
