"""WordprocessingML pieces python-docx has no API for: checkboxes, fixed tables, page fields.

The fill-in forms are built with python-docx because they need real Word checkbox content
controls and column widths that LibreOffice honours too (autofit off, grid widths set).
Content text reaches the document only through `add_heading`, `add_paragraph`, `add_text`,
`write_text`, `checkbox` and `new_document` here, each of which passes it through `xml_safe`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from generator.export.archive import repack
from generator.render.characters import xml_safe

FONT = "Arial"
INK, ACCENT, MUTED = (
    RGBColor(0x1B, 0x24, 0x30),
    RGBColor(0x1F, 0x4E, 0x79),
    RGBColor(0x4A, 0x55, 0x63),
)
HEADER_FILL = "E6EEF6"
TWIPS_PER_CM = 567
UNCHECKED, CHECKED = "2610", "2612"  # ballot box, ballot box with X


def new_document(title: str, author: str, epoch: int, *, landscape: bool) -> WordDocument:
    """An empty A4 document with our fonts, British English, metadata and page furniture."""
    document = Document()
    _page(document, landscape)
    _styles(document)
    when = datetime.fromtimestamp(epoch, tz=UTC).replace(tzinfo=None)
    title, author = xml_safe(title), xml_safe(author)
    props = document.core_properties
    props.title, props.author, props.language = title, author, "en-GB"
    props.created = props.modified = when
    props.last_modified_by, props.revision, props.comments = author, 1, ""
    _header_and_footer(document, title)
    return document


def new_form(
    title: str, author: str, epoch: int, *, landscape: bool, introduction: str
) -> WordDocument:
    """A fill-in form: a new document opening with its title and how to use it."""
    document = new_document(title, author, epoch, landscape=landscape)
    add_paragraph(document, title, style="Title")
    add_paragraph(document, introduction)
    return document


def add_heading(document: WordDocument, text: str, level: int) -> Paragraph:
    """A heading of `level` holding `text`."""
    return document.add_heading(xml_safe(text), level=level)


def add_paragraph(document: WordDocument, text: str = "", style: str | None = None) -> Paragraph:
    """A paragraph holding `text` (empty for spacing), in `style` when given."""
    return document.add_paragraph(xml_safe(text), style=style)


def add_text(paragraph: Paragraph, text: str, *, bold: bool = False) -> Run:
    """A run of `text` at the end of a paragraph."""
    run = paragraph.add_run(xml_safe(text))
    run.bold = bold or None
    return run


def _page(document: WordDocument, landscape: bool) -> None:
    section = document.sections[0]
    short, long = Cm(21), Cm(29.7)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    margin = Cm(1.5) if landscape else Cm(2)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, margin)
    section.header_distance = section.footer_distance = Cm(0.8)


def _styles(document: WordDocument) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    run_defaults.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="en-GB"/>'))
    for name, size, colour in (
        ("Normal", 10, INK),
        ("Title", 24, ACCENT),
        ("Heading 1", 16, ACCENT),
        ("Heading 2", 13, ACCENT),
        ("List Bullet", 10, INK),
    ):
        font = document.styles[name].font
        font.name, font.size, font.color.rgb = FONT, Pt(size), colour
        rfonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attribute), None)


def _header_and_footer(document: WordDocument, title: str) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    _styled(header.add_run(xml_safe(title)), 8, MUTED)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _styled(footer.add_run("Page "), 8, MUTED)
    field(footer, "PAGE")
    _styled(footer.add_run(" of "), 8, MUTED)
    field(footer, "NUMPAGES")


def _styled(run: object, size: int, colour: RGBColor, bold: bool = False) -> None:
    font = run.font  # type: ignore[attr-defined]
    font.size, font.color.rgb, font.bold = Pt(size), colour, bold


def field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) at the end of a paragraph, updated as pages are laid out."""
    paragraph._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} "><w:r><w:rPr>'
            '<w:sz w:val="16"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )


def checkbox(paragraph: Paragraph, ident: int, tag: str, label: str) -> None:
    """A Word checkbox content control (w14:checkbox), named `label` for screen readers."""
    paragraph._p.append(
        parse_xml(
            f"<w:sdt {nsdecls('w', 'w14')}><w:sdtPr>"
            f'<w:alias w:val="{_attr(label)}"/><w:tag w:val="{_attr(tag)}"/><w:id w:val="{ident}"/>'
            '<w14:checkbox><w14:checked w14:val="0"/>'
            f'<w14:checkedState w14:val="{CHECKED}" w14:font="MS Gothic"/>'
            f'<w14:uncheckedState w14:val="{UNCHECKED}" w14:font="MS Gothic"/>'
            "</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr>"
            '<w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic" '
            'w:hint="eastAsia"/><w:sz w:val="24"/></w:rPr>'
            f"<w:t>{chr(int(UNCHECKED, 16))}</w:t></w:r></w:sdtContent></w:sdt>"
        )
    )


def _attr(value: str) -> str:
    """A value for a double-quoted XML attribute."""
    return xml_safe(value).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def fixed_table(
    document: WordDocument, headers: Sequence[str], widths_cm: Sequence[float]
) -> Table:
    """A ruled table with fixed column widths and a bold, shaded header row repeated per page."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    twips = [round(w * TWIPS_PER_CM) for w in widths_cm]
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=True):
        column.set(qn("w:w"), str(width))
    width = table._tbl.tblPr.find(qn("w:tblW"))
    width.set(qn("w:w"), str(sum(twips)))
    width.set(qn("w:type"), "dxa")
    row = table.rows[0]
    repeat_as_header(row)
    for cell, text in zip(row.cells, headers, strict=True):
        shade(cell, HEADER_FILL)
        _styled(cell.paragraphs[0].add_run(xml_safe(text)), 10, INK, bold=True)
    set_widths(row, widths_cm)
    return table


def add_row(table: Table, widths_cm: Sequence[float], min_height_cm: float = 0) -> _Row:
    """A body row with the table's widths, kept on one page, at least `min_height_cm` tall."""
    row = table.add_row()
    set_widths(row, widths_cm)
    properties = row._tr.get_or_add_trPr()
    properties.append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    if min_height_cm:
        height = round(min_height_cm * TWIPS_PER_CM)
        properties.append(
            parse_xml(f'<w:trHeight {nsdecls("w")} w:val="{height}" w:hRule="atLeast"/>')
        )
    return row


def set_widths(row: _Row, widths_cm: Sequence[float]) -> None:
    """Each cell's width, which Word and LibreOffice read alongside the grid."""
    for cell, width in zip(row.cells, widths_cm, strict=True):
        cell.width = Cm(width)


def repeat_as_header(row: _Row) -> None:
    """Mark a row as the table's header: repeated on every page and read as headers."""
    row._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))


def shade(cell: _Cell, fill: str) -> None:
    """A solid background for a cell."""
    cell._tc.get_or_add_tcPr().append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    )


def write_text(
    cell: _Cell, text: str, *, size: int = 10, bold: bool = False, italic: bool = False
) -> Paragraph:
    """Text in a cell: into its last paragraph while that is empty, else a new one."""
    last = cell.paragraphs[-1]
    # A paragraph holding only a checkbox has no .text, but it is not empty.
    empty = all(child.tag == qn("w:pPr") for child in last._p)
    paragraph = last if empty else cell.add_paragraph()
    run = paragraph.add_run(xml_safe(text))
    _styled(run, size, INK if not italic else MUTED, bold)
    run.font.italic = italic
    return paragraph


def keep_together(table: Table) -> None:
    """Print a short table on one page: every row's text keeps with the next row.

    Word and LibreOffice both read "keep with next" on a row's paragraphs as keeping the
    row with the one below, so the whole table moves to the next page instead of splitting.
    """
    for row in table.rows[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def to_bytes(document: WordDocument, epoch: int) -> bytes:
    """The document as .docx bytes that are the same on every build."""
    buffer = io.BytesIO()
    document.save(buffer)
    return repack(buffer.getvalue(), epoch)
