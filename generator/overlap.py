"""The checks beside the build: validation runs in a second process while the site is built.

A cold site build is the engine's work plus ours, and checking every source (schemas, the
content policy, references) is the largest part of ours. The engine uses one core; the
machines this runs on have two. So, where it is safe, the sources are loaded, the model is
built from them at once, and a forked child checks them while this process renders the pages
and runs the engine. Nothing is published before the checks have passed: `wait()` runs before
the gate and the swap, and raises ValidationFailed as a serial build would. A step that fails
on sources the checks would have refused reports the checks' diagnostics, not its own error.

What makes an early start safe: the size limits that keep Markdown parsers fast are checked
here first, in one linear pass (so no hostile file reaches the engine); the engine writes only
into a staging folder that is removed when anything fails. It runs beside only when this
process has no other thread (a fork copies one thread, and `handbook serve` has several) and
when no downloads are made (exporters start tools; they wait for the checks).
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from . import facts, limits, project
from .errors import Diagnostic, ValidationFailed
from .load import leaves
from .model import Handbook
from .sources import Corpus

T = TypeVar("T")
_pending: ContextVar[Pending | None] = ContextVar("pending_checks", default=None)


class Pending:
    """Checks of a loaded corpus running in a forked child, or already done here."""

    def __init__(self, corpus: Corpus, strict: bool, beside: bool) -> None:
        self.corpus, self.strict = corpus, strict
        self.warnings: list[Diagnostic] = []
        self.done = False
        self.pid = 0
        self.reader = -1
        if beside and _can_fork():
            self._fork()

    def _fork(self) -> None:
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: check, send the diagnostics back, and leave at once
            try:
                os.close(reader)
                payload = pickle.dumps(project.validate_corpus(self.corpus))
                with os.fdopen(writer, "wb") as pipe:
                    pipe.write(payload)
            finally:  # never return into the parent's code, whatever happened
                os._exit(0)
        os.close(writer)
        self.pid, self.reader = pid, reader

    def _collect(self) -> list[Diagnostic]:
        if not self.pid:
            return project.validate_corpus(self.corpus)
        with os.fdopen(self.reader, "rb") as pipe:
            payload = pipe.read()
        os.waitpid(self.pid, 0)
        self.pid = 0
        if not payload:  # the child failed: check here, so any error is raised here
            return project.validate_corpus(self.corpus)
        found: list[Diagnostic] = pickle.loads(payload)
        return found

    def wait(self) -> list[Diagnostic]:
        """The warnings, once the checks are done; ValidationFailed when they found errors."""
        if not self.done:
            self.done = True
            diagnostics = self._collect()
            blocking = [d for d in diagnostics if d.severity == "error" or self.strict]
            if blocking:
                raise ValidationFailed(diagnostics if not self.strict else blocking)
            self.warnings.extend(diagnostics)
        return self.warnings


def read_handbook(root: Path, strict: bool, beside: bool) -> tuple[Handbook, Pending]:
    """The model of the sources under `root`, with their checks running beside when `beside`.

    Call `wait()` on the second value before publishing anything; with `beside` false the
    checks have already run (and raised) as in `project.read_handbook`.
    """
    corpus = project.load_corpus(root)
    pending = Pending(corpus, strict, beside and not over_limits(corpus))
    if not pending.pid:
        pending.wait()
    _pending.set(pending)
    try:
        handbook = project.build_handbook(corpus.documents)
    except Exception:
        pending.wait()  # sources the checks refuse are reported as such
        raise
    return handbook, pending


def over_limits(corpus: Corpus) -> bool:
    """Whether any text goes over the Markdown size limits (the checks then say where)."""
    for doc in corpus.documents:
        texts = [doc.body] if doc.body else []
        texts += [value for _, value in leaves(doc.data) if isinstance(value, str)]
        if any(limits.markdown_breach(facts.mask(text)) is not None for text in texts):
            return True
    return False


def checks_first(function: Callable[..., T]) -> Callable[..., T]:
    """On any failure of `function`, report the checks' errors first, as a serial build would."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        token = _pending.set(None)
        try:
            result = function(*args, **kwargs)
            pending = _pending.get()
            if pending is not None:
                pending.wait()  # publish() waits before the swap; this is a backstop
            return result
        except Exception:
            pending = _pending.get()
            if pending is not None:
                pending.wait()
            raise
        finally:
            pending = _pending.get()
            if pending is not None and pending.pid:
                _reap(pending)
            _pending.reset(token)

    return wrapper


def _reap(pending: Pending) -> None:
    """Leave no child behind when the build stopped before waiting for it."""
    try:
        os.close(pending.reader)
        os.waitpid(pending.pid, 0)
    except OSError:
        pass
    pending.pid = 0


def _can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1
