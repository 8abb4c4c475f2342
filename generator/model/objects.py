"""Stage 3, model: immutable objects with resolved references, the only input of renderers.

Built once from validated documents (each kind's builder is in generator/kinds/, and
generator/model/build.py puts them together); nothing after this stage reads YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from generator.model.images import Picture
from generator.model.keydates import KeyDate
from generator.model.partnership import Partnership
from generator.model.resources import Material, Resource
from generator.model.schoolyear import Meeting, Window
from generator.model.slides import Handout as Handout
from generator.model.slides import Session as Session
from generator.model.timetable import Block, DayPlan, Slot, lay_out
from generator.model.vocab import Term, Vocabulary
from generator.model.wording import Wording, wording

if TYPE_CHECKING:  # the kinds build the model and hand themselves on to the site
    from generator.model.declared import KindsOfHandbook


@dataclass(frozen=True)
class Part:
    """A part of the handbook, holding chapters in order."""

    id: str
    title: str
    summary: str
    number: int


@dataclass(frozen=True)
class TrainingDay:
    """One day of the training programme."""

    id: str
    title: str
    kind: Term
    summary: str
    number: int
    label: str
    venue: str = ""
    link: str = ""

    @property
    def heading(self) -> str:
        """'Leadership day 2: Peer review skills'; the label alone for a day with no title."""
        return f"{self.label}: {self.title}" if self.title else self.label

    @property
    def scheduled(self) -> bool:
        """False for the stand-in day of a module not yet on a training day."""
        return bool(self.id)


@dataclass(frozen=True)
class Programme:
    """The programme's own settings."""

    title: str
    subtitle: str
    introduction: str
    edition: str
    organisation: str
    licence: str
    repository: str
    branch: str
    language: str
    parts: tuple[Part, ...]
    days: tuple[TrainingDay, ...]
    vocabularies: MappingProxyType[str, Vocabulary] = field(
        default_factory=lambda: MappingProxyType({})
    )
    wording: Wording = field(default_factory=lambda: wording({}))
    site_url: str = ""

    def vocabulary(self, name: str) -> Vocabulary:
        """One of the programme's controlled lists by name, such as `roles` (empty if unused)."""
        return self.vocabularies.get(name) or Vocabulary(name=name, terms=())

    plans: tuple[DayPlan, ...] = ()
    windows: tuple[Window, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    key_dates: tuple[KeyDate, ...] = ()
    #: The partnership an edition is published for (None for the core's own site).
    partnership: Partnership | None = None

    def plan(self, day_id: str) -> DayPlan:
        """The date, times and breaks of one training day (empty when none are given)."""
        return next((p for p in self.plans if p.day_id == day_id), DayPlan(day_id))


@dataclass(frozen=True)
class Level:
    """One level of a rating scale."""

    id: str
    label: str
    descriptor: str


@dataclass(frozen=True)
class Criterion:
    """A criterion with a descriptor for every level of its framework's scale."""

    id: str
    number: str
    statement: str
    descriptors: tuple[tuple[Level, str], ...]
    evidence: tuple[Term, ...]
    questions: tuple[str, ...]
    framework_id: str
    domain_id: str
    strand_id: str

    @property
    def ref(self) -> str:
        """How other sources name this criterion: framework-id/criterion-id."""
        return f"{self.framework_id}/{self.id}"


@dataclass(frozen=True)
class Strand:
    """A strand of a domain, holding criteria."""

    id: str
    number: str
    title: str
    summary: str
    criteria: tuple[Criterion, ...]
    framework_id: str
    domain_id: str

    @property
    def ref(self) -> str:
        """How other sources name this strand: framework-id/strand-id."""
        return f"{self.framework_id}/{self.id}"


@dataclass(frozen=True)
class Domain:
    """A domain of a framework, holding strands."""

    id: str
    number: str
    title: str
    summary: str
    strands: tuple[Strand, ...]
    own_criteria: tuple[Criterion, ...] = ()
    framework_id: str = ""

    @property
    def domain_id(self) -> str:
        """A domain is its own domain: its page is where links to it lead."""
        return self.id

    @property
    def ref(self) -> str:
        """How other sources name this domain: framework-id/domain-id."""
        return f"{self.framework_id}/{self.id}"

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """Every criterion of the domain, in order: its own, or its strands'."""
        return self.own_criteria + tuple(c for strand in self.strands for c in strand.criteria)


@dataclass(frozen=True)
class Principle:
    """A principle the framework stands on."""

    title: str
    description: str


@dataclass(frozen=True)
class Phase:
    """A phase of the review cycle."""

    id: str
    title: str
    description: str


@dataclass(frozen=True)
class Change:
    """One entry of a framework's change log."""

    version: str
    date: str
    summary: str


@dataclass(frozen=True)
class Framework:
    """A review framework: scale, principles, phases and domains."""

    id: str
    title: str
    version: str
    status: str
    summary: str
    principles: tuple[Principle, ...]
    phases: tuple[Phase, ...]
    scale: tuple[Level, ...]
    changes: tuple[Change, ...]
    domains: tuple[Domain, ...]
    source: str
    history: tuple[Framework, ...] = ()

    @property
    def strands(self) -> tuple[Strand, ...]:
        """Every strand of the framework, in order."""
        return tuple(s for domain in self.domains for s in domain.strands)

    @property
    def groups(self) -> tuple[Strand | Domain, ...]:
        """What criteria sit under, in order: strands, or domains that hold criteria directly.

        Forms and summaries give one section or row to each.
        """
        return tuple(group for d in self.domains for group in (d.strands or (d,)))

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """Every criterion of the framework, in order."""
        return tuple(c for domain in self.domains for c in domain.criteria)


@dataclass(frozen=True)
class Module:
    """A training module for one day of the programme."""

    id: str
    title: str
    summary: str
    audience: tuple[Term, ...]
    day: TrainingDay
    order: int
    duration: int
    objectives: tuple[str, ...]
    prerequisites: tuple[str, ...]
    framework_links: tuple[str, ...]
    materials: tuple[Material, ...]
    sessions: tuple[Session, ...]
    source: str

    @property
    def resource_ids(self) -> tuple[str, ...]:
        """The ids of the resources among the module's materials, in the order listed."""
        return tuple(dict.fromkeys(m.resource for m in self.materials if m.resource))

    @property
    def handouts(self) -> tuple[Handout, ...]:
        """Each handout the module uses, once, in order of first use."""
        seen: dict[str, Handout] = {}
        for session in self.sessions:
            for handout in session.handouts:
                seen.setdefault(handout.id, handout)
        return tuple(seen.values())


@dataclass(frozen=True)
class Chapter:
    """A handbook chapter: front matter and Markdown body."""

    id: str
    title: str
    part: Part
    order: int
    summary: str
    audience: tuple[Term, ...]
    related_modules: tuple[str, ...]
    related_criteria: tuple[str, ...]
    body: str
    source: str
    images: tuple[Picture, ...] = ()


@dataclass(frozen=True)
class GlossaryTerm:
    """A term readers may not know."""

    id: str
    term: str
    abbreviation: str
    definition: str
    see_also: tuple[str, ...]


@dataclass(frozen=True)
class Referrer:
    """A source that links to a strand or criterion: its kind and its id."""

    kind: str
    id: str


@dataclass(frozen=True)
class Handbook:
    """Everything the renderers and exporters see, with references resolved both ways."""

    programme: Programme
    chapters: tuple[Chapter, ...]
    frameworks: tuple[Framework, ...]
    modules: tuple[Module, ...]
    glossary: tuple[GlossaryTerm, ...]
    sources: tuple[str, ...] = ()
    referrers: MappingProxyType[str, tuple[Referrer, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    resources: tuple[Resource, ...] = ()
    #: The model of every source kind by its name, including kinds with no field above.
    collections: MappingProxyType[str, tuple[Any, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    #: The source kinds it was built by, whose pages the site lays out.
    kinds: KindsOfHandbook | None = field(default=None, compare=False, repr=False)

    def collection(self, kind: str) -> tuple[Any, ...]:
        """The model of one source kind's files, such as a newly registered kind's."""
        return self.collections.get(kind, ())

    def resource(self, resource_id: str) -> Resource:
        """The resource with this id."""
        return next(r for r in self.resources if r.id == resource_id)

    def modules_using(self, resource_id: str) -> tuple[Module, ...]:
        """The modules that list a resource among their materials, in programme order."""
        return tuple(m for m in self.modules if resource_id in m.resource_ids)

    def module(self, module_id: str) -> Module:
        """The module with this id."""
        return next(m for m in self.modules if m.id == module_id)

    def target(self, ref: str) -> Domain | Strand | Criterion:
        """The domain, strand or criterion named by framework-id/id."""
        framework_id, _, item = ref.partition("/")
        framework = next(f for f in self.frameworks if f.id == framework_id)
        targets: tuple[Domain | Strand | Criterion, ...] = (
            *framework.domains,
            *framework.strands,
            *framework.criteria,
        )
        return next(x for x in targets if x.id == item)

    def modules_for(self, ref: str) -> tuple[Module, ...]:
        """Modules that link to a strand or criterion."""
        return tuple(self.module(r.id) for r in self.referrers.get(ref, ()) if r.kind == "module")

    def chapters_for(self, ref: str) -> tuple[Chapter, ...]:
        """Chapters that link to a strand or criterion."""
        ids = {r.id for r in self.referrers.get(ref, ()) if r.kind == "chapter"}
        return tuple(c for c in self.chapters if c.id in ids)

    def day_modules(self, day_id: str) -> tuple[Module, ...]:
        """The modules of one training day, in programme order."""
        return tuple(m for m in self.modules if m.day.id == day_id and m.day.scheduled)

    def activity_labels(self) -> dict[str, str]:
        """Each activity type's label by its id, for running orders."""
        return {term.id: term.label for term in self.programme.vocabulary("activity_types")}

    def running_order(self, day_id: str) -> tuple[Slot, ...]:
        """A timed day from arrival to close: every session and break; () when untimed."""
        plan = self.programme.plan(day_id)
        if not plan.timed:
            return ()
        blocks = [
            Block(
                module_id=m.id,
                title=m.title,
                sessions=tuple((s.title, s.minutes, s.activity.id) for s in m.sessions),
            )
            for m in self.day_modules(day_id)
        ]
        return lay_out(plan, blocks).slots
