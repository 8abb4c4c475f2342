"""Peak memory bounds: the whole handbook is made alone, and big Typst compiles do not linger."""

from __future__ import annotations

import functools
import io
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from generator.export import build, typst_pdf
from generator.export.plan import Job

from .conftest import EPOCH

running: list[str] = []
seen_together: list[tuple[str, ...]] = []
lock = threading.Lock()


def _work(name: str) -> bytes:
    with lock:
        running.append(name)
        seen_together.append(tuple(running))
    time.sleep(0.05)
    with lock:
        running.remove(name)
    return name.encode()


def _job(kind: str, name: str) -> Job:
    return Job(kind, name, f"{name}.pdf", name, functools.partial(_work, name))


def test_handbook_downloads_are_made_first_and_alone() -> None:
    jobs = [_job("framework", "f1"), _job("handbook", "h-pdf"), _job("module", "m1")]
    jobs += [_job("handbook", "h-docx"), _job("module", "m2")]
    made = [job.path for job, _ in build._build_all(jobs, 2, ThreadPoolExecutor)]
    assert made[:2] == ["h-pdf.pdf", "h-docx.pdf"]
    assert sorted(made[2:]) == ["f1.pdf", "m1.pdf", "m2.pdf"]
    for together in seen_together:
        if any(name.startswith("h-") for name in together):
            assert len(together) == 1, f"{together} ran at the same time as the handbook"


class RecordedPool(ProcessPoolExecutor):
    """A process pool that remembers each one made and the processes it started."""

    made: list[RecordedPool] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pids: set[int] = set()
        RecordedPool.made.append(self)

    def submit(self, *args: Any, **kwargs: Any) -> Future[Any]:
        future = super().submit(*args, **kwargs)
        self.pids |= set(self._processes)
        return future


def alive(pid: int) -> bool:
    """Whether a process runs (the worker is a child of the fork server, not of this one)."""
    status = Path(f"/proc/{pid}/status")
    return status.is_file() and "\nState:\tZ" not in status.read_text()


def test_a_large_document_compiles_in_a_process_that_ends_with_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(typst_pdf, "ProcessPoolExecutor", RecordedPool)
    RecordedPool.made.clear()
    body = "Lorem ipsum dolor sit amet. " * (typst_pdf.LARGE // 20)
    assert len(body) > typst_pdf.LARGE
    with typst_pdf.workers():
        pdf = typst_pdf.compile_pdf(body, Path("."), EPOCH)
        [once] = RecordedPool.made
        assert once._max_tasks_per_child == 1 and len(once.pids) == 1
        assert os.getpid() not in once.pids and not any(map(alive, once.pids))
        small = typst_pdf.compile_pdf("Hello.", Path("."), EPOCH)
        # A small document goes to the export's reused workers, not a process of its own.
        assert len(RecordedPool.made) == 2 and RecordedPool.made[1]._max_tasks_per_child > 1
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 10 and "Lorem ipsum" in reader.pages[-1].extract_text()
    assert "Hello." in PdfReader(io.BytesIO(small)).pages[0].extract_text()
