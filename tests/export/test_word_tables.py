"""Word tables take column widths from their content, not from a pipe table's dashes."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from generator.export import typeset
from generator.export.document import Document

from .conftest import EPOCH, cover, libreoffice_pdfs

#: The dashes give "Time" a twelfth of the line and the empty "Details" most of it.
TABLES = textwrap.dedent(
    """\
    ## Review details

    | Item | Details |
    | ------------------------------ | ------------------------------------------------------------ |
    | Host champion (link person for the day) | |
    | Review lead | |

    ## Timetable

    | Time | Activity | Line of enquiry | Reviewer | School staff involved | Evidence source |
    | ------ | -------------------- | ---------- | ------------ | -------------- | -------------- |
    | 8.15 | Arrival, signing in, identity check and safeguarding briefing | All | Whole team | Champion | |
    | 10.30 | Team meeting: compare early evidence | All | Whole team | Headteacher | |
    | 12.15 | | | | | |

    ## Observer sheet

    | Time | What the reviewer said or did (exact words) | What happened next |
    | --- | --- | --- |
    | 0–2 min | | |
    """
)
WHOLE_WORDS = {"10.30", "12.15", "Time", "Reviewer", "Headteacher", "safeguarding", "Evidence"}


@pytest.fixture(scope="module")
def word() -> bytes:
    document = Document("Visit timetable", "Handout", cover(), TABLES, toc=False)
    return typeset.docx(document, EPOCH)


def shares(table: docx.table.Table) -> list[float]:
    """Each column's share of the table's width, from its grid."""
    widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    return [width / sum(widths) for width in widths]


def test_a_column_to_write_in_is_wider_than_its_labels(word: bytes) -> None:
    details, timetable, _ = docx.Document(io.BytesIO(word)).tables
    label, answer = shares(details)
    assert answer >= label, (label, answer)
    writing = shares(timetable)[1:]
    assert min(writing) >= 0.1, writing


def test_no_word_in_a_word_table_breaks_across_lines_when_printed(
    word: bytes, soffice: str, tmp_path: Path
) -> None:
    source = tmp_path / "timetable.docx"
    source.write_bytes(word)
    printed = libreoffice_pdfs([source], tmp_path / "pdf") / "timetable.pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(printed).pages)
    words = {word.strip(",") for word in text.split()}
    broken = WHOLE_WORDS - words
    assert not broken, f"broken mid-word: {sorted(broken)}; printed words: {sorted(words)}"
    assert "0–2 min" in text.splitlines(), "a short cell wraps"
