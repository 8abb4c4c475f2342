"""Typeset a Document: pandoc and Typst for PDF, pandoc and the reference .docx for Word."""

from __future__ import annotations

from pathlib import Path

from . import pandoc, typst_pdf
from .archive import repack
from .document import Document
from .word_contents import fill_contents

THEME = Path(__file__).resolve().parents[2] / "theme"
PDF_THEME = THEME / "pdf"
PDF_TEMPLATE = PDF_THEME / "template.typst"
REFERENCE_DOCX = THEME / "word" / "reference.docx"


def typst_markup(document: Document) -> str:
    """The Typst source pandoc writes for a document (kept separate to debug layouts)."""
    markdown = document.markdown("typst")
    args = [f"--toc-depth={document.toc_depth}"]
    return pandoc.to_typst(markdown, PDF_TEMPLATE, toc=document.toc, extra=args)


def pdf(document: Document, epoch: int) -> bytes:
    """A tagged PDF of a document, dated `epoch`."""
    return typst_pdf.compile_pdf(typst_markup(document), PDF_THEME, epoch)


def docx(document: Document, epoch: int) -> bytes:
    """A Word document of a document, with every date inside fixed to `epoch`."""
    data = pandoc.to_docx(document.markdown("docx"), REFERENCE_DOCX, toc=document.toc, epoch=epoch)
    if document.toc:
        data = fill_contents(data)
    return repack(data, epoch)
