"""The second round: attacks on what is published rather than what is written (issue 18).

The first round (content.py) put hostile markup in the text itself. These put it where the
checks used to look away: in a fact that a placeholder brings in, in a picture's pixels and
metadata, in a symbolic link, in a file committed under build/, in a sheet name. The policy,
in short:

1. **Every check reads the text as published** (generator/check/published.py): facts are put
   in place first, then the content policy, the limits, the one-reading render and the
   picture rules read the result; a problem inside a fact's text names the fact and its line
   in content/programme.yml. Facts are plain words: no markup, no `{`, no `name=value`, no
   line break, nothing that starts a block, at most 500 characters.
   Tests: tests/test_published_policy.py::test_fact_attack_*.
2. **One attribute list, one place**: `{#id}` at the very end of a heading's line; anywhere
   else (after a link, a picture, a fenced div, a code fence) it is refused. The Lua filter
   behind every PDF, Word and PowerPoint file keeps only an element's id, classes and an
   admonition's title, so `typst:*` and `custom-style` do nothing even if a check missed them.
   Tests: test_published_policy.py::test_fact_attack_*, tests/export/test_published_exports.py.
3. **What a document costs**: a picture may decode to at most 64 MB (width × height ×
   channels × bytes per channel, read from its header), a text's pictures to 256 MB together,
   the handbook's to 512 MB. A symbolic link in a source folder is refused, a loop included.
   Tests: test_published_policy.py::test_picture_budget_*, ::test_links_*.
4. **Pictures are published clean**: no EXIF (GPS, description), XMP, IPTC, comments or PNG
   text in the site, the Word files or the PDFs; a rotated photograph is turned upright first.
   Tests: tests/export/test_published_exports.py::test_pictures_*.
5. **Nothing in build/ or site/ comes from git**: a tracked file there fails validation.
   Tests: test_published_policy.py::test_tracked_*.
6. **Sheet names keep Excel's rules**, and the rating drop-down always lists the Scale sheet.
   Tests: test_published_policy.py::test_sheet_*, test_published_exports.py::test_workbook_*.
7. **A signal stops a build cleanly**: tests/test_interrupt.py.

What still needs a person: whether a fact's words are true, and whether a picture shows
someone who has not agreed to be shown (metadata is removed, faces are not).
"""

from __future__ import annotations

from dataclasses import dataclass, field

CHAPTER = "content/handbook/basics/welcome.md"
PROGRAMME = "content/programme.yml"
BEACON = "https://beacon.invalid/p.png"


@dataclass(frozen=True)
class FactAttack:
    """Text appended to a chapter, and the facts (written into programme.yml) it uses."""

    name: str
    body: str
    facts: dict[str, str] = field(default_factory=dict)


#: A fact that is harmless on its own, in a place that makes it an attribute, a tag or a block.
FACT_ATTACKS = (
    FactAttack("fact after a picture", "![A chart](x.png){#{{ a }}}", {"a": "chart"}),
    FactAttack("fact after a link", "[Read](https://example.org){#{{ b }}}", {"b": "read"}),
    FactAttack("fact opening a fenced div", "::: {#{{ d }}}\nText.\n:::", {"d": "box"}),
    FactAttack("fact in a code fence's attributes", "``` {#{{ d }}}\nx\n```", {"d": "box"}),
    FactAttack("anchor in the middle of a heading", "## Next {#next} steps", {}),
    FactAttack("fact after a code span", "`code`{#{{ e }}}", {"e": "code"}),
    FactAttack("fact as a picture's address", "![A chart]({{ p }})", {"p": BEACON}),
    FactAttack("one anchor given twice", "## A {#{{ f }}}\n\n## B {#{{ f }}}", {"f": "next"}),
    FactAttack("fact a thousand times", ("{{ long }} " * 20 + "\n") * 50, {"long": "one two three four five six seven eight nine tens " * 9}),
)

#: Facts that are not plain words, refused where programme.yml states them.
FACT_VALUES = {
    "attribute syntax": "x srcset=https://beacon.invalid/x.png",
    "typst attribute": "w typst:text:fill=red",
    "a heading": '"## Heading"',
    "a quote": '"> quoted"',
    "a list item": '"- item"',
    "an admonition": '"!!! note"',
    "braces": "'{.hidden}'",
    "a tag": "<b>bold</b>",
    "a line break": '"two\\nlines"',
    "too long": "w" * 501,
}

#: How `{{ name }}` appears in the hypothesis grammar (tests/test_load_fuzz.py): around
#: attribute braces, after links and pictures, at the start of a line, and many times over.
FACT_POSITIONS = (
    "{#{{ f }}}",
    "![alt](x.png){#{{ f }}}",
    "[x](https://example.org){{{ f }}}",
    "::: {{{ f }}}",
    "`x`{={{ f }}}",
    "{{ f }} ",
    "## {{ f }} {#{{ f }}}",
)

#: Pictures whose files are small but whose pixels are many.
PNG_SIXTEEN_BIT_RGBA = (4000, 4000, 16, 6)  # width, height, bit depth, colour type: 128 MB
PNG_EIGHT_BIT_RGB = (3000, 3000, 8, 2)  # 27 MB each: ten in one chapter is 270 MB

#: Sheet names from `wording:` that Excel refuses or repeats.
SHEET_WORDING = {
    "reserved": ("summary", "History"),
    "reserved in capitals": ("summary", "HISTORY"),
    "too long": ("scale", "A rating scale with a very long name indeed"),
    "a bracket": ("scale", "Scale [levels]"),
    "a slash": ("summary", "Summary/counts"),
    "an apostrophe first": ("scale", "'Scale"),
    "twice the same": ("summary", "scale"),
}

#: Files a pull request could force into folders the build writes.
TRACKED_OUTPUTS = (
    "build/cache/checks.json",
    "build/cache/pages.pickle",
    "site/index.html",
)
