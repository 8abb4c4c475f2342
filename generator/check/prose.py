"""Prose checks on the text as published: terms, rules restated against a fact, and hygiene.

Every prose text of a source (a Markdown body, every text field, titles and labels included)
is read with its facts in place (generator/check/published.py), and what is shown as code is
left out. Then, each in one pass over the text:

- a variant the glossary or a house rule says to avoid (`term.avoid`), and a phrasing that
  contradicts a fact (`rule.contradicts`); text in double quotes (“...”, "...") or single
  curly quotes (‘...’) is quoted, not said, and is not checked for either;
- a word or a run of up to three words written twice (`prose.doubled-word`), including one
  a fact creates;
- a fact whose text starts lower case used to start a sentence (`prose.fact-lower-case`);
- a bracket or a curly quote, double or single, left open or closed twice in a paragraph
  (`prose.unbalanced-bracket`, `prose.unbalanced-quote`); a ’ that is an apostrophe is told
  from one that closes a quotation by what stands either side (generator/check/marks.py).

A finding inside a fact's own text is reported once, at the fact in content/programme.yml;
one that a fact creates where it is used is reported at the `{{ name }}`, naming the fact.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from itertools import compress
from operator import eq

from generator.check.facts import references
from generator.check.marks import ANY_MARK, PAIRS, first_unpaired
from generator.check.markup import code_mask
from generator.check.published import PublishedText, published_text
from generator.check.rulebook import WORD, Rule, Rulebook
from generator.check.schemas import rules_at
from generator.check.textplace import TextPlace, body_place, value_place
from generator.errors import Diagnostic
from generator.load.positions import FieldPath, leaves
from generator.load.sources import SourceDocument


def check_prose(doc: SourceDocument, known: Mapping[str, str], book: Rulebook) -> list[Diagnostic]:
    """Every term, contradiction and hygiene problem in a document's prose."""
    found: list[Diagnostic] = []
    if doc.kind in KEPT_AS_PUBLISHED:
        return found
    for text, place in prose_texts(doc):
        found.extend(_check_text(text, place, known, book))
    return found


#: Kinds kept unchanged as they were once published (an archived framework version): their
#: wording is history, not something to correct.
KEPT_AS_PUBLISHED = frozenset({"framework-archive"})


def prose_texts(doc: SourceDocument) -> Iterator[tuple[str, LazyPlace]]:
    """Each prose text of a document with where it stands: the body, then every text field."""
    if doc.body:
        yield doc.body, LazyPlace(partial(body_place, doc, doc.body))
    lines = _SourceLines(doc)
    shapes: dict[FieldPath, bool] = {}
    for path, value in leaves(doc.data):
        if not isinstance(value, str) or not value.strip():
            continue
        shape = tuple(part for part in path if not isinstance(part, int))
        if shape not in shapes:
            shapes[shape] = _is_prose(doc, path)
        if shapes[shape]:
            yield value, LazyPlace(partial(lines.place, path, value))


class LazyPlace:
    """A text's place in its file, worked out only when a finding needs it (most texts
    have none, and walking a YAML value beside its source lines is the costly part)."""

    def __init__(self, make: Callable[[], TextPlace]) -> None:
        self.make = make
        self.place: TextPlace | None = None

    def known(self) -> TextPlace:
        """The place, worked out now if it was not before."""
        if self.place is None:
            self.place = self.make()
        return self.place

    def diagnostic(self, offset: int, message: str, hint: str, code: str) -> Diagnostic:
        """A diagnostic at an offset in the text (see TextPlace.diagnostic)."""
        return self.known().diagnostic(offset, message, hint, code)

    def position(self, offset: int) -> tuple[int, int]:
        """The line and column of an offset in the text."""
        return self.known().position(offset)

    @property
    def rel(self) -> str:
        """The file the text is in."""
        return self.known().rel


class _SourceLines:
    """A document's source lines, read once when the first YAML value needs its place."""

    def __init__(self, doc: SourceDocument) -> None:
        self.doc = doc
        self.lines: list[str] | None = None

    def place(self, path: FieldPath, value: str) -> TextPlace:
        if self.lines is None:
            try:
                self.lines = self.doc.path.read_text(encoding="utf-8").split("\n")
            except (OSError, UnicodeDecodeError):
                self.lines = []
        return value_place(self.doc, path, value, self.lines or [])


_NOT_PROSE = ("form", "regex", "allowed")


def _is_prose(doc: SourceDocument, path: FieldPath) -> bool:
    """Ids, references, vocabulary values and the rulebook's own phrases are not prose."""
    rules = rules_at(doc.schema, path)
    if any(key in rules for key in _NOT_PROSE) or "vocabulary" in rules.get("meta", {}):
        return False
    return not any(
        rules_at(doc.schema, path[:depth]).get("meta", {}).get("prose") is False
        for depth in range(1, len(path) + 1)
    )


def _check_text(
    text: str, place: LazyPlace, known: Mapping[str, str], book: Rulebook
) -> Iterator[Diagnostic]:
    published = published_text(text, known)
    shown = code_mask(published.text)
    report = _Reporter(place, published, book)
    words = WORD.findall(shown.lower())
    if book.pattern is not None and book.may_match(words):
        for match in book.pattern.finditer(quote_mask(shown)):
            rule = book.rule_of(match.group())
            if rule is not None:
                yield from report.rule(match, rule)
    for start, end, run in doubled_runs(shown, words):
        yield from report.doubled(start, end, run)
    if "{{" in text:
        yield from _lower_case_facts(text, place, known, book)
    if ANY_MARK.search(shown):
        yield from _unbalanced(shown, report)


class _Reporter:
    """Turns a finding at a published offset into a diagnostic at its source position."""

    def __init__(self, place: LazyPlace, published: PublishedText, book: Rulebook) -> None:
        self.place, self.published, self.book = place, published, book

    def at(self, start: int, end: int, message: str, hint: str, code: str) -> Iterator[Diagnostic]:
        """A diagnostic for a published span, unless the span lies within one fact's text
        (the fact's own line in programme.yml reports it)."""
        if inside_one_fact(self.published, start, end):
            return
        names = self.published.facts_within(start, end)
        if names:
            name = names[-1]
            line = self.book.fact_lines.get(name)
            where = f" (content/programme.yml:{line})" if line else ""
            message = f"{message}, where {{{{ {name} }}}} is put in"
            hint = f"{hint}; the fact '{name}'{where} reads “{_fact_text(self.published, name)}”"
        origin = self.published.origin(start)
        yield self.place.diagnostic(origin.source, message, hint, code)

    def rule(self, match: re.Match[str], rule: Rule) -> Iterator[Diagnostic]:
        said = " ".join(match.group().split())
        if rule.kind == "term":
            if said in (rule.name, rule.name[:1].swapcase() + rule.name[1:]):
                return
            wanted = rule.name
            if said[:1].isupper() and wanted[:1].islower():
                wanted = wanted[:1].upper() + wanted[1:]
            message = f"'{said}' is not the programme's term: write '{wanted}'"
            hint = f"the term is set in {rule.where}; quote it (“{said}”) to mention the word"
            yield from self.at(match.start(), match.end(), message, hint, "term.avoid")
            return
        message = f"'{said}' contradicts the fact '{rule.name}'"
        hint = f"write {{{{ {rule.name} }}}} instead, so the rule is stated once ({rule.where})"
        yield from self.at(match.start(), match.end(), message, hint, "rule.contradicts")

    def doubled(self, start: int, end: int, words: str) -> Iterator[Diagnostic]:
        words = " ".join(words.split())
        if words.lower() in ALLOWED_TWICE or words.isdigit():
            return
        message = f"'{words}' is written twice"
        hint = f"delete one '{words}'"
        yield from self.at(start, end, message, hint, "prose.doubled-word")


def _fact_text(published: PublishedText, name: str) -> str:
    found = next(r for r in published.replacements if r.fact == name)
    return published.text[found.start : found.end]


def inside_one_fact(published: PublishedText, start: int, end: int) -> str:
    """The fact's name when a published span lies wholly within one fact's text, else ''."""
    first, last = published.origin(start), published.origin(max(start, end - 1))
    same = first.fact and last.fact == first.fact and last.source == first.source
    return first.fact if same else ""


#: Words English doubles on purpose ("what it had had", "that that ...").
ALLOWED_TWICE = frozenset({"had", "that"})
_GAP = re.compile(r"[ \t]*\n?[ \t]*")


def doubled_runs(text: str, words: list[str] | None = None) -> Iterator[tuple[int, int, str]]:
    """Each run of one to three words written twice in a row, as (start, end, words).

    Words are compared in any case; only spaces and one line break may stand between them,
    so a doubled word that a line break or a fact creates is found, one across a paragraph
    or a punctuation mark is not. `words` are the text's words in lower case, if known.
    The words are compared with the word `size` places on side by side in C (`map`), so
    only the few places where one word comes back are looked at in Python.
    """
    words = WORD.findall(text.lower()) if words is None else words
    candidates = sorted(
        (index, size)
        for size in (1, 2, 3)
        for index in compress(range(len(words)), map(eq, words, words[size:]))
        if size == 1 or words[index : index + size] == words[index + size : index + 2 * size]
    )
    if not candidates or not _any_written_twice(text, words, candidates):
        return
    spans = [(m.start(), m.end()) for m in WORD.finditer(text)]
    if len(spans) != len(words):  # lower case split or joined a word: lower each one instead
        words = [text[start:end].lower() for start, end in spans]
    taken = -1
    for index, size in candidates:
        last = index + 2 * size - 1
        if index > taken and all(
            _GAP.fullmatch(text, spans[n][1], spans[n + 1][0]) and spans[n][1] < spans[n + 1][0]
            for n in range(index, last)
        ):
            yield (
                spans[index][0],
                spans[last][1],
                text[spans[index][0] : spans[index + size - 1][1]],
            )
            taken = last


def _any_written_twice(text: str, words: list[str], candidates: list[tuple[int, int]]) -> bool:
    """False when no candidate run stands twice in the text with only a gap between: a
    search for each (few) run in C, so a long text's every word is placed only if one does."""
    lower = text.lower()
    runs = {tuple(words[index : index + size]) for index, size in candidates}
    return any(re.search(_RUN_GAP.join(map(re.escape, run + run)), lower) for run in runs)


#: What may stand between the words of a doubled run: spaces and at most one line break.
_RUN_GAP = r"(?:[ \t]+\n?|\n)[ \t]*"
_QUOTE_OR_BREAK = re.compile(r"[“”\"‘’]|\n[ \t]*\n")
_CLOSING = {"“": "”", '"': '"', "‘": "’"}


def quote_mask(text: str) -> str:
    """`text` with quoted passages blanked: “...”, "..." and ‘...’ within one paragraph.

    One pass over the quote marks alone; an opening quote never closed is left as it is.
    """
    spans: list[tuple[int, int]] = []
    opened: dict[str, int] = {}
    for match in _QUOTE_OR_BREAK.finditer(text):
        char, index = match.group(), match.start()
        if char[0] == "\n":
            opened.clear()
            continue
        opener = next((o for o, c in _CLOSING.items() if c == char and o in opened), None)
        if opener is not None:
            spans.append((opened.pop(opener), index + 1))
        elif char in _CLOSING and _opens(text, index, char):
            opened.setdefault(char, index)
    if not spans:
        return text
    parts, at = [], 0
    for start, end in sorted(spans):
        if start >= at:
            parts += [text[at:start], " " * (end - start)]
            at = end
    return "".join(parts) + text[at:]


def _opens(text: str, index: int, char: str) -> bool:
    """A ‘ or " opens a quote only at the start of a word (it is an apostrophe otherwise)."""
    if char == "“":
        return True
    before = text[index - 1] if index else " "
    return not (before.isalnum() or before in "’'")


_SENTENCE_END = re.compile(r"[.!?][’”)\]*_]*$")
_ABBREVIATION = re.compile(r"(?i)\b(?:e\.g|i\.e|cf|vs|etc)\.$")
_MARKER = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)]|#{1,6}|>)?[ \t]*[*_]*$")
_ONLY_MARKER = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)]|#{1,6}|>)[ \t]*[*_]*$")


def _lower_case_facts(
    text: str, place: LazyPlace, known: Mapping[str, str], book: Rulebook
) -> Iterator[Diagnostic]:
    for ref in references(text):
        value = known.get(ref.name, "")
        if value[:1].islower() and starts_sentence(text, ref.offset):
            line = book.fact_lines.get(ref.name)
            where = f" (content/programme.yml:{line})" if line else ""
            message = f"the sentence starts with {{{{ {ref.name} }}}}, which reads “{value}”"
            hint = (
                f"reword the sentence so the fact does not open it; the fact '{ref.name}'{where} "
                "starts lower case to read well inside a sentence"
            )
            yield place.diagnostic(ref.offset, message, hint, "prose.fact-lower-case")


def starts_sentence(text: str, offset: int) -> bool:
    """True when the text at `offset` opens a sentence, a list item or a heading."""
    line_start = text.rfind("\n", 0, offset) + 1
    prefix = text[line_start:offset]
    if _ONLY_MARKER.match(prefix):
        return True
    if not _MARKER.match(prefix):
        before = prefix.rstrip()
        return bool(_SENTENCE_END.search(before)) and not _ABBREVIATION.search(before)
    previous = text[: max(0, line_start - 1)]
    last_line = previous[previous.rfind("\n") + 1 :].rstrip()
    if not last_line.strip():
        return True
    return bool(_SENTENCE_END.search(last_line)) and not _ABBREVIATION.search(last_line)


_LIST_LETTER = re.compile(r"(?m)^[ \t]*[0-9A-Za-z]{1,3}\)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_QUOTE_HINTS = {
    "“": "pair every “ with a ” in the same paragraph",
    "‘": "pair every ‘ with a ’ in the same paragraph (a ’ after a letter or between letters "
    "is read as an apostrophe)",
}


def _unbalanced(shown: str, report: _Reporter) -> Iterator[Diagnostic]:
    """Per paragraph: the first bracket, curly double quote and curly single quote that does
    not pair (generator/check/marks.py)."""
    skipped = {m.end() - 1 for m in _LIST_LETTER.finditer(shown)}
    start = 0
    for gap in [*_PARAGRAPH_BREAK.finditer(shown), None]:
        end = gap.start() if gap else len(shown)
        unpaired = first_unpaired(shown, start, end, skipped)
        if unpaired.bracket >= 0:
            at = unpaired.bracket
            what = "closes nothing" if shown[at] in PAIRS else "is never closed"
            message = f"'{shown[at]}' {what} in this paragraph"
            hint = "add the bracket that pairs with it, or remove this one"
            yield from report.at(at, at + 1, message, hint, "prose.unbalanced-bracket")
        for at in sorted(q for q in (unpaired.double, unpaired.single) if q >= 0):
            char = shown[at]
            what = "closes no quotation" if char in "”’" else "opens a quotation never closed"
            message = f"'{char}' {what} in this paragraph"
            hint = _QUOTE_HINTS["“" if char in "“”" else "‘"]
            yield from report.at(at, at + 1, message, hint, "prose.unbalanced-quote")
        start = gap.end() if gap else end
