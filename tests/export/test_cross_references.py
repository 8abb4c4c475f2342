"""Print that reads like a book: links between chapters say their page, handouts leave room."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import pytest
from conftest import write_project
from pypdf import PdfReader

from generator.cli.project import check, read_handbook
from generator.export import typeset
from generator.export.builders import chapter_file, handbook_file
from generator.export.document import Cover, Source
from generator.export.guides import handouts_document
from generator.model.objects import Chapter, Handbook

from .conftest import EPOCH

COVER = Cover("Network", "2026/27", "CC BY-SA 4.0", "1 July 2026", "en-GB")


def pages(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().replace("\u00ad", "").split()) for page in reader.pages]


@pytest.fixture(scope="module")
def two(handbook: Handbook) -> tuple[Chapter, Chapter]:
    """Two chapters, the first linking to the second in both ways an editor writes it."""
    first, second = handbook.chapters[0], handbook.chapters[-1]
    body = (
        f"## Links\n\nRead [the other one]({second.id}.md) first, then "
        f"[its section](../{second.part.id}/{second.id}.md#links) and "
        "[here](not-in-this-book.md).\n"
    )
    return (
        dataclasses.replace(first, body=body),
        dataclasses.replace(second, body="## Links\n\nThe target.\n"),
    )


def test_a_link_to_another_chapter_prints_the_page_it_opens_on(
    handbook: Handbook, two: tuple[Chapter, Chapter]
) -> None:
    programme = dataclasses.replace(handbook.programme, days=(), introduction="")
    data = handbook_file("pdf", programme, two, (), COVER, EPOCH)
    text = pages(data)
    found = [
        (number, int(page_number))
        for number, page in enumerate(text, start=1)
        for page_number in re.findall(r"\(see page (\d+)\)", page)
    ]
    assert len(found) == 2, found
    target = text[found[0][1] - 1]
    assert all(page_number == found[0][1] for _, page_number in found)
    assert target.startswith(f"{programme.title} {two[1].title}"), target[:120]
    assert found[0][0] < found[0][1]
    link_page = text[found[0][0] - 1]
    assert "and here." in link_page
    assert "here (" not in link_page


def test_a_chapter_printed_alone_names_the_chapter_and_its_address(
    two: tuple[Chapter, Chapter],
) -> None:
    first, second = two
    elsewhere = (
        (second.id, second.title, f"https://example.org/{second.id}/"),
        (first.id, first.title, "https://example.org/first/"),
    )
    data = chapter_file("pdf", first, COVER, Source("Programme"), ((), (), elsewhere), EPOCH)
    text = " ".join(pages(data))
    assert f"the other one ({second.title}, https://example.org/{second.id}/) first" in text
    assert "see page" not in text
    assert "and here." in text
    named = dataclasses.replace(first, body=f"Read [Target]({second.id}.md) now.\n")
    short = ((second.id, "Target", "https://example.org/t/"),)
    data = chapter_file("pdf", named, COVER, Source("Programme"), ((), (), short), EPOCH)
    assert "Read Target (https://example.org/t/) now." in " ".join(pages(data))


FILL_IN = """\
    ---
    print:
      write_in_mm: 35
    ---

    # Visit timetable

    | Time | Activity |
    | --- | --- |
    | 9.00 | |
    """


def test_a_handout_sets_the_writing_space_of_its_fill_in_tables(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"content/handouts/cycle.md": FILL_IN})
    handbook = read_handbook(root)[0]
    module = handbook.modules[0]
    assert [h.write_in_mm for h in module.handouts] == [35]
    document = handouts_document(module.title, module.day, module.handouts, COVER)
    assert typeset.typst_markup(document).count("#v(35mm)") == 1


def test_a_handout_without_front_matter_keeps_the_default_space(tmp_path: Path) -> None:
    handbook = read_handbook(write_project(tmp_path / "p"))[0]
    assert [h.write_in_mm for h in handbook.modules[0].handouts] == [0]


def test_a_handout_print_setting_is_checked(tmp_path: Path) -> None:
    bad = FILL_IN.replace("35", "500")
    root = write_project(tmp_path / "p", {"content/handouts/cycle.md": bad})
    problems = [d.format_text().splitlines()[0] for d in check(root)[1]]
    assert len(problems) == 1 and "write_in_mm" in problems[0], problems


def _long_chapter(chapter: Chapter) -> Chapter:
    """A chapter of many sections, each a heading, a paragraph of varying length and a short
    callout, so that somewhere a heading, a callout and a paragraph end fall at a page foot."""
    sections = []
    for k in range(30):
        filler = " ".join(["words"] * (15 + (37 * k) % 70))
        more = " ".join(["words"] * (40 + (53 * k) % 150))
        sections.append(
            f"## Heading{k} here\n\nOpening{k} {filler} closing{k}.\n\n"
            f'!!! note "Callout{k} title"\n\n'
            f"    Begins{k} {' '.join(['text'] * 45)} ends{k}.\n\n"
            f"Later{k} {more} finish{k}.\n"
        )
    return dataclasses.replace(chapter, body="\n".join(sections))


def _page_of(text: list[str], word: str) -> int:
    return next(number for number, page in enumerate(text) if f"{word} " in f"{page} ")


@pytest.mark.parametrize("whole", [False, True], ids=["chapter", "handbook"])
def test_headings_and_short_callouts_never_stand_alone_at_a_page_foot(
    handbook: Handbook, two: tuple[Chapter, Chapter], whole: bool
) -> None:
    long = _long_chapter(two[0])
    if whole:
        programme = dataclasses.replace(handbook.programme, days=(), introduction="")
        data = handbook_file("pdf", programme, (long,), (), COVER, EPOCH)
    else:
        data = chapter_file("pdf", long, COVER, Source("Programme"), ((), ()), EPOCH)
    text = pages(data)
    text = text[_page_of(text, "Heading0") :]
    assert len(text) >= 6
    for k in range(30):
        heading = _page_of(text, f"Heading{k}")
        assert heading == _page_of(text, f"Opening{k}"), f"heading {k} stranded"
        callout = _page_of(text, f"Callout{k}")
        assert callout == _page_of(text, f"ends{k}."), f"callout {k} split"
        assert callout == _page_of(text, f"closing{k}."), f"callout {k} alone on its page"
    for number, page in enumerate(text[:-1]):
        body = re.split(r"Programme · |Page \d+ of", page)[0]
        assert len(body.split()) > 25, f"page {number + 1} holds almost nothing: {body}"
    split = _split_paragraphs(data)
    assert split, "no paragraph runs over a page: the test proves nothing"
    assert all(len(part) >= 2 for part in split), "a widow or an orphan"


def _split_paragraphs(data: bytes) -> list[list[str]]:
    """The two parts of each filler paragraph that runs over a page, as their lines."""
    lines = [page.extract_text().splitlines() for page in PdfReader(io.BytesIO(data)).pages]
    parts = []
    for number, page in enumerate(lines[:-1]):
        opening = [i for i, line in enumerate(page) if line.startswith("Later")]
        if not opening or "finish" in " ".join(page[opening[-1] :]):
            continue
        head = [line for line in page[opening[-1] :] if "words" in line]
        after = lines[number + 1]
        end = next(i for i, line in enumerate(after) if "finish" in line)
        tail = [line for line in after[: end + 1] if "words" in line or "finish" in line]
        parts += [head, tail]
    return parts


def test_a_short_handout_begins_on_the_page_of_its_title_panel(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"content/handouts/cycle.md": FILL_IN})
    module = read_handbook(root)[0].modules[0]
    document = handouts_document(module.title, module.day, module.handouts, COVER)
    text = pages(typeset.pdf(document, EPOCH))
    assert len(text) == 1 and "Visit timetable Time Activity 9.00" in text[0], text
