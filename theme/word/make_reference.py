"""Regenerate theme/word/reference.docx, the styles of every Word download pandoc writes.

Starts from pandoc's own reference.docx and restyles it with python-docx: Arial 11pt text,
dark blue headings that pass WCAG AA contrast on white, A4 pages, a table style with a shaded
header row, boxed "Admonition" paragraphs, the document title in the header and "Page X of Y"
in the footer. Run from the repository root:

    .venv/bin/python theme/word/make_reference.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator.export.archive import repack  # noqa: E402
from generator.export.pandoc import default_reference_docx  # noqa: E402

OUTPUT = Path(__file__).with_name("reference.docx")
FONT = "Arial"
INK, ACCENT, MUTED, LINK = "1B2430", "1F4E79", "4A5563", "1F5FA8"  # contrast on white >= 6:1
RULE, HEADER_FILL, BOX_FILL = "B8C4D2", "E6EEF6", "EEF3F9"

# style name -> (size in points, colour, bold)
TEXT_STYLES = {
    "Normal": (11, INK, False),
    "Title": (28, ACCENT, True),
    "Subtitle": (16, MUTED, False),
    "Author": (12, INK, False),
    "Date": (12, MUTED, False),
    "Heading 1": (20, ACCENT, True),
    "Heading 2": (16, ACCENT, True),
    "Heading 3": (13, ACCENT, True),
    "Heading 4": (11, INK, True),
    "TOC Heading": (20, ACCENT, True),
    "Definition Term": (11, INK, True),
}


def main() -> None:
    """Write theme/word/reference.docx from pandoc's default."""
    document = Document(io.BytesIO(default_reference_docx()))
    for name, (size, colour, bold) in TEXT_STYLES.items():
        restyle_text(document.styles[name], size, colour, bold)
    restyle_hyperlink(document)
    restyle_table(document)
    add_admonition_styles(document)
    add_contents_styles(document)
    set_language(document)
    set_page(document)
    add_header_and_footer(document)
    buffer = io.BytesIO()
    document.save(buffer)
    OUTPUT.write_bytes(repack(buffer.getvalue(), 0))
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


def run_properties(size: int, colour: str, bold: bool) -> str:
    """A w:rPr in schema order: fonts, bold, colour, size, language."""
    fonts = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
    weight = "<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    sizes = f'<w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/>'
    return f'<w:rPr {nsdecls("w")}>{fonts}{weight}<w:color w:val="{colour}"/>{sizes}</w:rPr>'


def restyle_text(style: BaseStyle, size: int, colour: str, bold: bool) -> None:
    """Replace a style's run properties: our font, size, colour and weight."""
    element = style.element
    for old in element.findall(qn("w:rPr")):
        element.remove(old)
    for flag in ("w:semiHidden", "w:unhideWhenUsed"):
        for old in element.findall(qn(flag)):
            element.remove(old)
    element.append(parse_xml(run_properties(size, colour, bold)))


def restyle_hyperlink(document: WordDocument) -> None:
    """Links in a blue dark enough to read, underlined so colour is not the only cue."""
    element = document.styles["Hyperlink"].element
    for old in element.findall(qn("w:rPr")):
        element.remove(old)
    element.append(
        parse_xml(f'<w:rPr {nsdecls("w")}><w:color w:val="{LINK}"/><w:u w:val="single"/></w:rPr>')
    )


def restyle_table(document: WordDocument) -> None:
    """pandoc's "Table" style: ruled rows and a shaded, bold header row."""
    element = document.styles["Table"].element
    for old in [*element.findall(qn("w:tblPr")), *element.findall(qn("w:tblStylePr"))]:
        element.remove(old)
    line = f'w:val="single" w:sz="4" w:space="0" w:color="{RULE}"'
    element.append(
        parse_xml(
            f'<w:tblPr {nsdecls("w")}><w:tblInd w:w="0" w:type="dxa"/>'
            f"<w:tblBorders><w:top {line}/><w:bottom {line}/><w:insideH {line}/></w:tblBorders>"
            '<w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
            '<w:bottom w:w="60" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
            "</w:tblPr>"
        )
    )
    element.append(
        parse_xml(
            f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/></w:tcPr>'
            "</w:tblStylePr>"
        )
    )


def add_admonition_styles(document: WordDocument) -> None:
    """The boxed paragraphs the Lua filter gives note, tip and warning blocks."""
    border = f'w:val="single" w:sz="18" w:space="8" w:color="{ACCENT}"'
    for name, bold, before, after in (
        ("Admonition Title", True, 200, 0),
        ("Admonition", False, 0, 120),
    ):
        style_id = name.replace(" ", "")
        document.styles.element.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" '
                f'w:styleId="{style_id}"><w:name w:val="{name}"/><w:basedOn w:val="BodyText"/>'
                f"<w:qFormat/><w:pPr>{'<w:keepNext/>' if bold else ''}"
                f"<w:pBdr><w:left {border}/></w:pBdr>"
                f'<w:shd w:val="clear" w:color="auto" w:fill="{BOX_FILL}"/>'
                f'<w:spacing w:before="{before}" w:after="{after}"/>'
                '<w:ind w:left="240" w:right="240"/>'
                f"</w:pPr>{run_properties(11, INK, bold)}</w:style>"
            )
        )


def add_contents_styles(document: WordDocument) -> None:
    """Word's "toc 1" to "toc 3": the lines of a filled-in contents list, indented by level."""
    for level in (1, 2, 3):
        bold = level == 1
        before = 160 if bold else 40
        document.styles.element.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="TOC{level}">'
                f'<w:name w:val="toc {level}"/><w:basedOn w:val="Normal"/>'
                '<w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/>'
                f'<w:pPr><w:spacing w:before="{before}" w:after="40"/>'
                f'<w:ind w:left="{(level - 1) * 360}"/></w:pPr>'
                f"{run_properties(11, INK, bold)}</w:style>"
            )
        )


def set_language(document: WordDocument) -> None:
    """British English for spelling checks and screen readers, unless pandoc says otherwise."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    lang.set(qn("w:val"), "en-GB")


def set_page(document: WordDocument) -> None:
    """A4 with 2 cm margins."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    section.header_distance = section.footer_distance = Cm(1)


def field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A simple Word field (PAGE, NUMPAGES, TITLE) at the end of a paragraph."""
    paragraph._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} "><w:r>'
            f"{run_properties(9, MUTED, False)}<w:t>{placeholder}</w:t></w:r></w:fldSimple>"
        )
    )


def add_header_and_footer(document: WordDocument) -> None:
    """The document title in the header; "Page X of Y" in the footer."""
    section = document.sections[0]
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    header = section.header.paragraphs[0]
    field(header, "TITLE \\* MERGEFORMAT", "Title")
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, instruction in (("Page ", "PAGE"), (" of ", "NUMPAGES")):
        run = footer.add_run(text)
        run.font.size, run.font.name = Pt(9), FONT
        field(footer, instruction, "1")


if __name__ == "__main__":
    main()
