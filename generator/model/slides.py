"""A slide of a training session: its layout, title, Markdown and speaker notes."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.images import Picture

#: How a slide may be laid out, in the order the docs list them.
SLIDE_LAYOUTS = ("section", "points", "questions", "activity", "table", "picture")


@dataclass(frozen=True)
class Slide:
    """One slide of a session: a layout, a title, Markdown to show and speaker notes."""

    layout: str
    title: str
    body: str
    notes: str = ""
    #: The pictures a `picture` slide shows; its body addresses them as `images/<name>`.
    images: tuple[Picture, ...] = ()
