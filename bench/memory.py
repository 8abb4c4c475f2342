"""Peak memory of a command and every process it starts, sampled from /proc.

`wait4` reports only the command and the children it waited for; Typst's workers are
started by a fork server, so their memory must be read from the process tree instead.
Resident sizes (RSS) are summed, as a machine's memory is used: pages two processes share
(a fork server's workers share the modules it preloaded) count once per process, so the
total is an upper bound; the proportional sizes (PSS) sum to what they really hold.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class TreePeak:
    """The largest total and the largest single process seen, in MiB, and who held what."""

    total: int = 0
    single: int = 0
    #: The largest proportional total (shared pages split between their processes).
    proportional: int = 0
    #: Each process's own peak: "pid name" -> MiB.
    processes: dict[str, int] = field(default_factory=dict)
    #: The processes alive at the largest total, with their sizes then.
    at_peak: list[tuple[str, int]] = field(default_factory=list)

    def describe(self, shown: int = 6) -> str:
        """`A MiB + B MiB + ...` of the processes at the peak, largest first."""
        ranked = sorted(self.at_peak, key=lambda item: -item[1])
        parts = [f"{name} {size}" for name, size in ranked[:shown] if size]
        rest = sum(size for _, size in ranked[shown:])
        return " + ".join(parts) + (f" + {rest} in {len(ranked) - shown} more" if rest else "")


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


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) // 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def label(pid: int) -> str:
    """A short name for a process: its program and what it runs."""
    try:
        words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return str(pid)
    text = [w.decode("utf-8", "replace") for w in words if w]
    program = Path(text[0]).name if text else "?"
    joined = " ".join(text)
    if "forkserver" in joined:
        role = "fork server or its worker"
    elif "-m" in text:
        role = text[text.index("-m") + 1] if text.index("-m") + 1 < len(text) else ""
    elif program.startswith("python"):
        role = " ".join(Path(w).name for w in text[1:3])
    else:
        role = ""
    return f"{pid} {program} {role}".strip()


def watch(pid: int, interval: float = 0.05) -> tuple[TreePeak, threading.Event]:
    """Start sampling the tree under `pid`; set the returned event to stop."""
    peak, stop = TreePeak(), threading.Event()
    names: dict[int, str] = {}

    def sample() -> None:
        while not stop.wait(interval):
            sizes = {p: _rss(p) for p in _tree(pid)}
            for p, size in sizes.items():
                # Read again each time: a child shows its parent's command until it execs.
                name = names[p] = label(p)
                peak.processes[name] = max(peak.processes.get(name, 0), size)
            total = sum(sizes.values())
            if total > peak.total:
                peak.total = total
                peak.at_peak = [(names[p], size) for p, size in sizes.items()]
                peak.proportional = max(peak.proportional, sum(_pss(p) for p in sizes))
            peak.single = max(peak.single, max(sizes.values(), default=0))

    threading.Thread(target=sample, daemon=True).start()
    return peak, stop
