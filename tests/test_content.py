"""The shipped content is valid and as large as the programme needs."""

from __future__ import annotations

import re
from pathlib import Path

from generator.cli.project import read_handbook


def test_shipped_content_validates_clean(shipped_sources: Path) -> None:
    handbook, warnings = read_handbook(shipped_sources, strict=True)
    assert warnings == []


def test_shipped_content_is_a_full_programme(shipped_sources: Path) -> None:
    handbook, _ = read_handbook(shipped_sources)
    framework = handbook.frameworks[0]
    assert len(framework.domains) >= 4
    assert len(framework.strands) >= 12
    assert len(framework.criteria) >= 36
    assert len(framework.scale) == 4
    assert len(handbook.modules) >= 12
    assert {day.id for day in handbook.programme.days} == {m.day.id for m in handbook.modules}
    assert len(handbook.chapters) >= 10
    assert len({c.part.id for c in handbook.chapters}) >= 3
    words = sum(len(re.findall(r"\w+", c.body)) for c in handbook.chapters)
    assert words >= 8000
    assert len(handbook.glossary) >= 25


def test_every_role_in_the_programme_has_a_module(shipped_sources: Path) -> None:
    handbook, _ = read_handbook(shipped_sources)
    audiences = {role.id for module in handbook.modules for role in module.audience}
    assert {"headteacher", "improvement-champion", "peer-reviewer"} <= audiences
