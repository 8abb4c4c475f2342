"""Peak memory bounds: the whole handbook is made alone, and big Typst compiles do not linger."""

from __future__ import annotations

import functools
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

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


def test_a_large_document_compiles_in_a_process_that_ends_with_it() -> None:
    body = "Lorem ipsum dolor sit amet. " * (typst_pdf.LARGE // 20)
    assert len(body) > typst_pdf.LARGE
    pdf = typst_pdf.compile_pdf(body, Path("."), EPOCH)
    assert pdf.startswith(b"%PDF")
    small = typst_pdf.compile_pdf("Hello.", Path("."), EPOCH)
    assert small.startswith(b"%PDF")
