"""The framework on paper: a level descriptor is never split across two pages."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from conftest import FILES, write_project
from pypdf import PdfReader

from generator.cli.project import read_handbook
from generator.export.builders import framework_file

from .conftest import EPOCH, cover

CRITERIA = 14


def _criterion(k: int) -> str:
    """A criterion whose two descriptors are long sentences with a marker at each end."""
    low = " ".join(["emerging"] * (40 + (13 * k) % 50))
    high = " ".join(["leading"] * (30 + (29 * k) % 60))
    return textwrap.indent(
        textwrap.dedent(
            f"""\
            - id: vision-{k}
              statement: Criterion{k} leaders share a clear vision.
              descriptors:
                low: Lowstart{k} {low} lowend{k}.
                high: Highstart{k} {high} highend{k}.
              evidence: [staff-voice]
              questions:
                - How do staff describe the vision?
            """
        ),
        " " * 10,
    )


def framework_yaml() -> str:
    """The tiny framework with one strand of many criteria, long enough to run over pages."""
    text = textwrap.dedent(FILES["frameworks/tiny.yml"])
    head, _ = text.split("        criteria:\n", 1)
    criteria = "".join(_criterion(k) for k in range(CRITERIA))
    return head + "        criteria:\n" + criteria


def test_no_level_descriptor_is_split_across_pages(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"frameworks/tiny.yml": framework_yaml()})
    framework = read_handbook(root)[0].frameworks[0]
    assert len(framework.domains[0].strands[0].criteria) == CRITERIA
    reader = PdfReader(io.BytesIO(framework_file("pdf", framework, cover(), EPOCH)))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]

    def page_of(word: str) -> int:
        return next(n for n, page in enumerate(pages) if f"{word} " in f"{page} ")

    split_tables = 0
    for k in range(CRITERIA):
        for level in ("low", "high"):
            start, end = page_of(f"{level.title()}start{k}"), page_of(f"{level}end{k}.")
            assert start == end, (
                f"criterion {k}'s {level} descriptor runs from page {start} to {end}"
            )
        split_tables += page_of(f"Lowstart{k}") != page_of(f"highend{k}.")
    assert split_tables, "no descriptor table runs over a page: the test proves nothing"
