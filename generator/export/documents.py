"""The handbook and each framework as Documents: the model written out as pandoc Markdown."""

from __future__ import annotations

from generator.export.document import Cover, Document, Source, pictures_of
from generator.export.printed import print_markdown
from generator.model.objects import Chapter, Framework, GlossaryTerm, Programme


def handbook_document(
    programme: Programme,
    chapters: tuple[Chapter, ...],
    glossary: tuple[GlossaryTerm, ...],
    cover: Cover,
) -> Document:
    """The whole handbook: introduction, parts with their chapters, glossary as an appendix."""
    words = cover.words
    body = print_markdown(
        "handbook.md.j2",
        programme=programme,
        chapters=chapters,
        glossary_terms=glossary,
        words=words,
    )
    return Document(
        programme.title,
        words.handbook_download,
        cover,
        body,
        subtitle=programme.subtitle,
        break_level=2,
        images=pictures_of(*(chapter.images for chapter in chapters)),
        see_page=words.see_page,
    )


def chapter_document(
    chapter: Chapter,
    cover: Cover,
    source: Source,
    modules: tuple[str, ...] = (),
    links: tuple[str, ...] = (),
    elsewhere: tuple[tuple[str, str, str], ...] = (),
) -> Document:
    """One chapter printed on its own: lead, who it is for, body, and what it relates to.

    `elsewhere` names each other chapter a link may point to: (id, title, web address).
    """
    words = cover.words
    body = print_markdown(
        "chapter.md.j2", chapter=chapter, modules=modules, links=links, words=words
    )
    return Document(
        chapter.title,
        words.handbook_chapter_download,
        cover,
        body,
        subtitle=f"{words.part} {chapter.part.number}: {chapter.part.title}",
        toc=False,
        break_level=0,
        source=source,
        images=pictures_of(chapter.images),
        elsewhere=elsewhere,
    )


def framework_document(framework: Framework, cover: Cover) -> Document:
    """A framework in full: about, scale, then every domain, strand and criterion."""
    words = cover.words
    body = print_markdown("framework.md.j2", framework=framework, words=words)
    subtitle = f"{words.version} {framework.version}"
    if framework.status != "published":
        subtitle += f" ({framework.status})"
    return Document(framework.title, words.framework_download, cover, body, subtitle=subtitle)
