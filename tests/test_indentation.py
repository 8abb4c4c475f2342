"""Indentation mistakes get a message about indentation, at the line that is out of line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import FILES, write_project

from generator.cli.main import main

MODULE = textwrap.dedent(FILES["content/modules/intro.yml"])
FRAMEWORK = textwrap.dedent(FILES["frameworks/tiny.yml"])


def report(tmp_path: Path, capsys: pytest.CaptureFixture[str], rel: str, text: str) -> list[str]:
    """The lines `handbook validate` prints for the tiny project with one file replaced."""
    root = write_project(tmp_path / "p", {rel: text})
    main(["--root", str(root), "validate"])
    return capsys.readouterr().out.splitlines()


def test_a_key_one_space_too_far_is_said_to_be_out_of_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = MODULE.replace("    minutes: 40", "     minutes: 40")
    assert report(tmp_path, capsys, "content/modules/intro.yml", text) == [
        "content/modules/intro.yml:20:6: error: `minutes:` is indented differently from its "
        "neighbours: 5 spaces, where `title:` on line 19 has 4 [yaml.indentation]",
        "    hint: if `minutes` belongs beside `title`, indent it by 4 spaces; otherwise line it "
        "up with the keys of the mapping it belongs to; if the line is text, put the whole text "
        "in quotes",
    ]


def test_a_key_too_little_indented_is_said_to_be_out_of_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = MODULE.replace("    activity: discussion", "   activity: discussion")
    out = report(tmp_path, capsys, "content/modules/intro.yml", text)
    assert out[0] == (
        "content/modules/intro.yml:21:4: error: `activity:` is indented differently from its "
        "neighbours: 3 spaces, where `minutes:` on line 20 has 4 [yaml.indentation]"
    )
    assert "block end" not in "\n".join(out)


def test_an_over_indented_descriptor_is_reported_at_its_own_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = FRAMEWORK.replace("              high: Every", "               high: Every")
    out = report(tmp_path, capsys, "frameworks/tiny.yml", text)
    assert out[0] == (
        "frameworks/tiny.yml:37:16: error: `high:` is indented differently from its "
        "neighbours: 15 spaces, where `low:` on line 36 has 14 [yaml.indentation]"
    )


def test_a_descriptor_lined_up_with_the_text_above_is_a_swallowed_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = FRAMEWORK.replace(
        "              low: Few staff can describe the vision.\n              high:",
        "              low: >\n                Few staff can describe the vision.\n"
        "                high:",
    )
    assert report(tmp_path, capsys, "frameworks/tiny.yml", text) == [
        "frameworks/tiny.yml:36:20: error: domains[0].strands[0].criteria[0].descriptors.low: no "
        "descriptor for the level 'high': `high:` is indented as far as the text of `low`, so it "
        "is read as part of that text [framework.missing-descriptor]",
        "    hint: indent `high:` like `low:`, not like its text",
    ]


def test_an_over_indented_item_merged_into_the_one_above_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = MODULE.replace(
        "  - Explain the review cycle.\n",
        "  - Explain the review cycle.\n   - Name the three roles.\n",
    )
    assert report(tmp_path, capsys, "content/modules/intro.yml", text) == [
        "content/modules/intro.yml:9:4: error: objectives[0]: the `- ` on line 9 is read as more "
        "text of the value on line 8, not as a new item: it is indented further than the item "
        "above it [yaml.merged-item]",
        "    hint: line the `- ` up with the `- ` of the item above; if the dash belongs to the "
        "text, put the whole text in quotes",
    ]


def test_a_colon_inside_text_still_gets_the_advice_about_quotes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = MODULE.replace("description: Introductions.", "description: One question: why?")
    out = report(tmp_path, capsys, "content/modules/intro.yml", text)
    assert out[1] == "    hint: a value containing ': ' must be put in quotes"


def test_a_field_lined_up_with_a_block_of_text_is_a_swallowed_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = MODULE.replace(
        "    description: Introductions.\n    facilitator_notes: Keep it short.",
        "    description: >\n      Introductions.\n      facilitator_notes: Keep it short.",
    )
    assert report(tmp_path, capsys, "content/modules/intro.yml", text) == [
        "content/modules/intro.yml:16:7: warning: sessions[0].description: `facilitator_notes:` "
        "is read as a line of the text of `description` (line 14), not as a field: it is indented "
        "as far as that text [yaml.swallowed-key]",
        "    hint: indent `facilitator_notes:` like `description:` and the keys beside it, not "
        "like the text",
    ]


def test_a_list_items_dash_out_of_line_is_said_to_be_out_of_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = MODULE.replace("  - title: Discussion", "   - title: Discussion")
    assert report(tmp_path, capsys, "content/modules/intro.yml", text) == [
        "content/modules/intro.yml:19:4: error: this list item's `- ` is indented differently "
        "from the items above it: 3 spaces, where the `- ` on line 11 has 2 [yaml.indentation]",
        "    hint: if it belongs to the same list, indent the `- ` by 2 spaces; otherwise line it "
        "up with the `- ` of the list it belongs to",
    ]
