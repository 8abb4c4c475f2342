"""Partnership editions: laid over the core, checked as published, errors at edition.yml's lines."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.check.editions import CORE_FOLDERS
from generator.cli.editions import check_one, listing, named_edition
from generator.cli.main import main
from generator.errors import UsageError
from generator.load.editions import find_editions
from generator.model.build import build_handbook

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def partnerships(tmp_path: Path) -> Path:
    """The timed-days project with two fictional editions, alder and birch."""
    root = shutil.copytree(FIXTURES / "timed-days", tmp_path / "project")
    shutil.copytree(FIXTURES / "editions" / "editions", root / "editions")
    return root


def _edit(root: Path, edition: str, old: str, new: str) -> None:
    path = root / "editions" / edition / "edition.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_both_editions_are_found_and_listed_with_their_paths(partnerships: Path) -> None:
    assert [e.id for e in find_editions(partnerships)] == ["alder", "birch"]
    assert listing(partnerships) == [
        {"id": "alder", "title": "Alder Valley Partnership", "path": "alder/"},
        {"id": "birch", "title": "Birch Heath Partnership", "path": "birch/"},
    ]


def test_the_editions_command_prints_json_for_a_matrix(
    partnerships: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(partnerships), "editions", "--format", "json"]) == 0
    assert [e["id"] for e in json.loads(capsys.readouterr().out)] == ["alder", "birch"]


def test_an_unknown_edition_is_a_usage_error_naming_those_there_are(partnerships: Path) -> None:
    with pytest.raises(UsageError, match="there are: alder, birch"):
        named_edition(partnerships, "cedar")


def test_each_edition_publishes_its_own_title_dates_venues_schools_and_chapter(
    partnerships: Path,
) -> None:
    models = {}
    for edition in find_editions(partnerships):
        found, problems = check_one(partnerships, edition)
        assert [p for p in problems if p.severity == "error"] == []
        assert found.corpus is not None
        models[edition.id] = build_handbook(found.corpus.documents, found.corpus.kinds)
    alder, birch = models["alder"].programme, models["birch"].programme
    assert (alder.title, birch.title) == ("Alder Valley Partnership", "Birch Heath Partnership")
    assert str(alder.plan("day-1").date) == "2026-10-01"
    assert str(birch.plan("day-1").date) == "2026-10-08"
    assert alder.days[0].venue == "Alder Hub, Oak Road, Alderton"
    assert birch.days[0].venue == "Birch Library, Elm Street, Birchley"
    assert alder.days[1].venue == "Online"  # what an edition does not set is the core's
    assert alder.partnership is not None and birch.partnership is not None
    assert [s.name for s in birch.partnership.schools] == ["Birch Heath Academy"]
    assert alder.partnership.programme == "Test Partnership"
    welcome = {k: next(c for c in m.chapters if c.id == "welcome") for k, m in models.items()}
    assert "Alder valley schools" in welcome["alder"].body
    assert "Alder valley" not in welcome["birch"].body
    assert welcome["alder"].source == "editions/alder/content/handbook/basics/welcome.md"


def test_an_override_of_an_unknown_id_is_refused_at_its_line_with_the_nearest_id(
    partnerships: Path,
) -> None:
    _edit(partnerships, "birch", "id: day-1", "id: day1")
    _, problems = check_one(partnerships, named_edition(partnerships, "birch"))
    [problem] = problems
    assert problem.format_text() == (
        "editions/birch/edition.yml:10:9: error: training_days[0].id: the core has no "
        "training day 'day1' to change [edition.unknown-id]\n    hint: did you mean 'day-1'?"
    )


def test_a_date_in_the_editions_half_term_is_refused_at_edition_yml(partnerships: Path) -> None:
    _edit(partnerships, "alder", "date: 2026-10-01", "date: 2026-10-27")
    _, problems = check_one(partnerships, named_edition(partnerships, "alder"))
    errors = [p for p in problems if p.severity == "error"]
    assert [(p.path, p.line, p.column, p.field, p.code) for p in errors] == [
        ("editions/alder/edition.yml", 14, 11, "training_days[0].date", "year.closure-day")
    ]


def test_a_date_out_of_order_is_refused_and_says_which_edition(partnerships: Path) -> None:
    _edit(partnerships, "birch", "date: 2026-10-08", "date: 2026-11-12")
    _, problems = check_one(partnerships, named_edition(partnerships, "birch"))
    assert "date.order" in {p.code for p in problems}


def test_a_replacement_of_another_kind_is_refused(partnerships: Path) -> None:
    folder = partnerships / "editions" / "birch" / "content" / "resources"
    folder.mkdir(parents=True)
    (folder / "welcome.md").write_text("---\ntitle: Welcome\n---\n\nHello.\n", encoding="utf-8")
    _, problems = check_one(partnerships, named_edition(partnerships, "birch"))
    [problem] = problems
    assert problem.code == "edition.kind-changed"
    assert problem.path == "editions/birch/content/resources/welcome.md"
    assert "content/handbook/basics/welcome.md" in problem.hint


def test_validate_reports_the_core_and_every_edition(
    partnerships: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(partnerships), "validate"]) == 0
    _edit(partnerships, "alder", "lead@alder-valley.example", "the lead")
    assert main(["--root", str(partnerships), "validate"]) == 1
    out = capsys.readouterr().out
    assert "editions/alder/edition.yml:11:12: error: contacts[0].email:" in out


def test_new_edition_writes_a_valid_commented_file(partnerships: Path) -> None:
    assert main(["--root", str(partnerships), "new", "edition", "cedar"]) == 0
    text = (partnerships / "editions" / "cedar" / "edition.yml").read_text(encoding="utf-8")
    assert "personal data" in text and "#   - id: day-1" in text
    _, problems = check_one(partnerships, named_edition(partnerships, "cedar"))
    assert [p for p in problems if p.severity == "error"] == []


def test_the_json_schema_covers_edition_yml(partnerships: Path, tmp_path: Path) -> None:
    assert main(["--root", str(partnerships), "schema", "--out", str(tmp_path / "s")]) == 0
    schema = json.loads((tmp_path / "s" / "edition.schema.json").read_text(encoding="utf-8"))
    assert schema["required"] == ["title"]
    assert {"training_days", "windows", "school_year", "schools", "contacts"} <= set(
        schema["properties"]
    )


def test_an_edition_named_like_a_core_folder_is_refused(
    partnerships: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Published at site/training/, it would overwrite the core's training pages.
    (partnerships / "editions" / "birch").rename(partnerships / "editions" / "training")
    assert main(["--root", str(partnerships), "validate"]) == 1
    assert (
        "editions/training/edition.yml:1:1: error: edition: the edition 'training' would be "
        "published at site/training/, a folder the core site uses [edition.reserved-id]\n"
        "    hint: rename the folder editions/training/ (for example to training-partnership)"
    ) in capsys.readouterr().out


def test_every_folder_a_built_site_has_is_a_name_no_edition_may_take(
    shipped_project: Path,
) -> None:
    folders = {p.name for p in (shipped_project / "site").iterdir() if p.is_dir()}
    assert folders and folders <= CORE_FOLDERS
