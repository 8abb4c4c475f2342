"""The policy of tests/attacks/published.py: each attack refused at its file and line, with
its limit, before anything is built.

Facts are put in place before any check reads a text, so a placeholder can no longer carry
what the text itself may not; a problem a fact causes names the fact and its own line.
"""

from __future__ import annotations

import struct
import subprocess
import textwrap
import zlib
from pathlib import Path

import pytest
from attacks.published import (
    CHAPTER,
    FACT_ATTACKS,
    FACT_VALUES,
    PNG_EIGHT_BIT_RGB,
    PNG_SIXTEEN_BIT_RGBA,
    PROGRAMME,
    SHEET_WORDING,
    TRACKED_OUTPUTS,
    FactAttack,
)
from conftest import FILES, write_project

from generator.check.published import published_text
from generator.cli.project import check

FACT_LINE = f"{PROGRAMME}:37"
HEADING_ONLY = "only an anchor such as {#my-heading}, at the end of a heading's line"

EXPECTED_FACT_ATTACKS = {
    "fact after a picture": [
        f"{CHAPTER}:15:1: error: body: image 'x.png' is not in content/images/ [picture.outside-images]",
        f"{CHAPTER}:15:18: error: attribute list '{{#chart}}' is not allowed (from fact 'a' ({FACT_LINE})) [markup.attribute-list]",
    ],
    "fact after a link": [
        f"{CHAPTER}:15:28: error: attribute list '{{#read}}' is not allowed (from fact 'b' ({FACT_LINE})) [markup.attribute-list]"
    ],
    "fact opening a fenced div": [
        f"{CHAPTER}:15:5: error: attribute list '{{#box}}' is not allowed (from fact 'd' ({FACT_LINE})) [markup.attribute-list]"
    ],
    "fact in a code fence's attributes": [
        f"{CHAPTER}:15:5: error: attribute list '{{#box}}' is not allowed (from fact 'd' ({FACT_LINE})) [markup.attribute-list]"
    ],
    "anchor in the middle of a heading": [
        f"{CHAPTER}:15:9: error: attribute list '{{#next}}' is not allowed [markup.attribute-list]"
    ],
    "fact after a code span": [
        f"{CHAPTER}:15:7: error: attribute list '{{#code}}' is not allowed (from fact 'e' ({FACT_LINE})) [markup.attribute-list]"
    ],
    "fact as a picture's address": [
        f"{CHAPTER}:15:1: error: body: image 'https://beacon.invalid/p.png' is not in this repository; remote pictures are not allowed [picture.remote]"
    ],
    "one anchor given twice": [
        f"{CHAPTER}:17:6: error: anchor '#next' is already given to the heading on line 15 (from fact 'f' ({FACT_LINE})) [markup.duplicate-anchor]"
    ],
    "fact a thousand times": [
        f"{CHAPTER}:36:111: error: once its facts are in place the text is longer than 200,000 characters, the limit: fact 'long' ({FACT_LINE}) takes it over here [limit.published-length]"
    ],
}

EXPECTED_FACT_VALUES = {
    "attribute syntax": "'srcset=' is attribute syntax, which a fact cannot hold [fact.markup]",
    "typst attribute": "'typst:text:fill=' is attribute syntax, which a fact cannot hold [fact.markup]",
    "a heading": "a fact may not start with '##': it would start a heading, list or block [fact.markup]",
    "a quote": "'>' is markup, which a fact cannot hold [fact.markup]",
    "a list item": "a fact may not start with '-': it would start a heading, list or block [fact.markup]",
    "an admonition": "a fact may not start with '!!!': it would start a heading, list or block [fact.markup]",
    "braces": "'{' is markup, which a fact cannot hold [fact.markup]",
    "a tag": "'<' is markup, which a fact cannot hold [fact.markup]",
    "a line break": "a line break is markup, which a fact cannot hold [fact.markup]",
    "too long": "fact is 501 characters long; the limit is 500 [limit.fact-length]",
}

EXPECTED_SHEETS = {
    "reserved": "37:12: error: wording.summary: Excel keeps this sheet name for itself: 'History' [settings.sheet-name]",
    "reserved in capitals": "37:12: error: wording.summary: Excel keeps this sheet name for itself: 'HISTORY' [settings.sheet-name]",
    "too long": "37:10: error: wording.scale: a sheet name is at most 31 characters; this one has 43: 'A rating scale with a very long name indeed' [settings.sheet-name]",
    "a bracket": "37:10: error: wording.scale: '[' is not allowed in plain text [text.markup-character]",
    "a slash": "37:12: error: wording.summary: a sheet name cannot hold '/' (nor any of [ ] : * ? / \\): 'Summary/counts' [settings.sheet-name]",
    "an apostrophe first": "37:10: error: wording.scale: a sheet name cannot start or end with an apostrophe: ''Scale' [settings.sheet-name]",
    "twice the same": "37:12: error: wording.summary: 'scale' is also the name of the `scale` sheet: two sheets of one workbook cannot share a name (ignoring case) [settings.duplicate-sheet-name]",
}


def project(
    tmp_path: Path, body: str = "", facts: dict[str, str] | None = None, extra: str = ""
) -> Path:
    """The tiny project with `body` added to its chapter and `facts` (and `extra`) to its
    programme.yml, whose first added line is line 37."""
    programme = textwrap.dedent(FILES[PROGRAMME])
    if facts:
        programme += "facts:\n" + "".join(f"  {k}: {v}\n" for k, v in facts.items())
    files = {PROGRAMME: programme + extra}
    if body:
        files[CHAPTER] = textwrap.dedent(FILES[CHAPTER]) + "\n" + body + "\n"
    return write_project(tmp_path / "p", files)


def first_lines(root: Path) -> list[str]:
    return [d.format_text().splitlines()[0] for d in check(root)[1]]


@pytest.mark.parametrize("attack", FACT_ATTACKS, ids=lambda a: a.name)
def test_fact_attack_is_refused_where_the_text_uses_the_fact(
    tmp_path: Path, attack: FactAttack
) -> None:
    assert (
        first_lines(project(tmp_path, attack.body, attack.facts))
        == (EXPECTED_FACT_ATTACKS[attack.name])
    )


@pytest.mark.parametrize("name", FACT_VALUES)
def test_fact_attack_value_is_refused_where_the_fact_is_stated(tmp_path: Path, name: str) -> None:
    assert first_lines(project(tmp_path, facts={"f": FACT_VALUES[name]})) == [
        f"{FACT_LINE}:6: error: facts.f: {EXPECTED_FACT_VALUES[name]}"
    ]


def test_a_heading_keeps_its_anchor_at_the_end_of_its_line(tmp_path: Path) -> None:
    body = "## Next steps {#next-steps}\n\n> ### Quoted {: #quoted }\n\n## Team {#{{ t }}}"
    assert first_lines(project(tmp_path, body, {"t": "team"})) == []


def test_the_attribute_list_hint_says_where_an_anchor_may_stand(tmp_path: Path) -> None:
    (diagnostic,) = check(project(tmp_path, "Text {#here}"))[1]
    assert HEADING_ONLY in diagnostic.hint


def test_escaped_braces_and_facts_read_as_text_stay_allowed(tmp_path: Path) -> None:
    body = "Write \\{{ name }} for a fact; teams of {{ size }} meet."
    assert first_lines(project(tmp_path, body, {"size": "three to seven"})) == []


def test_published_text_maps_every_offset_back_to_the_source_and_the_fact() -> None:
    source = "A {{ n }} and \\{{ x }} end"
    published = published_text(source, {"n": "team of five"})
    assert published.text == "A team of five and \\{\\{ x }} end"
    assert published.origin(0).source == 0
    inside = published.origin(published.text.index("five"))
    assert (inside.source, inside.fact, inside.within) == (2, "n", 8)
    after = published.origin(published.text.index("and"))
    assert source[after.source : after.source + 3] == "and"
    end = published.origin(published.text.index("end"))
    assert source[end.source : end.source + 3] == "end"
    assert published.facts_within(0, len(published.text)) == ["n"]


def test_published_text_is_not_built_past_its_limit() -> None:
    published = published_text("{{ n }} " * 10, {"n": "x" * 100}, limit=500)
    assert published.text == "" and published.overflow is not None
    # The fifth reference takes it over; nothing after it is read.
    assert (published.overflow.limit, published.overflow.source) == (500, 32)


# Pictures: what they cost decoded, and links under content/.


def png_header_only(width: int, height: int, depth: int, colour: int) -> bytes:
    """A PNG whose header declares a size; its pixels are never read by the checks."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def test_picture_budget_refuses_a_picture_of_many_deep_pixels(tmp_path: Path) -> None:
    root = project(tmp_path, "![A photo](../../images/deep.png)")
    (root / "content/images").mkdir(parents=True)
    (root / "content/images/deep.png").write_bytes(png_header_only(*PNG_SIXTEEN_BIT_RGBA))
    assert first_lines(root) == [
        "content/images/deep.png:1:1: error: picture decodes to 128 MB (4,000 × 4,000 pixels, "
        "4 channels of 16 bits); the budget is 64 MB a picture [picture.pixels]"
    ]


def test_picture_budget_refuses_a_text_showing_too_many_pixels(tmp_path: Path) -> None:
    body = "\n\n".join(f"![Photo {n}](../../images/photo-{n}.png)" for n in range(10))
    root = project(tmp_path, body)
    (root / "content/images").mkdir(parents=True)
    for n in range(10):
        (root / f"content/images/photo-{n}.png").write_bytes(png_header_only(*PNG_EIGHT_BIT_RGB))
    assert first_lines(root) == [
        f"{CHAPTER}:33:1: error: body: the pictures this text shows decode to 270 MB or more; "
        "the budget is 256 MB a text [picture.text-pixels]"
    ]


def test_picture_budget_counts_a_picture_shown_twice_once(tmp_path: Path) -> None:
    body = "\n\n".join("![The same photo](../../images/photo.png)" for _ in range(20))
    root = project(tmp_path, body)
    (root / "content/images").mkdir(parents=True)
    (root / "content/images/photo.png").write_bytes(png_header_only(*PNG_EIGHT_BIT_RGB))
    assert first_lines(root) == []


def test_links_in_source_folders_are_refused_and_a_loop_costs_nothing(tmp_path: Path) -> None:
    root = project(tmp_path)
    images = root / "content/images"
    images.mkdir(parents=True)
    (images / "loop").symlink_to(images, target_is_directory=True)
    (images / "nowhere.png").symlink_to(images / "nowhere.png")
    (root / "content/handbook/basics/again.md").symlink_to(root / CHAPTER)
    (images / "host.png").symlink_to("/etc/hostname")
    hint = "copy the file into the repository instead of linking to it"
    found = {d.path: (d.message, d.code, d.hint) for d in check(root)[1]}
    assert found == {
        "content/handbook/basics/again.md": (
            "symbolic links are not allowed in the source folders",
            "file.symlink",
            "move or copy the file here; a link reads differently on each machine and in git",
        ),
        "content/images/host.png": (
            "link points outside the repository",
            "file.outside-link",
            hint,
        ),
        "content/images/loop": (
            "symbolic links are not allowed in the source folders",
            "file.symlink",
            "move or copy the file here; a link reads differently on each machine and in git",
        ),
        "content/images/nowhere.png": (
            "link leads nowhere (it is broken, or goes round in a loop)",
            "file.symlink",
            hint,
        ),
    }


# Folders the build writes.


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


@pytest.mark.parametrize("tracked", TRACKED_OUTPUTS)
def test_tracked_file_in_an_output_folder_fails_validation(tmp_path: Path, tracked: str) -> None:
    root = project(tmp_path)
    git(root, "init", "-q")
    (root / tracked).parent.mkdir(parents=True, exist_ok=True)
    (root / tracked).write_text("{}", encoding="utf-8")
    git(root, "add", "-f", tracked)
    (diagnostic,) = check(root)[1]
    folder = tracked.split("/")[0]
    assert diagnostic.format_text() == (
        f"{tracked}:1:1: error: git tracks this file, but {folder}/ is written by the build: "
        "nothing in it may come from the repository [file.tracked-output]\n"
        f"    hint: untrack it with `git rm --cached -r {folder}/` (the files stay on disk)"
    )


def test_tracked_only_the_empty_placeholder_of_build_docs_is_allowed(tmp_path: Path) -> None:
    root = project(tmp_path)
    git(root, "init", "-q")
    (root / "build/docs").mkdir(parents=True)
    (root / "build/docs/.gitkeep").write_bytes(b"")
    git(root, "add", "-f", "build/docs/.gitkeep")
    assert first_lines(root) == []
    (root / "build/docs/.gitkeep").write_text("not empty", encoding="utf-8")
    git(root, "add", "-f", "build/docs/.gitkeep")
    assert [line.split(": error: ")[0] for line in first_lines(root)] == ["build/docs/.gitkeep:1:1"]


# Sheet names.


@pytest.mark.parametrize("name", SHEET_WORDING)
def test_sheet_name_from_wording_keeps_excels_rules(tmp_path: Path, name: str) -> None:
    key, words = SHEET_WORDING[name]
    root = project(tmp_path, extra=f'wording:\n  {key}: "{words}"\n')
    assert first_lines(root) == [f"{PROGRAMME}:{EXPECTED_SHEETS[name]}"]


def test_a_fact_may_say_equals_between_words(tmp_path: Path) -> None:
    assert first_lines(project(tmp_path, facts={"f": "one day = six sessions"})) == []
