"""The shipped training resources as downloads: readable PDF and Word, and in every day pack.

Checked by what holds for any resources the content holds; how one resource prints (a brief a
page) is tested on a tiny project in tests/test_resources.py.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile

import docx
import pytest
from pypdf import PdfReader

from generator.export.plan import plan_jobs
from generator.model.objects import Handbook
from generator.model.resources import Resource

from .conftest import EPOCH, Export


def normal(text: str) -> str:
    """Text as compared: curly apostrophes as typed, runs of spaces as one."""
    return " ".join(text.replace("\u2019", "'").split())


@pytest.mark.slow
def test_every_day_pack_holds_the_resources_of_its_modules(
    exported: Export, handbook: Handbook
) -> None:
    for day in handbook.programme.days:
        modules = handbook.day_modules(day.id)
        pack = zipfile.ZipFile(exported.file("training-day-pack", day.id, "zip"))
        names = set(pack.namelist())
        for number, module in enumerate(modules, start=1):
            for resource in module.resource_ids:
                for format in ("pdf", "docx"):
                    name = f"{day.id}/{number:02d}-{module.id}/{resource}.{format}"
                    assert name in names, name
                    alone = exported.file("resource", resource, format).read_bytes()
                    assert pack.read(name) == alone, name


@pytest.mark.slow
def test_every_resource_pdf_opens_with_its_title(exported: Export, handbook: Handbook) -> None:
    for resource in handbook.resources:
        reader = PdfReader(exported.file("resource", resource.id, "pdf"))
        assert normal(resource.title) in normal(reader.pages[0].extract_text()), resource.id


def sections(resource: Resource) -> list[str]:
    """The `## ` headings of a resource's body, outside code blocks."""
    body = re.sub(r"^(```|~~~).*?^\1", "", resource.body, flags=re.M | re.S)
    return [line[3:].strip() for line in body.splitlines() if line.startswith("## ")]


@pytest.mark.slow
def test_a_resource_printed_a_section_a_page_breaks_before_each_section_after_the_first(
    exported: Export, handbook: Handbook
) -> None:
    for resource in handbook.resources:
        if not resource.print.page_per_section:
            continue
        word = docx.Document(str(exported.file("resource", resource.id, "docx")))
        headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
        assert [normal(h) for h in headings] == [normal(s) for s in sections(resource)]
        breaks = word.element.body.xpath('.//w:br[@w:type="page"]')
        assert len(breaks) == len(headings) - 1, resource.id
        pdf = PdfReader(exported.file("resource", resource.id, "pdf"))
        assert len(pdf.pages) >= len(headings), resource.id


def test_editing_a_resource_rebuilds_only_its_own_files(handbook: Handbook) -> None:
    resource = handbook.resources[0]
    edited = dataclasses.replace(resource, body=resource.body + "\nOne more line.\n")
    others = tuple(edited if r.id == resource.id else r for r in handbook.resources)
    before = {job.path: job.key() for job in plan_jobs(handbook, EPOCH)}
    after = {
        job.path: job.key()
        for job in plan_jobs(dataclasses.replace(handbook, resources=others), EPOCH)
    }
    changed = {path for path in before if before[path] != after[path]}
    assert changed == {f"resources/{resource.id}.pdf", f"resources/{resource.id}.docx"}
