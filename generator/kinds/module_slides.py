"""A session's slides in a module: their schema, what each layout needs, and the model.

`slides:` is Markdown text (one slide of points under the session's title) or a list of
slides, each with a layout from SLIDE_LAYOUTS. A picture slide's body shows a picture from
content/images/ (generator/check/pictures.py applies the picture policy to it); no other
field shows one.
"""

from __future__ import annotations

import re
from typing import Any

from generator.check.crossref import Checker
from generator.check.schemas import Schema, choice, label, text
from generator.load.sources import SourceDocument
from generator.model.images import Picture, published, read_pictures
from generator.model.slides import SLIDE_LAYOUTS, Slide

SLIDE: Schema = {
    "layout": choice(
        "How the slide is laid out: a section divider, points, questions, activity "
        "instructions (with the session's timer line), a pipe table or a picture",
        SLIDE_LAYOUTS,
    ),
    "title": label("The slide's title; the session's title when left out", required=False),
    "body": text(
        "What the slide shows, in Markdown: a list for points and questions, the steps for an "
        "activity, a pipe table for a table, ![what it shows](../images/name.png) for a "
        "picture; a section divider may leave it out",
        required=False,
    ),
    "notes": text("Speaker notes for this slide, in Markdown", required=False),
}


SLIDES: Schema = {
    "type": ["string", "list"],
    "required": False,
    "empty": False,
    "minlength": 1,
    "meta": {
        "description": "What the session shows on screen: Markdown text for one slide, or a "
        "list of slides each with a layout; the description when left out",
        "hint": "write Markdown text after `slides: |`, or a list of slides such as "
        "`- layout: points` with `body: |` on the next line",
    },
    "schema": {
        "type": "dict",
        "schema": SLIDE,
        "meta": {"hint": "each slide is a mapping: `- layout: points` then `body: |`"},
    },
}


_TABLE_RULE = re.compile(r"^ *\|? *:?-+:? *(\| *:?-+:? *)+\|? *$", re.MULTILINE)


def check_slides(check: Checker, s: int, slides: object) -> None:
    """A listed slide shows what its layout needs: a body, a pipe table, a picture."""
    for i, slide in enumerate(slides if isinstance(slides, list) else []):
        path, layout, body = ("sessions", s, "slides", i), slide["layout"], slide.get("body")
        if layout in SLIDE_LAYOUTS and layout != "section" and not body:
            message = f"a {layout} slide needs a body"
            check.error(path, message, "add `body: |` with what the slide shows", code="slide.body")
        elif layout == "table" and not _TABLE_RULE.search(body):
            check.error(
                (*path, "body"),
                "a table slide's body holds no pipe table",
                "write a header row, a rule such as `| --- | --- |`, then a row a line",
                code="slide.table",
            )
        elif layout == "table" and _after_table(body):
            check.error(
                (*path, "body"),
                f"a table slide's body goes on after its table ('{_after_table(body)[:40]}'), "
                "which PowerPoint would put on a slide of its own, with no title",
                "move the line above the table, or into the session's facilitator notes",
                code="slide.after-table",
            )
        elif layout == "picture" and not read_pictures(body).images:
            check.error(
                (*path, "body"),
                "a picture slide's body shows no picture",
                "write ![what it shows](../images/name.png), the picture in content/images/",
                code="slide.picture",
            )


def _after_table(body: str) -> str:
    """The first line of text after a table slide's last table row, or ''."""
    lines = body.splitlines()
    last = max((n for n, line in enumerate(lines) if line.lstrip().startswith("|")), default=-1)
    return next((line.strip() for line in lines[last + 1 :] if line.strip()), "")


def session_slides(doc: SourceDocument, session: dict[str, Any]) -> tuple[Slide, ...]:
    """A session's slides: Markdown text is one slide of points under the session's title."""
    given = session.get("slides")
    if not given:
        return ()
    if isinstance(given, str):
        return (Slide(layout="points", title="", body=given.strip()),)
    return tuple(_slide(doc, slide) for slide in given)


def _slide(doc: SourceDocument, slide: dict[str, Any]) -> Slide:
    body: str = slide.get("body", "").strip()
    pictures: tuple[Picture, ...] = ()
    if slide["layout"] == "picture":
        body, pictures = published(body, doc.path, doc.rel)
    return Slide(
        layout=slide["layout"],
        title=slide.get("title", ""),
        body=body,
        notes=slide.get("notes", "").strip(),
        images=pictures,
    )
