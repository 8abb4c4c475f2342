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
import test_content as content_checks
import test_resources as resource_checks
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
NEW_RESOURCE = "editor-added-briefing"
NEW_HANDOUT_TITLE = "A handout the editor renamed"
NEW_CHAPTER = "a-chapter-the-editor-added"


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
    add_a_resource(root, sorted((root / "content/modules").glob("*.yml"))[0])
    rename_a_handout(root / "content")
    assert main(["--root", str(root), "new", "chapter", NEW_CHAPTER]) == 0
    for chapter in (root / "content/handbook").rglob(f"{NEW_CHAPTER}.md"):
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


def add_a_resource(root: Path, module: Path) -> None:
    """A new resource, listed among a module's materials (an unused one is a warning)."""
    audience = yaml.safe_load(module.read_text(encoding="utf-8"))["audience"][0]
    (root / "content/resources" / f"{NEW_RESOURCE}.md").write_text(
        "---\n"
        "title: A briefing the editor added\n"
        "summary: One page for each participant to read before the session.\n"
        f"audience: [{audience}]\n"
        "---\n\n"
        "## Before the session\n\nRead this page and note one question.\n",
        encoding="utf-8",
    )
    lines = module.read_text(encoding="utf-8").splitlines(keepends=True)
    entry = [f"  - resource: {NEW_RESOURCE}\n", "    copies: one per participant\n"]
    if "materials:\n" in lines:
        at = lines.index("materials:\n") + 1
    else:
        at = lines.index("sessions:\n")
        entry = ["materials:\n", *entry]
    lines[at:at] = entry
    module.write_text("".join(lines), encoding="utf-8")


def rename_a_handout(content: Path) -> None:
    """Give the first handout a new title: its `# ` heading, and where modules list it."""
    handout = sorted((content / "handouts").glob("*.md"))[0]
    lines = handout.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if line.startswith("# "))
    old, lines[at] = lines[at][2:].strip(), f"# {NEW_HANDOUT_TITLE}\n"
    handout.write_text("".join(lines), encoding="utf-8")
    for module in (content / "modules").glob("*.yml"):
        text = module.read_text(encoding="utf-8")
        module.write_text(text.replace(f"- title: {old}\n", f"- title: {NEW_HANDOUT_TITLE}\n"))


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
    assert NEW_CHAPTER in {c.id for c in handbook.chapters}
    assert NEW_RESOURCE in {r.id for r in handbook.resources}
    assert handbook.modules_using(NEW_RESOURCE)
    titles = {h.title for m in handbook.modules for s in m.sessions for h in s.handouts}
    assert NEW_HANDOUT_TITLE in titles


def test_the_shipped_content_checks_still_pass_on_the_edited_content(edited: Path) -> None:
    """The checks the suite makes of the shipped content hold for the edited copy too."""
    content_checks.test_shipped_content_validates_clean(edited)
    content_checks.test_the_model_holds_every_shipped_source(edited)
    content_checks.test_every_training_day_and_part_in_the_model_is_one_the_programme_lists(edited)
    resource_checks.test_every_shipped_resource_is_used(edited)


def test_the_build_refreshes_the_schemas_with_the_new_role(edited: Path) -> None:
    changed = refresh_schemas(edited / "schemas", KINDS, programme_vocabularies(edited))
    assert edited / "schemas/module.schema.json" in changed
    assert f'"{NEW_ROLE}"' in (edited / "schemas/module.schema.json").read_text()


def test_the_edited_site_builds_strictly(edited: Path) -> None:
    assert main(["--root", str(edited), "build", "--strict", "--no-downloads"]) == 0
    assert (edited / "site/handbook").is_dir()
    pages = [p.relative_to(edited / "site").as_posix() for p in (edited / "site").rglob("*.html")]
    assert any(NEW_CHAPTER in page for page in pages)
    first = re.escape(NEW_CRITERION)
    assert any(
        re.search(first, p.read_text()) for p in (edited / "site/frameworks").rglob("*.html")
    )
