"""Typeset a Document: pandoc and Typst for PDF, pandoc and the reference .docx for Word."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.export import pandoc, typst_pdf
from generator.export.archive import repack
from generator.export.document import Document
from generator.export.word_contents import fill_contents
from generator.model.images import Picture
from generator.theme import current as current_theme

#: Where in the theme the book template and the Word styles are.
PDF_TEMPLATE = "template.typst"
REFERENCE_DOCX = "reference.docx"


def typst_markup(document: Document) -> str:
    """The Typst source pandoc writes for a document (kept separate to debug layouts)."""
    markdown = document.markdown("typst")
    args = [f"--toc-depth={document.toc_depth}"]
    template = current_theme().pdf / PDF_TEMPLATE
    return pandoc.to_typst(markdown, template, toc=document.toc, extra=args)


def pdf(document: Document, epoch: int) -> bytes:
    """A tagged PDF of a document, dated `epoch`."""
    markup = typst_markup(document)
    styles = current_theme().pdf
    if not document.images:
        return typst_pdf.compile_pdf(markup, styles, epoch)
    with picture_folder(document.images, styles) as root:
        return typst_pdf.compile_pdf(markup, root, epoch)


def docx(document: Document, epoch: int) -> bytes:
    """A Word document of a document, with every date inside fixed to `epoch`."""
    with picture_folder(document.images) as pictures:
        data = pandoc.to_docx(
            document.markdown("docx"),
            current_theme().word / REFERENCE_DOCX,
            toc=document.toc,
            epoch=epoch,
            resources=pictures,
        )
    if document.toc:
        data = fill_contents(data)
    return repack(data, epoch)


@contextmanager
def picture_folder(pictures: Iterable[Picture], theme: Path | None = None) -> Iterator[Path]:
    """A temporary folder holding a document's pictures under images/ (and a theme's files).

    Typst reads nothing outside the root it is given, and pandoc looks up pictures only in
    its resource path: this folder, so a document can reach its own pictures and no more.
    """
    with tempfile.TemporaryDirectory(prefix="handbook-pictures-") as folder:
        root = Path(folder)
        for path in sorted(theme.iterdir()) if theme else ():
            if path.is_file():
                shutil.copyfile(path, root / path.name)
        for picture in pictures:
            target = root / picture.address
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(picture.data)
        yield root
