"""The handbook and each framework as Documents: the model written out as pandoc Markdown."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Chapter, Criterion, Domain, Framework, GlossaryTerm, Programme, Strand
from ..wording import Wording
from .document import Cover, Document, Source, pictures_of
from .markdown import bullets, chapter_markdown, heading, inline, join_blocks, pipe_table


def handbook_document(
    programme: Programme,
    chapters: tuple[Chapter, ...],
    glossary: tuple[GlossaryTerm, ...],
    cover: Cover,
) -> Document:
    """The whole handbook: introduction, parts with their chapters, glossary as an appendix."""
    words = cover.words
    blocks = [_introduction(programme, words)]
    for part in programme.parts:
        inside = [c for c in chapters if c.part.id == part.id]
        if inside:
            title = f"{words.part} {part.number}: {part.title}"
            blocks.append(heading(1, title, f"part-{part.id}"))
            blocks.append(part.summary)
            blocks.append(f"{words.in_this_part}:\n\n" + bullets(c.title for c in inside))
            blocks.extend(_chapter(chapter) for chapter in inside)
    blocks.append(glossary_markdown(glossary, words))
    return Document(
        programme.title,
        words.handbook_download,
        cover,
        join_blocks(blocks),
        subtitle=programme.subtitle,
        break_level=2,
        images=pictures_of(*(chapter.images for chapter in chapters)),
    )


def chapter_document(
    chapter: Chapter,
    cover: Cover,
    source: Source,
    modules: tuple[str, ...] = (),
    links: tuple[str, ...] = (),
) -> Document:
    """One chapter printed on its own: lead, who it is for, body, and what it relates to."""
    words = cover.words
    roles = [role.label for role in chapter.audience]
    audience = ", ".join(roles[:1] + [role.lower() for role in roles[1:]])
    blocks = [
        f"*{inline(chapter.summary)}*" if chapter.summary else "",
        f"**{words.for_whom}:** {inline(audience)}" if audience else "",
        chapter_markdown(chapter.body),
        _related(modules, links, words),
    ]
    part = f"{words.part} {chapter.part.number}: {chapter.part.title}"
    return Document(
        chapter.title,
        words.handbook_chapter_download,
        cover,
        join_blocks(blocks),
        subtitle=part,
        toc=False,
        break_level=0,
        source=source,
        images=pictures_of(chapter.images),
    )


def _related(modules: tuple[str, ...], links: tuple[str, ...], words: Wording) -> str:
    if not modules and not links:
        return ""
    return join_blocks(
        [
            heading(2, words.related, "related"),
            f"**{words.training_modules}**" if modules else "",
            bullets(modules),
            f"**{words.in_the_framework}**" if links else "",
            bullets(links),
        ]
    )


def _introduction(programme: Programme, words: Wording) -> str:
    if not programme.introduction.strip():
        return ""
    return join_blocks(
        [
            heading(1, words.introduction, "introduction"),
            chapter_markdown(programme.introduction, 1),
        ]
    )


def _chapter(chapter: Chapter) -> str:
    lead = f"*{inline(chapter.summary)}*" if chapter.summary else ""
    body = chapter_markdown(chapter.body, 1)
    return join_blocks([heading(2, chapter.title, chapter.id), lead, body])


def glossary_markdown(glossary: tuple[GlossaryTerm, ...], words: Wording) -> str:
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
            definition += f"\n\n    {words.see_also}: {', '.join(related)}."
        entries.append(f"{inline(name)}\n\n:   {definition}")
    return join_blocks([heading(1, words.glossary, "glossary"), *entries])


def framework_document(framework: Framework, cover: Cover) -> Document:
    """A framework in full: about, scale, then every domain, strand and criterion."""
    words = cover.words
    blocks = [_about(framework, words), *(_domain(d, words) for d in framework.domains)]
    blocks.append(_change_log(framework, words))
    subtitle = f"{words.version} {framework.version}"
    if framework.status != "published":
        subtitle += f" ({framework.status})"
    return Document(
        framework.title, words.framework_download, cover, join_blocks(blocks), subtitle=subtitle
    )


def _about(framework: Framework, words: Wording) -> str:
    principles = "\n".join(
        f"- **{inline(p.title)}.** {inline(p.description)}" for p in framework.principles
    )
    phases = "\n".join(
        f"{n}. **{inline(p.title)}.** {inline(p.description)}"
        for n, p in enumerate(framework.phases, start=1)
    )
    return join_blocks(
        [
            heading(1, words.about_framework, "about"),
            framework.summary,
            heading(2, words.principles, "principles"),
            principles,
            heading(2, words.review_cycle, "review-cycle"),
            phases,
            heading(2, words.rating_scale, "rating-scale"),
            scale_table(framework, words),
        ]
    )


def scale_table(framework: Framework, words: Wording) -> str:
    """The rating scale: each level and what it means."""
    rows = [(level.label, level.descriptor) for level in framework.scale]
    return pipe_table((words.level, words.what_it_means), rows, (1, 4))


def _domain(domain: Domain, words: Wording) -> str:
    blocks = [heading(1, f"{domain.number} {domain.title}", f"domain-{domain.id}"), domain.summary]
    blocks.extend(criterion_markdown(c, words, level=2) for c in domain.own_criteria)
    for strand in domain.strands:
        blocks.extend(_strand(strand, words))
    return join_blocks(blocks)


def _strand(strand: Strand, words: Wording) -> Iterator[str]:
    yield heading(2, f"{strand.number} {strand.title}", f"strand-{strand.id}")
    yield strand.summary
    for criterion in strand.criteria:
        yield criterion_markdown(criterion, words)


def criterion_markdown(criterion: Criterion, words: Wording, level: int = 3) -> str:
    """One criterion: statement, descriptor per level, evidence sources and lines of enquiry."""
    levels = pipe_table(
        (words.level, words.descriptor),
        [(level.label, text) for level, text in criterion.descriptors],
        (1, 4),
    )
    evidence = words.list_separator.join(e.label for e in criterion.evidence)
    return join_blocks(
        [
            heading(level, f"{criterion.number} {criterion.statement}", criterion.id),
            levels,
            f"**{words.evidence_sources}:** {inline(evidence)}." if evidence else "",
            f"**{words.lines_of_enquiry}:**" if criterion.questions else "",
            bullets(criterion.questions),
        ]
    )


def _change_log(framework: Framework, words: Wording) -> str:
    if not framework.changes:
        return ""
    rows = [(c.version, c.date, c.summary) for c in framework.changes]
    table = pipe_table((words.version, words.date, words.what_changed), rows, (1, 1, 5))
    return join_blocks([heading(1, words.change_log, "change-log"), table])
