"""The programme's rulebook as the prose checks read it: terms to avoid, and phrasings that
contradict a fact.

Both are data an editor keeps in YAML: a glossary term lists the variants to avoid
(`avoid: [lead reviewer]`), content/programme.yml adds house rules under `terminology:` (for
example `SENCO` to `SENCo`), and a fact may list the phrasings that contradict it
(`contradicts:`). Variants match whole words, in any case, with any spacing between words;
patterns are the same, with `*` standing for one word.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.load.sources import SourceDocument

GLOSSARY = "content/glossary.yml"
PROGRAMME = "content/programme.yml"


@dataclass(frozen=True)
class Rule:
    """One thing the programme says once: a term to use, or a fact not to contradict."""

    #: `term` (a preferred term) or `fact` (a fact that phrasings may contradict).
    kind: str
    #: The preferred term, or the fact's name.
    name: str
    #: The variants or contradicting phrasings, as written in the YAML.
    phrases: tuple[str, ...]
    #: Where the rule is declared: file and line, for the hint.
    where: str


@dataclass(frozen=True)
class Rulebook:
    """Every term and fact rule, with one pattern that finds any of their phrases."""

    rules: tuple[Rule, ...]
    pattern: re.Pattern[str] | None
    #: The rule of each phrase, by its folded form (lower case, single spaces).
    by_phrase: dict[str, Rule]
    #: The line of each fact in content/programme.yml, for messages about a fact's text.
    fact_lines: dict[str, int]
    #: The words of each phrase, lower case and split into runs of letters and digits
    #: (a `*` adds none): a phrase can match only a text holding all of them, which set
    #: operations tell faster than the pattern, run over every character, could.
    #: None when a phrase has no word of its own (then the pattern always runs).
    phrase_words: tuple[frozenset[str], ...] | None = None

    def may_match(self, words: list[str]) -> bool:
        """False when a text with these words (WORD's, lower case) cannot hold any phrase.

        A match puts each word of the phrase in the text whole, bounded by spaces or by what
        is not a word, so it is one of the text's runs of letters and digits: the runs its
        distinct words are made of ("lead-reviewer’s" is made of lead, reviewer and s).
        """
        if self.pattern is None:
            return False
        if self.phrase_words is None:
            return True
        pieces = set(words)
        glued = [word for word in pieces if not word.isalnum()]
        if glued:
            pieces.update(_PIECE.findall(" ".join(glued)))
        return any(needed <= pieces for needed in self.phrase_words)

    def rule_of(self, matched: str) -> Rule | None:
        """The rule whose phrase a match is; None if none (cannot happen for our pattern)."""
        folded = fold(matched)
        found = self.by_phrase.get(folded)
        if found is not None:
            return found
        return next((r for key, r in self.by_phrase.items() if _wild(key, folded)), None)

    def digest(self) -> str:
        """What the checks' results depend on, for the check cache."""
        text = repr((self.rules, sorted(self.fact_lines.items())))
        return hashlib.sha256(text.encode()).hexdigest()


#: A word as the prose checks count words: letters and digits, with inner hyphens and
#: apostrophes ("self-review", "school’s").
WORD = re.compile(r"\w[\w’'-]*")
#: A run of letters and digits: the words of a phrase as a text must hold them.
_PIECE = re.compile(r"\w+")


def fold(phrase: str) -> str:
    """A phrase as rules compare it: lower case, words separated by single spaces."""
    return " ".join(phrase.lower().split())


def _wild(key: str, folded: str) -> bool:
    if "*" not in key:
        return False
    return re.fullmatch(r"\S+".join(map(re.escape, key.split("*"))), folded) is not None


def rulebook(docs: list[SourceDocument]) -> Rulebook:
    """The rulebook of a corpus' glossary and programme (either may be missing or broken)."""
    rules = [*_glossary_rules(docs), *_house_rules(docs), *_fact_rules(docs)]
    by_phrase = {fold(p): rule for rule in rules for p in rule.phrases if fold(p)}
    words = tuple(frozenset(_PIECE.findall(phrase.replace("*", " "))) for phrase in by_phrase)
    return Rulebook(
        rules=tuple(rules),
        pattern=_pattern(by_phrase),
        by_phrase=by_phrase,
        fact_lines=_fact_lines(docs),
        phrase_words=words if all(words) else None,
    )


def _pattern(by_phrase: dict[str, Rule]) -> re.Pattern[str] | None:
    """One alternation of every phrase, longest first, each a whole run of words."""
    if not by_phrase:
        return None
    phrases = sorted(by_phrase, key=len, reverse=True)
    alternatives = "|".join(_phrase_pattern(p) for p in phrases)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def _phrase_pattern(phrase: str) -> str:
    words = [r"[\w’'-]+" if word == "*" else re.escape(word) for word in phrase.split(" ")]
    return r"\s+".join(words)


def _of(docs: list[SourceDocument], kind: str) -> SourceDocument | None:
    doc = next((d for d in docs if d.kind == kind), None)
    return doc if doc is not None and isinstance(doc.data, dict) else None


def _glossary_rules(docs: list[SourceDocument]) -> Iterator[Rule]:
    doc = _of(docs, "glossary")
    terms = doc.data.get("terms") if doc else None
    for index, term in enumerate(terms if isinstance(terms, list) else []):
        avoid = _strings(term.get("avoid") if isinstance(term, dict) else None)
        if avoid and doc is not None:
            line = doc.marks.value(("terms", index, "avoid")).line
            yield Rule("term", _preferred(str(term.get("term", ""))), avoid, f"{doc.rel}:{line}")


def _preferred(term: str) -> str:
    """A glossary heading as running text writes it: 'Review lead' -> 'review lead'."""
    first = term.split(" ")[0]
    if first[:1].isupper() and first[1:].islower():
        return term[:1].lower() + term[1:]
    return term


def _house_rules(docs: list[SourceDocument]) -> Iterator[Rule]:
    doc = _of(docs, "programme")
    rules = doc.data.get("terminology") if doc else None
    for index, rule in enumerate(rules if isinstance(rules, list) else []):
        avoid = _strings(rule.get("avoid") if isinstance(rule, dict) else None)
        if avoid and doc is not None and isinstance(rule.get("use"), str):
            line = doc.marks.value(("terminology", index, "avoid")).line
            yield Rule("term", rule["use"], avoid, f"{doc.rel}:{line}")


def _fact_rules(docs: list[SourceDocument]) -> Iterator[Rule]:
    doc = _of(docs, "programme")
    facts = doc.data.get("facts") if doc else None
    for name, value in (facts if isinstance(facts, dict) else {}).items():
        phrases = _strings(value.get("contradicts") if isinstance(value, dict) else None)
        if phrases and doc is not None:
            line = doc.marks.value(("facts", name, "contradicts")).line
            yield Rule("fact", str(name), phrases, f"{doc.rel}:{line}")


def _fact_lines(docs: list[SourceDocument]) -> dict[str, int]:
    doc = _of(docs, "programme")
    facts = doc.data.get("facts") if doc else None
    if doc is None or not isinstance(facts, dict):
        return {}
    return {str(name): doc.marks.value(("facts", name)).line for name in facts}


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value if isinstance(v, str)) if isinstance(value, list) else ()
