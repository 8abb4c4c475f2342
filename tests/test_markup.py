"""The raw-HTML policy: tags and script links are refused, code showing HTML is not."""

from __future__ import annotations

import textwrap
from pathlib import Path

from conftest import FILES, write_project

from generator.project import check

CHAPTER = "content/handbook/basics/welcome.md"


def chapter_problems(tmp_path: Path, extra: str) -> list[str]:
    root = write_project(tmp_path / "p", {CHAPTER: textwrap.dedent(FILES[CHAPTER]) + extra})
    return [d.format_text().splitlines()[0] for d in check(root)[1]]


def test_script_block_is_refused_at_its_line(tmp_path: Path) -> None:
    assert chapter_problems(tmp_path, "\n<script>alert(1)</script>\n") == [
        f"{CHAPTER}:15:1: error: raw HTML is not allowed: <script>alert(1)</script>"
    ]


def test_inline_event_attribute_is_refused(tmp_path: Path) -> None:
    found = chapter_problems(tmp_path, "\nClick <img src=x onerror=alert(1)> here.\n")
    assert found == [
        f"{CHAPTER}:15:7: error: raw HTML is not allowed: <img src=x onerror=alert(1)>"
    ]


def test_javascript_link_is_refused(tmp_path: Path) -> None:
    found = chapter_problems(tmp_path, "\n[Open](javascript:alert(1))\n")
    assert found == [f"{CHAPTER}:15:8: error: link to a 'javascript:' address is not allowed"]


def test_html_inside_code_is_allowed(tmp_path: Path) -> None:
    assert chapter_problems(tmp_path, "\nWrite `<div>` only in code.\n") == []


def test_html_in_a_yaml_text_field_is_refused(tmp_path: Path) -> None:
    module = FILES["content/modules/intro.yml"].replace(
        "facilitator_notes: Keep it short.", "facilitator_notes: <iframe src=x></iframe>"
    )
    root = write_project(tmp_path / "p", {"content/modules/intro.yml": module})
    found = [d.format_text().splitlines()[0] for d in check(root)[1]]
    assert found == [
        "content/modules/intro.yml:15:24: error: sessions[0].facilitator_notes: "
        "raw HTML is not allowed: <iframe src=x></iframe>"
    ]
