"""A training session with its handouts and its slides (layouts, titles, Markdown, notes)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.model.images import Picture
from generator.model.vocab import Term

#: How a slide may be laid out, in the order the docs list them.
SLIDE_LAYOUTS = ("section", "points", "questions", "activity", "table", "picture")


@dataclass(frozen=True)
class Slide:
    """One slide of a session: a layout, a title, Markdown to show and speaker notes."""

    layout: str
    #: Its own title, or "" for the session's (Session.shown fills it in).
    title: str
    body: str
    notes: str = ""
    #: The pictures a `picture` slide shows; its body addresses them as `images/<name>`.
    images: tuple[Picture, ...] = ()


@dataclass(frozen=True)
class Handout:
    """A participant handout: a Markdown file from content/handouts/."""

    id: str
    title: str
    body: str
    source: str
    images: tuple[Picture, ...] = ()
    #: How tall each empty row of a fill-in table prints, in millimetres; 0 for the default.
    write_in_mm: int = 0


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
    #: What the session shows on screen; empty when the module gives no `slides:`.
    slides: tuple[Slide, ...] = ()

    @property
    def shown(self) -> tuple[Slide, ...]:
        """The slides the deck shows for this session: its own, or one of its description."""
        own = tuple(replace(s, title=s.title or self.title) for s in self.slides)
        return own or (Slide(layout="points", title=self.title, body=self.description),)
