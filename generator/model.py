"""Stage 3, model: immutable objects with resolved references, the only input of renderers.

Built once from validated documents; nothing after this stage reads YAML.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from .facts import facts_of, with_facts
from .images import Picture, published
from .resources import Material, Resource, materials_from, resource_from
from .schoolyear import Window, read_date
from .sources import SourceDocument
from .timetable import Block, DayPlan, Slot, day_plan, lay_out
from .wording import Wording, wording


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
        return self.vocabularies.get(name) or Vocabulary(name, ())

    plans: tuple[DayPlan, ...] = ()
    windows: tuple[Window, ...] = ()

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
class Handout:
    """A participant handout: a Markdown file from content/handouts/."""

    id: str
    title: str
    body: str
    source: str
    images: tuple[Picture, ...] = ()


@dataclass(frozen=True)
class Session:
    """One timed session of a training module."""

    title: str
    minutes: int
    start: int
    activity: Term
    description: str
    facilitator_notes: str
    handouts: tuple[Handout, ...]
    slides: str = ""


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
class Handbook:
    """Everything the renderers and exporters see, with references resolved both ways."""

    programme: Programme
    chapters: tuple[Chapter, ...]
    frameworks: tuple[Framework, ...]
    modules: tuple[Module, ...]
    glossary: tuple[GlossaryTerm, ...]
    sources: tuple[str, ...] = ()
    referrers: MappingProxyType[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    resources: tuple[Resource, ...] = ()

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
        return tuple(
            self.module(key[7:]) for key in self.referrers.get(ref, ()) if key.startswith("module:")
        )

    def chapters_for(self, ref: str) -> tuple[Chapter, ...]:
        """Chapters that link to a strand or criterion."""
        ids = {key[8:] for key in self.referrers.get(ref, ()) if key.startswith("chapter:")}
        return tuple(c for c in self.chapters if c.id in ids)

    def day_modules(self, day_id: str) -> tuple[Module, ...]:
        """The modules of one training day, in programme order."""
        return tuple(m for m in self.modules if m.day.id == day_id)

    def activity_labels(self) -> dict[str, str]:
        """Each activity type's label by its id, for running orders."""
        return {term.id: term.label for term in self.programme.vocabulary("activity_types")}

    def running_order(self, day_id: str) -> tuple[Slot, ...]:
        """A timed day from arrival to close: every session and break; () when untimed."""
        plan = self.programme.plan(day_id)
        if not plan.timed:
            return ()
        blocks = [
            Block(m.id, m.title, tuple((s.title, s.minutes, s.activity.id) for s in m.sessions))
            for m in self.day_modules(day_id)
        ]
        return lay_out(plan, blocks).slots


def build_handbook(docs: list[SourceDocument]) -> Handbook:
    """The model of a corpus whose documents all passed validation."""
    by_kind: dict[str, list[SourceDocument]] = defaultdict(list)
    known = facts_of(next((d.data for d in docs if d.kind == "programme"), None))
    for doc in docs:
        by_kind[doc.kind].append(with_facts(doc, known))
    programme = _programme(by_kind["programme"][0].data)
    handouts = {doc.rel: _handout(doc) for doc in by_kind["handout"]}
    vocabularies = programme.vocabularies
    resources = {doc.stem: resource_from(doc, vocabularies) for doc in by_kind["resource"]}
    modules = [_module(doc, programme, handouts, resources) for doc in by_kind["module"]]
    modules.sort(key=lambda m: (m.day.number, m.order, m.id))
    chapters = sorted(
        (_chapter(doc, programme) for doc in by_kind["chapter"]),
        key=lambda c: (c.part.number, c.order),
    )
    glossary_docs = by_kind["glossary"]
    terms = _glossary(glossary_docs[0].data) if glossary_docs else ()
    archived = [framework_from(doc, vocabularies) for doc in by_kind["framework-archive"]]
    frameworks = tuple(
        _with_history(framework_from(doc, vocabularies), archived) for doc in by_kind["framework"]
    )
    return Handbook(
        programme,
        tuple(chapters),
        frameworks,
        tuple(modules),
        terms,
        tuple(sorted(doc.rel for doc in docs)),
        _referrers(modules, chapters),
        tuple(sorted(resources.values(), key=lambda r: r.title.lower())),
    )


def _programme(data: dict[str, Any]) -> Programme:
    parts = tuple(
        Part(id=p["id"], title=p["title"], summary=p["summary"].strip(), number=n)
        for n, p in enumerate(data["parts"], start=1)
    )
    vocabularies = vocabularies_from(data["vocabularies"])
    kinds = vocabularies.get("day_kinds") or Vocabulary("day_kinds", ())
    days = data["training_days"]
    return Programme(
        title=data["title"],
        subtitle=data.get("subtitle", ""),
        introduction=data.get("introduction", "").strip(),
        edition=data["edition"],
        organisation=data["organisation"],
        licence=data["licence"],
        repository=data["repository"].rstrip("/"),
        branch=data.get("branch", "main"),
        language=data["language"],
        parts=parts,
        days=tuple(_day(d, n, days[:n], kinds) for n, d in enumerate(days)),
        vocabularies=vocabularies,
        wording=wording(data.get("wording") or {}),
        site_url=data.get("site_url", "").rstrip("/"),
        plans=tuple(day_plan(d) for d in data["training_days"]),
        windows=tuple(
            sorted((_window(w, vocabularies) for w in data.get("windows") or ()), key=_when)
        ),
    )


def _window(data: dict[str, Any], vocabularies: Mapping[str, Vocabulary]) -> Window:
    first, last = read_date(data["first_day"]), read_date(data["last_day"])
    assert first is not None and last is not None
    return Window(
        id=data["id"],
        title=data["title"],
        kind=data["kind"],
        first_day=first,
        last_day=last,
        summary=data.get("summary", "").strip(),
        kind_label=vocabularies["window_kinds"][data["kind"]].label,
    )


def _when(window: Window) -> tuple[object, ...]:
    return (window.first_day, window.last_day, window.id)


def vocabularies_from(data: dict[str, Any]) -> MappingProxyType[str, Vocabulary]:
    """The programme's controlled lists, from `vocabularies:` in content/programme.yml."""
    return MappingProxyType(
        {
            name: Vocabulary(
                name,
                tuple(Term(t["id"], t["label"], t.get("description", "").strip()) for t in terms),
            )
            for name, terms in data.items()
        }
    )


def _terms(
    vocabularies: Mapping[str, Vocabulary] | None, name: str, ids: list[str]
) -> tuple[Term, ...]:
    """Ids resolved to their terms; with no vocabularies (a framework read alone), bare ids."""
    if vocabularies is None:
        return tuple(Term(i, i) for i in ids)
    return tuple(vocabularies[name][i] for i in ids)


def _day(
    data: dict[str, Any], index: int, earlier: list[dict[str, Any]], kinds: Vocabulary
) -> TrainingDay:
    same_kind = 1 + sum(1 for day in earlier if day["kind"] == data["kind"])
    kind = kinds[data["kind"]]
    return TrainingDay(
        id=data["id"],
        title=data["title"],
        kind=kind,
        summary=data["summary"].strip(),
        number=index + 1,
        label=f"{kind.label} {same_kind}",
    )


def _with_history(current: Framework, archived: list[Framework]) -> Framework:
    earlier = sorted(
        (f for f in archived if f.id == current.id), key=lambda f: version_key(f.version)
    )
    return replace(current, history=tuple(earlier))


def version_key(version: str) -> tuple[int, ...]:
    """A version as numbers, so that 2.10 sorts after 2.9."""
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))


def framework_from(
    doc: SourceDocument, vocabularies: Mapping[str, Vocabulary] | None = None
) -> Framework:
    """The model of one validated framework document.

    Without the programme's vocabularies (a framework read alone, for `handbook diff`),
    evidence sources keep their ids as labels.
    """
    data = doc.data
    scale = tuple(Level(x["id"], x["label"], x["descriptor"].strip()) for x in data["scale"])
    shape = _Shape(data["id"], scale, vocabularies)
    domains = tuple(_domain(shape, d, n) for n, d in enumerate(data["domains"], start=1))
    return Framework(
        data["id"],
        data["title"],
        data["version"],
        data["status"],
        data["summary"].strip(),
        tuple(Principle(p["title"], p["description"].strip()) for p in data["principles"]),
        tuple(Phase(p["id"], p["title"], p["description"].strip()) for p in data["phases"]),
        scale,
        tuple(
            Change(c["version"], c["date"].isoformat(), c["summary"].strip())
            for c in data.get("changes") or []
        ),
        domains,
        doc.rel,
    )


@dataclass(frozen=True)
class _Shape:
    """What every criterion of one framework is built with."""

    framework_id: str
    scale: tuple[Level, ...]
    vocabularies: Mapping[str, Vocabulary] | None

    def criteria(
        self, items: list[dict[str, Any]], number: str, domain: str, strand: str = ""
    ) -> tuple[Criterion, ...]:
        return tuple(
            Criterion(
                id=c["id"],
                number=f"{number}.{n}",
                statement=c["statement"].strip(),
                descriptors=tuple((lv, c["descriptors"][lv.id].strip()) for lv in self.scale),
                evidence=_terms(self.vocabularies, "evidence_sources", c["evidence"]),
                questions=tuple(q.strip() for q in c["questions"]),
                framework_id=self.framework_id,
                domain_id=domain,
                strand_id=strand,
            )
            for n, c in enumerate(items, start=1)
        )


def _domain(shape: _Shape, data: dict[str, Any], number: int) -> Domain:
    strands = tuple(
        _strand(shape, data["id"], s, f"{number}.{n}")
        for n, s in enumerate(data.get("strands") or (), start=1)
    )
    return Domain(
        id=data["id"],
        number=str(number),
        title=data["title"],
        summary=data["summary"].strip(),
        strands=strands,
        own_criteria=shape.criteria(data.get("criteria") or [], str(number), data["id"]),
        framework_id=shape.framework_id,
    )


def _strand(shape: _Shape, domain: str, data: dict[str, Any], number: str) -> Strand:
    return Strand(
        id=data["id"],
        number=number,
        title=data["title"],
        summary=data["summary"].strip(),
        criteria=shape.criteria(data["criteria"], number, domain, data["id"]),
        framework_id=shape.framework_id,
        domain_id=domain,
    )


def _handout(doc: SourceDocument) -> Handout:
    text, pictures = published(doc.body, doc.path, doc.rel)
    lines = text.lstrip().splitlines()
    title = lines[0].lstrip("# ").strip() if lines and lines[0].startswith("# ") else doc.stem
    body = "\n".join(lines[1:]).strip() if lines and lines[0].startswith("# ") else text
    return Handout(doc.stem, title, body, doc.rel, pictures)


def _module(
    doc: SourceDocument,
    programme: Programme,
    handouts: dict[str, Handout],
    resources: dict[str, Resource],
) -> Module:
    data, root = doc.data, doc.path.parents[2]
    day = next(d for d in programme.days if d.id == data["day"])
    sessions, start = [], 0
    for s in data["sessions"]:
        files = tuple(
            handouts[(doc.path.parent / h["file"]).resolve().relative_to(root.resolve()).as_posix()]
            for h in s.get("handouts") or []
        )
        sessions.append(
            Session(
                title=s["title"],
                minutes=s["minutes"],
                start=start,
                activity=programme.vocabulary("activity_types")[s["activity"]],
                description=s["description"].strip(),
                facilitator_notes=s.get("facilitator_notes", "").strip(),
                handouts=files,
                slides=s.get("slides", "").strip(),
            )
        )
        start += s["minutes"]
    return Module(
        data["id"],
        data["title"],
        data["summary"].strip(),
        _terms(programme.vocabularies, "roles", data["audience"]),
        day,
        data.get("order", 99),
        data["duration"],
        tuple(data["objectives"]),
        tuple(data.get("prerequisites") or ()),
        tuple(data.get("framework_links") or ()),
        materials_from(data.get("materials") or [], resources),
        tuple(sessions),
        doc.rel,
    )


def _chapter(doc: SourceDocument, programme: Programme) -> Chapter:
    data = doc.data
    related = data.get("related") or {}
    part = next(p for p in programme.parts if p.id == data["part"])
    body, pictures = published(doc.body, doc.path, doc.rel)
    return Chapter(
        doc.stem,
        data["title"],
        part,
        data["order"],
        data["summary"].strip(),
        _terms(programme.vocabularies, "roles", data.get("audience") or []),
        tuple(related.get("modules") or ()),
        tuple(related.get("criteria") or ()),
        body,
        doc.rel,
        pictures,
    )


def _glossary(data: dict[str, Any]) -> tuple[GlossaryTerm, ...]:
    terms = (
        GlossaryTerm(
            t["id"],
            t["term"],
            t.get("abbreviation", ""),
            t["definition"].strip(),
            tuple(t.get("see_also") or ()),
        )
        for t in data["terms"]
    )
    return tuple(sorted(terms, key=lambda t: t.term.lower()))


def _referrers(
    modules: list[Module], chapters: list[Chapter]
) -> MappingProxyType[str, tuple[str, ...]]:
    found: dict[str, list[str]] = defaultdict(list)
    for module in modules:
        for ref in module.framework_links:
            found[ref].append(f"module:{module.id}")
    for chapter in chapters:
        for ref in chapter.related_criteria:
            found[ref].append(f"chapter:{chapter.id}")
    return MappingProxyType({ref: tuple(keys) for ref, keys in found.items()})
