"""Regenerate theme/pptx/reference.pptx, the look of every module's PowerPoint deck.

Starts from pandoc's own reference.pptx (16:9, with the layouts pandoc looks for by name) and
restyles it with python-pptx: the programme's colours from theme/pdf/handbook.typ's palette,
Arial (which every copy of PowerPoint has and LibreOffice replaces with the metric-compatible
Liberation Sans), titles and text large enough to read from the back of a hall, a cover slide
in the accent colour and a thin accent bar on every other slide. Never edit the .pptx by
hand; change this script and run it from the repository root:

    .venv/bin/python theme/pptx/make_reference.py
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.slide import SlideLayout, SlideMaster
from pptx.util import Emu, Inches

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator.export.archive import repack  # noqa: E402
from generator.export.pandoc import default_reference_pptx  # noqa: E402

OUTPUT = Path(__file__).with_name("reference.pptx")
FONT = "Arial"
# The palette of theme/pdf/handbook.typ; ink and accent pass WCAG AA on white (>= 7:1), and
# white text on the accent cover passes it too.
INK, MUTED, ACCENT, ACCENT_LIGHT, RULE = "1B2430", "4A5563", "1F4E79", "E6EEF6", "B8C4D2"
LINK, VISITED = "1F5FA8", "5A3E8C"
WIDTH, HEIGHT = Inches(10), Inches(5.625)  # 16:9, pandoc's own slide size
MARGIN = Inches(0.55)

# The theme's colour scheme: dark 1/light 1 are text and background, accent 1 our blue.
COLOURS = {
    "dk1": INK,
    "lt1": "FFFFFF",
    "dk2": ACCENT,
    "lt2": ACCENT_LIGHT,
    "accent1": ACCENT,
    "accent2": "1D6B44",
    "accent3": "8A5A00",
    "accent4": VISITED,
    "accent5": LINK,
    "accent6": "A4262C",
    "hlink": LINK,
    "folHlink": VISITED,
}
NAMESPACES = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)
# body text levels: (size in points, space before in points)
BODY_LEVELS = ((20, 10), (18, 6), (16, 4), (16, 2), (16, 2))


def main() -> None:
    """Write theme/pptx/reference.pptx from pandoc's default."""
    deck = Presentation(io.BytesIO(default_reference_pptx()))
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    master = deck.slide_master
    style_master(master)
    style_cover(layout_named(master, "Title Slide"))
    style_section(layout_named(master, "Section Header"))
    style_caption(layout_named(master, "Content with Caption"))
    buffer = io.BytesIO()
    deck.save(buffer)
    OUTPUT.write_bytes(repack(themed(buffer.getvalue()), 0))
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


def layout_named(master: SlideMaster, name: str) -> SlideLayout:
    """The slide layout pandoc finds by this name."""
    return next(layout for layout in master.slide_layouts if layout.name == name)


def style_master(master: SlideMaster) -> None:
    """Placeholder positions, the accent bar and the text styles every layout inherits."""
    for shape in master.placeholders:
        kind = shape.placeholder_format.type
        if kind == PP_PLACEHOLDER.TITLE:
            place(shape, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(1.0))
            # One-line and two-line titles alike end just above the text.
            shape.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
        elif kind == PP_PLACEHOLDER.BODY:
            place(shape, MARGIN, Inches(1.4), WIDTH - 2 * MARGIN, Inches(3.65))
        elif kind == PP_PLACEHOLDER.SLIDE_NUMBER:
            # The slides.py post-processing puts a number on every slide after the cover.
            place(shape, WIDTH - MARGIN - Inches(1.5), Inches(5.1), Inches(1.5), Inches(0.35))
            placeholder_text(shape, 12, MUTED, bold=False, align=PP_ALIGN.RIGHT)
    # Drawn first, so it sits behind the placeholders.
    master.shapes._spTree.insert(2, accent_bar())
    styles = master.element.find(qn("p:txStyles"))
    title = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    title.set("algn", "l")
    text_properties(title, 28, ACCENT, bold=True)
    body = styles.find(qn("p:bodyStyle"))
    for level, (size, before) in enumerate(BODY_LEVELS, start=1):
        paragraph = body.find(qn(f"a:lvl{level}pPr"))
        spacing(paragraph, before)
        text_properties(paragraph, size, INK, bold=False)


def accent_bar() -> etree._Element:
    """A thin band of the accent colour across the top of the slide (MasterShapes has no
    add_shape, so the shape is written as DrawingML)."""
    return etree.fromstring(
        f'<p:sp {NAMESPACES}><p:nvSpPr><p:cNvPr id="100" name="Accent bar"/><p:cNvSpPr/><p:nvPr/>'
        f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{WIDTH}" cy="{Inches(0.14)}"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{ACCENT}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>'
        "</p:sp>"
    )


def style_cover(layout: SlideLayout) -> None:
    """The title slide: the accent colour edge to edge, white text, left-aligned."""
    background = layout.background.fill
    background.solid()
    background.fore_color.rgb = RGBColor.from_string(ACCENT)
    # No accent bar on a slide that is all accent.
    layout.element.set("showMasterSp", "0")
    for shape in layout.placeholders:
        kind = shape.placeholder_format.type
        if kind == PP_PLACEHOLDER.CENTER_TITLE:
            place(shape, Inches(0.7), Inches(0.9), WIDTH - Inches(1.4), Inches(2.2))
            shape.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
            placeholder_text(shape, 36, "FFFFFF", bold=True)
        elif kind == PP_PLACEHOLDER.SUBTITLE:
            place(shape, Inches(0.7), Inches(3.3), WIDTH - Inches(1.4), Inches(1.9))
            shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
            placeholder_text(shape, 20, "FFFFFF", bold=False)


def style_section(layout: SlideLayout) -> None:
    """A section divider: the light accent edge to edge, the title large in the accent colour
    and a line of text under it, both left-aligned in the middle of the slide."""
    background = layout.background.fill
    background.solid()
    background.fore_color.rgb = RGBColor.from_string(ACCENT_LIGHT)
    for shape in layout.placeholders:
        kind = shape.placeholder_format.type
        if kind == PP_PLACEHOLDER.TITLE:
            place(shape, Inches(0.7), Inches(1.2), WIDTH - Inches(1.4), Inches(1.9))
            shape.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
            placeholder_text(shape, 36, ACCENT, bold=True)
            # pandoc's default sets section titles in capitals, which are harder to read.
            for properties in shape.text_frame._txBody.iter(qn("a:defRPr")):
                properties.attrib.pop("cap", None)
        elif kind == PP_PLACEHOLDER.BODY:
            place(shape, Inches(0.7), Inches(3.25), WIDTH - Inches(1.4), Inches(1.5))
            shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
            placeholder_text(shape, 22, MUTED, bold=False)


def style_caption(layout: SlideLayout) -> None:
    """A slide of text and a table or picture (pandoc's "Content with Caption", which a
    session's first slide takes when its timing line comes before a table): the title across
    the top as on every slide, the text in two lines under it, and the table or picture below,
    as wide as the slide, not squeezed into a column beside a small title."""
    for shape in layout.placeholders:
        kind = shape.placeholder_format.type
        if kind == PP_PLACEHOLDER.TITLE:
            place(shape, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(1.0))
            shape.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
            placeholder_text(shape, 28, ACCENT, bold=True)
        elif kind == PP_PLACEHOLDER.BODY:
            # Two lines: the timing, and the handouts when the session gives any out.
            place(shape, MARGIN, Inches(1.3), WIDTH - 2 * MARGIN, Inches(0.8))
            shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
            placeholder_text(shape, BODY_LEVELS[1][0], INK, bold=False)
        elif kind == PP_PLACEHOLDER.OBJECT:
            place(shape, MARGIN, Inches(2.15), WIDTH - 2 * MARGIN, Inches(2.9))


def place(shape: object, left: Emu, top: Emu, width: Emu, height: Emu) -> None:
    """Move and size a shape."""
    shape.left, shape.top, shape.width, shape.height = left, top, width, height  # type: ignore[attr-defined]


def placeholder_text(
    shape: object, size: int, colour: str, *, bold: bool, align: PP_ALIGN = PP_ALIGN.LEFT
) -> None:
    """A placeholder's own first-level text style, left-aligned unless told."""
    body = shape.text_frame._txBody  # type: ignore[attr-defined]
    styles = body.find(qn("a:lstStyle"))
    for old in list(styles):
        styles.remove(old)
    side = "r" if align == PP_ALIGN.RIGHT else "l"
    level = etree.SubElement(styles, qn("a:lvl1pPr"), marL="0", indent="0", algn=side)
    etree.SubElement(level, qn("a:buNone"))
    text_properties(level, size, colour, bold=bold)
    for paragraph in shape.text_frame.paragraphs:  # type: ignore[attr-defined]
        paragraph.alignment = align


def spacing(paragraph: etree._Element, before: int) -> None:
    """Space before a paragraph in points, replacing the percentage pandoc's default uses."""
    for old in paragraph.findall(qn("a:spcBef")):
        paragraph.remove(old)
    element = etree.Element(qn("a:spcBef"))
    etree.SubElement(element, qn("a:spcPts"), val=str(before * 100))
    paragraph.insert(0, element)


def text_properties(paragraph: etree._Element, size: int, colour: str, *, bold: bool) -> None:
    """Replace a paragraph style's default run properties: size, weight, colour, Arial."""
    for old in paragraph.findall(qn("a:defRPr")):
        paragraph.remove(old)
    run = etree.SubElement(paragraph, qn("a:defRPr"), sz=str(size * 100), b="1" if bold else "0")
    fill = etree.SubElement(run, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=colour)
    for script in ("a:latin", "a:ea", "a:cs"):
        etree.SubElement(run, qn(script), typeface=FONT)


def themed(package: bytes) -> bytes:
    """The package with the theme's colour and font schemes set to the programme's."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    for name in [n for n in members if n.startswith("ppt/theme/theme")]:
        members[name] = theme_xml(members[name])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def theme_xml(data: bytes) -> bytes:
    """A theme part with our colours and Arial as both heading and body font."""
    root = etree.fromstring(data)
    scheme = root.find(f".//{qn('a:clrScheme')}")
    if scheme is not None:
        scheme.set("name", "Schools in Partnership")
        for name, colour in COLOURS.items():
            slot = scheme.find(qn(f"a:{name}"))
            for old in list(slot):
                slot.remove(old)
            etree.SubElement(slot, qn("a:srgbClr"), val=colour)
    for font in root.iter(qn("a:majorFont"), qn("a:minorFont")):
        font.find(qn("a:latin")).set("typeface", FONT)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


if __name__ == "__main__":
    main()
