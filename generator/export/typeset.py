"""Typeset a Document: pandoc and Typst for PDF, pandoc and the reference .docx for Word."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pypdf import PdfReader

from generator.export import pandoc, typst_pdf
from generator.export.archive import ZIP_EPOCH, build_zip, read_package, repack
from generator.export.document import Document, Source
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


#: A document this many pages long or shorter opens with a title block, not a cover page.
SHORT_PAGES = 3


def pdf(document: Document, epoch: int) -> bytes:
    """A tagged PDF of a document, dated `epoch`; a short one has no cover page.

    A handout or a fill-in sheet of a page or two should not carry a page that only says
    what it is: it is typeset with a title block first, and given its cover only when that
    runs past SHORT_PAGES pages.
    """
    if document.source is not None or document.toc:
        return _pdf(document, epoch)
    short = _pdf(dataclasses.replace(document, source=Source(programme="")), epoch)
    if len(PdfReader(io.BytesIO(short)).pages) <= SHORT_PAGES:
        return short
    return _pdf(document, epoch)


def _pdf(document: Document, epoch: int) -> bytes:
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
    return repack(rows_kept_whole(data), epoch)


_ROW = re.compile(rb"<w:tr>(<w:trPr>)?")


def rows_kept_whole(package: bytes) -> bytes:
    """The document with no table row split across two pages (Word's "cantSplit"), as the
    PDF keeps them: a level descriptor or a timetable row is read whole."""
    members = read_package(package)
    name = "word/document.xml"

    def whole(row: re.Match[bytes]) -> bytes:
        opened = b"<w:tr><w:trPr><w:cantSplit/>"
        return opened if row.group(1) else opened + b"</w:trPr>"

    members[name] = _ROW.sub(whole, members[name])
    return build_zip(members.items(), ZIP_EPOCH)


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
