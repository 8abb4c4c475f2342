"""The peer review record and the improvement plan: Word forms a review team fills in."""

from __future__ import annotations

from docx.document import Document as WordDocument

from generator.export import wordml
from generator.export.document import Cover
from generator.export.forms import LANDSCAPE_WIDTH, PORTRAIT_WIDTH, blank_table, details_table
from generator.model.objects import Domain, Framework, Strand
from generator.model.wording import Wording
from generator.render.filters import numbered


def peer_review_record_docx(framework: Framework, cover: Cover, epoch: int) -> bytes:
    """Lines of enquiry, then per strand (or domain) the prompts and room for findings."""
    words = cover.words
    title = f"{framework.title}: {words.peer_review_record_download.lower()}"
    document = wordml.new_form(
        title,
        cover.organisation,
        epoch,
        landscape=False,
        introduction=words.peer_review_record_introduction,
    )
    details = (words.host_school, words.review_dates, words.review_lead, words.reviewers)
    details_table(document, (*details, words.focus_areas), PORTRAIT_WIDTH, words)
    wordml.add_heading(document, words.lines_of_enquiry, level=1)
    headers = (words.line_of_enquiry, words.linked_criteria)
    blank_table(document, headers, (11.5, 5.5), rows=4, height=1.6)
    group = words.strand if framework.strands else words.domain
    findings = wordml.add_heading(
        document, f"{words.evidence_and_findings} {group.lower()}", level=1
    )
    findings.paragraph_format.page_break_before = True
    for section in framework.groups:
        _section_record(document, section, words)
    wordml.add_heading(document, words.summary_for_feedback, level=1)
    headers = (words.strengths, words.areas_to_explore)
    blank_table(document, headers, (8.5, 8.5), rows=3, height=3)
    return wordml.to_bytes(document, epoch)


def _section_record(document: WordDocument, section: Strand | Domain, words: Wording) -> None:
    wordml.add_heading(document, numbered(section), level=2)
    # On paper the last criterion's prompts stay on the page of the table they lead into; a
    # section too long for one page breaks between criteria, never before its table.
    for criterion in section.criteria:
        keep = criterion is section.criteria[-1]
        paragraph = wordml.add_paragraph(document)
        paragraph.paragraph_format.keep_with_next = True
        wordml.add_text(paragraph, f"{criterion.number} ", bold=True)
        wordml.add_text(paragraph, criterion.statement)
        for question in criterion.questions:
            bullet = wordml.add_paragraph(document, question, style="List Bullet")
            bullet.paragraph_format.keep_with_next = keep
    widths = (4.0, PORTRAIT_WIDTH - 4.0)
    table = wordml.fixed_table(document, (words.record, words.notes), widths)
    for label in (words.evidence_gathered, words.strengths, words.areas_to_explore):
        row = wordml.add_row(table, widths, min_height_cm=3.5)
        wordml.write_text(row.cells[0], label, bold=True)
    wordml.keep_together(table)
    wordml.add_paragraph(document)


def improvement_plan_docx(framework: Framework, cover: Cover, epoch: int) -> bytes:
    """The plan agreed at the improvement workshop: actions, leads, timescales, support."""
    words = cover.words
    title = f"{framework.title}: {words.improvement_plan_download.lower()}"
    document = wordml.new_form(
        title,
        cover.organisation,
        epoch,
        landscape=True,
        introduction=words.improvement_plan_introduction,
    )
    details = (words.school, words.workshop_date, words.plan_lead, words.impact_review_date)
    details_table(document, details, LANDSCAPE_WIDTH, words)
    wordml.add_heading(document, words.priorities, level=1)
    headers = (words.priority, words.linked_area, words.what_review_found)
    blank_table(document, headers, (8, 5, 13.7), 3, 1.6)
    wordml.add_heading(document, words.action_plan, level=1)
    actions = (words.action, words.lead, words.timescale, words.success_criteria)
    blank_table(document, (*actions, words.support_from_partners), (7.5, 3.2, 3.2, 6.4, 6.4), 8, 2)
    wordml.add_heading(document, words.checking_impact, level=1)
    checks = (words.review_point, words.date, words.progress, words.next_steps)
    blank_table(document, checks, (4.5, 3, 11, 8.2), rows=3, height=2)
    wordml.add_heading(document, words.framework_sections, level=1)
    for section in framework.groups:
        wordml.add_paragraph(document, numbered(section), style="List Bullet")
    return wordml.to_bytes(document, epoch)
