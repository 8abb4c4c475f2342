"""The gate for Word, PowerPoint and Excel files: nothing that runs or fetches when opened.

An Office file is a zip of XML parts. The exporters write a few Word fields (page numbers,
the title, a table of contents), hyperlinks, and in the self-review workbook a few counting
formulas; everything else that executes, loads from elsewhere or embeds another program's
object is refused: other fields (INCLUDEPICTURE, DDEAUTO, HYPERLINK ...), external
relationships that are not web links, altChunk and attachedTemplate, macros, ActiveX and OLE,
formulas of any other shape, external links and DDE in workbooks.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from generator.gate.urls import safe_link

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: Word fields the exporters write (python-docx page furniture; pandoc's table of contents),
#: by their exact instruction with spaces collapsed.
KNOWN_FIELDS = frozenset({"PAGE", "NUMPAGES", r"TITLE \* MERGEFORMAT", r'TOC \o "1-2" \h \z \u'})
KNOWN_FIELDS_ANY_TOC = re.compile(r'TOC \\o "1-[1-9]" \\h \\z \\u')
#: Parts that hold a program: macros, ActiveX controls, embedded OLE objects.
PROGRAM_PARTS = re.compile(
    r"(?i)(vbaProject|vbaData|activeX|embeddings/|oleObject|\.bin$|externalLinks/|connections\.xml"
    r"|queryTables/)"
)
#: Relationship types that pull content from elsewhere or run it, internal or not.
REFUSED_RELATIONSHIPS = re.compile(
    r"/(attachedTemplate|aFChunk|oleObject|package|control|vbaProject|subDocument|frame"
    r"|externalLink|externalLinkPath|connections|queryTable)$"
)
#: XML elements that do the same from inside a part.
REFUSED_ELEMENTS = frozenset(
    {"altChunk", "attachedTemplate", "object", "control", "OLEObject", "subDoc", "ddeLink"}
)
REFUSED_TAGS = tuple(f"{{*}}{name}" for name in sorted(REFUSED_ELEMENTS))
#: PowerPoint actions that start a program, a macro or an embedded object.
PROGRAM_ACTION = re.compile(r"(?i)^ppaction://(program|macro|ole)")
#: The shapes of the formulas the self-review workbook writes (workbook.py, summary sheet).
_SHEET = r"'(?:[^']|'')+'!"
_RANGE = r"\$[A-Z]+\$\d+:\$[A-Z]+\$\d+"
_TEXT = r'"(?:[^"]|"")*"'
KNOWN_FORMULAS = (
    re.compile(rf"COUNTIFS\({_SHEET}{_RANGE},\$A\d+,{_SHEET}{_RANGE},{_TEXT}\)"),
    re.compile(rf"COUNTIF\({_SHEET}{_RANGE},\$A\d+\)"),
    # A rating counted by exact match with the label in its column's header.
    re.compile(rf"SUMPRODUCT\(\({_SHEET}{_RANGE}=\$A\d+\)\*\({_SHEET}{_RANGE}=[A-Z]+\$1\)\)"),
)
#: A defined name or validation source that only points at cells or lists values.
REFERENCES = frozenset({"definedName", "formula1", "formula2", "formula"})
#: Whole rows or columns, as print titles name them ('Summary'!$1:$1).
_LINES = r"\$\d+:\$\d+|\$[A-Z]+:\$[A-Z]+"
PLAIN_REFERENCE = re.compile(rf"(?:{_SHEET})?(?:{_RANGE}|{_LINES})|{_TEXT}|")
MAX_PARTS = 10_000
PartChecker = Callable[[str, etree._Element], Iterator[str]]


def zip_members(data: bytes) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of every file in a zip archive."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist()[:MAX_PARTS]:
            if not info.is_dir():
                yield info.filename, archive.read(info)


def plain_member_name(name: str) -> bool:
    """Whether a zip member unpacks inside the folder it is unpacked in."""
    parts = name.replace("\\", "/").split("/")
    return not name.startswith(("/", "\\")) and ".." not in parts and ":" not in parts[0]


def check_docx(data: bytes) -> list[str]:
    """Findings in a Word document."""
    return _check_package(data, _word_part)


def check_pptx(data: bytes) -> list[str]:
    """Findings in a PowerPoint presentation."""
    return _check_package(data, _slides_part)


def check_xlsx(data: bytes) -> list[str]:
    """Findings in an Excel workbook."""
    return _check_package(data, _workbook_part)


def _check_package(data: bytes, check_part: PartChecker) -> list[str]:
    try:
        parts = dict(zip_members(data))
    except zipfile.BadZipFile:
        return ["not a zip package, so Office may read it as something else"]
    findings = []
    for name, content in parts.items():
        if PROGRAM_PARTS.search(name):
            findings.append(f"{name}: a part that holds a program or a link to other data")
        elif name.endswith(".rels"):
            findings.extend(f"{name}: {m}" for m in _relationships(content))
        elif name.endswith(".xml"):
            findings.extend(f"{name}: {m}" for m in _xml_part(name, content, check_part))
    return findings


def _xml_part(name: str, content: bytes, check_part: PartChecker) -> Iterator[str]:
    try:
        root = _parse(content)
    except etree.XMLSyntaxError as error:
        yield f"not well-formed XML: {error}"
        return
    for element in root.iter(*REFUSED_TAGS):
        local = etree.QName(element).localname
        yield f"a <{local}> element, which brings in another document or program"
    yield from check_part(name, root)


def _parse(content: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(content, parser)


def _relationships(content: bytes) -> Iterator[str]:
    try:
        root = _parse(content)
    except etree.XMLSyntaxError as error:
        yield f"not well-formed XML: {error}"
        return
    for rel in root.iter("{*}Relationship"):
        kind, target = rel.get("Type", ""), rel.get("Target", "")
        if REFUSED_RELATIONSHIPS.search(kind):
            yield f"a relationship of type '{kind.rsplit('/', 1)[-1]}' to '{target}'"
        elif rel.get("TargetMode") == "External" and not (
            kind.endswith("/hyperlink") and safe_link(target)
        ):
            yield f"an external '{kind.rsplit('/', 1)[-1]}' relationship to '{target}'"


def _word_part(name: str, root: etree._Element) -> Iterator[str]:
    for instruction in _field_instructions(root):
        if instruction not in KNOWN_FIELDS and not KNOWN_FIELDS_ANY_TOC.fullmatch(instruction):
            yield f"a Word field the exporters do not write: '{instruction[:80]}'"


def _field_instructions(root: etree._Element) -> Iterator[str]:
    """Each field's instruction: fldSimple's attribute, or the instrText runs of a complex
    field joined from its begin to its separate (or end) mark; nested fields included."""
    for simple in root.iter(f"{{{W}}}fldSimple"):
        yield " ".join(simple.get(f"{{{W}}}instr", "").split())
    fields: list[_Field] = []
    for element in root.iter(f"{{{W}}}fldChar", f"{{{W}}}instrText", f"{{{W}}}delInstrText"):
        kind = element.get(f"{{{W}}}fldCharType")
        if kind == "begin":
            fields.append(_Field())
        elif kind is None and fields and fields[-1].collecting:
            fields[-1].parts.append(element.text or "")
        elif kind is None:
            yield " ".join((element.text or "").split()) or "(an instruction outside a field)"
        elif fields:
            yield from fields[-1].close()
            if kind == "end":
                fields.pop()


@dataclass
class _Field:
    """A complex field being read: its instruction so far, until its separate mark."""

    parts: list[str] = field(default_factory=list)
    collecting: bool = True

    def close(self) -> Iterator[str]:
        """The instruction, once, when the field's result begins or the field ends."""
        if self.collecting:
            self.collecting = False
            yield " ".join("".join(self.parts).split())


def _slides_part(name: str, root: etree._Element) -> Iterator[str]:
    for action in root.xpath("//@action"):
        if PROGRAM_ACTION.match(str(action)):
            yield f"a click action that starts a program or macro: '{action}'"


def _workbook_part(name: str, root: etree._Element) -> Iterator[str]:
    for element in root.iter("{*}f", *(f"{{*}}{name}" for name in sorted(REFERENCES))):
        local = etree.QName(element).localname
        text = (element.text or "").strip()
        if local == "f" and text and not any(p.fullmatch(text) for p in KNOWN_FORMULAS):
            yield f"a formula the exporter does not write: '={text[:80]}'"
        elif local in REFERENCES and not PLAIN_REFERENCE.fullmatch(text):
            yield f"a <{local}> that is more than a cell range or a list: '{text[:80]}'"
