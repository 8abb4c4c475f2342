"""Stage 3, model: immutable objects with resolved references, the only input of renderers.

Built once from validated documents; nothing after this stage reads YAML.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from .sources import SourceDocument


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
    kind: str
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
    evidence: tuple[str, ...]
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

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """Every criterion of the domain, in order."""
        return tuple(c for strand in self.strands for c in strand.criteria)


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


@dataclass(frozen=True)
class Session:
    """One timed session of a training module."""

    title: str
    minutes: int
    start: int
    activity: str
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
    audience: tuple[str, ...]
    day: TrainingDay
    order: int
    duration: int
    objectives: tuple[str, ...]
    prerequisites: tuple[str, ...]
    framework_links: tuple[str, ...]
    materials: tuple[str, ...]
    sessions: tuple[Session, ...]
    source: str

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
    audience: tuple[str, ...]
    related_modules: tuple[str, ...]
    related_criteria: tuple[str, ...]
    body: str
    source: str


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

    def module(self, module_id: str) -> Module:
        """The module with this id."""
        return next(m for m in self.modules if m.id == module_id)

    def target(self, ref: str) -> Strand | Criterion:
        """The strand or criterion named by framework-id/id."""
        framework_id, _, item = ref.partition("/")
        framework = next(f for f in self.frameworks if f.id == framework_id)
        targets: tuple[Strand | Criterion, ...] = (*framework.strands, *framework.criteria)
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


def build_handbook(docs: list[SourceDocument]) -> Handbook:
    """The model of a corpus whose documents all passed validation."""
    by_kind: dict[str, list[SourceDocument]] = defaultdict(list)
    for doc in docs:
        by_kind[doc.kind].append(doc)
    programme = _programme(by_kind["programme"][0].data)
    handouts = {doc.rel: _handout(doc) for doc in by_kind["handout"]}
    modules = [_module(doc, programme, handouts) for doc in by_kind["module"]]
    modules.sort(key=lambda m: (m.day.number, m.order, m.id))
    chapters = sorted(
        (_chapter(doc, programme) for doc in by_kind["chapter"]),
        key=lambda c: (c.part.number, c.order),
    )
    glossary_docs = by_kind["glossary"]
    terms = _glossary(glossary_docs[0].data) if glossary_docs else ()
    archived = [framework_from(doc) for doc in by_kind["framework-archive"]]
    frameworks = tuple(_with_history(framework_from(doc), archived) for doc in by_kind["framework"])
    return Handbook(
        programme,
        tuple(chapters),
        frameworks,
        tuple(modules),
        terms,
        tuple(sorted(doc.rel for doc in docs)),
        _referrers(modules, chapters),
    )


def _programme(data: dict[str, Any]) -> Programme:
    parts = tuple(
        Part(p["id"], p["title"], p["summary"].strip(), n)
        for n, p in enumerate(data["parts"], start=1)
    )
    days = tuple(_day(d, n, data["training_days"][:n]) for n, d in enumerate(data["training_days"]))
    return Programme(
        data["title"],
        data.get("subtitle", ""),
        data.get("introduction", "").strip(),
        data["edition"],
        data["organisation"],
        data["licence"],
        data["repository"].rstrip("/"),
        data.get("branch", "main"),
        data["language"],
        parts,
        days,
    )


def _day(data: dict[str, Any], index: int, earlier: list[dict[str, Any]]) -> TrainingDay:
    same_kind = 1 + sum(1 for day in earlier if day["kind"] == data["kind"])
    kind = "Leadership day" if data["kind"] == "leadership" else "Impact support day"
    return TrainingDay(
        data["id"],
        data["title"],
        data["kind"],
        data["summary"].strip(),
        index + 1,
        f"{kind} {same_kind}",
    )


def _with_history(current: Framework, archived: list[Framework]) -> Framework:
    earlier = sorted(
        (f for f in archived if f.id == current.id), key=lambda f: version_key(f.version)
    )
    return replace(current, history=tuple(earlier))


def version_key(version: str) -> tuple[int, ...]:
    """A version as numbers, so that 2.10 sorts after 2.9."""
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))


def framework_from(doc: SourceDocument) -> Framework:
    """The model of one validated framework document."""
    return _framework(doc)


def _framework(doc: SourceDocument) -> Framework:
    data = doc.data
    scale = tuple(Level(x["id"], x["label"], x["descriptor"].strip()) for x in data["scale"])
    domains = tuple(
        _domain(data["id"], scale, d, n) for n, d in enumerate(data["domains"], start=1)
    )
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


def _domain(fid: str, scale: tuple[Level, ...], data: dict[str, Any], number: int) -> Domain:
    strands = tuple(
        _strand(fid, scale, data["id"], s, f"{number}.{n}")
        for n, s in enumerate(data["strands"], start=1)
    )
    return Domain(data["id"], str(number), data["title"], data["summary"].strip(), strands)


def _strand(
    fid: str, scale: tuple[Level, ...], domain: str, data: dict[str, Any], number: str
) -> Strand:
    criteria = tuple(
        Criterion(
            c["id"],
            f"{number}.{n}",
            c["statement"].strip(),
            tuple((level, c["descriptors"][level.id].strip()) for level in scale),
            tuple(c["evidence"]),
            tuple(q.strip() for q in c["questions"]),
            fid,
            domain,
            data["id"],
        )
        for n, c in enumerate(data["criteria"], start=1)
    )
    return Strand(data["id"], number, data["title"], data["summary"].strip(), criteria, fid, domain)


def _handout(doc: SourceDocument) -> Handout:
    lines = doc.body.lstrip().splitlines()
    title = lines[0].lstrip("# ").strip() if lines and lines[0].startswith("# ") else doc.stem
    body = "\n".join(lines[1:]).strip() if lines and lines[0].startswith("# ") else doc.body
    return Handout(doc.stem, title, body, doc.rel)


def _module(doc: SourceDocument, programme: Programme, handouts: dict[str, Handout]) -> Module:
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
                s["title"],
                s["minutes"],
                start,
                s["activity"],
                s["description"].strip(),
                s.get("facilitator_notes", "").strip(),
                files,
                slides=s.get("slides", "").strip(),
            )
        )
        start += s["minutes"]
    return Module(
        data["id"],
        data["title"],
        data["summary"].strip(),
        tuple(data["audience"]),
        day,
        data.get("order", 99),
        data["duration"],
        tuple(data["objectives"]),
        tuple(data.get("prerequisites") or ()),
        tuple(data.get("framework_links") or ()),
        tuple(data.get("materials") or ()),
        tuple(sessions),
        doc.rel,
    )


def _chapter(doc: SourceDocument, programme: Programme) -> Chapter:
    data = doc.data
    related = data.get("related") or {}
    part = next(p for p in programme.parts if p.id == data["part"])
    return Chapter(
        doc.stem,
        data["title"],
        part,
        data["order"],
        data["summary"].strip(),
        tuple(data.get("audience") or ()),
        tuple(related.get("modules") or ()),
        tuple(related.get("criteria") or ()),
        doc.body,
        doc.rel,
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
