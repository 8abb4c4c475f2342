"""The shipped content, checked only by what holds for any valid content.

It validates clean, and the model holds every source it was read from. Its size, ids and
wording are the editors' to change: nothing here names them or counts them with a number.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.cli.project import read_handbook


def test_shipped_content_validates_clean(shipped_sources: Path) -> None:
    handbook, warnings = read_handbook(shipped_sources, strict=True)
    assert warnings == []


def source_ids(root: Path, pattern: str) -> set[str]:
    """The ids of the sources that match `pattern`, from their file names."""
    return {path.stem for path in root.glob(pattern)}


def test_the_model_holds_every_shipped_source(shipped_sources: Path) -> None:
    handbook, _ = read_handbook(shipped_sources)
    content = shipped_sources / "content"
    assert {f.id for f in handbook.frameworks} == source_ids(shipped_sources, "frameworks/*.yml")
    assert {m.id for m in handbook.modules} == source_ids(content, "modules/*.yml")
    assert {r.id for r in handbook.resources} == source_ids(content, "resources/*.md")
    assert {c.id for c in handbook.chapters} == source_ids(content, "handbook/**/*.md")
    terms = yaml.safe_load((content / "glossary.yml").read_text(encoding="utf-8"))["terms"]
    assert sorted(t.id for t in handbook.glossary) == sorted(t["id"] for t in terms)


def test_every_training_day_and_part_in_the_model_is_one_the_programme_lists(
    shipped_sources: Path,
) -> None:
    handbook, _ = read_handbook(shipped_sources)
    programme = yaml.safe_load((shipped_sources / "content/programme.yml").read_text())
    assert {d.id for d in handbook.programme.days} == {d["id"] for d in programme["training_days"]}
    assert {c.part.id for c in handbook.chapters} <= {p["id"] for p in programme["parts"]}
    assert {m.day.id for m in handbook.modules if m.day} <= {d.id for d in handbook.programme.days}
