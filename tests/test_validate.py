"""Every kind of bad input yields a positioned, actionable diagnostic and nothing else."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import FILES, write_project

from generator.cli.project import check


def problems(root: Path) -> list[str]:
    """The first line of each diagnostic for a project."""
    return [d.format_text().splitlines()[0] for d in check(root)[1]]


def hints(root: Path) -> list[str]:
    return [d.hint for d in check(root)[1]]


def with_file(tmp_path: Path, rel: str, text: str) -> Path:
    return write_project(tmp_path / "p", {rel: text})


def replaced(rel: str, old: str, new: str) -> str:
    source = textwrap.dedent(FILES[rel])
    assert old in source, old
    return source.replace(old, new, 1)


def test_tiny_project_is_valid(project: Path) -> None:
    assert problems(project) == []


def test_yaml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    text = replaced("frameworks/tiny.yml", "title: Tiny Framework", "title: Tiny: Framework")
    assert problems(with_file(tmp_path, "frameworks/tiny.yml", text)) == [
        "frameworks/tiny.yml:2:12: error: YAML syntax error: mapping values are not allowed here [yaml.syntax]"
    ]


def test_tab_indentation_is_refused_at_the_tab(tmp_path: Path) -> None:
    text = replaced("content/modules/intro.yml", "  - Explain", "\t- Explain")
    root = with_file(tmp_path, "content/modules/intro.yml", text)
    assert problems(root) == [
        "content/modules/intro.yml:8:1: error: tab character used for indentation [yaml.tab-indent]"
    ]
    assert hints(root) == ["YAML indentation must use spaces; replace the tab with spaces"]


def test_duplicate_key_is_refused_not_silently_overwritten(tmp_path: Path) -> None:
    text = replaced("content/modules/intro.yml", "duration: 60", "duration: 60\ntitle: Again")
    assert problems(with_file(tmp_path, "content/modules/intro.yml", text)) == [
        "content/modules/intro.yml:7:1: error: duplicate key 'title' (first given on line 2) [yaml.duplicate-key]"
    ]


def test_unknown_key_suggests_the_near_miss(tmp_path: Path) -> None:
    text = replaced("content/modules/intro.yml", "summary:", "sumary:")
    root = with_file(tmp_path, "content/modules/intro.yml", text)
    assert problems(root) == [
        "content/modules/intro.yml:1:1: error: summary: required field 'summary' is missing [schema.required-field]",
        "content/modules/intro.yml:3:1: error: sumary: unknown field 'sumary' [schema.unknown-field]",
    ]
    assert "did you mean 'summary'?" in hints(root)


def test_wrong_type_names_the_expected_type(tmp_path: Path) -> None:
    text = replaced("content/modules/intro.yml", "duration: 60", "duration: an hour")
    assert problems(with_file(tmp_path, "content/modules/intro.yml", text)) == [
        "content/modules/intro.yml:6:11: error: duration: must be a whole number, not text 'an hour' [schema.type]"
    ]


def test_missing_required_field_points_at_its_parent(tmp_path: Path) -> None:
    text = replaced(
        "frameworks/tiny.yml", "            statement: Leaders share a clear vision.\n", ""
    )
    assert problems(with_file(tmp_path, "frameworks/tiny.yml", text)) == [
        "frameworks/tiny.yml:33:13: error: domains[0].strands[0].criteria[0].statement: "
        "required field 'statement' is missing [schema.required-field]"
    ]


def test_value_outside_controlled_list_suggests_a_value(tmp_path: Path) -> None:
    text = replaced("content/modules/intro.yml", "activity: discussion", "activity: discusion")
    root = with_file(tmp_path, "content/modules/intro.yml", text)
    assert problems(root) == [
        "content/modules/intro.yml:21:15: error: sessions[1].activity: "
        "unknown activity type 'discusion' [ref.vocabulary]"
    ]
    assert hints(root) == ["did you mean 'discussion'?"]


def test_value_out_of_range(tmp_path: Path) -> None:
    text = replaced("content/modules/intro.yml", "minutes: 40", "minutes: 0")
    assert problems(with_file(tmp_path, "content/modules/intro.yml", text))[0] == (
        "content/modules/intro.yml:20:14: error: sessions[1].minutes: min value is 5 [schema.too-small]"
    )


def test_empty_file(tmp_path: Path) -> None:
    root = with_file(tmp_path, "content/glossary.yml", "# nothing yet\n")
    assert problems(root) == ["content/glossary.yml:1:1: error: file is empty [yaml.empty]"]


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p")
    (root / "content/glossary.yml").write_bytes("terms:\n  - id: caf\xe9\n".encode("latin-1"))
    assert problems(root) == [
        "content/glossary.yml:2:12: error: file is not UTF-8 text (byte 0xe9 cannot be read) [file.encoding]"
    ]


def test_yaml_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
        f"*a{i - 1}, *a{i - 1}]"
        for i in range(1, 10)
    ]
    root = with_file(tmp_path, "content/glossary.yml", "\n".join(lines) + "\n")
    found = problems(root)
    assert len(found) == 1
    assert found[0].startswith("content/glossary.yml:")
    assert "expands to more than 100,000 values" in found[0]


def test_alias_referring_to_itself_is_refused(tmp_path: Path) -> None:
    root = with_file(tmp_path, "content/glossary.yml", "terms: &loop [*loop]\n")
    assert "nests more than 40 levels deep" in problems(root)[0]


def test_handout_path_escaping_the_repository(tmp_path: Path) -> None:
    text = replaced(
        "content/modules/intro.yml", "../handouts/cycle.md", "../../../../etc/passwd.md"
    )
    root = with_file(tmp_path, "content/modules/intro.yml", text)
    assert problems(root) == [
        "content/modules/intro.yml:18:15: error: sessions[0].handouts[0].file: "
        "'../../../../etc/passwd.md' leads outside the repository [ref.file-outside]"
    ]


def test_unknown_file_in_a_source_folder(tmp_path: Path) -> None:
    root = with_file(tmp_path, "content/modules/notes.docx", "draft")
    assert problems(root) == [
        "content/modules/notes.docx:1:1: error: unknown file in a source folder [file.unknown]"
    ]


def test_yaml_suffix_gets_a_rename_hint(tmp_path: Path) -> None:
    root = with_file(tmp_path, "frameworks/other.yaml", "id: other\n")
    assert hints(root) == ["rename it to other.yml"]


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        (
            "content/modules/intro.yml",
            "day: day-1",
            "day: day-9",
            "content/modules/intro.yml:5:6: error: day: unknown training day 'day-9' [ref.unknown]",
        ),
        (
            "content/modules/intro.yml",
            "duration: 60",
            "duration: 70",
            "content/modules/intro.yml:6:11: error: duration: duration is 70 minutes but the "
            "sessions add up to 60 [module.duration]",
        ),
        (
            "content/modules/intro.yml",
            "[tiny/vision-1]",
            "[tiny/vision-9]",
            "content/modules/intro.yml:9:19: error: framework_links[0]: unknown strand or "
            "criterion of tiny 'vision-9' [ref.unknown]",
        ),
        (
            "content/modules/intro.yml",
            "[tiny/vision-1]",
            "[huge/vision-1]",
            "content/modules/intro.yml:9:19: error: framework_links[0]: unknown framework 'huge' [ref.unknown]",
        ),
        (
            "content/modules/intro.yml",
            "objectives:",
            "prerequisites: [outro]\nobjectives:",
            "content/modules/intro.yml:7:17: error: prerequisites[0]: unknown module 'outro' [ref.unknown]",
        ),
        (
            "content/glossary.yml",
            "see_also: [senco]",
            "see_also: [sendco]",
            "content/glossary.yml:6:16: error: terms[0].see_also[0]: unknown glossary term "
            "'sendco' [ref.unknown]",
        ),
        (
            "content/handbook/basics/welcome.md",
            "part: basics",
            "part: basic",
            "content/handbook/basics/welcome.md:3:7: error: part: unknown part 'basic' [ref.unknown]",
        ),
        (
            "content/handbook/basics/welcome.md",
            "modules: [intro]",
            "modules: [intr]",
            "content/handbook/basics/welcome.md:7:13: error: related.modules[0]: unknown module "
            "'intr' [ref.unknown]",
        ),
        (
            "frameworks/tiny.yml",
            "id: tiny",
            "id: small",
            "frameworks/tiny.yml:1:5: error: id: id 'small' does not match the file name [ref.file-name]",
        ),
    ],
)
def test_references_resolve(tmp_path: Path, rel: str, old: str, new: str, expected: str) -> None:
    assert expected in problems(with_file(tmp_path, rel, replaced(rel, old, new)))


def test_every_level_needs_a_descriptor(tmp_path: Path) -> None:
    text = replaced(
        "frameworks/tiny.yml",
        "              high: Every member of staff can describe the vision.\n",
        "              hihg: Most staff agree.\n",
    )
    root = with_file(tmp_path, "frameworks/tiny.yml", text)
    assert problems(root) == [
        "frameworks/tiny.yml:35:13: error: domains[0].strands[0].criteria[0].descriptors: "
        "no descriptor for the level 'high' [framework.missing-descriptor]",
        "frameworks/tiny.yml:37:15: error: domains[0].strands[0].criteria[0].descriptors.hihg: "
        "unknown rating level 'hihg' [ref.unknown]",
    ]


def test_duplicate_ids_name_the_first_use(tmp_path: Path) -> None:
    text = replaced("content/glossary.yml", "id: senco", "id: send")
    found = problems(with_file(tmp_path, "content/glossary.yml", text))
    assert (
        "content/glossary.yml:7:9: error: terms[1].id: duplicate term id 'send' "
        "(first used at content/glossary.yml:2) [ref.duplicate-id]" in found
    )


def test_all_problems_are_reported_in_one_run(tmp_path: Path) -> None:
    module = replaced("content/modules/intro.yml", "day: day-1", "day: day-9")
    chapter = replaced("content/handbook/basics/welcome.md", "part: basics", "part: basic")
    root = write_project(
        tmp_path / "p",
        {"content/modules/intro.yml": module, "content/handbook/basics/welcome.md": chapter},
    )
    assert len(problems(root)) == 2


def test_chapter_without_front_matter(tmp_path: Path) -> None:
    root = with_file(tmp_path, "content/handbook/basics/welcome.md", "## Just text\n")
    assert problems(root)[0] == (
        "content/handbook/basics/welcome.md:1:1: error: chapter has no front matter [file.no-front-matter]"
    )


def test_front_matter_positions_count_the_opening_line(tmp_path: Path) -> None:
    text = replaced("content/handbook/basics/welcome.md", "order: 1", "order: first")
    assert problems(with_file(tmp_path, "content/handbook/basics/welcome.md", text)) == [
        "content/handbook/basics/welcome.md:4:8: error: order: must be a whole number, not text 'first' [schema.type]"
    ]


def test_control_character_is_reported_at_its_position(tmp_path: Path) -> None:
    root = with_file(tmp_path, "content/glossary.yml", "terms:\n  - id: a\x07b\n")
    assert problems(root) == [
        "content/glossary.yml:2:10: error: control character U+0007 is not allowed in YAML [text.control-character]"
    ]


def test_archived_version_must_be_retired(tmp_path: Path) -> None:
    archived = textwrap.dedent(FILES["frameworks/tiny.yml"]).replace(
        'version: "1.0"', 'version: "0.9"'
    )
    root = with_file(tmp_path, "frameworks/archive/tiny/0.9.yml", archived)
    assert problems(root) == [
        "frameworks/archive/tiny/0.9.yml:4:9: error: status: an archived version must have the "
        "status 'retired' [framework.archive-status]"
    ]


def test_unchanged_sources_are_not_read_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.load import sources

    # A live preview keeps one parse cache for its session and passes it to every check.
    parsed: sources.ParseCache = {}
    check(project, parsed)
    read: list[str] = []
    original = sources.read_text
    monkeypatch.setattr(
        sources, "read_text", lambda path, rel: (read.append(rel), original(path, rel))[1]
    )
    check(project, parsed)
    assert read == []
    module = project / "content/modules/intro.yml"
    module.write_text(module.read_text().replace("Introductions.", "Names and schools."))
    check(project, parsed)
    assert read == ["content/modules/intro.yml"]
    # Without one, nothing is remembered from an earlier check in this process.
    check(project)
    assert len(read) > 1


def test_single_file_checks_are_remembered_until_the_file_or_its_context_changes(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.check import validate

    module = project / "content/modules/intro.yml"
    module.write_text(module.read_text().replace("minutes: 40", "minutes: 0"))
    first = check(project)[1]
    checked: list[str] = []
    original = validate.check_schema
    monkeypatch.setattr(
        validate,
        "check_schema",
        lambda doc, *rest: (checked.append(doc.rel), original(doc, *rest))[1],
    )
    assert check(project)[1] == first
    assert checked == []
    module.write_text(module.read_text().replace("Introductions.", "Names and schools."))
    assert check(project)[1] == first
    assert checked == ["content/modules/intro.yml"]
    programme = project / "content/programme.yml"
    programme.write_text(programme.read_text() + "facts:\n  size: three\n")
    checked.clear()
    check(project)
    # New facts can change what any text means: every document is checked again.
    assert len(checked) == len([*project.rglob("*.yml"), *project.rglob("*.md")])
