"""Edits that look ordinary in a pull request but try to make the published output unsafe.

Each attack names the tiny test project's file it changes, the text it replaces (or `None`
to append to a chapter's body) and what it writes instead. tests/test_content_policy.py
asserts that every one is refused at its own line and column with a message an editor can
act on, and docs/security.md explains the rules they break.
"""

from __future__ import annotations

from dataclasses import dataclass

CHAPTER = "content/handbook/basics/welcome.md"
MODULE = "content/modules/intro.yml"
GLOSSARY = "content/glossary.yml"
PROGRAMME = "content/programme.yml"
FRAMEWORK = "frameworks/tiny.yml"


@dataclass(frozen=True)
class Attack:
    """One hostile edit: where it goes, what it replaces, and what it writes."""

    name: str
    file: str
    old: str | None
    new: str


ATTACKS = (
    # 1. Two parsers, two readings: forms one Markdown reader sees as text and another as HTML.
    Attack("slash instead of space", CHAPTER, None, "<img/src=x onerror=alert(1)>"),
    Attack("script block", CHAPTER, None, "<script>alert(1)</script>"),
    Attack("comment hiding text", CHAPTER, None, "Safe <!-- hidden --> text."),
    Attack("autolink to a script", CHAPTER, None, "<javascript:alert(1)>"),
    # 2. attr_list: event handlers and styles after a paragraph, a link or an image.
    Attack("handler after a paragraph", CHAPTER, None, 'Text.\n{: onfocus="alert(1)" autofocus }'),
    Attack(
        "handler after a link",
        CHAPTER,
        None,
        "[Read](https://example.org){: onmouseover=alert(1) }",
    ),
    Attack("style covering the page", CHAPTER, None, 'Text.\n{ style="position:fixed;inset:0" }'),
    Attack(
        "handler in a glossary definition",
        GLOSSARY,
        "definition: Needs that call for extra support.",
        "definition: Needs that call for extra support. { onclick=alert(1) }",
    ),
    Attack(
        "handler in facilitator notes",
        MODULE,
        "facilitator_notes: Keep it short.",
        "facilitator_notes: 'Keep it short. {: onmouseover=alert(1) }'",
    ),
    # 3. Theme values that templates print without escaping.
    Attack(
        "tag in the programme title",
        PROGRAMME,
        "title: Test Partnership",
        "title: Test <b>Partnership</b>",
    ),
    Attack(
        "quote leaving an attribute",
        PROGRAMME,
        "licence: CC BY-SA 4.0",
        "licence: 'CC BY-SA 4.0\" onmouseover=\"alert(1)'",
    ),
    Attack("tag in a part title", PROGRAMME, "title: Basics", "title: Basics <img src=x>"),
    Attack(
        "code span in a chapter title",
        CHAPTER,
        "title: Welcome",
        "title: Welcome `<img src=x onerror=alert(1)>`",
    ),
    Attack(
        "character reference in a title",
        FRAMEWORK,
        "title: Vision",
        "title: Vision &#x3C;script&#x3E;",
    ),
    # 4. Strings copied into addresses.
    Attack(
        "branch leaving the edit link",
        PROGRAMME,
        "language: en-GB",
        "language: en-GB\nbranch: 'main\" onclick=\"alert(1)'",
    ),
    Attack(
        "branch climbing the path",
        PROGRAMME,
        "language: en-GB",
        "language: en-GB\nbranch: ../../evil",
    ),
    Attack(
        "repository with a quote",
        PROGRAMME,
        "repository: https://github.com/example/handbook",
        "repository: 'https://example.org/\"onmouseover=x'",
    ),
    # 5. Raw attributes that pandoc would pass to Typst or Word.
    Attack("raw Typst after a code span", CHAPTER, None, "`#rect(fill: red)`{=typst}"),
    Attack(
        "raw Word field in an admonition title",
        CHAPTER,
        None,
        '!!! note "`<w:fldSimple/>`{=openxml}"\n    Text.',
    ),
    Attack("snippet include", CHAPTER, None, '--8<-- "abbreviations.md"'),
    # 9. Control and invisible characters.
    Attack(
        "NUL written as a YAML escape",
        GLOSSARY,
        "definition: The teacher who leads SEND provision.",
        'definition: "The teacher who leads\\0 SEND provision."',
    ),
    Attack(
        "right-to-left override in a title", MODULE, "title: Welcome", 'title: "Wel\\u202Ecome"'
    ),
    Attack("zero-width space in an id", FRAMEWORK, "id: vision-1", 'id: "vision\\u200B-1"'),
    Attack("newline after an id", FRAMEWORK, "id: vision-1", 'id: "vision-1\\n"'),
    Attack(
        "script address through a reference", CHAPTER, None, "[Open][x]\n\n[x]: javascript:alert(1)"
    ),
    Attack(
        "script address spelt with a reference", CHAPTER, None, "[Open](java&#115;cript:alert(1))"
    ),
    Attack(
        "chapter file name leaving the edit link",
        'content/handbook/basics/x" onclick="a.md',
        None,
        "Text.",
    ),
    Attack("part folder with a space", "content/handbook/My Part/welcome-2.md", None, "Text."),
)

#: Invisible characters in prose are reported, not refused: they have honest uses in names.
WARNED = (Attack("zero-width joiner in prose", CHAPTER, None, "Schools\u200d work together."),)
