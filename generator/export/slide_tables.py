"""A table fitted to its slide: column widths shared out by what each column holds, and text
a size smaller when it would otherwise run off the foot of the slide.

pandoc's PowerPoint writer gives every column of a table the same width, whatever the Markdown
says, so a column of short labels ("The visit") takes half the slide while the sentences beside
it wrap to four lines and push the table off the foot of the slide. Here each column gets at
least its longest word (or its longest short cell, kept on one line), and the rest of the width
goes by how much text each holds, as Word tables do (typeset.lua, `balanced_widths`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from xml.sax.saxutils import unescape

#: Characters of table text across a slide between its margins (18pt on a 16:9 slide).
LINE_CHARACTERS = 64
CELL_PADDING = 2  # a cell's inner margins, in characters
LONGEST_CELL = 60  # a longer cell wraps anyway: it asks for no more than this
SHORT_CELL = 12  # a cell this short stays on one line

#: How tall a table may stand, in points: the content area under a title and two lines of text
#: (theme/pptx/make_reference.py, `style_caption`); with one line, the table moves up by LIFT.
ROOM_POINTS = 2.9 * 72
LIFT_POINTS = 0.35 * 72
CHARACTER_EMS = 0.55  # the width of an average character of Arial (or what replaces it)
CELL_MARGINS_POINTS = (14.4, 7.2)  # a cell's inner margins across and down, PowerPoint's own
EMU_PER_POINT = 12700

_UNSIZED_RUN = re.compile(rb"<a:rPr(?=[\s/>])(?![^>]*\ssz=)")
_TABLE = re.compile(rb"<a:tbl>.*?</a:tbl>", re.DOTALL)
_CAPTION = re.compile(rb"<p:sp>(?:(?!</p:sp>).)*?<p:ph [^>]*type=\"body\".*?</p:sp>", re.DOTALL)
_FRAME = re.compile(
    rb'(<p:graphicFrame>.*?<p:xfrm><a:off x="[0-9]+" y=")([0-9]+)'
    rb'("\s*/><a:ext cx="[0-9]+" cy=")([0-9]+)',
    re.DOTALL,
)
_ROW = re.compile(rb"<a:tr\b.*?</a:tr>", re.DOTALL)
_CELL = re.compile(rb"<a:tc\b.*?</a:tc>", re.DOTALL)
_TEXT = re.compile(rb"<a:t>([^<]*)</a:t>")
_GRID = re.compile(rb"<a:tblGrid>.*?</a:tblGrid>", re.DOTALL)
_COLUMN = re.compile(rb'<a:gridCol w="([0-9]+)"')


def column_texts(table: bytes) -> list[list[str]]:
    """Each column's cell texts, header row first, from a DrawingML table."""
    columns: list[list[str]] = []
    for row in _ROW.findall(table):
        for number, cell in enumerate(_CELL.findall(row)):
            text = " ".join(unescape(t.decode("utf-8")) for t in _TEXT.findall(cell))
            if number == len(columns):
                columns.append([])
            columns[number].append(" ".join(text.split()))
    return columns


def need_and_want(cells: Sequence[str]) -> tuple[int, int]:
    """What a column needs (its longest word or short cell) and wants (its longest cell)."""
    need = want = 1
    for text in cells:
        if len(text) <= SHORT_CELL:
            need = max(need, len(text))
        need = max([need, *(len(word) for word in text.split())])
        want = max(want, min(LONGEST_CELL, len(text)))
    return need + CELL_PADDING, max(need, want) + CELL_PADDING


def balanced_shares(columns: Sequence[Sequence[str]], line: int = LINE_CHARACTERS) -> list[float]:
    """Each column's share of the table's width."""
    needs, wants = zip(*(need_and_want(cells) for cells in columns), strict=True)
    needed, wanted = sum(needs), sum(wants)
    if wanted <= line:
        return [want / wanted for want in wants]
    if needed >= line:
        return [need / needed for need in needs]
    spare = (line - needed) / (wanted - needed)
    return [(n + spare * (w - n)) / line for n, w in zip(needs, wants, strict=True)]


def estimated_height(columns: Sequence[Sequence[str]], widths: Sequence[int], points: int) -> float:
    """How tall a table stands, in points, with its text at `points` in columns `widths` EMU
    wide: each row as tall as its most wrapped cell."""
    across, down = CELL_MARGINS_POINTS
    per_line = [
        max(1, int((w / EMU_PER_POINT - across) / (points * CHARACTER_EMS))) for w in widths
    ]
    height = 0.0
    for row in zip(*columns, strict=True):
        lines = max(math.ceil(max(1, len(text)) / n) for text, n in zip(row, per_line, strict=True))
        height += lines * points * 1.2 + down
    return height


def fitted_slide(slide: bytes, points: int, smaller: int) -> bytes:
    """A slide with its tables fitted (see `fitted_table`). Under a title and one line of text
    (the timing, with no handouts line under it), a table moves up into the second line's
    place, so a long one has room to stay on the slide."""
    room = ROOM_POINTS
    caption = _CAPTION.search(slide)
    if caption is not None and caption.group(0).count(b"<a:p>") == 1:
        lift = round(LIFT_POINTS * EMU_PER_POINT)
        room += LIFT_POINTS

        def lifted(frame: re.Match[bytes]) -> bytes:
            top, height = int(frame[2]) - lift, int(frame[4]) + lift
            return frame[1] + str(top).encode() + frame[3] + str(height).encode()

        slide = _FRAME.sub(lifted, slide, count=1)
    return _TABLE.sub(lambda table: fitted_table(table.group(0), points, smaller, room), slide)


def fitted_table(table: bytes, points: int, smaller: int, room: float = ROOM_POINTS) -> bytes:
    """A DrawingML table with its grid's widths balanced for its text (same total width) and
    its unsized text at `points`, or at `smaller` when at `points` it would stand taller than
    `room` points."""
    grid = _GRID.search(table)
    columns = column_texts(table)
    widths = [int(w) for w in _COLUMN.findall(grid.group(0))] if grid else []
    if grid is not None and columns and len(widths) == len(columns):
        total = sum(widths)
        widths = [round(total * share) for share in balanced_shares(columns)[:-1]]
        widths.append(total - sum(widths))
        cells = "".join(f'<a:gridCol w="{w}" />' for w in widths).encode()
        table = (
            table[: grid.start()] + b"<a:tblGrid>" + cells + b"</a:tblGrid>" + table[grid.end() :]
        )
        if estimated_height(columns, widths, points) > room:
            points = smaller
    return _UNSIZED_RUN.sub(f'<a:rPr sz="{points * 100}"'.encode(), table)
