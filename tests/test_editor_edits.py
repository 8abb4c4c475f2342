"""The edits an editor makes, on a copy of the shipped content: each stays valid and builds.

Nothing here names a shipped id, wording, count or date: the edits are found from the content
itself (the first criterion, a day that can move by a week), so the shipped content can change
freely while these checks keep their meaning.
"""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO

from generator.check.jsonschema import refresh_schemas
from generator.check.placeholders import PLACEHOLDER
from generator.cli.main import main
from generator.cli.project import programme_vocabularies, read_handbook
from generator.kinds.catalogue import KINDS

pytestmark = pytest.mark.slow
NEW_ROLE = "school-business-manager"
NEW_CRITERION = "editor-added-1"


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    """A copy of the shipped project with an editor's everyday edits made to it."""
    root = tmp_path / "handbook"
    for name in ("content", "frameworks", "schemas", "docs"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "theme").symlink_to(REPO / "theme")
    move_a_day_by_a_week(root / "content/programme.yml")
    add_a_role(root / "content/programme.yml")
    reword_and_add_a_criterion(first_framework(root))
    assert main(["--root", str(root), "new", "chapter", "working-with-business-managers"]) == 0
    for chapter in (root / "content/handbook").rglob("working-with-business-managers.md"):
        chapter.write_text(chapter.read_text().replace(f"{PLACEHOLDER} ", ""))
    return root


def first_framework(root: Path) -> Path:
    return sorted((root / "frameworks").glob("*.yml"))[0]


def move_a_day_by_a_week(programme: Path) -> None:
    """Move the first day that has a week to spare before the next one, as an editor would."""
    text = programme.read_text(encoding="utf-8")
    days = yaml.safe_load(text)["training_days"]
    dates = [day.get("date") for day in days]
    for index, when in enumerate(dates[:-1]):
        later = dates[index + 1]
        if isinstance(when, datetime.date) and later and later - when > datetime.timedelta(7):
            moved = when + datetime.timedelta(days=7)
            text = text.replace(f"date: {when.isoformat()}", f"date: {moved.isoformat()}", 1)
            programme.write_text(text, encoding="utf-8")
            return
    pytest.fail("no training day can move by a week")


def add_a_role(programme: Path) -> None:
    """A new entry at the top of vocabularies.roles, indented like the others."""
    lines = programme.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if line.strip() == "roles:") + 1
    indent = " " * (len(lines[at]) - len(lines[at].lstrip()))
    lines[at:at] = [
        f"{indent}- id: {NEW_ROLE}\n",
        f"{indent}  label: School business manager\n",
        f"{indent}  description: Runs the school's finance and premises.\n",
    ]
    programme.write_text("".join(lines), encoding="utf-8")


def reword_and_add_a_criterion(framework: Path) -> None:
    """Reword the first criterion's statement and add a criterion after it."""
    text = framework.read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    lines = text.splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if line.lstrip().startswith("statement: "))
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines[at] = (
        f"{indent}statement: Leaders agree a vision that every member of staff can explain.\n"
    )
    start = next(n for n, line in enumerate(lines) if line.strip() == "criteria:") + 1
    dash = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
    evidence = data["domains"][0]["strands"][0]["criteria"][0]["evidence"][0]
    criterion = [
        f"{dash}- id: {NEW_CRITERION}\n",
        f"{dash}  statement: Leaders check that the vision shapes daily decisions.\n",
        f"{dash}  descriptors:\n",
        *(
            f"{dash}    {level['id']}: What a reviewer sees at this level.\n"
            for level in data["scale"]
        ),
        f"{dash}  evidence: [{evidence}]\n",
        f"{dash}  questions:\n",
        f"{dash}    - How do leaders use the vision when they decide?\n",
    ]
    lines[start:start] = criterion
    framework.write_text("".join(lines), encoding="utf-8")


def test_the_edited_content_validates_strictly(
    edited: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(edited), "validate", "--strict"]) == 0, capsys.readouterr().out


def test_the_edits_show_in_the_model(edited: Path) -> None:
    handbook, _ = read_handbook(edited, strict=True)
    framework = handbook.frameworks[0]
    assert NEW_CRITERION in {c.id for c in framework.criteria}
    assert NEW_ROLE in {t.id for t in handbook.programme.vocabulary("roles").terms}
    assert "working-with-business-managers" in {c.id for c in handbook.chapters}


def test_the_build_refreshes_the_schemas_with_the_new_role(edited: Path) -> None:
    changed = refresh_schemas(edited / "schemas", KINDS, programme_vocabularies(edited))
    assert edited / "schemas/module.schema.json" in changed
    assert f'"{NEW_ROLE}"' in (edited / "schemas/module.schema.json").read_text()


def test_the_edited_site_builds_strictly(edited: Path) -> None:
    assert main(["--root", str(edited), "build", "--strict", "--no-downloads"]) == 0
    assert (edited / "site/handbook").is_dir()
    pages = [p.relative_to(edited / "site").as_posix() for p in (edited / "site").rglob("*.html")]
    assert any("working-with-business-managers" in page for page in pages)
    first = re.escape(NEW_CRITERION)
    assert any(
        re.search(first, p.read_text()) for p in (edited / "site/frameworks").rglob("*.html")
    )
