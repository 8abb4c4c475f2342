"""SIGTERM and Ctrl-C stop a command cleanly: every child process ends, nothing half-built
is published.

Python's default for SIGTERM is to die at once, which skips every `finally`: the Typst
workers, the export's worker processes and any pandoc or engine run were left behind, still
working. Here both signals end every child process first, then raise `Interrupted` in the
main thread, so each stage's cleanup runs as it does for a failure: the staging folder is
removed and the previous site stays in place.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType

SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Interrupted(KeyboardInterrupt):
    """The command was stopped by a signal; `signum` says which."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(f"stopped by {signal.Signals(signum).name}")


def end_children() -> None:
    """Ask every child process of this one to end: multiprocessing's workers (also those a
    fork server started for us) and, on Linux, any other child such as pandoc or MkDocs."""
    for child in multiprocessing.active_children():
        child.terminate()
    for pid in _direct_children():
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)


def _direct_children() -> list[int]:
    """The ids of this process's children, from /proc where there is one."""
    found: list[int] = []
    for listing in Path(f"/proc/{os.getpid()}/task").glob("*/children"):
        try:
            found += [int(pid) for pid in listing.read_text().split()]
        except OSError:
            continue
    return found


@contextmanager
def stopped_by_signals() -> Iterator[None]:
    """Within the block, SIGTERM and SIGINT end the children and raise Interrupted; a second
    signal while cleaning up ends the children again but lets the cleanup finish."""
    stopping: list[int] = []

    def stop(signum: int, frame: FrameType | None) -> None:
        end_children()
        if not stopping:
            stopping.append(signum)
            raise Interrupted(signum)

    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may handle signals
        return
    previous = {number: signal.signal(number, stop) for number in SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
