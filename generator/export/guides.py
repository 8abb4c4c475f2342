"""A training module's facilitator guide and participant handouts as Documents."""

from __future__ import annotations

from ..model import Handout, Module, Session, TrainingDay
from ..timetable import clock
from ..vocab import ACTIVITY_TYPES, ROLES
from .document import Cover, Document
from .markdown import bullets, chapter_markdown, heading, inline, join_blocks, pipe_table


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
    blocks = [
        _overview(module, prerequisites),
        _list_section("Objectives", module.objectives),
        _list_section("Materials", module.materials),
        _list_section("Links to the framework", links),
        heading(1, "Timetable", "timetable"),
        timetable(module),
        heading(1, "Sessions", "sessions"),
        *(_session(n, s) for n, s in enumerate(module.sessions, start=1)),
    ]
    subtitle = f"{module.day.label}: {module.day.title}"
    return Document(
        module.title,
        "Facilitator guide",
        cover,
        join_blocks(blocks),
        subtitle=subtitle,
        toc=False,
        break_level=0,
    )


def _overview(module: Module, prerequisites: tuple[str, ...]) -> str:
    facts = [
        ("Training day", f"{module.day.label}: {module.day.title}"),
        ("Length", duration(module.duration)),
        ("Who it is for", ", ".join(ROLES.get(role, role) for role in module.audience)),
    ]
    if prerequisites:
        facts.append(("Modules to take first", "; ".join(prerequisites)))
    return join_blocks(
        [
            heading(1, "Overview", "overview"),
            module.summary,
            pipe_table(("At a glance", "Details"), facts, (1, 3)),
        ]
    )


def _list_section(title: str, items: tuple[str, ...]) -> str:
    if not items:
        return ""
    return join_blocks([heading(2, title), bullets(items)])


def timetable(module: Module) -> str:
    """Sessions with elapsed start and end times from 0:00 and their running total."""
    rows = [
        (
            clock(s.start),
            clock(s.start + s.minutes),
            s.title,
            ACTIVITY_TYPES.get(s.activity, s.activity),
            str(s.minutes),
        )
        for s in module.sessions
    ]
    rows.append(("", clock(module.duration), "**Total**", "", f"**{module.duration}**"))
    headers = ("Starts", "Ends", "Session", "Activity", "Minutes")
    return pipe_table(headers, rows, (2, 2, 9, 4, 3))


def _session(number: int, session: Session) -> str:
    when = f"{clock(session.start)} to {clock(session.start + session.minutes)}"
    facts = [
        f"**Time:** {when} ({duration(session.minutes)})",
        f"**Activity:** {ACTIVITY_TYPES.get(session.activity, session.activity)}",
    ]
    if session.handouts:
        facts.append("**Handouts:** " + "; ".join(inline(h.title) for h in session.handouts))
    notes = session.facilitator_notes
    return join_blocks(
        [
            heading(2, f"{number}. {session.title}"),
            "\\\n".join(facts),
            session.description,
            heading(3, "Facilitator notes") if notes else "",
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
        f"Participant handouts: {title}",
        "Participant handouts",
        cover,
        join_blocks(blocks),
        subtitle=f"{day.label}: {day.title}",
        toc=len(handouts) > 1,
        toc_depth=1,
    )
