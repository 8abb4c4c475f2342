"""The peer review record and the improvement plan: Word forms a review team fills in."""

from __future__ import annotations

from docx.document import Document as WordDocument

from ..model import Framework, Strand
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
    document.add_heading("Lines of enquiry", level=1)
    blank_table(
        document, ("Line of enquiry", "Linked strands or criteria"), (11.5, 5.5), rows=4, height=1.6
    )
    findings = document.add_heading("Evidence and findings by strand", level=1)
    findings.paragraph_format.page_break_before = True
    for strand in framework.strands:
        _strand_record(document, strand)
    document.add_heading("Summary for feedback", level=1)
    blank_table(document, ("Strengths", "Areas to explore"), (8.5, 8.5), rows=3, height=3)
    return wordml.to_bytes(document, epoch)


def _strand_record(document: WordDocument, strand: Strand) -> None:
    document.add_heading(f"{strand.number} {strand.title}", level=2)
    # On paper a strand's prompts and its table stay on one page, with the heading.
    for criterion in strand.criteria:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run(f"{criterion.number} ").bold = True
        paragraph.add_run(criterion.statement)
        for question in criterion.questions:
            bullet = document.add_paragraph(question, style="List Bullet")
            bullet.paragraph_format.keep_with_next = True
    widths = (4.0, PORTRAIT_WIDTH - 4.0)
    table = wordml.fixed_table(document, ("Record", "Notes"), widths)
    for label in ("Evidence gathered", "Strengths", "Areas to explore"):
        row = wordml.add_row(table, widths, min_height_cm=3.5)
        wordml.write_text(row.cells[0], label, bold=True)
    wordml.keep_together(table)
    document.add_paragraph()


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
    document.add_heading("Priorities from the peer review", level=1)
    blank_table(
        document, ("Priority", "Linked strand", "What the review found"), (8, 5, 13.7), 3, 1.6
    )
    document.add_heading("Action plan", level=1)
    actions = ("Action", "Lead", "Timescale", "Success criteria", "Support from the cluster")
    blank_table(document, actions, (7.5, 3.2, 3.2, 6.4, 6.4), rows=8, height=2)
    document.add_heading("Checking impact", level=1)
    checks = ("Review point", "Date", "Progress against success criteria", "Next steps")
    blank_table(document, checks, (4.5, 3, 11, 8.2), rows=3, height=2)
    document.add_heading("Framework strands", level=1)
    for strand in framework.strands:
        document.add_paragraph(f"{strand.number} {strand.title}", style="List Bullet")
    return wordml.to_bytes(document, epoch)
