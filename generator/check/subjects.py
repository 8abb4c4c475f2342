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

Three kinds of number are no count and are not listed: a number that is part of a name ("key
stage 2 tests", "Year 5 books", "Day 2"); a number the fact itself gives its subject, said
plainly ("two reviewers" beside "two or three reviewers" agrees); and "one" said of a single
thing the sentence picks out ("one reviewer with the SENCo", "one reviewer at a time", "better
than one reviewer alone", "a self-review of one strand"), which is a person or a thing, not
how many there must be.
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
_VALUES = dict(zip(_NUMBERS.split("|")[:12], range(1, 13), strict=True)) | {"single": 1}
#: Words before a number that make it part of a name: "key stage 2", "Year 5", "day 2".
_NAMING = frozenset(
    ("stage", "year", "years", "day", "days", "week", "term", "step", "part", "module")
    + ("session", "version", "chapter", "section", "phase", "level", "table", "figure", "page")
    + ("strand", "class", "room", "group", "appendix", "line", "item", "question", "card")
)
_NAME_BEFORE = re.compile(r"(?<![\w-])(?P<word>[A-Za-z]+)[ \t\n]+$")
#: Words that join numbers without bounding them: "two or three".
_PLAIN = frozenset(("or", "and", "to"))
#: Words before a number that make it a bound, not the number itself: "at least two".
_QUALIFIED = re.compile(
    r"(?<![\w-])(?:least|most|than|up[ \t\n]+to|only|just|over|under|about|around)[ \t\n]+$",
    re.IGNORECASE,
)
#: Words that pick out which one a singular "one" is: "one reviewer with the SENCo".
_PICKS_OUT = re.compile(
    r"[ \t\n]*(?:,|with\b|who\b|whose\b|that\b|which\b|at[ \t\n]+a[ \t\n]+time\b"
    r"|alone\b|should\b|in[ \t\n]+turn\b)",
    re.IGNORECASE,
)
#: Words before a singular "one" that compare with, or take a share of, one thing.
_ONE_OF = re.compile(
    r"(?<![\w-])(?:of|than|through|choose|chooses|take|takes|for|against)[ \t\n]+$",
    re.IGNORECASE,
)


def stem(word: str) -> str:
    """A counted word without its plural: reviewers -> reviewer, kinds -> kind."""
    word = word.lower()
    if word.endswith("sses"):  # classes -> class
        return word[:-2]
    return word[:-1] if _plural_form(word) else word


def _plural_form(word: str) -> bool:
    """True for a word that may be a plural: ends in s, but not in ss ("class", "access")."""
    return word.endswith("s") and not word.endswith("ss") and len(word) > 3


def counted(text: str) -> set[str]:
    """The stems of the words a fact's text counts (see the module's docstring)."""
    return set(numbers_counted(text))


def numbers_counted(text: str) -> dict[str, frozenset[int]]:
    """Each stem a fact's text counts, with the numbers it gives it plainly: "two or three
    reviewers" gives reviewer {2, 3}; "at least three kinds" gives kind no number."""
    matches = list(_WORD.finditer(text))
    words = [m.group() for m in matches]
    found: dict[str, set[int]] = {}
    for index, word in enumerate(words):
        before = words[index - 1] if index else ""
        if not _NUMBER.fullmatch(word) or _names(before, word):
            continue
        plain = not _QUALIFIED.search(before + " ")
        bounded = _upper_bound(text, matches[index].start())
        for at in range(index + 1, min(index + 5, len(words))):
            following = words[at]
            if not _FILLER.fullmatch(following):
                if _counts(following):
                    values = found.setdefault(_subject_at(words, at), set())
                    if bounded:
                        values.update(range(1, _value(word) + 1))
                    values.update([_value(word)] if plain else [])
                break
            plain = plain and bool(_NUMBER.fullmatch(following) or following.lower() in _PLAIN)
    return {subject: frozenset(values) for subject, values in found.items()}


#: What makes every number after it in the same clause a limit: "no more than two strengths
#: and two areas" allows one or two of each.
_AT_MOST = re.compile(r"\b(?:no|not)[ \t\n]+more[ \t\n]+than\b|\bat[ \t\n]+most\b|\bup[ \t\n]+to\b")


def _upper_bound(text: str, start: int) -> bool:
    """True when the number at `start` is under an "at most" limit earlier in its clause."""
    clause = re.split(r"[;.:]", text[:start])[-1]
    return bool(_AT_MOST.search(clause.lower()))


def _subject_at(words: list[str], at: int) -> str:
    """The counted word at `at`, with its "of" phrase if it has one: "lines of enquiry" is
    counted as "line of enquiry", so that a line of text is not taken for one."""
    if at + 2 < len(words) and words[at + 1].lower() == "of":
        return f"{stem(words[at])} of {words[at + 2].lower()}"
    return stem(words[at])


def stem_phrase(subject: str) -> str:
    """A subject as `numbers_counted` names it: its first word without the plural."""
    head, *rest = subject.split()
    return " ".join([stem(head), *(w.lower() for w in rest)])


def _value(number: str) -> int:
    return int(number) if number.isdigit() else _VALUES.get(number.lower(), -1)


def _names(before: str, number: str) -> bool:
    """True when `number` after the word `before` is part of a name, not a count."""
    return before.lower() in _NAMING and (number.isdigit() or before[:1].isupper())


def _counts(word: str) -> bool:
    """True for a plural noun that is no unit: the word a number before it counts."""
    lower = word.lower()
    plural = _plural_form(lower) and lower not in _NOT_PLURAL
    return plural and stem(lower) not in GENERIC


def subjects_of(
    known: Mapping[str, str], declared: Mapping[str, list[str]]
) -> dict[str, list[str]]:
    """Each subject stem with the facts that count it."""
    by_subject: dict[str, list[str]] = {}
    for name, text in known.items():
        for subject in sorted(counted(text) | {stem_phrase(w) for w in declared.get(name, [])}):
            by_subject.setdefault(subject, []).append(name)
    return by_subject


def subject_pattern(subjects: list[str]) -> re.Pattern[str] | None:
    """A number, up to three words like "or three" or "at least", then a subject word."""
    if not subjects:
        return None
    words = "|".join(_subject_regex(s) for s in sorted(subjects, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w-])(?:{_NUMBERS})(?:[ \t\n-]+(?:{_BETWEEN})){{0,3}}[ \t\n-]+"
        rf"(?P<subject>{words})(?![\w-])",
        re.IGNORECASE,
    )


def _subject_regex(subject: str) -> str:
    """A subject's words, its first with or without the plural s: "lines? of enquiry"."""
    head, *rest = subject.split()
    return r"[ \t\n]+".join([re.escape(head) + "s?", *map(re.escape, rest)])


def same_subject(pattern: re.Pattern[str] | None, text: str) -> Iterator[tuple[re.Match[str], str]]:
    """Each number said of a subject in `text` as a count, with the subject's stem."""
    if pattern is None:
        return
    for match in pattern.finditer(text):
        if not _named(match, text) and not _one_picked_out(match, text):
            yield match, stem_phrase(match.group("subject"))


def agrees(match: re.Match[str], allowed: frozenset[int], text: str) -> bool:
    """True when the text says plainly a number the fact itself gives ("two reviewers" where
    the fact says "two or three reviewers"); "at least two" or "four" is left to the editor."""
    said = _WORD.findall(match.group()[: match.start("subject") - match.start()])
    values = {_value(w) for w in said if _NUMBER.fullmatch(w)}
    plain = all(_NUMBER.fullmatch(w) or w.lower() in _PLAIN for w in said)
    qualified = _QUALIFIED.search(text, max(0, match.start() - 20), match.start())
    return plain and qualified is None and bool(values) and values <= allowed


def _named(match: re.Match[str], text: str) -> bool:
    before = _NAME_BEFORE.search(text, max(0, match.start() - 40), match.start())
    return before is not None and _names(before.group("word"), _WORD.findall(match.group())[0])


def _one_picked_out(match: re.Match[str], text: str) -> bool:
    """True for "one" said of a single thing the sentence picks out (see the docstring)."""
    said = match.group()[: match.start("subject") - match.start()].split()
    head = match.group("subject").split()[0].lower()
    if [w.lower() for w in said] != ["one"] or head.endswith("s"):
        return False
    return bool(
        _PICKS_OUT.match(text, match.end())
        or _ONE_OF.search(text, max(0, match.start() - 20), match.start())
    )
