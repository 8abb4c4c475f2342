"""Byte-identical builds, dated from git: the README's promise, tested as a second machine sees it.

A small project is committed twice to a fixture git repository (the chapter changes in the
second commit), once at the repository's root and once in a subfolder of it. Two clones are
built from clean, at the same time, in two processes (each with its own hash seed): every
file of both sites, downloads and manifest included, must be the same bytes, and each
page's "last updated" date must be its own source file's last commit, not the build's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import with_site_look, write_project
from pypdf import PdfReader

from generator.model.dates import commit_times, display_date

pytestmark = pytest.mark.slow

#: 2 March 2026 and 4 May 2026, noon UTC: the two commits.
FIRST, SECOND = 1_772_452_800, 1_777_896_000
HANDBOOK = Path(sys.executable).with_name("handbook")
CHAPTER = "content/handbook/basics/welcome.md"
UPDATED = "Last updated <time>{}</time>"


def git(cwd: Path, *args: str, when: int = FIRST) -> None:
    stamp = f"@{when} +0000"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    command = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args]
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module", params=["", "handbook"], ids=["at-the-root", "in-a-subfolder"])
def repository(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> tuple[Path, str]:
    """A repository, and where its project (committed twice) sits inside it."""
    origin = tmp_path_factory.mktemp("origin")
    project = with_site_look(write_project(origin / request.param))
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "First edition")
    chapter = project / CHAPTER
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA second paragraph.\n")
    git(origin, "commit", "-q", "-am", "A second paragraph", when=SECOND)
    return origin, request.param


def published(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_two_clean_clones_built_apart_give_the_same_bytes_dated_by_their_commits(
    repository: tuple[Path, str], tmp_path: Path
) -> None:
    origin, inside = repository
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    projects = []
    for name in ("one", "two"):
        subprocess.run(["git", "clone", "-q", origin, tmp_path / name], check=True)
        projects.append(tmp_path / name / inside)
    running = [
        subprocess.Popen([HANDBOOK, "build", "--strict"], cwd=p, env=env, stderr=subprocess.PIPE)
        for p in projects
    ]
    for process in running:
        _, errors = process.communicate(timeout=600)
        assert process.returncode == 0, errors.decode()

    one, two = (published(p / "site") for p in projects)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    assert "downloads/manifest.json" in one
    assert "downloads/handbook/test-partnership.pdf" in one

    chapter = one["handbook/basics/welcome/index.html"].decode()
    assert UPDATED.format(display_date(SECOND)) in chapter
    for page in ("training/intro/index.html", "frameworks/tiny/index.html"):
        assert UPDATED.format(display_date(FIRST)) in one[page].decode(), page
    # Downloads carry the newest commit's day.
    pdf = PdfReader(projects[0] / "site/downloads/handbook/test-partnership.pdf")
    assert pdf.metadata is not None and pdf.metadata.creation_date is not None
    created = pdf.metadata.creation_date.astimezone(UTC).date()
    assert created == datetime.fromtimestamp(SECOND, tz=UTC).date()


def test_commit_times_name_files_as_the_project_does(repository: tuple[Path, str]) -> None:
    origin, inside = repository
    times = commit_times(origin / inside)
    assert times[CHAPTER] == SECOND
    assert times["content/modules/intro.yml"] == FIRST
    assert times["frameworks/tiny.yml"] == FIRST
    assert all(not path.startswith(inside or "/") for path in times)
