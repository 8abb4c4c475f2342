"""A small run of the benchmark script, so it keeps working; it asserts no time."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, with_site_look


@pytest.mark.slow
def test_benchmark_script_runs_on_a_small_project(tmp_path: Path) -> None:
    # The tiny dated project, not the shipped content: the script is what is tested, and its
    # dozen builds of the shipped content cost a minute of a worker and proved nothing more.
    project = shutil.copytree(REPO / "tests/fixtures/timed-days", tmp_path / "timed-days")
    with_site_look(project)
    result = subprocess.run(
        [sys.executable, "bench/run.py", "--project", str(project), "--runs", "1", "--quick"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "### timed-days: whole builds" in result.stdout
    for row in (
        "| validate (schemas and references) |",
        "| generator stages together |",
        "| MkDocs + Material build of the rendered pages |",
        "| cold build, site only |",
        "| rebuild with nothing changed |",
        "| rebuild after editing one framework (a new process) |",
        ": save of one chapter to written preview |",
    ):
        assert row in result.stdout, row


@pytest.mark.slow
def test_limits_benchmark_refuses_every_hostile_file() -> None:
    result = subprocess.run(
        [sys.executable, "bench/limits.py", "--runs", "1"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    rows = [line.split("|") for line in result.stdout.splitlines()[3:]]
    assert len(rows) == 8
    assert all(int(row[4]) >= 1 for row in rows), result.stdout


@pytest.mark.slow
def test_download_kinds_benchmark_compares_with_and_without(tmp_path: Path) -> None:
    # A small dated project: the script is what is tested, not the size of the content.
    project = shutil.copytree(REPO / "tests/fixtures/timed-days", tmp_path / "project")
    command = ["bench/download_kinds.py", "--runs", "1", "--kinds", "calendar"]
    result = subprocess.run(
        [sys.executable, *command, "--project", str(project)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    rows = [line.split("|") for line in result.stdout.splitlines() if line.startswith("| with")]
    files = sorted(int(row[2]) for row in rows)
    assert files[1] - files[0] == 2  # the calendar's .ics and PDF


@pytest.mark.slow
def test_published_benchmark_refuses_the_hostile_project_and_passes_the_ordinary_one() -> None:
    result = subprocess.run(
        [sys.executable, "bench/published.py", "--runs", "1", "--megabytes", "0.5"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    rows = [line.split("|") for line in result.stdout.splitlines() if line.startswith("| shipped")]
    assert [int(row[3]) > 0 for row in rows] == [False, False, True], result.stdout
