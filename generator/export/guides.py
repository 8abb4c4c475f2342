"""A training module's facilitator guide and participant handouts as Documents."""

from __future__ import annotations

from ..model import Handout, Module, Session, TrainingDay
from ..timetable import clock
from ..wording import Wording
from .document import Cover, Document, pictures_of
from .markdown import bullets, chapter_markdown, heading, inline, join_blocks, pipe_table
from .resources import material_line


def duration(minutes: int) -> str:
    """A length of time in words: 150 -> '2 hours 30 minutes'."""
    hours, rest = divmod(minutes, 60)
    parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    parts += [f"{rest} minute{'s' if rest != 1 else ''}"] if rest or not hours else []
    return " ".join(parts)


def facilitator_guide(
    module: Module, cover: Cover, links: tuple[str, ...], prerequisites: tuple[str, ...]
) -> Document:
    """What a trainer needs: overview, timetable with running times, then each session."""
    words = cover.words
    blocks = [
        _overview(module, prerequisites, words),
        _list_section(words.objectives, module.objectives),
        _list_section(words.materials, tuple(material_line(m) for m in module.materials)),
        _list_section(words.framework_links, links),
        heading(1, words.timetable, "timetable"),
        timetable(module, words),
        heading(1, words.sessions, "sessions"),
        *(_session(n, s, words) for n, s in enumerate(module.sessions, start=1)),
    ]
    subtitle = f"{module.day.label}: {module.day.title}"
    return Document(
        module.title,
        words.facilitator_guide_download,
        cover,
        join_blocks(blocks),
        subtitle=subtitle,
        toc=False,
        break_level=0,
    )


def _overview(module: Module, prerequisites: tuple[str, ...], words: Wording) -> str:
    facts = [
        (words.training_day, f"{module.day.label}: {module.day.title}"),
        (words.length, duration(module.duration)),
        (words.audience, ", ".join(role.label for role in module.audience)),
    ]
    if prerequisites:
        facts.append((words.prerequisites, "; ".join(prerequisites)))
    return join_blocks(
        [
            heading(1, words.overview, "overview"),
            module.summary,
            pipe_table((words.at_a_glance, words.details), facts, (1, 3)),
        ]
    )


def _list_section(title: str, items: tuple[str, ...]) -> str:
    if not items:
        return ""
    return join_blocks([heading(2, title), bullets(items)])


def timetable(module: Module, words: Wording) -> str:
    """Sessions with elapsed start and end times from 0:00 and their running total."""
    rows = [
        (
            clock(s.start),
            clock(s.start + s.minutes),
            s.title,
            s.activity.label,
            str(s.minutes),
        )
        for s in module.sessions
    ]
    total = f"**{words.total}**"
    rows.append(("", clock(module.duration), total, "", f"**{module.duration}**"))
    headers = (words.starts, words.ends, words.session, words.activity, words.minutes)
    # Wide enough that the start column's header fits on one line, in bold.
    return pipe_table(headers, rows, (3, 3, 9, 4, 3))


def _session(number: int, session: Session, words: Wording) -> str:
    when = f"{clock(session.start)} to {clock(session.start + session.minutes)}"
    facts = [
        f"**{words.time}:** {when} ({duration(session.minutes)})",
        f"**{words.activity}:** {session.activity.label}",
    ]
    if session.handouts:
        titles = "; ".join(inline(h.title) for h in session.handouts)
        facts.append(f"**{words.handouts}:** {titles}")
    notes = session.facilitator_notes
    return join_blocks(
        [
            heading(2, f"{number}. {session.title}"),
            "\\\n".join(facts),
            session.description,
            heading(3, words.facilitator_notes) if notes else "",
            chapter_markdown(notes, 2) if notes else "",
        ]
    )


def handouts_document(
    title: str, day: TrainingDay, handouts: tuple[Handout, ...], cover: Cover
) -> Document:
    """Every handout a module (titled `title`) uses, each starting a new page."""
    blocks = [
        join_blocks(
            [heading(1, handout.title, f"handout-{handout.id}"), chapter_markdown(handout.body)]
        )
        for handout in handouts
    ]
    return Document(
        f"{cover.words.handouts_download}: {title}",
        cover.words.handouts_download,
        cover,
        join_blocks(blocks),
        subtitle=f"{day.label}: {day.title}",
        toc=len(handouts) > 1,
        toc_depth=1,
        images=pictures_of(*(handout.images for handout in handouts)),
    )
