"""Download link texts that make sense on their own, and plain text Markdown shows as written."""

from __future__ import annotations

import markdown

from generator.export.manifest import ManifestEntry
from generator.render.downloads import link_text, size_text
from generator.render.filters import plain


def entry(title: str, format: str, size: int) -> ManifestEntry:
    return ManifestEntry("handouts", "m", format, f"downloads/x.{format}", size, "0", title)


def test_sizes_read_as_people_write_them() -> None:
    assert [size_text(n) for n in (950, 87_000, 1_468_006)] == ["950 bytes", "85 KB", "1.4 MB"]


def test_link_text_adds_format_and_size_to_the_title() -> None:
    assert link_text(entry("Participant handouts: Forming lines", "docx", 15_000)) == (
        "Participant handouts: Forming lines (Word, 15 KB)"
    )
    assert link_text(entry("Slides: Forming lines", "pptx", 2048)) == (
        "Slides: Forming lines (PowerPoint, 2 KB)"
    )


def test_plain_text_stays_text_in_markdown() -> None:
    hostile = "Guide: *one* [two](javascript:x) <script>x</script> & `code` \\ _under_"
    html = markdown.markdown(f"[{plain(hostile)}](file.pdf)")
    assert html == (
        '<p><a href="file.pdf">Guide: *one* [two](javascript:x) &lt;script&gt;x&lt;/script&gt;'
        " &amp; `code` \\ _under_</a></p>"
    )
