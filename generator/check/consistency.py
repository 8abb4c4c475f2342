"""The consistency report: every rule the programme states once, where it is used, and where a
text states the same thing by hand.

`handbook check --consistency` prints it. For each fact in content/programme.yml it lists
each `{{ name }}` that uses it, each text that writes the fact's own words without the
fact (a copy that will drift when the fact changes), and each phrasing the fact lists under
`contradicts:`. An editor sees the drift before a reader does. The scan is one pass over each
prose text with one pattern for all facts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.check.facts import fact_lines, facts_of, mask, references
from generator.check.prose import KEPT_AS_PUBLISHED, LazyPlace, prose_texts, quote_mask
from generator.check.rulebook import Rulebook, fold, rulebook
from generator.load.sources import Corpus

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
    pattern = _pattern(list(by_words))
    book = rulebook(corpus.documents)
    for doc in corpus.documents:
        if doc.kind in KEPT_AS_PUBLISHED:
            continue
        for text, place in prose_texts(doc):
            _scan(text, place, doc.kind == "programme", rules, by_words, pattern, book)
    return list(rules.values())


def _pattern(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    parts = (r"\s+".join(map(re.escape, p.split(" "))) for p in sorted(phrases, key=len)[::-1])
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])", re.IGNORECASE)


def _scan(
    text: str,
    place: LazyPlace,
    in_programme: bool,
    rules: dict[str, RuleUse],
    by_words: dict[str, str],
    pattern: re.Pattern[str] | None,
    book: Rulebook,
) -> None:
    for ref in references(text):
        if ref.name in rules:
            rules[ref.name].uses.append(_mention(place, ref.offset))
    if in_programme:
        return  # the facts themselves are where the words belong
    own = quote_mask(mask(text))
    for match, name in _found(pattern, own, by_words):
        rules[name].restated.append(_mention(place, match.start(), match.group()))
    for match in book.pattern.finditer(own) if book.pattern is not None else ():
        rule = book.rule_of(match.group())
        if rule is not None and rule.kind == "fact" and rule.name in rules:
            rules[rule.name].contradicted.append(_mention(place, match.start(), match.group()))


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
        drift = len(rule.restated) + len(rule.contradicted)
        flag = f", {drift} to look at" if drift else ""
        out.append(
            f"{rule.name}: “{rule.text}” ({rule.declared}; used {len(rule.uses)} times{flag})"
        )
        out += [f"    used at {m}" for m in rule.uses]
        out += [f"    stated by hand at {m}: write {{{{ {rule.name} }}}}" for m in rule.restated]
        out += [f"    contradicted at {m}" for m in rule.contradicted]
    restated = sum(len(r.restated) for r in report)
    contradicted = sum(len(r.contradicted) for r in report)
    uses = sum(len(r.uses) for r in report)
    out.append(
        f"{len(report)} rules used {uses} times; {restated} stated by hand, "
        f"{contradicted} contradicted."
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
            }
            for r in report
        ],
        indent=2,
        ensure_ascii=False,
    )
