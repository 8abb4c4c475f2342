"""A handbook chapter as a PDF of its own: its source printed on every page, content escaped."""

from __future__ import annotations

import dataclasses
import io
import textwrap
from pathlib import Path

import pytest
from conftest import FILES, write_project
from pypdf import PdfReader

from generator.cli.project import check
from generator.export.builders import chapter_file
from generator.export.document import Cover, Source
from generator.export.plan import Job, plan_jobs
from generator.model.objects import Chapter, Handbook
from generator.render.pages import page_url

from .conftest import EPOCH

COVER = Cover("Network", "2026/27", "CC BY-SA 4.0", "1 July 2026", "en-GB")


def chapter_jobs(handbook: Handbook) -> list[Job]:
    return [job for job in plan_jobs(handbook, EPOCH) if job.kind == "chapter"]


def words(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def pages(data: bytes) -> list[str]:
    return [words(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def uris(data: bytes) -> list[str]:
    """The web addresses the first page links to."""
    annotations = PdfReader(io.BytesIO(data)).pages[0].get("/Annots", [])
    actions = [a.get_object().get("/A", {}) for a in annotations]
    return [str(action["/URI"]) for action in actions if "/URI" in action]


def test_page_addresses_follow_mkdocs_directory_urls() -> None:
    assert page_url("handbook/the-cycle/self-review.md") == "handbook/the-cycle/self-review/"
    assert page_url("handbook/index.md") == "handbook/"
    assert page_url("index.md") == ""


def test_every_chapter_gets_a_job_with_its_web_address(handbook: Handbook) -> None:
    jobs = list(chapter_jobs(handbook))
    assert [job.path for job in jobs] == [
        f"handbook/chapters/{c.id}.pdf" for c in handbook.chapters
    ]
    assert {job.kind for job in jobs} == {"chapter"}
    first, chapter = jobs[0], handbook.chapters[0]
    assert first.source == chapter.source
    assert first.title == f"Handbook chapter: {chapter.title}"
    source = first.build.args[3]
    assert source == Source(
        handbook.programme.title,
        f"{handbook.programme.site_url}/handbook/{chapter.part.id}/{chapter.id}/",
    )


@pytest.fixture(scope="module")
def chapter(handbook: Handbook) -> Chapter:
    return next(c for c in handbook.chapters if c.related_modules and c.related_criteria)


@pytest.fixture(scope="module")
def chapter_pdf(handbook: Handbook, chapter: Chapter) -> bytes:
    job = next(j for j in chapter_jobs(handbook) if j.source == chapter.source)
    return job.build()


def test_each_page_names_the_programme_edition_and_web_address(
    chapter_pdf: bytes, handbook: Handbook, chapter: Chapter
) -> None:
    address = f"{handbook.programme.site_url}/handbook/{chapter.part.id}/{chapter.id}/"
    text = pages(chapter_pdf)
    assert len(text) >= 2
    for number, page in enumerate(text, start=1):
        assert handbook.programme.title in page, number
        assert "2026/27 edition" in page, number
        assert address in page.replace(" ", ""), number
        assert f"Page {number} of {len(text)}" in page
    assert text[0].find(chapter.title) < text[0].find(words(chapter.summary)[:40])


def test_the_title_is_the_one_top_heading_and_related_training_is_listed(
    chapter_pdf: bytes, handbook: Handbook, chapter: Chapter
) -> None:
    reader = PdfReader(io.BytesIO(chapter_pdf))
    assert reader.metadata is not None and reader.metadata.title == chapter.title
    outline = reader.outline
    assert outline[0].title == chapter.title
    assert isinstance(outline[1], list), "sections sit under the title"
    text = " ".join(pages(chapter_pdf))
    for module_id in chapter.related_modules:
        assert words(handbook.module(module_id).title) in text
    address = f"{handbook.programme.site_url}/handbook/{chapter.part.id}/{chapter.id}/"
    assert uris(chapter_pdf) == [address]


HOSTILE = '#set page(fill: red) $x$ *bold* [a](b) <tag> @ref \\ "q" `raw` // note'


def test_content_reaches_typst_as_text_not_markup(handbook: Handbook, chapter: Chapter) -> None:
    hostile = dataclasses.replace(
        chapter, title=f"Title {HOSTILE}", body=f"## Heading\n\n{HOSTILE}\n"
    )
    source = Source(f"Programme {HOSTILE}", 'https://example.org/a b"<c>/#x)')
    data = chapter_file("pdf", hostile, COVER, source, ((), ()), EPOCH)
    text = pages(data)
    assert "#set page(fill: red)" in text[0]
    assert "https://example.org/a%20b%22%3Cc%3E/#x)" in text[0]
    assert "https://example.org/a%20b%22%3Cc%3E/#x)" in uris(data)


def test_without_a_site_address_the_pdf_still_names_the_programme(chapter: Chapter) -> None:
    data = chapter_file("pdf", chapter, COVER, Source("Test Partnership"), ((), ()), EPOCH)
    assert all("Test Partnership · 2026/27 edition" in page for page in pages(data))


def test_site_url_must_be_a_web_address(tmp_path: Path) -> None:
    programme = textwrap.dedent(FILES["content/programme.yml"])
    bad = programme.replace("language: en-GB", "site_url: schools.example\nlanguage: en-GB")
    root = write_project(tmp_path / "p", {"content/programme.yml": bad})
    lines = [d.format_text().splitlines()[0] for d in check(root)[1]]
    assert lines == [
        "content/programme.yml:6:11: error: site_url: 'schools.example' is not a web address"
        " [form.web-address]"
    ]
