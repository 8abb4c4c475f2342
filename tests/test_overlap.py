"""Checks run beside the site build: the same site and the same refusals as a serial build."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator import build as build_module
from generator import overlap
from generator.build import BuildOptions, build
from generator.errors import ValidationFailed

SITE_ONLY = BuildOptions(downloads=False)


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The process ids of every checking child forked during the test.

    Checks fork only when this process has one thread; earlier tests may leave a pool's
    manager thread behind, so the tests allow the fork whatever else is running.
    """
    monkeypatch.setattr(overlap, "_can_fork", lambda: True)
    started: list[int] = []
    original = overlap.Pending._fork

    def spy(self: overlap.Pending) -> None:
        original(self)
        started.append(self.pid)

    monkeypatch.setattr(overlap.Pending, "_fork", spy)
    return started


def test_site_and_warnings_match_a_serial_build(
    site_project: Path, tmp_path: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    beside = build(site_project, BuildOptions(out=tmp_path / "beside", downloads=False))
    assert len(forks) == 1, "the checks should have run in a child process"
    monkeypatch.setattr(overlap, "_can_fork", lambda: False)
    serial = build(site_project, BuildOptions(out=tmp_path / "serial", downloads=False))
    assert len(forks) == 1
    assert tree_digest(tmp_path / "beside") == tree_digest(tmp_path / "serial")
    assert beside.warnings == serial.warnings


def test_errors_found_beside_stop_the_build_before_the_swap(
    site_project: Path, forks: list[int]
) -> None:
    build(site_project, SITE_ONLY)
    before = tree_digest(site_project / "site")
    module = site_project / "content/modules/intro.yml"
    module.write_text(module.read_text().replace("duration: 60", "duration: 61"))
    with pytest.raises(ValidationFailed) as failure:
        build(site_project, SITE_ONLY)
    assert forks, "the checks should have run in a child process"
    assert any(d.path == "content/modules/intro.yml" for d in failure.value.diagnostics)
    assert tree_digest(site_project / "site") == before
    assert not [p for p in site_project.iterdir() if p.name.startswith(".site-")]


def test_a_model_that_cannot_be_built_reports_the_checks_not_a_crash(
    site_project: Path, forks: list[int]
) -> None:
    module = site_project / "content/modules/intro.yml"
    module.write_text(module.read_text().replace("sessions:", "sessionz:"))
    with pytest.raises(ValidationFailed) as failure:
        build(site_project, SITE_ONLY)
    fields = {d.field for d in failure.value.diagnostics}
    assert "sessionz" in fields or "sessions" in fields, fields


def test_a_failure_after_the_model_still_reports_the_sources_first(
    site_project: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    module = site_project / "content/modules/intro.yml"
    module.write_text(module.read_text().replace("duration: 60", "duration: 61"))

    def engine_breaks(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the engine tripped over content the checks refuse")

    monkeypatch.setattr(build_module, "build_site", engine_breaks)
    with pytest.raises(ValidationFailed):
        build(site_project, SITE_ONLY)
    assert forks
    assert not [p for p in site_project.iterdir() if p.name.startswith(".site-")]


def test_text_over_the_markdown_limits_never_reaches_the_engine(
    site_project: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    chapter = site_project / "content/handbook/basics/welcome.md"
    chapter.write_text(chapter.read_text() + "\n" + "![" * 5_000 + "\n")

    def engine_must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("the engine ran on text over the limits")

    monkeypatch.setattr(build_module, "build_site", engine_must_not_run)
    with pytest.raises(ValidationFailed) as failure:
        build(site_project, SITE_ONLY)
    assert not forks, "over the limits, the checks run first, in this process"
    assert any("handbook/basics/welcome.md" in d.path for d in failure.value.diagnostics)


def test_downloads_wait_for_the_checks(
    site_project: Path, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    module = site_project / "content/modules/intro.yml"
    module.write_text(module.read_text().replace("duration: 60", "duration: 61"))

    def no_export(*args: object, **kwargs: object) -> None:
        raise AssertionError("downloads were exported before the checks passed")

    monkeypatch.setattr(build_module, "export_downloads", no_export)
    with pytest.raises(ValidationFailed):
        build(site_project, BuildOptions(downloads=True))
    assert not forks
