"""What is the generator's own choice, not a programme's: the rest lives in content/programme.yml.

A programme names its roles, evidence sources, activity types and kinds of training day in
`vocabularies:` of content/programme.yml; the generator only knows that those lists exist.
"""

from __future__ import annotations

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
