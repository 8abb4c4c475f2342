"""A table on a slide: under its title, as wide as the slide, columns by content, on the slide."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation

from generator.export import slides
from generator.export.slide_tables import balanced_shares
from generator.model.objects import Handbook
from generator.model.slides import Slide

from .conftest import EPOCH, libreoffice_pdfs
from .test_export_slides import COVER

#: Short labels beside sentences, seven rows: pandoc's equal columns ran it off the slide.
STAGES = """\
| When | What happens |
| --- | --- |
| six weeks before | Team and date confirmed; cover booked |
| four weeks before | Self-review sent to the review team |
| three weeks before | Pre-review meeting, about 45 minutes: two or three lines of enquiry, outline timetable, documents |
| The visit | One or two days; a team of two or three reviewers, including the review lead, drawn from at least two partner schools |
| End of the visit | Feedback meeting, 45 minutes |
| Within ten school days | Final report, after the head's factual check |
"""
WORD = re.compile(r'<word xMin="[0-9.]+" yMin="[0-9.]+" xMax="[0-9.]+" yMax="([0-9.]+)">([^<]*)<')
PAGE = re.compile(r'<page width="[0-9.]+" height="([0-9.]+)">')


def stages_deck(handbook: Handbook) -> bytes:
    """A module whose first session opens on a table slide (its timing line above the table)."""
    module = handbook.modules[0]
    table = Slide(layout="table", title="Working back from the visit", body=STAGES)
    session = dataclasses.replace(module.sessions[0], slides=(table,))
    module = dataclasses.replace(module, sessions=(session,), duration=session.minutes)
    return slides.pptx(module, "Schools in Partnership", COVER, EPOCH)


@pytest.fixture(scope="module")
def deck(handbook: Handbook) -> bytes:
    return stages_deck(handbook)


def test_a_table_after_a_line_of_text_sits_under_the_title_as_wide_as_the_slide(
    deck: bytes,
) -> None:
    presentation = Presentation(io.BytesIO(deck))
    slide = presentation.slides[2]
    title = slide.shapes.title
    frame = next(shape for shape in slide.shapes if shape.has_table)
    text = next(s for s in slide.placeholders if s.has_text_frame and s != title and s.text)
    assert "minutes" in text.text
    assert title.top + title.height <= text.top < frame.top, "title, timing, then the table"
    assert frame.width >= 0.8 * presentation.slide_width
    assert frame.left <= title.left + 0.05 * presentation.slide_width


def test_a_tables_columns_are_shared_out_by_their_text(deck: bytes) -> None:
    table = next(s for s in Presentation(io.BytesIO(deck)).slides[2].shapes if s.has_table).table
    labels, sentences = (column.width for column in table.columns)
    assert labels < 0.45 * (labels + sentences), (labels, sentences)
    assert balanced_shares([["Time", "9:00"], ["Activity", "Arrival and coffee"]])[0] < 0.5


def test_every_word_of_a_long_table_slide_is_on_the_slide(
    deck: bytes, soffice: str, tmp_path: Path
) -> None:
    source = tmp_path / "deck.pptx"
    source.write_bytes(deck)
    printed = libreoffice_pdfs([source], tmp_path / "pdf") / "deck.pdf"
    layout = subprocess.run(
        ["pdftotext", "-bbox", "-f", "3", "-l", "3", str(printed), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    height = float(PAGE.search(layout)[1])
    words = {word: float(bottom) for bottom, word in WORD.findall(layout)}
    assert "Within" in words and "check" in words, sorted(words)
    off = {word: bottom for word, bottom in words.items() if bottom > height}
    assert not off, f"below the foot of the slide ({height}pt): {off}"
