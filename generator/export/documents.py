"""The handbook and each framework as Documents: the model written out as pandoc Markdown."""

from __future__ import annotations

from ..model import Chapter, Framework, GlossaryTerm, Programme
from ..wording import Wording
from .document import Cover, Document, Source, pictures_of
from .markdown import bullets, chapter_markdown, heading, inline, join_blocks
from .printed import print_markdown


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
    body = print_markdown("framework.md.j2", framework=framework, words=words)
    subtitle = f"{words.version} {framework.version}"
    if framework.status != "published":
        subtitle += f" ({framework.status})"
    return Document(framework.title, words.framework_download, cover, body, subtitle=subtitle)
