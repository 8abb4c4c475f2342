"""The consistency report: every rule the programme states once, where it is used, and where a
text states the same thing by hand.

`handbook check --consistency` prints it. For each fact in content/programme.yml it lists
each `{{ name }}` that uses it, each text that writes the fact's own words without the
fact (a copy that will drift when the fact changes), and each phrasing the fact lists under
`contradicts:`, and each text that says a number of what the fact counts without the fact
(generator/check/subjects.py: "at least one reviewer" beside "two or three reviewers"), a
paraphrase that may or may not agree. An editor sees the drift before a reader does. The
scan is one pass over each prose text with one pattern for each of these.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.check.facts import fact_lines, facts_of, mask, references
from generator.check.prose import KEPT_AS_PUBLISHED, LazyPlace, prose_texts, quote_mask
from generator.check.rulebook import Rulebook, fold, rulebook
from generator.check.subjects import (
    agrees,
    numbers_counted,
    same_subject,
    subject_pattern,
    subjects_of,
)
from generator.load.sources import Corpus, SourceDocument

#: A fact's words are looked for by hand only when they say enough to be a restatement:
#: "45 minutes" is said of many things, "one or two days" of few.
SHORTEST = 3


@dataclass(frozen=True)
class Mention:
    """One place in a source: file, line and column, and the words found there."""

    path: str
    line: int
    column: int
    words: str = ""

    def __str__(self) -> str:
        said = f" “{self.words}”" if self.words else ""
        return f"{self.path}:{self.line}:{self.column}{said}"


@dataclass(frozen=True)
class RuleUse:
    """One fact: its text, where it is declared, used, restated by hand and contradicted."""

    name: str
    text: str
    declared: str
    uses: list[Mention] = field(default_factory=list)
    restated: list[Mention] = field(default_factory=list)
    contradicted: list[Mention] = field(default_factory=list)
    #: A number said of what the fact counts, without the fact.
    same_subject: list[Mention] = field(default_factory=list)


def consistency(corpus: Corpus) -> list[RuleUse]:
    """Every fact of the corpus' programme with its uses, restatements and contradictions."""
    programme = next((d for d in corpus.documents if d.kind == "programme"), None)
    known = facts_of(programme.data if programme else None)
    lines = fact_lines(programme)
    rules = {
        name: RuleUse(name=name, text=text, declared=f"{lines.rel}:{lines.lines.get(name, 1)}")
        for name, text in known.items()
    }
    by_words = {fold(text): name for name, text in known.items() if len(text.split()) >= SHORTEST}
    scan = _Scan(rules, by_words, _pattern(list(by_words)), rulebook(corpus.documents), {}, None)
    scan.subjects.update(subjects_of(known, _declared_subjects(programme)))
    scan.allowed = {name: numbers_counted(text) for name, text in known.items()}
    scan.counting = subject_pattern(list(scan.subjects))
    for doc in corpus.documents:
        if doc.kind in KEPT_AS_PUBLISHED:
            continue
        for text, place in prose_texts(doc):
            _scan(text, place, doc.kind == "programme", scan)
    return list(rules.values())


@dataclass
class _Scan:
    """What each text is scanned for, and the report it adds to."""

    rules: dict[str, RuleUse]
    by_words: dict[str, str]
    pattern: re.Pattern[str] | None
    book: Rulebook
    #: Each subject stem with the facts that count it.
    subjects: dict[str, list[str]]
    counting: re.Pattern[str] | None
    #: Each fact's subjects with the numbers the fact itself gives them.
    allowed: dict[str, dict[str, frozenset[int]]] = field(default_factory=dict)


def _declared_subjects(programme: SourceDocument | None) -> dict[str, list[str]]:
    """Each fact's `subject:` words, as written in content/programme.yml."""
    facts = programme.data.get("facts") if programme and isinstance(programme.data, dict) else None
    return {
        str(name): [str(w) for w in value.get("subject") or [] if isinstance(w, str)]
        for name, value in (facts if isinstance(facts, dict) else {}).items()
        if isinstance(value, dict) and isinstance(value.get("subject"), list)
    }


def _pattern(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    parts = (r"\s+".join(map(re.escape, p.split(" "))) for p in sorted(phrases, key=len)[::-1])
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])", re.IGNORECASE)


def _scan(text: str, place: LazyPlace, in_programme: bool, scan: _Scan) -> None:
    rules = scan.rules
    for ref in references(text):
        if ref.name in rules:
            rules[ref.name].uses.append(_mention(place, ref.offset))
    if in_programme:
        return  # the facts themselves are where the words belong
    own = quote_mask(mask(text))
    taken: list[tuple[int, int]] = []
    for match, name in _found(scan.pattern, own, scan.by_words):
        rules[name].restated.append(_mention(place, match.start(), match.group()))
        taken.append(match.span())
    book = scan.book
    for match in book.pattern.finditer(own) if book.pattern is not None else ():
        rule = book.rule_of(match.group())
        if rule is not None and rule.kind == "fact" and rule.name in rules:
            rules[rule.name].contradicted.append(_mention(place, match.start(), match.group()))
            taken.append(match.span())
    _scan_subjects(own, place, taken, scan)


def _scan_subjects(own: str, place: LazyPlace, taken: list[tuple[int, int]], scan: _Scan) -> None:
    """Each number said of what a fact counts, unless listed already or the fact's own."""
    for match, subject in same_subject(scan.counting, own):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue  # already listed as restated or contradicted
        for name in scan.subjects.get(subject, []):
            if agrees(match, scan.allowed.get(name, {}).get(subject, frozenset()), own):
                continue  # the number the fact itself gives: it agrees
            scan.rules[name].same_subject.append(_mention(place, match.start(), match.group()))


def _found(
    pattern: re.Pattern[str] | None, text: str, by_words: dict[str, str]
) -> Iterator[tuple[re.Match[str], str]]:
    if pattern is None:
        return
    for match in pattern.finditer(text):
        name = by_words.get(fold(match.group()))
        if name is not None:
            yield match, name


def _mention(place: LazyPlace, offset: int, words: str = "") -> Mention:
    line, column = place.position(offset)
    return Mention(place.rel, line, column, " ".join(words.split()))


def as_text(report: list[RuleUse]) -> str:
    """The report for a reader: each rule, then its uses, restatements and contradictions."""
    out: list[str] = []
    for rule in report:
        drift = len(rule.restated) + len(rule.contradicted) + len(rule.same_subject)
        flag = f", {drift} to look at" if drift else ""
        out.append(
            f"{rule.name}: “{rule.text}” ({rule.declared}; used {len(rule.uses)} times{flag})"
        )
        out += [f"    used at {m}" for m in rule.uses]
        out += [f"    stated by hand at {m}: write {{{{ {rule.name} }}}}" for m in rule.restated]
        out += [f"    contradicted at {m}" for m in rule.contradicted]
        out += [
            f"    same subject at {m}: check it agrees, or write {{{{ {rule.name} }}}}"
            for m in rule.same_subject
        ]
    restated = sum(len(r.restated) for r in report)
    contradicted = sum(len(r.contradicted) for r in report)
    uses = sum(len(r.uses) for r in report)
    subject = sum(len(r.same_subject) for r in report)
    out.append(
        f"{len(report)} rules used {uses} times; {restated} stated by hand, "
        f"{contradicted} contradicted, {subject} on the same subject without the fact."
    )
    return "\n".join(out)


def as_json(report: list[RuleUse]) -> str:
    """The report as JSON: one object per rule with its lists of places."""

    def places(mentions: list[Mention]) -> list[dict[str, object]]:
        return [m.__dict__ for m in mentions]

    return json.dumps(
        [
            {
                "name": r.name,
                "text": r.text,
                "declared": r.declared,
                "uses": places(r.uses),
                "restated": places(r.restated),
                "contradicted": places(r.contradicted),
                "same_subject": places(r.same_subject),
            }
            for r in report
        ],
        indent=2,
        ensure_ascii=False,
    )
