"""The shipped training resources as downloads: readable PDF and Word, and in every day pack."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import docx
import pytest
from pypdf import PdfReader

from generator.export.plan import plan_jobs
from generator.model.objects import Handbook

from .conftest import EPOCH, Export


@pytest.mark.slow
def test_every_day_pack_holds_the_resources_of_its_modules(
    exported: Export, handbook: Handbook
) -> None:
    for day in handbook.programme.days:
        modules = handbook.day_modules(day.id)
        pack = exported.file("training-day-pack", day.id, "zip")
        names = set(zipfile.ZipFile(io.BytesIO(pack.read_bytes())).namelist())
        for number, module in enumerate(modules, start=1):
            for resource in module.resource_ids:
                for format in ("pdf", "docx"):
                    name = f"{day.id}/{number:02d}-{module.id}/{resource}.{format}"
                    assert name in names, name


@pytest.mark.slow
def test_day_2_pack_carries_the_millbrook_self_review_summary(exported: Export) -> None:
    pack = zipfile.ZipFile(
        io.BytesIO(exported.file("training-day-pack", "day-2", "zip").read_bytes())
    )
    pdf = pack.read("day-2/02-lines-of-enquiry/millbrook-self-review-summary.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Millbrook Primary self-review summary" in text
    assert "reaching the pupils who need it most" in " ".join(text.split())


@pytest.mark.slow
def test_role_cards_print_one_brief_a_page(exported: Export) -> None:
    pdf = PdfReader(exported.file("resource", "pre-review-meeting-role-cards", "pdf"))
    pages = [" ".join(page.extract_text().split()) for page in pdf.pages]
    # Three pages: no cover page, the title block above the first brief.
    assert len(pages) == 3
    assert "lunchtime" in pages[0] and "Review lead" not in pages[0]
    assert pages[1].startswith("Pre-review meeting role cards") and "Joanne Pearce" in pages[1]
    word = docx.Document(str(exported.file("resource", "pre-review-meeting-role-cards", "docx")))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Host headteacher, Millbrook Primary", "Review lead", "Observer"]
    assert len(word.element.body.xpath('.//w:br[@w:type="page"]')) == 2


def test_editing_a_resource_rebuilds_only_its_own_files(handbook: Handbook) -> None:
    resource = handbook.resource("millbrook-evidence-pack")
    edited = dataclasses.replace(resource, body=resource.body + "\nOne more line.\n")
    others = tuple(edited if r.id == resource.id else r for r in handbook.resources)
    before = {job.path: job.key() for job in plan_jobs(handbook, EPOCH)}
    after = {
        job.path: job.key()
        for job in plan_jobs(dataclasses.replace(handbook, resources=others), EPOCH)
    }
    changed = {path for path in before if before[path] != after[path]}
    assert changed == {
        "resources/millbrook-evidence-pack.pdf",
        "resources/millbrook-evidence-pack.docx",
    }
