"""The peer review record and the improvement plan: Word forms a review team fills in."""

from __future__ import annotations

from docx.document import Document as WordDocument

from ..model import Domain, Framework, Strand
from . import wordml
from .forms import LANDSCAPE_WIDTH, PORTRAIT_WIDTH, blank_table, details_table


def peer_review_record_docx(framework: Framework, organisation: str, epoch: int) -> bytes:
    """Lines of enquiry, then per strand the framework's prompts and room for findings."""
    title = f"{framework.title}: peer review record"
    document = wordml.new_form(
        title,
        organisation,
        epoch,
        landscape=False,
        introduction=(
            "Keep one record per review. Agree the lines of enquiry with the host school first, "
            "then note evidence, strengths and areas to explore for each strand you review. The "
            "criteria and questions under each strand are prompts, not a checklist."
        ),
    )
    details_table(
        document,
        ("Host school", "Review date(s)", "Review lead", "Reviewers", "Focus strands"),
        PORTRAIT_WIDTH,
    )
    wordml.add_heading(document, "Lines of enquiry", level=1)
    blank_table(
        document, ("Line of enquiry", "Linked strands or criteria"), (11.5, 5.5), rows=4, height=1.6
    )
    wordml.add_heading(document, f"Evidence and findings by {_group_name(framework)}", level=1)
    for group in framework.groups:
        _strand_record(document, group)
    wordml.add_heading(document, "Summary for feedback", level=1)
    blank_table(document, ("Strengths", "Areas to explore"), (8.5, 8.5), rows=3, height=3)
    return wordml.to_bytes(document, epoch)


def _group_name(framework: Framework) -> str:
    """What a framework's criteria are grouped under, as a reader says it."""
    return "strand" if framework.strands else "domain"


def _strand_record(document: WordDocument, strand: Strand | Domain) -> None:
    wordml.add_heading(document, f"{strand.number} {strand.title}", level=2)
    for criterion in strand.criteria:
        paragraph = wordml.add_paragraph(document)
        wordml.add_text(paragraph, f"{criterion.number} ", bold=True)
        wordml.add_text(paragraph, criterion.statement)
        for question in criterion.questions:
            wordml.add_paragraph(document, question, style="List Bullet")
    widths = (4.0, PORTRAIT_WIDTH - 4.0)
    table = wordml.fixed_table(document, ("Record", "Notes"), widths)
    for label in ("Evidence gathered", "Strengths", "Areas to explore"):
        row = wordml.add_row(table, widths, min_height_cm=3.5)
        wordml.write_text(row.cells[0], label, bold=True)
    wordml.add_paragraph(document)


def improvement_plan_docx(framework: Framework, organisation: str, epoch: int) -> bytes:
    """The plan agreed at the improvement workshop: actions, leads, timescales, support."""
    title = f"{framework.title}: improvement plan"
    document = wordml.new_form(
        title,
        organisation,
        epoch,
        landscape=True,
        introduction=(
            "Agree this plan at the improvement workshop after the peer review. Keep actions few "
            "and specific, name one lead for each, and say how you will know it has worked and "
            "what support partner schools in the cluster will give."
        ),
    )
    details_table(
        document, ("School", "Workshop date", "Plan lead", "Date of impact review"), LANDSCAPE_WIDTH
    )
    wordml.add_heading(document, "Priorities from the peer review", level=1)
    blank_table(
        document, ("Priority", "Linked strand", "What the review found"), (8, 5, 13.7), 3, 1.6
    )
    wordml.add_heading(document, "Action plan", level=1)
    actions = ("Action", "Lead", "Timescale", "Success criteria", "Support from the cluster")
    blank_table(document, actions, (7.5, 3.2, 3.2, 6.4, 6.4), rows=8, height=2)
    wordml.add_heading(document, "Checking impact", level=1)
    checks = ("Review point", "Date", "Progress against success criteria", "Next steps")
    blank_table(document, checks, (4.5, 3, 11, 8.2), rows=3, height=2)
    wordml.add_heading(document, f"Framework {_group_name(framework)}s", level=1)
    for group in framework.groups:
        wordml.add_paragraph(document, f"{group.number} {group.title}", style="List Bullet")
    return wordml.to_bytes(document, epoch)
