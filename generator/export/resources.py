"""A training resource as a Document, printed the way its front matter asks."""

from __future__ import annotations

from generator.export.document import Cover, Document
from generator.model.resources import Resource
from generator.render.markdown import chapter_markdown, shift_headings

#: A fenced div typeset.lua turns into a page break in PDF and in Word.
PAGE_BREAK = "::: {.page-break}\n:::"


def resource_document(resource: Resource, cover: Cover) -> Document:
    """The resource's body under its own cover; `##` sections become top-level headings."""
    body = chapter_markdown(resource.body)
    if resource.print.page_per_section:
        body = pages_per_section(body)
    return Document(
        resource.title,
        cover.words.resource_download,
        cover,
        shift_headings(body, -1),
        subtitle=resource.summary,
        toc=False,
        break_level=0,
        write_in_mm=resource.print.write_in_mm,
    )


def pages_per_section(markdown: str) -> str:
    """Markdown with a page break before every `## ` section after the first."""
    out: list[str] = []
    seen = False
    fence = ""
    for line in markdown.splitlines():
        if line.startswith(("```", "~~~")):
            fence = "" if fence else line[:3]
        if not fence and line.startswith("## "):
            if seen:
                out += ["", PAGE_BREAK, ""]
            seen = True
        out.append(line)
    return "\n".join(out) + "\n"
