"""Loops shared between forked copies of this process, one copy per core it may use.

Four loops of a build take items that need nothing from one another, and on a large site
they are most of its time: the single-file checks (check/cache.py), MkDocs reading and then
writing its pages (site/split.py), and the gate reading them (gate/memo.py). A forked copy
starts with everything the loop reads (the corpus, the reader, MkDocs' navigation), so only
results are pickled, never the work. This process does its own share meanwhile. What a copy
logged is logged again here, and a copy's failure is raised here. Results come back in the
items' order, so what a build makes does not depend on how many cores it had.

Copies are made only on Linux (macOS has `fork`, but its system libraries may not be used
in a forked copy), with more than one core, and never from inside a daemon process (which
may not start processes; the copies are daemons themselves). $HANDBOOK_PROCESSES sets how
many processes share a loop (1: none but this one).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from generator.errors import UsageError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

Item = TypeVar("Item")
Result = TypeVar("Result")


#: How many processes a build's loops may use, when set (1: no copies); else one per core.
PROCESSES = "HANDBOOK_PROCESSES"


def cores() -> int:
    """How many processes may share a loop: $HANDBOOK_PROCESSES when it is set (on a machine
    other jobs share, say), else the cores this process may use."""
    setting = os.environ.get(PROCESSES, "").strip()
    if setting:
        if not setting.isdigit() or int(setting) < 1:
            hint = "a whole number of processes, at least 1 (1 makes no copies)"
            raise UsageError(f"${PROCESSES} is {setting!r}: set it to {hint}")
        return int(setting)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether a loop may be shared with forked copies of this process."""
    return (
        cores() > 1
        and sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and not multiprocessing.current_process().daemon
    )


def forked_map(
    function: Callable[[Item], Result], items: Sequence[Item], fewest: int
) -> list[Result]:
    """`[function(item) for item in items]`, shared with forked copies when there are at
    least `fewest` items (fewer cost more to fork than they save).

    `function` must not change anything the caller reads afterwards (a copy's changes are
    lost), and its results must pickle."""
    count = cores()
    if len(items) < fewest or not can_fork():
        return [function(item) for item in items]
    results: list[Any] = [None] * len(items)
    with Copies(count, lambda share: [function(item) for item in items[share::count]]) as copies:
        results[0::count] = [function(item) for item in items[0::count]]
        for share, answer in copies.answers():
            results[share::count] = answer
    return results


@dataclass
class Copy:
    """One forked copy and the end of its pipe; `answer` once it has been received."""

    process: multiprocessing.process.BaseProcess
    pipe: Connection
    answer: tuple[bool, Any, list[logging.LogRecord]] | None = None


@dataclass
class Copies:
    """Copies 1 to count-1 of this process, copy k running `work(k)` and sending back its
    result (this process is share 0). Used as a context: leaving it ends every copy."""

    count: int
    work: Callable[[int], Any]
    started: list[Copy] = field(default_factory=list)

    def __enter__(self) -> Copies:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> Copies:
        """Fork the copies; each starts its share at once."""
        context = multiprocessing.get_context("fork")
        for share in range(1, self.count):
            mine, theirs = context.Pipe(duplex=False)
            process = context.Process(target=self._run, args=(theirs, share), daemon=True)
            process.start()
            theirs.close()
            self.started.append(Copy(process, mine))
        return self

    def stop(self) -> None:
        """End every copy still running (after its answer, or on a failure here)."""
        for copy in self.started:
            if copy.process.is_alive():
                copy.process.terminate()
            copy.process.join()
            copy.pipe.close()
        self.started = []

    def _run(self, pipe: Connection, share: int) -> None:
        """In a copy: do this share's work and send back its result or its failure."""
        logged = Logged()
        for name in ("", "mkdocs"):  # MkDocs' own logger does not pass records to the root
            logging.getLogger(name).addHandler(logged)
        try:
            pipe.send((True, self.work(share), logged.records))
        except BaseException as error:  # noqa: BLE001 (every failure goes back to the parent)
            pipe.send((False, _portable(error), logged.records))
        finally:
            pipe.close()

    def raise_early(self) -> None:
        """Raise a copy's failure if one has already come back (a long loop asks each turn)."""
        for copy in self.started:
            if copy.answer is None and copy.pipe.poll():
                copy.answer = _receive(copy)
                if not copy.answer[0]:
                    _relog(copy.answer[2])
                    raise copy.answer[1]

    def answers(self) -> Iterator[tuple[int, Any]]:
        """Each copy's share and result, once it is done; what it logged is logged here."""
        for share, copy in enumerate(self.started, start=1):
            if copy.answer is None:
                copy.answer = _receive(copy)
            done, value, logged = copy.answer
            _relog(logged)
            if not done:
                raise value
            yield share, value


def _receive(copy: Copy) -> tuple[bool, Any, list[logging.LogRecord]]:
    try:
        answer: tuple[bool, Any, list[logging.LogRecord]] = copy.pipe.recv()
    except EOFError:
        copy.process.join()
        code = copy.process.exitcode
        return False, RuntimeError(f"a forked copy ended without an answer (exit {code})"), []
    return answer


def _relog(records: list[logging.LogRecord]) -> None:
    for record in records:
        logging.getLogger(record.name).handle(record)


class Logged(logging.Handler):
    """What a copy logs, kept (each record once) to be logged again by the parent."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self.seen: set[int] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if id(record) in self.seen:
            return
        self.seen.add(id(record))
        record.msg, record.args = record.getMessage(), None
        record.exc_info = record.exc_text = None
        self.records.append(record)


def _portable(error: BaseException) -> BaseException:
    """`error` if it survives pickling, else a RuntimeError carrying its traceback."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001 (any failure to pickle: send the text instead)
        text = "".join(traceback.format_exception(error))
        return RuntimeError(f"a forked copy failed:\n{text}")
    return error
