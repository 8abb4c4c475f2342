"""The subject of a rule, to find a text that states it without the fact: a number said of
the thing the fact counts ("at least one reviewer" where the fact is "two or three reviewers").

A fact's subjects are the words it counts: each plural noun that follows a number in its text,
past "or", "more than" and the like ("two or three reviewers" counts reviewers); a word
not ending in s is taken for an adjective or a preposition ("three from", "one partner
school") and left out. Units of time
and measure ("45 minutes", "ten school days") count too many things to tell one rule by, so
they are left out. A fact may name more subjects itself under `subject:` in
content/programme.yml. A text elsewhere that puts a number before one of those words, with
no fact there, states the subject by hand: the report lists it for an editor to compare.
One pattern for all facts, one pass over each text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

_NUMBERS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|single|[0-9]+"
#: Words that may stand between a number and what it counts: "two or three", "at least one".
_BETWEEN = "or|to|and|more|fewer|less|than|at|least|most|of|the|a|an|up|no|" + _NUMBERS
#: What a number counts in too many texts to tell one rule by: units of time, and schools.
GENERIC = frozenset(
    ("minute", "hour", "day", "week", "month", "year", "term", "time", "page", "session")
    + ("percent", "cent", "year’")
    # What nearly every page counts: a number of schools or pupils is seldom a rule.
    + ("school", "pupil", "child", "people", "adult")
)
#: Words ending in s that are not plural nouns.
_NOT_PLURAL = frozenset(("was", "has", "does", "this", "its", "less", "across", "plus", "thus"))
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*|[0-9]+")
_NUMBER = re.compile(rf"(?:{_NUMBERS})", re.IGNORECASE)
_FILLER = re.compile(rf"(?:{_BETWEEN})", re.IGNORECASE)


def stem(word: str) -> str:
    """A counted word without its plural: reviewers -> reviewer, kinds -> kind."""
    word = word.lower()
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def counted(text: str) -> set[str]:
    """The stems of the words a fact's text counts (see the module's docstring)."""
    words = _WORD.findall(text)
    found: set[str] = set()
    for index, word in enumerate(words):
        if not _NUMBER.fullmatch(word):
            continue
        for following in words[index + 1 : index + 5]:
            if not _FILLER.fullmatch(following):
                if _counts(following):
                    found.add(stem(following))
                break
    return found


def _counts(word: str) -> bool:
    """True for a plural noun that is no unit: the word a number before it counts."""
    lower = word.lower()
    plural = lower.endswith("s") and len(lower) > 3 and lower not in _NOT_PLURAL
    return plural and stem(lower) not in GENERIC


def subjects_of(
    known: Mapping[str, str], declared: Mapping[str, list[str]]
) -> dict[str, list[str]]:
    """Each subject stem with the facts that count it."""
    by_subject: dict[str, list[str]] = {}
    for name, text in known.items():
        for subject in sorted(counted(text) | {stem(w) for w in declared.get(name, [])}):
            by_subject.setdefault(subject, []).append(name)
    return by_subject


def subject_pattern(subjects: list[str]) -> re.Pattern[str] | None:
    """A number, up to three words like "or three" or "at least", then a subject word."""
    if not subjects:
        return None
    words = "|".join(re.escape(s) for s in sorted(subjects, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w-])(?:{_NUMBERS})(?:[ \t\n-]+(?:{_BETWEEN})){{0,3}}[ \t\n-]+"
        rf"(?P<subject>{words})s?(?![\w-])",
        re.IGNORECASE,
    )


def same_subject(pattern: re.Pattern[str] | None, text: str) -> Iterator[tuple[re.Match[str], str]]:
    """Each number said of a subject in `text`, with the subject's stem."""
    if pattern is None:
        return
    for match in pattern.finditer(text):
        yield match, stem(match.group("subject"))
