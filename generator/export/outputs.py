"""Every download a school gets, declared once each: the shipped registry of outputs.

The order of this table is the order of kinds in manifest.json. Each entry names its
builder and slice (generator/export/builders.py) and the wording keys of its title
(theme/wording.yml); registry.py says what each field means and checks them at import.
To add a download, add one entry here and its builder: docs/outputs.md shows how.
"""

from __future__ import annotations

from generator.export import builders as b
from generator.export.registry import Output, Outputs
from generator.export.schedule import running_order_file

OUTPUTS = Outputs(
    (
        Output(
            "handbook", "programme", ("pdf", "docx"), "handbook/{id}", b.handbook_file,
            name="handbook_download", slice=b.handbook_slice, alone=True,
        ),
        Output(
            "chapter", "chapter", ("pdf",), "handbook/chapters/{id}", b.chapter_file,
            name="handbook_chapter_download", slice=b.chapter_slice,
        ),
        Output(
            "framework", "framework", ("pdf", "docx"), "frameworks/{id}/{id}", b.framework_file,
            title=None,
        ),
        Output(
            "self-review", "framework", ("docx", "xlsx"), "frameworks/{id}/self-review",
            b.self_review_file, name="self_review_download", themed=False,
        ),
        Output(
            "peer-review-record", "framework", ("docx",), "frameworks/{id}/peer-review-record",
            b.peer_review_record_file, name="peer_review_record_download", themed=False,
        ),
        Output(
            "improvement-plan", "framework", ("docx",), "frameworks/{id}/improvement-plan",
            b.improvement_plan_file, name="improvement_plan_download", themed=False,
        ),
        Output(
            "facilitator-guide", "module", ("pdf", "docx"), "modules/{id}/facilitator-guide",
            b.guide_file, name="facilitator_guide_download", slice=b.guide_slice,
            in_day_pack=True,
        ),
        Output(
            "handouts", "module", ("pdf", "docx"), "modules/{id}/handouts", b.handouts_file,
            name="handouts_download", slice=b.handouts_slice, in_day_pack=True,
        ),
        Output(
            "resource", "resource", ("pdf", "docx"), "resources/{stem}", b.resource_file,
            title=None, in_day_pack=True,
        ),
        Output(
            "slides", "module", ("pptx", "pdf"), "modules/{id}/slides", b.slides_file,
            name="slides_download", slice=b.slides_slice, in_day_pack=True,
        ),
        Output(
            "training-day-pack", "day", ("zip",), "training-days/{id}", None,
            name="day_pack_download", title="day_pack_title",
        ),
        Output(
            "running-order", "day", ("pdf", "docx"), "training-days/{id}-running-order",
            running_order_file, name="running_order_download", title="running_order_title",
            slice=b.running_order_slice, in_day_pack=True,
        ),
        Output(
            "calendar", "calendar", ("ics", "pdf"), "calendar/{stem}", b.calendar_download,
            name="calendar_download", title="calendar_title", slice=b.calendar_slice,
        ),
        Output(
            "offline", "site", ("zip",), "offline/{id}", None, name="offline_download",
        ),
    )
)  # fmt: skip
