"""The handbook and each framework as Documents: the model written out as pandoc Markdown."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Chapter, Criterion, Domain, Framework, GlossaryTerm, Programme, Strand
from ..vocab import EVIDENCE_SOURCES, ROLES
from .document import Cover, Document, Source
from .markdown import bullets, chapter_markdown, heading, inline, join_blocks, pipe_table


def handbook_document(
    programme: Programme,
    chapters: tuple[Chapter, ...],
    glossary: tuple[GlossaryTerm, ...],
    cover: Cover,
) -> Document:
    """The whole handbook: introduction, parts with their chapters, glossary as an appendix."""
    blocks = [_introduction(programme)]
    for part in programme.parts:
        inside = [c for c in chapters if c.part.id == part.id]
        if inside:
            blocks.append(heading(1, f"Part {part.number}: {part.title}", f"part-{part.id}"))
            blocks.append(part.summary)
            blocks.append("In this part:\n\n" + bullets(c.title for c in inside))
            blocks.extend(_chapter(chapter) for chapter in inside)
    blocks.append(glossary_markdown(glossary))
    return Document(
        programme.title,
        "Handbook",
        cover,
        join_blocks(blocks),
        subtitle=programme.subtitle,
        break_level=2,
    )


def chapter_document(
    chapter: Chapter,
    cover: Cover,
    source: Source,
    modules: tuple[str, ...] = (),
    links: tuple[str, ...] = (),
) -> Document:
    """One chapter printed on its own: lead, who it is for, body, and what it relates to."""
    roles = [ROLES.get(role, role) for role in chapter.audience]
    audience = ", ".join(roles[:1] + [role.lower() for role in roles[1:]])
    blocks = [
        f"*{inline(chapter.summary)}*" if chapter.summary else "",
        f"**For:** {inline(audience)}" if audience else "",
        chapter_markdown(chapter.body),
        _related(modules, links),
    ]
    part = f"Part {chapter.part.number}: {chapter.part.title}"
    return Document(
        chapter.title,
        "Handbook chapter",
        cover,
        join_blocks(blocks),
        subtitle=part,
        toc=False,
        break_level=0,
        source=source,
    )


def _related(modules: tuple[str, ...], links: tuple[str, ...]) -> str:
    if not modules and not links:
        return ""
    return join_blocks(
        [
            heading(2, "Related", "related"),
            "**Training modules**" if modules else "",
            bullets(modules),
            "**In the framework**" if links else "",
            bullets(links),
        ]
    )


def _introduction(programme: Programme) -> str:
    if not programme.introduction.strip():
        return ""
    return join_blocks(
        [heading(1, "Introduction", "introduction"), chapter_markdown(programme.introduction, 1)]
    )


def _chapter(chapter: Chapter) -> str:
    lead = f"*{inline(chapter.summary)}*" if chapter.summary else ""
    body = chapter_markdown(chapter.body, 1)
    return join_blocks([heading(2, chapter.title, chapter.id), lead, body])


def glossary_markdown(glossary: tuple[GlossaryTerm, ...]) -> str:
    """The glossary as a definition list under its own top-level heading."""
    if not glossary:
        return ""
    names = {term.id: term.term for term in glossary}
    entries = []
    for term in glossary:
        name = f"{term.term} ({term.abbreviation})" if term.abbreviation else term.term
        definition = inline(term.definition)
        related = [names[i] for i in term.see_also if i in names]
        if related:
            definition += f"\n\n    See also: {', '.join(related)}."
        entries.append(f"{inline(name)}\n\n:   {definition}")
    return join_blocks([heading(1, "Glossary", "glossary"), *entries])


def framework_document(framework: Framework, cover: Cover) -> Document:
    """A framework in full: about, scale, then every domain, strand and criterion."""
    blocks = [_about(framework), *(_domain(framework, d) for d in framework.domains)]
    blocks.append(_change_log(framework))
    subtitle = f"Version {framework.version}"
    if framework.status != "published":
        subtitle += f" ({framework.status})"
    return Document(
        framework.title, "Review framework", cover, join_blocks(blocks), subtitle=subtitle
    )


def _about(framework: Framework) -> str:
    principles = "\n".join(
        f"- **{inline(p.title)}.** {inline(p.description)}" for p in framework.principles
    )
    phases = "\n".join(
        f"{n}. **{inline(p.title)}.** {inline(p.description)}"
        for n, p in enumerate(framework.phases, start=1)
    )
    return join_blocks(
        [
            heading(1, "About this framework", "about"),
            framework.summary,
            heading(2, "Principles", "principles"),
            principles,
            heading(2, "The review cycle", "review-cycle"),
            phases,
            heading(2, "Rating scale", "rating-scale"),
            scale_table(framework),
        ]
    )


def scale_table(framework: Framework) -> str:
    """The rating scale: each level and what it means."""
    rows = [(level.label, level.descriptor) for level in framework.scale]
    return pipe_table(("Level", "What it means"), rows, (1, 4))


def _domain(framework: Framework, domain: Domain) -> str:
    blocks = [heading(1, f"{domain.number} {domain.title}", f"domain-{domain.id}"), domain.summary]
    for strand in domain.strands:
        blocks.extend(_strand(framework, strand))
    return join_blocks(blocks)


def _strand(framework: Framework, strand: Strand) -> Iterator[str]:
    yield heading(2, f"{strand.number} {strand.title}", f"strand-{strand.id}")
    yield strand.summary
    for criterion in strand.criteria:
        yield criterion_markdown(criterion)


def criterion_markdown(criterion: Criterion) -> str:
    """One criterion: statement, descriptor per level, evidence sources and questions."""
    levels = pipe_table(
        ("Level", "Descriptor"),
        [(level.label, text) for level, text in criterion.descriptors],
        (1, 4),
    )
    evidence = ", ".join(EVIDENCE_SOURCES.get(e, e) for e in criterion.evidence)
    return join_blocks(
        [
            heading(3, f"{criterion.number} {criterion.statement}", criterion.id),
            levels,
            f"**Evidence sources:** {inline(evidence)}." if evidence else "",
            "**Questions for reviewers**" if criterion.questions else "",
            bullets(criterion.questions),
        ]
    )


def _change_log(framework: Framework) -> str:
    if not framework.changes:
        return ""
    rows = [(c.version, c.date, c.summary) for c in framework.changes]
    table = pipe_table(("Version", "Date", "What changed"), rows, (1, 1, 5))
    return join_blocks([heading(1, "Change log", "change-log"), table])
