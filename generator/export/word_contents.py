"""A Word document's contents list filled in, so it shows before anyone updates fields.

pandoc's --toc writes a TOC field with no result: Word shows an empty contents list until
fields are updated, and LibreOffice (and so any PDF made from the file) never shows one. Here
the field gets a result like the one Word itself writes: one paragraph per heading, each a
link to a bookmark on that heading. The field stays a field, so Word still updates it (and
adds page numbers) when asked.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = "word/document.xml"
_LEVELS = re.compile(r'\\o\s+"(\d)-(\d)"')


def w(name: str) -> str:
    """A WordprocessingML element or attribute name in Clark notation."""
    return f"{{{W}}}{name}"


@dataclass(frozen=True)
class Entry:
    """One line of the contents: a heading's level, its text and its bookmark."""

    level: int
    text: str
    bookmark: str


def fill_contents(package: bytes) -> bytes:
    """The .docx with its TOC field's result written out; unchanged when it has none."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(members[DOCUMENT])
    if not fill_field(root):
        return package
    members[DOCUMENT] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def fill_field(root: etree._Element) -> bool:
    """Write the result of the document's first TOC field in place; False when there is none."""
    instruction = next(
        (t for t in root.iter(w("instrText")) if (t.text or "").strip().startswith("TOC")), None
    )
    if instruction is None:
        return False
    match = _LEVELS.search(instruction.text or "")
    low, high = (int(match[1]), int(match[2])) if match else (1, 3)
    paragraph = next(instruction.iterancestors(w("p")))
    entries = list(bookmark_headings(root, paragraph, range(low, high + 1)))
    if not entries:
        return False
    field_end = _replace_with_entries(paragraph, entries)
    _page_break_after(next(field_end.iterancestors(w("sdt")), field_end))
    return True


def _page_break_after(element: etree._Element) -> None:
    """The body starts on a new page after the contents, as in the PDF."""
    paragraph = etree.Element(w("p"))
    etree.SubElement(etree.SubElement(paragraph, w("r")), w("br"), {w("type"): "page"})
    element.addnext(paragraph)


def bookmark_headings(
    root: etree._Element, after: etree._Element, levels: range
) -> Iterator[Entry]:
    """The headings after the contents at the levels it lists, each given a _Toc bookmark."""
    ids = [int(b.get(w("id"), "0")) for b in root.iter(w("bookmarkStart"))]
    next_id = max(ids, default=0) + 1
    seen = False
    for paragraph in root.iter(w("p")):
        seen = seen or paragraph is after
        level = heading_level(paragraph)
        if not seen or paragraph is after or level not in levels:
            continue
        text = " ".join("".join(t.text or "" for t in paragraph.iter(w("t"))).split())
        if not text:
            continue
        name = f"_Toc{next_id:08d}"
        _bookmark(paragraph, name, next_id)
        next_id += 1
        yield Entry(level, text, name)


def heading_level(paragraph: etree._Element) -> int:
    """1 for a Heading1 paragraph and so on; 0 for anything else."""
    style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
    value = "" if style is None else style.get(w("val"), "")
    found = re.fullmatch(r"Heading([1-9])", value)
    return int(found[1]) if found else 0


def _bookmark(paragraph: etree._Element, name: str, ident: int) -> None:
    start = etree.Element(w("bookmarkStart"), {w("id"): str(ident), w("name"): name})
    properties = paragraph.find(w("pPr"))
    paragraph.insert(0 if properties is None else paragraph.index(properties) + 1, start)
    paragraph.append(etree.Element(w("bookmarkEnd"), {w("id"): str(ident)}))


def _replace_with_entries(paragraph: etree._Element, entries: list[Entry]) -> etree._Element:
    """The field's one empty paragraph becomes a paragraph per entry; returns the last."""
    chars = list(paragraph.iter(w("fldChar"), w("instrText")))
    begin = [c for c in chars if c.get(w("fldCharType")) != "end"]
    end = [c for c in chars if c.get(w("fldCharType")) == "end"]
    lines = [entry_paragraph(entry) for entry in entries]
    for position, char in enumerate(begin):
        lines[0].insert(1 + position, _run(char))
    for char in end:
        lines[-1].append(_run(char))
    parent = paragraph.getparent()
    assert parent is not None
    index = parent.index(paragraph)
    parent.remove(paragraph)
    for offset, line in enumerate(lines):
        parent.insert(index + offset, line)
    return lines[-1]


def _run(child: etree._Element) -> etree._Element:
    run = etree.Element(w("r"))
    run.append(child)
    return run


def entry_paragraph(entry: Entry) -> etree._Element:
    """One contents line: a "TOC n" paragraph holding a link to the heading's bookmark."""
    paragraph = etree.Element(w("p"))
    properties = etree.SubElement(paragraph, w("pPr"))
    etree.SubElement(properties, w("pStyle"), {w("val"): f"TOC{entry.level}"})
    link = etree.SubElement(paragraph, w("hyperlink"), {w("anchor"): entry.bookmark})
    link.set(w("history"), "1")
    run = etree.SubElement(link, w("r"))
    text = etree.SubElement(run, w("t"))
    text.text = entry.text
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return paragraph
