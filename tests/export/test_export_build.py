"""The export runner's parts: tool failures, both executors, the cache and the progress bar."""

from __future__ import annotations

import functools
import io
from pathlib import Path

import pytest

from generator.errors import ToolError
from generator.export import build, typst_pdf
from generator.export.cache import OutputCache
from generator.export.plan import Job, plan_jobs
from generator.export.progress import Progress
from generator.model.objects import Handbook
from generator.theme import CHECKOUT

from .conftest import EPOCH


def form_jobs(handbook: Handbook) -> list[Job]:
    """The quick jobs: python-docx and openpyxl forms, no pandoc."""
    return [j for j in plan_jobs(handbook, EPOCH) if j.kind in {"self-review", "improvement-plan"}]


def test_typst_failure_carries_call_and_diagnostic() -> None:
    with pytest.raises(ToolError) as caught:
        typst_pdf.compile_pdf("#let broken = (", CHECKOUT.pdf, EPOCH)
    assert caught.value.tool == "typst"
    assert "typst.compile(" in caught.value.command
    assert "timestamp=1782864000" in caught.value.command
    assert caught.value.output


def test_worker_processes_and_threads_build_the_same_bytes(
    handbook: Handbook, tmp_path: Path
) -> None:
    jobs = form_jobs(handbook)
    threaded, built = build.run_jobs(jobs, OutputCache(tmp_path / "a"), 2, lambda _: None)
    assert built == len(jobs) == 3
    cache = OutputCache(tmp_path / "b")
    forked, built = build.run_jobs(jobs, cache, 2, lambda _: None, executor=build.process_pool)
    assert built == len(jobs)
    assert [f.data for f in forked] == [f.data for f in threaded]


def test_cache_hit_builds_nothing_and_prune_drops_unused_entries(
    handbook: Handbook, tmp_path: Path
) -> None:
    jobs = form_jobs(handbook)
    build.run_jobs(jobs, OutputCache(tmp_path), 1, lambda _: None)
    stale = OutputCache(tmp_path)
    stale.put("an old key", b"old")
    again = OutputCache(tmp_path)
    files, built = build.run_jobs(jobs, again, 1, lambda _: None)
    assert built == 0 and len(files) == len(jobs)
    assert again.prune() == 1
    assert len(list(tmp_path.glob("downloads/*/??/*"))) == len(jobs)


def test_job_key_changes_with_the_model_slice(handbook: Handbook) -> None:
    first = form_jobs(handbook)[0]
    assert first.key() == form_jobs(handbook)[0].key()
    later = next(j for j in plan_jobs(handbook, EPOCH + 1) if j.path == first.path)
    assert later.key() != first.key()


def test_worker_tool_failure_is_raised_with_the_download_named(
    handbook: Handbook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> bytes:
        raise ToolError("pandoc", "pandoc --to=docx", "boom")

    job = form_jobs(handbook)[0]
    failing = Job(job.kind, job.source, job.path, job.title, functools.partial(broken))
    with pytest.raises(ToolError) as caught:
        build.run_jobs([failing], OutputCache(tmp_path), 1, lambda _: None)
    assert caught.value.command == "pandoc --to=docx"
    assert f"while making downloads/{job.path}" in caught.value.output


def test_progress_bar_draws_only_when_enabled() -> None:
    shown, hidden = io.StringIO(), io.StringIO()
    for stream, enabled in ((shown, True), (hidden, False)):
        bar = Progress(4, enabled, stream)
        bar.advance("handbook.pdf")
        bar.advance("handbook.docx")
        bar.close()
    assert "[###############---------------] 2/4 handbook.docx" in shown.getvalue()
    assert shown.getvalue().endswith("\n")
    assert hidden.getvalue() == ""


def test_a_document_already_typeset_is_not_typeset_again(tmp_path: Path) -> None:
    """Two downloads given different model slices may print the same document (an edition
    moved a day its module's guide does not show): typeset once, from the cache after."""
    from generator.export.cache import Stamps, typeset_once, typesetting
    from generator.export.document import Cover, Document

    made: list[str] = []

    def make(text: str) -> bytes:
        made.append(text)
        return text.encode()

    cover = Cover("Org", "1", "CC BY", "1 July 2026", "en-GB")
    guide = Document("Guide", "guide", cover, "Body")
    other = Document("Guide", "guide", cover, "Another body")
    cache = OutputCache(tmp_path)
    with typesetting(cache, Stamps.now()):
        first = typeset_once("pdf", guide, EPOCH, functools.partial(make, "first"))
        again = typeset_once("pdf", Document("Guide", "guide", cover, "Body"), EPOCH, list)
        typeset_once("pdf", other, EPOCH, functools.partial(make, "other"))
        typeset_once("docx", guide, EPOCH, functools.partial(make, "docx"))
        typeset_once("pdf", guide, EPOCH + 86_400, functools.partial(make, "next day"))
    assert first == again == b"first"
    assert made == ["first", "other", "docx", "next day"]
    # Outside an export nothing is shared.
    assert typeset_once("pdf", guide, EPOCH, functools.partial(make, "alone")) == b"alone"
