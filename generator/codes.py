"""The code of every check: one table, so editors can search for a code, CI can match it,
and a programme can silence a warning by it in content/programme.yml.

A code is `group.name`: the group says which part of validation found the problem (reading
the file, its schema, its text, its pictures, references across files, the timetable, the
calendar), the name which check. Each distinct check has its own code. A code is never
renamed and never given to another check; a check that is removed keeps its code in RETIRED.
docs/source-formats.md lists this table (tests/test_codes.py keeps the two the same).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    """What a check's diagnostics always are (an error or a warning), and what it checks."""

    severity: Severity
    meaning: str


def _error(meaning: str) -> Code:
    return Code("error", meaning)


def _warning(meaning: str) -> Code:
    return Code("warning", meaning)


CODES: dict[str, Code] = {
    # Finding and reading source files.
    "file.missing-programme": _error("content/programme.yml does not exist"),
    "file.unknown": _error("a file in a source folder is not a kind of source"),
    "file.outside-link": _error("a symbolic link leads outside the repository"),
    "file.symlink": _error("a symbolic link in a source folder (refused, never followed)"),
    "file.tracked-output": _error("git tracks a file in a folder the build writes (build/, site/)"),
    "file.name": _error("a file or folder name is not lower-case words joined by hyphens"),
    "file.encoding": _error("a file is not UTF-8 text"),
    "file.no-front-matter": _error("a chapter or resource does not open with front matter"),
    # Size limits, checked before anything is parsed.
    "limit.file-size": _error("a source file is larger than 1,000,000 bytes"),
    "limit.line-length": _error("a line is longer than 10,000 characters"),
    "limit.text-length": _error("a Markdown text is longer than 200,000 characters"),
    "limit.headings": _error("a Markdown text has more than 300 headings"),
    "limit.brackets": _error("too many `[` and `<` in one paragraph or one text"),
    "limit.nesting": _error("lists or quotes nest more than 8 levels deep"),
    "limit.fact-length": _error("a fact is longer than 500 characters"),
    "limit.published-length": _error(
        "a text is longer than 200,000 characters once its facts are in place"
    ),
    "limit.pictures": _error("a text holds more than 200 `![` (picture openings)"),
    "limit.yaml-values": _error("a YAML document expands to more than 100,000 values"),
    "limit.yaml-depth": _error("a YAML document nests more than 40 levels deep"),
    # YAML as written.
    "yaml.syntax": _error("the YAML cannot be parsed"),
    "yaml.tab-indent": _error("a tab character is used for indentation"),
    "yaml.indentation": _error("a key is indented differently from the keys beside it"),
    "yaml.merged-item": _error("a list item's `- ` is indented so far it joins the item above"),
    "yaml.swallowed-key": _warning("a field's key is indented so far it became part of a text"),
    "yaml.empty": _error("a YAML file or front matter holds nothing"),
    "yaml.duplicate-key": _error("a key is given twice in one mapping"),
    "yaml.complex-key": _error("a key is a list or mapping, not plain text"),
    "yaml.unreadable-value": _error("a value cannot be read as YAML says it is written"),
    # Each source against the schema of its kind.
    "schema.unknown-field": _error("a field the kind of source does not have"),
    "schema.required-field": _error("a required field is missing"),
    "schema.null": _error("a field has no value after its colon"),
    "schema.type": _error("a value of the wrong type (text, number, list, mapping, date)"),
    "schema.unquoted-time": _error("a time of day written without quotes, read as a number"),
    "schema.empty": _error("a value that must not be empty is empty"),
    "schema.not-allowed": _error("a value that is not one of the allowed values"),
    "schema.too-small": _error("a number below its least value"),
    "schema.too-large": _error("a number above its greatest value"),
    "schema.too-few": _error("a list with fewer items than it needs"),
    "schema.too-many": _error("a list with more items than it may have"),
    "schema.pattern": _error("a value that does not match its pattern"),
    "schema.invalid": _error("a value that breaks another rule of the schema"),
    # Values that must have a particular form.
    "form.id": _error("an id is not lower-case words joined by hyphens"),
    "form.reference": _error("a reference is not written framework-id/strand-or-criterion-id"),
    "form.time": _error('a time of day is not a 24-hour time such as `"09:15"`'),
    "form.branch": _error("a branch name is not one the site can link to"),
    "form.repository": _error("a repository address is not `https://host/owner/name`"),
    "form.markdown-file": _error("a handout path is not a Markdown file named like an id"),
    "form.web-address": _error("a web address does not start `http://` or `https://`"),
    "form.language": _error("a language tag is not written like `en` or `en-GB`"),
    "form.email": _error("a contact's address is not an email address"),
    "form.wording-key": _error("a wording key is not lower-case words joined by underscores"),
    # Characters in any text, and plain text (titles, labels, names).
    "text.placeholder": _warning("starter text from `handbook new` has not been replaced"),
    "text.control-character": _error("a control character (such as NUL) in the text"),
    "text.invisible-character": _error(
        "an invisible or direction-changing character in plain text"
    ),
    "text.one-line": _error("plain text runs over more than one line or holds a tab"),
    "text.character-reference": _error("plain text holds an HTML character reference"),
    "text.markup-character": _error("plain text holds a character that is markup somewhere"),
    # The content policy for Markdown.
    "markup.raw-html": _error("Markdown holds raw HTML"),
    "markup.attribute-list": _error("an attribute list other than a heading's `{#anchor}`"),
    "markup.script-address": _error("a `javascript:`, `vbscript:` or `livescript:` address"),
    "markup.data-address": _error("a link to a `data:`, `file:` or `blob:` address"),
    "markup.character-reference": _error(
        "a character reference other than `&amp;` `&lt;` `&gt;` `&nbsp;`"
    ),
    "markup.duplicate-anchor": _error("two headings of one text are given the same `{#anchor}`"),
    "markup.include": _error("a file include (`--8<--`)"),
    "markup.rendered-html": _error("the text renders as HTML that Markdown syntax does not make"),
    "markup.invisible-character": _warning("an invisible character in Markdown text"),
    "markup.unclosed-code-block": _error("a fenced code block is never closed"),
    "fact.markup": _error("a fact holds markup, attribute syntax or a line break"),
    "fact.unknown": _error("`{{ name }}` names no fact in content/programme.yml"),
    # Terms and rules said once (the glossary's `avoid:`, house rules, facts' `contradicts:`),
    # and the prose they are said in, read as published.
    "term.avoid": _warning("a word the glossary or a house rule says to avoid"),
    "rule.contradicts": _warning("a phrasing a fact lists under `contradicts:`"),
    "prose.doubled-word": _warning("a word or run of words written twice, a fact's included"),
    "prose.fact-lower-case": _warning("a sentence that starts with a fact written lower case"),
    "prose.unbalanced-bracket": _warning("a bracket not paired within its paragraph"),
    "prose.unbalanced-quote": _warning("a curly quote, “ or ‘, not paired in its paragraph"),
    # Pictures: the files in content/images/ and every place one is shown.
    "picture.kind": _error("a picture file is not PNG or JPEG (SVG included)"),
    "picture.name": _error("a picture's name is not lower-case words joined by hyphens"),
    "picture.file-size": _error("a picture file is larger than 5 MB"),
    "picture.not-a-picture": _error("a picture file is not the kind its name says"),
    "picture.wrong-suffix": _error("a picture file is the other kind from its name's suffix"),
    "picture.damaged": _error("a picture's size cannot be read from the file"),
    "picture.dimensions": _error("a picture is more than 4,000 pixels a side"),
    "picture.pixels": _error("a picture decodes to more than 64 MB (its pixel budget)"),
    "picture.text-pixels": _error("a text's pictures decode to more than 256 MB together"),
    "picture.handbook-pixels": _error("the handbook's pictures decode to more than 512 MB"),
    "picture.no-alt": _error("a picture has no alt text"),
    "picture.alt-is-name": _error("a picture's alt text is its file name"),
    "picture.not-inline": _error("a picture's address is not in brackets after the alt text"),
    "picture.no-address": _error("a picture has no address"),
    "picture.remote": _error("a picture is on another site"),
    "picture.outside-images": _error("a picture is not in content/images/"),
    "picture.missing": _error("a picture file does not exist"),
    "picture.in-field": _error("a picture in a YAML field, where none is shown"),
    "picture.syntax": _error(
        "`![` written so that the site, PDF and Word would read it differently"
    ),
    # References between sources, and checks across the corpus.
    "ref.unknown": _error("a reference to an id, key or level that does not exist"),
    "ref.vocabulary": _error("a value that is not in the programme's vocabulary"),
    "ref.duplicate-id": _error("two things of one kind share an id"),
    "ref.file-name": _error("an id that does not match its file name"),
    "ref.self": _error("a module or term that refers to itself"),
    "ref.file-outside": _error("a file reference that leads outside the repository"),
    "ref.file-folder": _error("a file reference outside the folder such files live in"),
    "ref.file-missing": _error("a file reference to a file that does not exist"),
    "framework.strands-and-criteria": _error("a domain holds both strands and criteria"),
    "framework.empty-domain": _error("a domain holds neither strands nor criteria"),
    "framework.missing-descriptor": _error("a criterion has no descriptor for a level"),
    "framework.change-log": _warning("the newest change log entry is not for this version"),
    "framework.archive-status": _error("an archived framework's status is not `retired`"),
    "framework.archive-folder": _error("an archived framework's id differs from its folder"),
    "framework.archive-version": _error("an archived framework's version differs from its name"),
    "module.duration": _error("a module's duration is not the sum of its sessions"),
    "module.prerequisite-later": _warning("a prerequisite module comes on a later day"),
    "module.prerequisite-cycle": _error("prerequisites go round in a circle"),
    "slide.body": _error("a listed slide other than a section divider has no body"),
    "slide.table": _error("a table slide's body holds no pipe table"),
    "slide.after-table": _error("a table slide's body has text after its table"),
    "slide.picture": _error("a picture slide's body shows no picture"),
    "material.resource-and-item": _error("a material is both a resource and an item"),
    "material.neither": _error("a material is neither a resource nor an item"),
    "material.provided-resource": _error("a resource material says who provides it"),
    "material.duplicate": _error("a module lists the same resource twice"),
    "material.no-provider": _error("an item material does not say who provides it"),
    "resource.unused": _warning("a resource no module lists"),
    # A training day by the clock.
    "timetable.needs-start": _error("a day has times or breaks but no `start`"),
    "timetable.end-and-length": _error("a day gives both `end` and `length`"),
    "timetable.no-end": _error("a day has a `start` but neither `end` nor `length`"),
    "timetable.ends-before-start": _error("a day ends before it starts"),
    "timetable.arrival-after-start": _error("arrival is after the start"),
    "timetable.break-at-and-after": _error("a break gives both `at` and `after`"),
    "timetable.break-unplaced": _error("a break gives neither `at` nor `after`"),
    "timetable.break-inside-session": _error("a break's time falls inside a session"),
    "timetable.break-before-start": _error("a break comes before the day starts"),
    "timetable.break-not-on-day": _error("a break follows a module not on that day"),
    "timetable.break-after-last": _error("a break comes after the last session"),
    "timetable.length-mismatch": _error("the modules and breaks do not fill the day exactly"),
    "timetable.long-stretch": _warning(
        "sessions run longer than `longest_without_break` without a break"
    ),
    # Partnership editions laid over the core.
    "edition.unknown-id": _error("an edition overrides a training day or window the core lacks"),
    "edition.duplicate-id": _error("an edition overrides the same training day or window twice"),
    "edition.kind-changed": _error("an edition's source replaces a core source of another kind"),
    "edition.own-settings": _error("an edition's content/ holds programme.yml"),
    "edition.reserved-id": _error("an edition's folder has the name of a folder of the core site"),
    # Dates and the school year.
    "date.invalid": _error("a date that does not exist or is not written YYYY-MM-DD"),
    "date.time-of-day": _error("a date written with a time of day"),
    "date.edition": _error("the edition does not name a school year, which dates need"),
    "date.outside-year": _error("a date outside the edition's school year"),
    "date.weekend": _warning("a training day on a Saturday or Sunday"),
    "date.order": _error("training days are not in date order"),
    "date.window-order": _error("a window ends before it starts"),
    "date.no-venue": _warning("a dated training day says nowhere where it is held"),
    # The school year (terms, half-terms, INSET days, bank holidays) and the dates that
    # follow from the rules.
    "year.term-dates": _error("terms out of order, a half-term or INSET day outside its term"),
    "year.outside-term": _error("a training day in the holidays between terms"),
    "year.closure-day": _error("a training day on a bank holiday, in half-term or an INSET day"),
    "year.window-outside-term": _warning(
        "a window starts or ends outside term or on a closure day"
    ),
    "rule.step-amount": _error("a step's `before` or `after` is not a number of days or weeks"),
    "rule.step-text": _warning("a fact's text does not state the number its step counts"),
    "rule.step-in-holiday": _warning(
        "a step for a window's earliest or latest visit falls in a holiday"
    ),
    "rule.step-too-late": _warning(
        "a step falls on or after a training day or window that needs it"
    ),
    # The programme's own settings.
    "settings.sheet-name": _error("wording names a spreadsheet sheet in a way Excel refuses"),
    "settings.duplicate-sheet-name": _error("wording gives two sheets of one workbook one name"),
    "settings.silenced-error": _error(
        "`silence_warnings` names an error, which cannot be silenced"
    ),
}

#: Codes of checks that were removed: never given to another check.
RETIRED: frozenset[str] = frozenset()

#: How a code is written: `group.name`, lower-case words joined by hyphens.
CODE_PATTERN = r"[a-z]+\.[a-z]+(-[a-z]+)*"


def markdown_table() -> str:
    """The table of codes for docs/source-formats.md."""
    rows = ["| Code | Severity | What it means |", "| --- | --- | --- |"]
    for code, entry in CODES.items():
        meaning = entry.meaning.replace("|", "\\|")
        rows.append(f"| `{code}` | {entry.severity} | {meaning} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(markdown_table())
