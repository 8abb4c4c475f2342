"""A training module's facilitator guide and participant handouts as Documents."""

from __future__ import annotations

from generator.export.document import Cover, Document, pictures_of
from generator.export.printed import print_markdown
from generator.model.objects import Handout, Module, TrainingDay


def facilitator_guide(
    module: Module, cover: Cover, links: tuple[str, ...], prerequisites: tuple[str, ...]
) -> Document:
    """What a trainer needs: overview, timetable with running times, then each session."""
    words = cover.words
    body = print_markdown(
        "facilitator-guide.md.j2",
        module=module,
        links=links,
        prerequisites=prerequisites,
        words=words,
    )
    return Document(
        module.title,
        words.facilitator_guide_download,
        cover,
        body,
        subtitle=module.day.heading,
        toc=False,
        break_level=0,
    )


def handouts_document(
    title: str, day: TrainingDay, handouts: tuple[Handout, ...], cover: Cover
) -> Document:
    """Every handout a module (titled `title`) uses, each starting a new page."""
    body = print_markdown("handouts.md.j2", handouts=handouts)
    return Document(
        f"{cover.words.handouts_download}: {title}",
        cover.words.handouts_download,
        cover,
        body,
        subtitle=f"{day.label}: {day.title}",
        toc=len(handouts) > 1,
        toc_depth=1,
        images=pictures_of(*(handout.images for handout in handouts)),
        write_in_mm=max((handout.write_in_mm for handout in handouts), default=0),
    )
