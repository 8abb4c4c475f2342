"""Loops shared with forked copies (generator/forked.py): the single-file checks and MkDocs
writing its pages give what one process gives, and a copy's warnings and failures reach the
build as if this process had met them."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_shipped
from test_build import tree_digest

from generator import forked
from generator.check import cache as check_cache
from generator.check.validate import validate_corpus
from generator.cli.build import BuildOptions, build
from generator.errors import UsageError
from generator.gate import check_output
from generator.gate import memo as gate_memo
from generator.kinds.catalogue import KINDS
from generator.load.sources import load_corpus
from generator.site import incremental
from generator.store import Store

SITE_ONLY = BuildOptions(downloads=False)


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The number of copies each `Copies.start` forked, from now on."""
    counts: list[int] = []
    real = forked.Copies.start

    def start(self: forked.Copies) -> forked.Copies:
        copies = real(self)
        counts.append(len(copies.started))
        return copies

    monkeypatch.setattr(forked.Copies, "start", start)
    yield counts


def cores(monkeypatch: pytest.MonkeyPatch, count: int) -> None:
    monkeypatch.setattr(forked, "cores", lambda: count)
    monkeypatch.setattr("generator.site.split.cores", lambda: count)


def squared_with_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def test_results_come_back_in_order_from_every_share(
    monkeypatch: pytest.MonkeyPatch, started: list[int]
) -> None:
    cores(monkeypatch, 3)
    results = forked.forked_map(squared_with_pid, range(101), fewest=10)
    assert [value for value, _ in results] == [n * n for n in range(101)]
    assert started == [2]
    pids = {pid for _, pid in results}
    assert len(pids) == 3 and os.getpid() in pids
    # Item n is share n % 3's: this process did 0, 3, 6 ...
    assert {pid for n, (_, pid) in enumerate(results) if n % 3 == 0} == {os.getpid()}


def test_fewer_items_than_the_threshold_stay_in_this_process(
    monkeypatch: pytest.MonkeyPatch, started: list[int]
) -> None:
    cores(monkeypatch, 3)
    results = forked.forked_map(squared_with_pid, range(9), fewest=10)
    assert {pid for _, pid in results} == {os.getpid()}
    assert started == []


class Unpicklable(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.handle = lambda: None  # a lambda does not pickle


def fails_on_five(number: int) -> int:
    if number == 5:
        raise ValueError("item five is wrong")
    return number


def fails_unpicklably(number: int) -> int:
    if number == 4:
        raise Unpicklable("item four cannot travel")
    return number


def test_a_copys_failure_is_raised_here(monkeypatch: pytest.MonkeyPatch) -> None:
    cores(monkeypatch, 3)  # item 5 is share 2's: a copy's
    with pytest.raises(ValueError, match="item five is wrong"):
        forked.forked_map(fails_on_five, range(30), fewest=1)
    with pytest.raises(RuntimeError, match="item four cannot travel"):
        forked.forked_map(fails_unpicklably, range(30), fewest=1)


def warns_on_four(number: int) -> int:
    if number == 4:
        logging.getLogger("generator.forked-test").warning("item %d looks odd", number)
    return number


def test_what_a_copy_logs_is_logged_here_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    cores(monkeypatch, 3)  # item 4 is share 1's: a copy's
    caplog.set_level(logging.WARNING, logger="generator.forked-test")
    forked.forked_map(warns_on_four, range(30), fewest=1)
    assert [r.getMessage() for r in caplog.records] == ["item 4 looks odd"]


def test_checks_shared_with_copies_find_what_one_process_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started: list[int]
) -> None:
    root = copy_shipped(tmp_path / "project")
    module = next((root / "content" / "modules").glob("*.yml"))
    module.write_text(module.read_text(encoding="utf-8") + "surprise: 1\n", encoding="utf-8")
    chapter = root / "content/handbook/the-model/the-first-two-years.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("{{ cluster-size }}", "{{ cluster-sise }}"), encoding="utf-8")
    corpus = load_corpus(root, KINDS)
    cores(monkeypatch, 2)
    monkeypatch.setattr(check_cache, "FEWEST_FORKED", 10**9)
    alone = validate_corpus(corpus, Store.nowhere())
    assert started == []
    monkeypatch.setattr(check_cache, "FEWEST_FORKED", 1)
    shared = validate_corpus(corpus, Store.nowhere())
    assert started == [1]
    codes = {d.code for d in alone}
    assert "schema.unknown-field" in codes and any(
        d.path == chapter.relative_to(root).as_posix() for d in alone
    )
    assert shared == alone


def recorded(root: Path) -> Any:
    """The build's record of MkDocs' pages, as the next build reads it."""
    store = Store.of_project(root)
    return store.load(incremental._key(store), incremental._decode)


def test_pages_written_by_copies_are_the_bytes_one_process_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started: list[int]
) -> None:
    shared = copy_shipped(tmp_path / "shared")
    alone = tmp_path / "alone"
    shutil.copytree(shared, alone, symlinks=True)
    cores(monkeypatch, 1)
    build(alone, SITE_ONLY)
    assert started == []
    cores(monkeypatch, 3)
    build(shared, SITE_ONLY)
    assert 2 in started  # the pages were shared by this process and two copies
    assert tree_digest(shared / "site") == tree_digest(alone / "site")
    ours, theirs = recorded(shared), recorded(alone)
    # Their folders differ, so their structure keys do; the pages' records must not.
    assert list(ours.pages) == list(theirs.pages)
    assert ours.pages == theirs.pages


#: The two loops of MkDocs' build that copies share: reading pages, and writing them.
LOOPS = ("_populate_page", "_build_page")


def mark_odd_pages(monkeypatch: pytest.MonkeyPatch, loop: str, fail: bool) -> None:
    """One of MkDocs' page loops, made to warn about (or fail on) every page at an odd place."""
    from mkdocs.commands import build as mkdocs_build

    real = getattr(mkdocs_build, loop)

    def marked(page: Any, config: Any, files: Any, *rest: Any, **named: Any) -> None:
        listed = files.documentation_pages() if hasattr(files, "documentation_pages") else files
        place = [file.src_uri for file in listed].index(page.file.src_uri)
        if place % 2 == 1:
            if fail:
                raise RuntimeError(f"page {page.file.src_uri} broke in {loop}")
            logging.getLogger("mkdocs.test").warning("page %s looks odd", page.file.src_uri)
        real(page, config, files, *rest, **named)

    monkeypatch.setattr(mkdocs_build, loop, marked)


def plain_mkdocs_site(root: Path, pages: int, missing: bool = True) -> Path:
    """A MkDocs project of its own (Material, its search): each page links to an anchor of
    the next page that exists and (when `missing`) to one of the page after that which does
    not."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    for n in range(pages):
        after, later = (n + 1) % pages, (n + 2) % pages
        nowhere = f" and [nothing](p{later:02}.md#missing-{n})" if missing else ""
        (docs / f"p{n:02}.md").write_text(
            f"# Page {n}\n\n## Part {n}\n\nSee [the next part](p{after:02}.md#part-{after})"
            f"{nowhere}.\n",
            encoding="utf-8",
        )
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Split\ntheme:\n  name: material\nplugins:\n  - search\n"
        "validation:\n  anchors: warn\n",
        encoding="utf-8",
    )
    return config


def built_alone(config: Path, site: Path, strict: bool = False) -> list[str]:
    """MkDocs' full build as the handbook runs it; the warnings it logged."""
    from mkdocs.config import load_config

    from generator.site.engines import captured_log

    with captured_log() as messages:
        settings = load_config(config_file=str(config), site_dir=str(site), strict=strict)
        incremental.build_everything(settings, Store.nowhere())
    return messages


@pytest.mark.parametrize("loop", LOOPS)
def test_a_warning_in_a_copy_fails_a_strict_build(
    loop: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started: list[int]
) -> None:
    from mkdocs.exceptions import Abort

    from generator.site.engines import captured_log

    config = plain_mkdocs_site(tmp_path / "plain", 30, missing=False)
    cores(monkeypatch, 2)  # the odd pages are the copy's
    assert built_alone(config, tmp_path / "clean", strict=True) == []
    mark_odd_pages(monkeypatch, loop, fail=False)
    with captured_log() as messages, pytest.raises(Abort, match="15 warnings in strict mode"):
        built_alone(config, tmp_path / "marked", strict=True)
    assert started == [1, 1, 1, 1]  # reading and writing, in each build
    assert sorted(m for m in messages if "looks odd" in m) == sorted(
        f"WARNING: page p{n:02}.md looks odd" for n in range(1, 30, 2)
    )


@pytest.mark.parametrize("loop", LOOPS)
def test_a_page_failing_in_a_copy_fails_the_build(
    loop: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = plain_mkdocs_site(tmp_path / "plain", 30, missing=False)
    cores(monkeypatch, 2)
    mark_odd_pages(monkeypatch, loop, fail=True)
    with pytest.raises(RuntimeError, match=rf"page p\d\d.md broke in {loop}"):
        built_alone(config, tmp_path / "site")


def test_a_page_failing_in_a_copy_publishes_nothing(
    site_project: Path, monkeypatch: pytest.MonkeyPatch, started: list[int]
) -> None:
    monkeypatch.setattr("generator.site.split.FEWEST_PAGES", 1)  # the tiny project's pages
    cores(monkeypatch, 2)
    mark_odd_pages(monkeypatch, "_build_page", fail=True)
    with pytest.raises(RuntimeError, match=r"page \S+ broke in _build_page"):
        build(site_project, SITE_ONLY)
    assert started[-2:] == [1, 1]  # the pages were read and written with a copy
    assert not (site_project / "site").exists()
    assert [p.name for p in site_project.iterdir() if p.name.startswith(".site-")] == []


def test_links_to_anchors_read_in_copies_are_still_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started: list[int]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    config = plain_mkdocs_site(tmp_path / "plain", 30)
    cores(monkeypatch, 1)
    alone = built_alone(config, tmp_path / "alone")
    cores(monkeypatch, 3)
    shared = built_alone(config, tmp_path / "shared")
    assert started == [2, 2]  # reading and writing, each with two copies
    missing = sorted(m for m in alone if "missing-" in m)
    assert len(missing) == 30, alone
    assert sorted(shared) == sorted(alone)
    assert tree_digest(tmp_path / "shared") == tree_digest(tmp_path / "alone")


def only_pages(folder: str, names: list[str]) -> list[str]:
    """Leave out every file but the pages (for shutil.copytree)."""
    return [n for n in names if "." in n and not n.endswith(".html")]


def test_the_gate_reading_pages_in_copies_finds_what_one_process_finds(
    shipped_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, started: list[int]
) -> None:
    # The pages alone: the gate reads the downloads in this process, not in copies.
    built = shipped_project / "site"
    site = Path(shutil.copytree(built, tmp_path / "site", ignore=only_pages))
    docs = shipped_project / "build" / "docs"
    pages = sorted(site.rglob("*.html"))
    hostile = pages[1::2][:5]  # pages the copy reads (odd places among the pages)
    for page in hostile:
        html = page.read_text(encoding="utf-8")
        page.write_text(html.replace("</body>", "<script>alert(1)</script></body>"), "utf-8")
    cores(monkeypatch, 2)
    monkeypatch.setattr(gate_memo, "FEWEST_FORKED", 10**9)
    alone = check_output(site, docs)
    assert started == []
    monkeypatch.setattr(gate_memo, "FEWEST_FORKED", 1)
    shared = check_output(site, docs)
    assert started == [1]
    flagged = {finding.path for finding in alone}
    assert {page.relative_to(site).as_posix() for page in hostile} <= flagged
    assert shared == alone
    # Read in copies with a store, then remembered: the next reading finds them in the store.
    store = Store.of_project(tmp_path / "project")
    assert check_output(site, docs, store) == alone
    assert check_output(site, docs, store) == alone
    assert started == [1, 1]  # the second reading with the store had nothing new to read


def test_the_processes_setting_says_how_many_share_a_loop(
    monkeypatch: pytest.MonkeyPatch, started: list[int]
) -> None:
    monkeypatch.setenv(forked.PROCESSES, "3")
    assert forked.cores() == 3
    monkeypatch.setenv(forked.PROCESSES, "1")
    results = forked.forked_map(squared_with_pid, range(50), fewest=1)
    assert {pid for _, pid in results} == {os.getpid()} and started == []
    for wrong in ("0", "two", "-1", "1.5"):
        monkeypatch.setenv(forked.PROCESSES, wrong)
        with pytest.raises(UsageError, match=r"\$HANDBOOK_PROCESSES is .*at least 1"):
            forked.cores()
