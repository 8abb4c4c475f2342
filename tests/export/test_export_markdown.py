"""MkDocs Markdown to pandoc Markdown, and the Lua filter (typeset.lua), without a full export."""

from __future__ import annotations

import textwrap

import pytest

from generator.errors import ToolError
from generator.export import pandoc
from generator.render.markdown import (
    admonitions_to_divs,
    chapter_markdown,
    shift_headings,
    table_cell,
    table_rule,
)


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def test_admonition_becomes_fenced_div_with_title() -> None:
    source = dedent(
        """
        Before.

        !!! tip "Brief staff the week before"
            Staff who know why visitors are coming talk openly.

            A second paragraph.

        After.
        """
    )
    assert admonitions_to_divs(source) == dedent(
        """
        Before.

        ::: {.tip title="Brief staff the week before"}
        Staff who know why visitors are coming talk openly.

        A second paragraph.
        :::

        After.
        """
    )


def test_admonition_without_title_and_collapsible_block() -> None:
    source = "??? warning\n    Careful.\n"
    assert admonitions_to_divs(source) == "::: {.warning}\nCareful.\n:::\n\n"


def test_nested_admonitions_become_nested_divs() -> None:
    source = dedent(
        """
        !!! note "Outer"
            Outer text.

            !!! danger "Inner"
                Inner text.
        """
    )
    result = admonitions_to_divs(source)
    assert '::: {.note title="Outer"}' in result
    assert '::: {.danger title="Inner"}' in result
    assert result.count(":::\n") == 2


def test_admonition_syntax_inside_code_fence_is_left_alone() -> None:
    source = '```\n!!! note "Not a box"\n    code\n```\n'
    assert admonitions_to_divs(source) == source


def test_title_quotes_and_backslashes_are_escaped() -> None:
    assert admonitions_to_divs('!!! note "A \\ B"\n    x\n').startswith(
        '::: {.note title="A \\\\ B"}'
    )


def test_headings_shift_outside_code_fences_only() -> None:
    source = "## Section\n\n```\n## not a heading\n```\n\n###### Deep\n"
    assert shift_headings(source, 1) == "### Section\n\n```\n## not a heading\n```\n\n###### Deep"


def test_pipe_table_dashes_set_relative_widths_and_cells_escape_bars() -> None:
    dashes = table_rule((1, 4))
    row = f"| {table_cell('Emerging')} | {table_cell('a | b')} |"
    widths = [len(part) for part in dashes.strip("|").split("|")]
    assert widths[1] == 4 * widths[0]
    assert len(dashes) > 72  # pandoc only reads widths from lines wider than its columns
    assert row == "| Emerging | a \\| b |"


def test_filter_renders_admonition_as_typst_box() -> None:
    markup = pandoc.run(
        ["--to=typst"], chapter_markdown('!!! tip "Mixing *strengths*"\n    Body.\n').encode()
    ).decode()
    assert '#admonition(kind: "tip", title: [Mixing #emph[strengths]])[' in markup
    assert "Body." in markup


def test_filter_gives_empty_table_cells_room_to_write() -> None:
    markup = pandoc.run(["--to=typst"], b"| Item | Notes |\n| --- | --- |\n| Reviewer | |\n")
    assert b"[#v(9mm)]" in markup


def test_pandoc_failure_carries_command_and_stderr() -> None:
    with pytest.raises(ToolError) as caught:
        pandoc.run(["--to=no-such-format"], b"text")
    assert "--to=no-such-format" in caught.value.command
    assert "Unknown output format" in caught.value.output


def test_filter_drops_bullets_from_task_lists_on_paper() -> None:
    source = b"- [ ] first\n- [x] second\n\nThen:\n\n- plain\n"
    markup = pandoc.run(["--to=typst"], source).decode()
    assert "#set list(marker: [])" in markup
    assert markup.count("#set list") == 1  # the plain list keeps its bullets
    scoped = markup[markup.index("#set list") :]
    # The task list's scope closes before the plain list (which may sit in a chapter's end).
    assert "- plain" in scoped and scoped.index("\n]\n") < scoped.index("- plain")
