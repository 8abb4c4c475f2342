"""Every caller of the pipeline (`handbook build`, `handbook serve` through it, the MkDocs
hook, and `handbook diff` reading a framework at a git revision) runs each stage inside the
one build loop, in the phase that names it: a stage called outside `run_phases`, or from the
wrong phase, fails here."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import with_site_look
from mkdocs.config import load_config

from generator.cli import mkdocs_hook, preview, versions
from generator.cli.build import PHASE, BuildOptions, build

#: The entry point of each stage, and the phase that alone may call it.
STAGES = {
    "load_corpus": "load",
    "validate_corpus": "check",
    "build_handbook": "model",
    "export_downloads": "export",
    "kept_downloads": "export",
    "render_pages": "render",
    "write_docs_tree": "site",
    "write_pictures": "site",
    "write_config": "site",
    "build_site": "site",
    "swap_and_retire": "publish",
    # One source read alone (cli/alone.py), as `handbook diff` reads a framework.
    "read_text_source": "load",
    "check_alone": "check",
    "check_schema": "check",
    "check_levels": "check",
    "framework_from": "model",
}


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(stage, phase running) for each stage entry point any caller module calls."""
    found: list[tuple[str, str]] = []

    def traced(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            found.append((name, PHASE.get()))
            return function(*args, **kwargs)

        return call

    callers = [m for n, m in sys.modules.items() if n.startswith("generator.cli.") and m]
    for module in callers:
        for name in STAGES:
            if callable(getattr(module, name, None)):
                monkeypatch.setattr(module, name, traced(name, getattr(module, name)))
    return found


def outside(calls: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(name, phase) for name, phase in calls if STAGES[name] != phase]


def test_a_build_runs_every_stage_in_its_phase(
    site_project: Path, calls: list[tuple[str, str]]
) -> None:
    build(site_project, BuildOptions(downloads=False))
    assert outside(calls) == []
    assert [name for name, _ in calls][:3] == ["load_corpus", "validate_corpus", "build_handbook"]


def test_the_live_preview_builds_through_the_loop(
    site_project: Path, calls: list[tuple[str, str]]
) -> None:
    rebuild = preview.Rebuilder(site_project, BuildOptions(downloads=False))
    rebuild()
    assert not rebuild.failing and outside(calls) == []
    assert "render_pages" in [name for name, _ in calls]


def test_the_mkdocs_hook_runs_the_loop_up_to_the_docs_tree(
    project: Path, calls: list[tuple[str, str]]
) -> None:
    root = with_site_look(project)
    (root / "build" / "docs").mkdir(parents=True)  # MkDocs checks it before the hook runs
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("hooks:\n  - generator/cli/mkdocs_hook.py\n", ""))
    mkdocs_hook.on_config(load_config(str(config)))
    assert outside(calls) == []
    assert {phase for _, phase in calls} == {"load", "check", "model", "export", "render", "site"}
    assert (root / "build" / "docs" / "index.md").is_file()
    assert not (root / "site").exists()  # MkDocs, which called the hook, builds the site


def test_a_framework_at_a_git_revision_is_read_through_the_loop(
    project: Path, calls: list[tuple[str, str]]
) -> None:
    git = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "."], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "first"], cwd=project, check=True)
    pairs = versions.compared_versions(project, "HEAD", None, None)
    assert [(old.id, new.id) for old, new in pairs] == [("tiny", "tiny")]
    assert outside(calls) == []
    assert {phase for _, phase in calls} == {"load", "check", "model"}
    assert [name for name, _ in calls].count("framework_from") == 2
