"""The content policy: every attack in tests/attacks/content.py is refused where it stands.

Each expectation is the exact first line an editor reads, so a change of wording or of
position shows up here. The limits are tested the same way, and a hostile file of 10 MB or
a line of 50,000 `![` must be refused without parsing it (timed in bench/limits.py).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from attacks.content import ATTACKS, CHAPTER, WARNED, Attack
from conftest import FILES, write_project

from generator.cli.project import check
from generator.load import limits

EXPECTED: dict[str, list[str]] = {
    "slash instead of space": [
        "content/handbook/basics/welcome.md:15:1: error: raw HTML is not allowed: <img/src=x onerror=alert(1)> [markup.raw-html]"
    ],
    "script block": [
        "content/handbook/basics/welcome.md:15:1: error: raw HTML is not allowed: <script> [markup.raw-html]"
    ],
    "comment hiding text": [
        "content/handbook/basics/welcome.md:15:6: error: raw HTML is not allowed: <!-- hidden --> [markup.raw-html]"
    ],
    "autolink to a script": [
        "content/handbook/basics/welcome.md:15:1: error: raw HTML is not allowed: <javascript:alert(1)> [markup.raw-html]",
        "content/handbook/basics/welcome.md:15:2: error: a 'script:' address is not allowed: javascript: [markup.script-address]",
    ],
    "handler after a paragraph": [
        "content/handbook/basics/welcome.md:16:1: error: attribute list '{: onfocus=\"alert(1)\" autofocus }' is not allowed [markup.attribute-list]"
    ],
    "handler after a link": [
        "content/handbook/basics/welcome.md:15:28: error: attribute list '{: onmouseover=alert(1) }' is not allowed [markup.attribute-list]"
    ],
    "style covering the page": [
        "content/handbook/basics/welcome.md:16:1: error: attribute list '{ style=\"position:fixed;inset:0\" }' is not allowed [markup.attribute-list]"
    ],
    "handler in a glossary definition": [
        "content/glossary.yml:5:52: error: terms[0].definition: attribute list '{ onclick=alert(1) }' is not allowed [markup.attribute-list]"
    ],
    "handler in facilitator notes": [
        "content/modules/intro.yml:15:39: error: sessions[0].facilitator_notes: attribute list '{: onmouseover=alert(1) }' is not allowed [markup.attribute-list]"
    ],
    "tag in the programme title": [
        "content/programme.yml:1:8: error: title: '<' is not allowed in plain text [text.markup-character]"
    ],
    "quote leaving an attribute": [
        "content/programme.yml:4:10: error: licence: '\"' is not allowed in plain text [text.markup-character]"
    ],
    "tag in a part title": [
        "content/programme.yml:29:12: error: parts[0].title: '<' is not allowed in plain text [text.markup-character]"
    ],
    "code span in a chapter title": [
        "content/handbook/basics/welcome.md:2:8: error: title: '`' is not allowed in plain text [text.markup-character]"
    ],
    "character reference in a title": [
        "frameworks/tiny.yml:30:16: error: domains[0].strands[0].title: '&#' is an HTML character reference, which plain text cannot hold [text.character-reference]"
    ],
    "branch leaving the edit link": [
        "content/programme.yml:7:9: error: branch: 'main\" onclick=\"alert(1)' is not a branch name this site can link to [form.branch]"
    ],
    "branch climbing the path": [
        "content/programme.yml:7:9: error: branch: '../../evil' is not a branch name this site can link to [form.branch]"
    ],
    "repository with a quote": [
        "content/programme.yml:5:13: error: repository: 'https://example.org/\"onmouseover=x' is not the web address of a repository [form.repository]"
    ],
    "raw Typst after a code span": [
        "content/handbook/basics/welcome.md:15:19: error: attribute list '{=typst}' is not allowed [markup.attribute-list]"
    ],
    "raw Word field in an admonition title": [
        "content/handbook/basics/welcome.md:15:27: error: attribute list '{=openxml}' is not allowed [markup.attribute-list]"
    ],
    "snippet include": [
        "content/handbook/basics/welcome.md:15:1: error: file includes ('--8<--') are not allowed in content [markup.include]"
    ],
    "NUL written as a YAML escape": [
        "content/glossary.yml:10:38: error: terms[1].definition: control character U+0000 is not allowed [text.control-character]"
    ],
    "right-to-left override in a title": [
        "content/modules/intro.yml:11:12: error: sessions[0].title: invisible character U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed here [text.invisible-character]"
    ],
    "zero-width space in an id": [
        "frameworks/tiny.yml:33:17: error: domains[0].strands[0].criteria[0].id: 'vision\\u200b-1' is not a valid id [form.id]"
    ],
    "newline after an id": [
        "frameworks/tiny.yml:33:17: error: domains[0].strands[0].criteria[0].id: 'vision-1\\n' is not a valid id [form.id]"
    ],
    "script address through a reference": [
        "content/handbook/basics/welcome.md:17:6: error: a 'script:' address is not allowed: javascript: [markup.script-address]"
    ],
    "script address spelt with a reference": [
        "content/handbook/basics/welcome.md:15:12: error: character reference '&#115;' is not allowed [markup.character-reference]"
    ],
    "chapter file name leaving the edit link": [
        'content/handbook/basics/x" onclick="a.md:1:1: error: file name \'x" onclick="a.md\' is not allowed [file.name]'
    ],
    "part folder with a space": [
        "content/handbook/My Part/welcome-2.md:1:1: error: folder name 'My Part' is not allowed [file.name]"
    ],
    "zero-width joiner in prose": [
        "content/handbook/basics/welcome.md:15:8: warning: invisible character U+200D (ZERO WIDTH JOINER) changes how the text reads without being seen [markup.invisible-character]"
    ],
}


def problems(tmp_path: Path, attack: Attack) -> list[str]:
    base = textwrap.dedent(FILES.get(attack.file, FILES[CHAPTER]))
    if attack.old is None:
        text = base + "\n" + attack.new + "\n"
    else:
        assert attack.old in base, f"{attack.name}: the tiny project has no {attack.old!r}"
        text = base.replace(attack.old, attack.new, 1)
    root = write_project(tmp_path / "p", {attack.file: text})
    return [d.format_text().splitlines()[0] for d in check(root)[1]]


@pytest.mark.parametrize("attack", ATTACKS + WARNED, ids=lambda a: a.name)
def test_attack_is_reported_where_it_stands(tmp_path: Path, attack: Attack) -> None:
    assert problems(tmp_path, attack) == EXPECTED[attack.name]


def test_every_attack_is_an_error_and_every_warning_only_a_warning() -> None:
    assert all(any(": error: " in line for line in EXPECTED[a.name]) for a in ATTACKS)
    assert all(all(": warning: " in line for line in EXPECTED[a.name]) for a in WARNED)


def chapter_with(tmp_path: Path, body: str) -> list[str]:
    text = textwrap.dedent(FILES[CHAPTER]) + body
    root = write_project(tmp_path / "p", {CHAPTER: text})
    return [d.format_text().splitlines()[0] for d in check(root)[1]]


def test_html_shown_as_code_is_allowed(tmp_path: Path) -> None:
    body = "\nWrite `<div>` in code.\n\n```html\n<img src=x onerror=alert(1)>\n```\n"
    assert chapter_with(tmp_path, body) == []


def test_a_heading_may_carry_an_anchor(tmp_path: Path) -> None:
    assert chapter_with(tmp_path, "\n## Next steps {#next-steps}\n") == []


def test_ordinary_prose_with_ampersands_and_colons_is_allowed(tmp_path: Path) -> None:
    body = "\nTeaching & learning: R&D, data: 72% &amp; more.\n"
    assert chapter_with(tmp_path, body) == []


def test_a_line_of_fifty_thousand_image_openers_is_refused_by_its_length(tmp_path: Path) -> None:
    assert chapter_with(tmp_path, "\n" + "![" * 50_000 + "\n") == [
        f"{CHAPTER}:15:10001: error: line is 100,000 characters long; the limit is 10,000 [limit.line-length]"
    ]


def test_a_paragraph_of_brackets_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    assert chapter_with(tmp_path, "\n" + "![" * 4_000 + "\n") == [
        f"{CHAPTER}:15:1: error: body: '![' appears 4000 times; the limit is 200 per text [limit.pictures]",
        f"{CHAPTER}:15:1: error: too many '[' and '<' characters: at most 100 in a paragraph [limit.brackets]",
    ]


def test_a_hundred_thousand_headings_are_refused(tmp_path: Path) -> None:
    assert chapter_with(tmp_path, "\n" + "# h\n" * 100_000) == [
        f"{CHAPTER}:10:1: error: text is 400,036 characters long; the limit is 200,000 [limit.text-length]"
    ]
    assert chapter_with(tmp_path, "\n" + "# h\n" * 1_000) == [
        f"{CHAPTER}:314:1: error: more than 300 headings in one text [limit.headings]"
    ]


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    assert chapter_with(tmp_path, "\n" + "> " * 20 + "deep\n") == [
        f"{CHAPTER}:15:1: error: nested 20 levels deep; the limit is 8 [limit.nesting]"
    ]


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    huge = "terms:\n  - id: x\n    term: X\n    definition: " + "a" * limits.MAX_FILE_BYTES
    root = write_project(tmp_path / "p", {"content/glossary.yml": huge})
    assert [d.format_text().splitlines()[0] for d in check(root)[1]] == [
        "content/glossary.yml:1:1: error: file is 1,000,045 bytes; "
        "a source may hold at most 1,000,000 [limit.file-size]"
    ]
