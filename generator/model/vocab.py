"""What is the generator's own choice, not a programme's: the rest lives in content/programme.yml.

A programme names its roles, evidence sources, activity types and kinds of training day in
`vocabularies:` of content/programme.yml; the generator only knows that those lists exist.
`Term` and `Vocabulary` are how the model holds those lists.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

#: The programme's controlled lists, each described for the JSON Schema and the docs.
VOCABULARIES = {
    "roles": "Who sources are for: the people who read the handbook or attend training",
    "evidence_sources": "Where reviewers find evidence for a criterion",
    "activity_types": "What kind of activity a training session is",
    "day_kinds": "The kinds of training day",
    "window_kinds": "The parts of the cycle the programme calendar shows as windows",
}

#: Who may bring a material that is not a printed resource; theme/wording.yml words each
#: one as `provider_<name>`.
PROVIDERS = ("venue", "trainer", "participants")

#: Paper sizes a resource may ask to be printed on.
PAPER_SIZES = ("A4", "A3")

#: Where a framework stands in its life; the build treats each differently.
FRAMEWORK_STATUSES = ("draft", "published", "retired")

#: The breaks of a training day; theme/wording.yml words each one as `break_<kind>`.
BREAK_KINDS = ("morning", "lunch", "afternoon")


@dataclass(frozen=True)
class Term:
    """One value of a programme's vocabulary: its id, the label readers see, what it means."""

    id: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Vocabulary:
    """One of a programme's controlled lists, in the order the programme gives."""

    name: str
    terms: tuple[Term, ...]

    def __getitem__(self, term_id: str) -> Term:
        return next(term for term in self.terms if term.id == term_id)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)


def vocabulary_terms(
    vocabularies: Mapping[str, Vocabulary] | None, name: str, ids: list[str]
) -> tuple[Term, ...]:
    """Ids resolved to their terms; with no vocabularies (a framework read alone), bare ids."""
    if vocabularies is None:
        return tuple(Term(id=i, label=i) for i in ids)
    return tuple(vocabularies[name][i] for i in ids)
