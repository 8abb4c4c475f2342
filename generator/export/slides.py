"""A training module's slides: one Markdown deck, typeset as PowerPoint and as a 16:9 PDF.

The deck is a cover slide (module, day, length, audience), the objectives, then each
session's slides (its `slides:`, or one slide of its description), each in its layout:
section, points, questions, activity (with the session's timer line), table or picture. The
session's first slide carries its number, activity, minutes and running time. Facilitator and
slide notes become PowerPoint speaker notes; the PDF leaves them out, since it is what the
room sees and the facilitator guide already prints them. Every slide opens with a level-1
heading, editors' text is moved below level 2, and slides.lua flattens what would split a
slide, so a deck always has slide_count() slides. Section slides take PowerPoint's "Section
Header" layout; every slide keeps its title first in reading order.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from generator.export import pandoc, typst_pdf
from generator.export.archive import ZIP_EPOCH, build_zip, read_package, repack
from generator.export.document import Cover
from generator.export.printed import print_markdown
from generator.export.slide_tables import fitted_slide
from generator.export.typeset import picture_folder
from generator.model.images import Picture
from generator.model.objects import Module
from generator.render.filters import duration
from generator.render.markdown import metadata_block, plain
from generator.theme import current as current_theme

#: Where in the theme the slide layouts are: pptx/ for PowerPoint, pdf/ for the PDF.
REFERENCE_PPTX = "reference.pptx"
SLIDES_TEMPLATE = "slides.typst"
FILTER = Path(__file__).with_name("slides.lua")
_CREATOR = re.compile(rb"<dc:creator>.*?</dc:creator>", re.DOTALL)
# Every slide but the cover (slide1.xml) gets a number.
_NUMBERED_SLIDE = re.compile(r"ppt/slides/slide(?!1\.xml)[0-9]+\.xml")
_RUN_PROPERTIES = re.compile(rb"<a:rPr(?=[\s/>])(?![^>]*\slang=)")
#: The size of a table's text in PowerPoint: readable from the back of a room, as body text is;
#: a long table's is a little smaller, never below the smallest body text (16pt).
TABLE_POINTS, SMALLER_TABLE_POINTS = 18, 16
_LAYOUT_TARGET = re.compile(rb'Target="\.\./slideLayouts/slideLayout[0-9]+\.xml"')


def slide_count(module: Module) -> int:
    """How many slides a module's deck has: the cover, the objectives and each session's."""
    return 2 + sum(len(session.shown) for session in module.sessions)


def layouts(module: Module) -> tuple[str, ...]:
    """Each slide's layout in order: the cover, the objectives' points, then each session's."""
    shown = (slide.layout for session in module.sessions for slide in session.shown)
    return ("cover", "points", *shown)


def pictures(module: Module) -> tuple[Picture, ...]:
    """The pictures the deck's picture slides show, each once."""
    found = {p.name: p for s in module.sessions for slide in s.shown for p in slide.images}
    return tuple(found.values())


def deck_markdown(module: Module, programme: str, cover: Cover) -> str:
    """The deck as pandoc Markdown: metadata for the cover, then one `#` heading a slide."""
    # Metadata values are read as Markdown too: every plain-text value goes through plain().
    words = cover.words
    audience = ", ".join(role.label for role in module.audience)
    length = f"{words.length}: {duration(module.duration, words)}"
    facts = [plain(f"{words.for_whom}: {audience}"), plain(length)]
    values: dict[str, object] = {
        "title": plain(module.title),
        "subtitle": plain(module.day.heading),
        # PowerPoint's cover lists authors under the subtitle (pptx() puts the organisation
        # back as the file's author); the PDF's cover reads `facts`.
        "author": facts,
        "facts": facts,
        "programme": plain(programme),
        "organisation": plain(cover.organisation),
        "lang": cover.language,
    }
    slides = print_markdown("slides.md.j2", module=module, words=words)
    return metadata_block(values) + "\n" + slides


def pptx(module: Module, programme: str, cover: Cover, epoch: int) -> bytes:
    """The deck as an editable PowerPoint file, dated `epoch`."""
    markdown = deck_markdown(module, programme, cover)
    reference = current_theme().pptx / REFERENCE_PPTX
    with picture_folder(pictures(module)) as folder:
        args = ["--slide-level=1", f"--lua-filter={FILTER}", f"--resource-path={folder}"]
        deck = pandoc.to_pptx(markdown, reference, extra=args, epoch=epoch)
    deck = with_author_and_language(deck, cover)
    return repack(with_layouts(deck, layouts(module)), epoch)


def with_layouts(package: bytes, wanted: tuple[str, ...]) -> bytes:
    """The deck with each section slide on the "Section Header" layout, and its tables fitted
    to their slides: columns balanced for their text (pandoc makes them all the same width),
    text at TABLE_POINTS, or SMALLER_TABLE_POINTS where it would run off the slide.

    pandoc gives every slide under a level-1 heading "Title and Content"; a section divider
    reads as one when it looks like one. The slide keeps its title and body placeholders,
    which the Section Header layout places and styles.
    """
    members = read_package(package)
    section = next(
        (
            name.rsplit("/", 1)[-1]
            for name, data in members.items()
            if name.startswith("ppt/slideLayouts/slideLayout") and b'name="Section Header"' in data
        ),
        None,
    )
    for number, layout in enumerate(wanted, start=1):
        part, rels = f"ppt/slides/slide{number}.xml", f"ppt/slides/_rels/slide{number}.xml.rels"
        if part in members:
            members[part] = fitted_slide(members[part], TABLE_POINTS, SMALLER_TABLE_POINTS)
        if layout == "section" and section is not None and rels in members:
            members[rels] = _LAYOUT_TARGET.sub(
                f'Target="../slideLayouts/{section}"'.encode(), members[rels], count=1
            )
    return build_zip(members.items(), ZIP_EPOCH)


def with_author_and_language(package: bytes, cover: Cover) -> bytes:
    """The deck with the organisation as its author, the programme's language on every run
    and a slide number on every slide after the cover.

    pandoc writes the metadata's `author` (the cover slide's audience line) as the file's
    author, marks no language (so screen readers and spelling checks would guess) and puts
    no slide numbers on, which trainers need to find their place ("back to slide 4").
    """
    members = read_package(package)
    creator = f"<dc:creator>{escape(cover.organisation)}</dc:creator>".encode()
    members["docProps/core.xml"] = _CREATOR.sub(
        lambda _: creator, members["docProps/core.xml"], count=1
    )
    language = f"<a:rPr lang={quoteattr(cover.language)}".encode()
    for name in members:
        if name.startswith(("ppt/slides/slide", "ppt/notesSlides/")) and name.endswith(".xml"):
            members[name] = _RUN_PROPERTIES.sub(language, members[name])
        if _NUMBERED_SLIDE.fullmatch(name):
            members[name] = members[name].replace(b"</p:spTree>", _slide_number(cover), 1)
    return build_zip(members.items(), ZIP_EPOCH)


def _slide_number(cover: Cover) -> bytes:
    """A slide-number placeholder; the layout places it and the master styles it."""
    return (
        '<p:sp><p:nvSpPr><p:cNvPr id="1000" name="Slide Number"/><p:cNvSpPr>'
        '<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldNum" sz="quarter" idx="12"/>'
        "</p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p>"
        f'<a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum">'
        f"<a:rPr lang={quoteattr(cover.language)}/><a:t>#</a:t></a:fld></a:p></p:txBody></p:sp>"
        "</p:spTree>"
    ).encode()


def pdf(module: Module, programme: str, cover: Cover, epoch: int) -> bytes:
    """The deck as a 16:9 landscape PDF, one slide a page, without speaker notes."""
    markdown = deck_markdown(module, programme, cover)
    styles = current_theme().pdf
    markup = pandoc.to_typst(markdown, styles / SLIDES_TEMPLATE, extra=[f"--lua-filter={FILTER}"])
    with picture_folder(pictures(module), styles) as root:
        return typst_pdf.compile_pdf(markup, root, epoch)
