"""The model resolves references both ways and computes timings and numbering."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.cli.project import read_handbook


def test_model_numbers_criteria_and_times_sessions(project: Path) -> None:
    handbook, _ = read_handbook(project)
    criterion = handbook.frameworks[0].criteria[0]
    assert criterion.number == "1.1.1"
    assert [level.id for level, _ in criterion.descriptors] == ["low", "high"]
    sessions = handbook.modules[0].sessions
    assert [(s.start, s.minutes) for s in sessions] == [(0, 20), (20, 40)]
    assert sessions[0].handouts[0].title == "The cycle"


def test_references_resolve_both_ways(project: Path) -> None:
    handbook, _ = read_handbook(project)
    assert [m.id for m in handbook.modules_for("tiny/vision-1")] == ["intro"]
    assert [c.id for c in handbook.chapters_for("tiny/vision-1")] == ["welcome"]
    assert handbook.target("tiny/vision").title == "Vision"


def test_model_is_immutable(project: Path) -> None:
    handbook, _ = read_handbook(project)
    with pytest.raises(dataclasses.FrozenInstanceError):
        handbook.chapters[0].title = "Changed"  # type: ignore[misc]
