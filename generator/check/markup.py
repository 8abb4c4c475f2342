"""The content policy for Markdown: what an editor's text may contain, read as it is published.

Two programs read the same Markdown: Python-Markdown (with the site's extensions) for the
site, pandoc for the PDF and Word downloads. A check that reads Markdown a third way checks
something else. So the policy is in two layers:

1. Source rules strict enough that both readers agree: no `<` that could open a tag, no
   attribute lists beyond `{#id}`, no character references that could spell a URL scheme, no
   script addresses, no file includes. Each rule is a linear scan with an exact position.
2. The text is then rendered by Python-Markdown with the extensions of the site's own
   mkdocs.yml, and the HTML it produces is checked against the elements and attributes that
   Markdown syntax makes. What slips past layer 1 is caught there.

Limits (generator/load/limits.py) are checked first, so no text reaches a parser that would be slow.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.check import facts
from generator.check.published import REFERENCE, PublishedText, published_text
from generator.check.reader import MarkdownReader, Unsafe
from generator.check.schemas import rules_at
from generator.codes import CODES
from generator.errors import Diagnostic
from generator.load import characters, limits
from generator.load.positions import dotted, leaves
from generator.load.sources import SourceDocument

HTML_HINT = "raw HTML is not published; use Markdown instead (see docs/security.md)"


@dataclass(frozen=True)
class _Rule:
    """One source rule: a pattern, what to say when it matches, and how to fix it."""

    pattern: re.Pattern[str]
    message: str
    hint: str
    code: str


_ID = r"#[a-z0-9]+(?:-[a-z0-9]+)*"
#: A heading's anchor, `{#id}` or `{: #id }`, the one attribute list content may write.
_ANCHOR = re.compile(rf"\{{\s*:?\s*{_ID}\s*\}}")
#: A heading line up to its anchor (in a quote, a list or an admonition, so indented).
_HEADING_LINE = re.compile(r"[ \t>]*#{1,6}[ \t]")
#: Each pattern opens with a character, not an assertion, so the regular expression engine
#: skips ahead to where that character stands instead of trying every position.
RULES = (
    _Rule(
        re.compile(r"<[A-Za-z!?/]"),
        "raw HTML is not allowed: {shown}",
        HTML_HINT,
        "markup.raw-html",
    ),
    _Rule(
        # Every attribute list, however it is spread over lines; _rules lets one pass only
        # where it is documented: a heading's anchor at the end of its line.
        re.compile(r"\{(?<!\\\{)[^{}]{0,2000}\}"),
        "attribute list '{shown}' is not allowed",
        "only an anchor such as {#my-heading}, at the end of a heading's line, is published; "
        "other attributes (events, styles, classes, raw output) are not",
        "markup.attribute-list",
    ),
    _Rule(
        re.compile(r"[jvlJVL](?<=\b[jvlJVL])(?i:ava|b|ive)\s*(?i:script)\s*:"),
        "a 'script:' address is not allowed: {shown}",
        "link to a web page (https://...) or another page of the handbook",
        "markup.script-address",
    ),
    _Rule(
        re.compile(r"(?i)(?:\]\(\s*<?|\]:\s*<?)\s*(?:data|file|blob)\s*:"),
        "a link to a '{shown}' address is not allowed",
        "link to a web page (https://...) or another page of the handbook",
        "markup.data-address",
    ),
    _Rule(
        re.compile(
            r"&(?:#[0-9]+;?|#[xX][0-9A-Fa-f]+;?|(?!(?:amp|lt|gt|nbsp);)[A-Za-z][A-Za-z0-9]*;)"
        ),
        "character reference '{shown}' is not allowed",
        "type the character itself; only &amp; &lt; &gt; and &nbsp; may be written this way",
        "markup.character-reference",
    ),
    _Rule(
        re.compile(r"-(?<!--)-*8<-+"),
        "file includes ('{shown}') are not allowed in content",
        "copy the text in instead",
        "markup.include",
    ),
)


def check_markup(
    doc: SourceDocument,
    reader: MarkdownReader,
    known: Mapping[str, str],
    lines: facts.FactLines | None = None,
) -> list[Diagnostic]:
    """Every breach of the content policy in a document's Markdown body and prose fields,
    read with their facts in place, and every `{{ name }}` that names no fact."""
    context = _Context(doc.rel, known, lines or facts.FactLines())
    found = []
    if doc.body:
        at = _Locator(doc.rel, doc.body, doc.body_line, 1, "")
        found.extend(_unknown_facts(doc.body, at, known))
        found.extend(check_text(context, doc.body, doc.body_line, 1, "", reader))
    for path, value in leaves(doc.data):
        if not isinstance(value, str):
            continue
        where = doc.marks.value(path)
        block = "\n" in value
        line, column = where.line + (1 if block else 0), 1 if block else where.column
        at = _Locator(doc.rel, value, line, column, dotted(path))
        found.extend(_unknown_facts(value, at, known))
        if not _has_own_rule(rules_at(doc.schema, path)):
            found.extend(check_text(context, value, line, column, dotted(path), reader))
        else:
            found.extend(_published_length(context, value, at))
    return found


@dataclass(frozen=True)
class _Context:
    """What every text of one document is read with: its file and the programme's facts."""

    rel: str
    known: Mapping[str, str]
    lines: facts.FactLines


def _unknown_facts(text: str, at: _Locator, known: Mapping[str, str]) -> list[Diagnostic]:
    if "{{" not in text or all(not name or name in known for name in REFERENCE.findall(text)):
        return []  # the common case, read without a Python object per reference
    return [
        at.offset(
            ref.offset,
            f"unknown fact '{ref.name}'",
            facts.unknown_hint(ref.name, known),
            code="fact.unknown",
        )
        for ref in facts.references(text)
        if ref.name not in known
    ]


def _has_own_rule(rules: dict[str, Any]) -> bool:
    """Plain text, ids, references and vocabulary values are checked by their schema rules."""
    own = ("check_with", "form", "regex", "allowed")
    return any(key in rules for key in own) or "vocabulary" in rules.get("meta", {})


def _published_length(context: _Context, text: str, at: _Locator) -> list[Diagnostic]:
    """A text that facts would make longer than any text may be, refused before it is built."""
    published = published_text(text, context.known, limit=limits.MAX_TEXT_CHARS)
    return _overflow(context, published, at)


def _overflow(context: _Context, published: PublishedText, at: _Locator) -> list[Diagnostic]:
    over = published.overflow
    if over is None:
        return []
    message = (
        f"once its facts are in place the text is longer than {over.limit:,} characters, "
        f"the limit: {context.lines.describe(over.fact)} takes it over here"
    )
    hint = "use the fact fewer times, or split the text"
    return [at.offset(over.source, message, hint, "limit.published-length")]


def check_text(
    context: _Context,
    text: str,
    first_line: int,
    first_column: int,
    field: str,
    reader: MarkdownReader,
) -> list[Diagnostic]:
    """Policy breaches in one Markdown text that starts at (first_line, first_column), read
    as it is published: with its facts in place, each problem reported where it was written."""
    source = _Locator(context.rel, text, first_line, first_column, field)
    too_long = limits.text_length(text)
    if too_long is not None:  # refused as written: no need to put its facts in place
        breached = source.line(too_long.line, too_long.column, *_said(too_long))
        return [*_characters(text, source), breached]
    published = published_text(text, context.known, limit=limits.MAX_TEXT_CHARS, blank_unknown=True)
    if published.overflow is not None:
        return _overflow(context, published, source)
    at = _PublishedLocator(source, published, context.lines)
    text = published.text
    refused = _characters(text, at)
    breach = limits.markdown_breach(text) or _long_line(published)
    if breach is not None:
        offset = published.offset_of(breach.line, breach.column)
        return [*refused, at.offset(offset, breach.message, breach.hint, breach.code)]
    refused.extend(_rules(text, at))
    if refused and any(d.severity == "error" for d in refused):
        return refused
    return refused + _rendered(text, at, reader)


def _said(breach: limits.Breach) -> tuple[str, str, str]:
    return breach.message, breach.hint, breach.code


def _long_line(published: PublishedText) -> limits.Breach | None:
    """A line that facts made longer than a line may be (the source's own lines are checked
    when the file is read)."""
    if not published.changed:
        return None
    found = limits.long_lines(published.text)
    return found[0] if found else None


def _characters(text: str, at: _Placing) -> list[Diagnostic]:
    found = []
    control = characters.control(text)
    if control is not None:
        found.append(at.offset(control.offset, control.message, control.hint, control.code))
    hidden = characters.invisible(text)
    if hidden is not None:
        char = characters.name_of(text[hidden.offset])
        message = f"invisible character {char} changes how the text reads without being seen"
        hint = "delete it, unless the word is spelt with it"
        found.append(at.offset(hidden.offset, message, hint, "markup.invisible-character"))
    return found


def _rules(text: str, at: _Placing) -> list[Diagnostic]:
    found = []
    shown_as_code = code_mask(text)
    anchors: dict[str, int] = {}
    for rule in RULES:
        lines_seen: set[int] = set()
        for match in rule.pattern.finditer(shown_as_code):
            if rule.code == "markup.attribute-list" and _heading_anchor(shown_as_code, match):
                found.extend(_repeated_anchor(text, match, anchors, at))
                continue
            line = shown_as_code.count("\n", 0, match.start())
            if line in lines_seen:
                continue
            lines_seen.add(line)
            message = rule.message.format(shown=_shown(text, match))
            found.append(at.offset(match.start(), message, rule.hint, rule.code, match.end()))
    return found


def _repeated_anchor(
    text: str, match: re.Match[str], anchors: dict[str, int], at: _Placing
) -> list[Diagnostic]:
    """A heading anchor already given to an earlier heading of the same text: the page would
    hold one id twice, and a link to it would go to the first."""
    anchor = match.group().strip("{}: \t").lstrip("#")
    if anchor not in anchors:
        anchors[anchor] = match.start()
        return []
    hint, code = "give each heading its own anchor", "markup.duplicate-anchor"
    first = at.offset(anchors[anchor], "", hint, code).line
    message = f"anchor '#{anchor}' is already given to the heading on line {first}"
    return [at.offset(match.start(), message, hint, code, match.end())]


def _heading_anchor(text: str, match: re.Match[str]) -> bool:
    """True for `{#id}` at the very end of a heading's line, the only place it is allowed."""
    if not _ANCHOR.fullmatch(match.group()):
        return False
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    rest = text[match.end() : len(text) if line_end < 0 else line_end]
    return not rest.strip() and _HEADING_LINE.match(text, line_start) is not None


def _shown(text: str, match: re.Match[str]) -> str:
    """The matched text as an editor will recognise it: a whole tag, up to 40 characters."""
    end = match.end()
    if text[match.start()] == "<":
        close = text.find(">", end, end + 200)
        end = close + 1 if close >= 0 else end
    return text[match.start() : end].strip().split("\n")[0][:40]


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TICKS = re.compile(r"`+")


def code_mask(text: str) -> str:
    """`text` with what is shown as code (fenced blocks, code spans) blanked out.

    Offsets stay as they were, so a rule's match is still at its place in the source. The
    rendered check (layer 2) stands behind this, should Python-Markdown see code elsewhere.
    """
    lines = text.split("\n")
    fence = ""
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence or opening:
            if fence and opening and opening.group(1).startswith(fence):
                fence = ""
            elif not fence and opening:
                fence = opening.group(1)[:3]
                # pandoc reads attributes in a fence's info string: it is not code.
                lines[number] = " " * opening.end() + line[opening.end() :]
                continue
            lines[number] = " " * len(line)
        else:
            lines[number] = _mask_spans(line)
    return "\n".join(lines)


def _mask_spans(line: str) -> str:
    """A line with the inside of each code span blanked: runs of backticks pair by length."""
    if "`" not in line:
        return line
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(line)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    chars, closed = list(line), -1
    for index, (start, end) in enumerate(runs):
        if index <= closed:
            continue
        same = by_length[end - start]
        later = bisect.bisect_right(same, index)
        if later < len(same):
            closing = same[later]
            chars[end : runs[closing][0]] = " " * (runs[closing][0] - end)
            closed = closing
    return "".join(chars)


def _rendered(text: str, at: _Placing, reader: MarkdownReader) -> list[Diagnostic]:
    """What Python-Markdown makes of the text, checked element by element."""
    found = []
    for unsafe in reader.unsafe(text):
        message = f"renders as {unsafe.what}"
        found.append(at.offset(_find(text, unsafe), message, HTML_HINT, "markup.rendered-html"))
    return found


def _find(text: str, unsafe: Unsafe) -> int:
    for needle in unsafe.needles:
        index = text.find(needle)
        if index >= 0:
            return index
    return 0


class _Locator:
    """Turns offsets in a text into diagnostics at file positions."""

    def __init__(self, rel: str, text: str, line: int, column: int, field: str) -> None:
        self.rel, self.text, self.first_line, self.first_column = rel, text, line, column
        self.field = field

    def offset(self, offset: int, message: str, hint: str, code: str, end: int = -1) -> Diagnostic:
        before = self.text[:offset]
        line = before.count("\n")
        column = offset - (before.rfind("\n") + 1) + 1
        return self.line(line, column, message, hint, code)

    def line(self, line: int, column: int, message: str, hint: str, code: str) -> Diagnostic:
        column = column + (self.first_column - 1 if line == 0 else 0)
        return Diagnostic(
            self.rel,
            self.first_line + line,
            column,
            message,
            self.field,
            hint,
            CODES[code].severity,
            code=code,
        )


class _PublishedLocator:
    """Turns offsets in published text into diagnostics at the source positions that wrote
    them; a problem inside a fact's text also names the fact and its line."""

    def __init__(self, source: _Locator, published: PublishedText, lines: facts.FactLines) -> None:
        self.source, self.published, self.lines = source, published, lines

    def offset(self, offset: int, message: str, hint: str, code: str, end: int = -1) -> Diagnostic:
        """A diagnostic for the published text from `offset` (to `end`, when given): at the
        source position, naming each fact whose text is part of what was found."""
        origin = self.published.origin(offset)
        named = self.published.facts_within(offset, max(end, offset + 1))
        if named:
            message = f"{message} (from {', '.join(map(self.lines.describe, named))})"
        return self.source.offset(origin.source, message, hint, code)


#: What turns an offset of a checked text into a diagnostic.
_Placing = _Locator | _PublishedLocator
