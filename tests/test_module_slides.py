"""A session's `slides:`: Markdown text for one slide, or a list of slides with layouts."""

from __future__ import annotations

import textwrap
from pathlib import Path

from conftest import FILES, write_project
from pictures import png

from generator.cli.project import check, read_handbook
from generator.export import slides

MODULE = "content/modules/intro.yml"


def with_slides(tmp_path: Path, block: str, extra: dict[str, str | bytes] | None = None) -> Path:
    """The tiny project with `block` (YAML at session depth) after the Welcome session's notes."""
    source = textwrap.dedent(FILES[MODULE])
    marker = "    facilitator_notes: Keep it short.\n"
    indented = textwrap.indent(textwrap.dedent(block), "    ")
    return write_project(tmp_path / "p", {MODULE: source.replace(marker, marker + indented)})


def problems(root: Path) -> list[str]:
    return [d.format_text() for d in check(root)[1]]


LISTED = """\
    slides:
      - layout: section
        title: Part one
      - layout: points
        body: |
          - One
          - Two
        notes: Say why.
      - layout: activity
        title: In pairs
        body: Talk for five minutes.
      - layout: table
        body: |
          | Who | What |
          | --- | --- |
          | Head | Chairs |
    """


def test_text_slides_are_one_slide_of_points_under_the_session_title(tmp_path: Path) -> None:
    root = with_slides(tmp_path, "slides: |\n  - A point\n")
    assert problems(root) == []
    session = read_handbook(root)[0].modules[0].sessions[0]
    assert [(s.layout, s.title, s.body) for s in session.shown] == [
        ("points", "Welcome", "- A point")
    ]


def test_listed_slides_keep_their_layouts_titles_and_notes(tmp_path: Path) -> None:
    root = with_slides(tmp_path, LISTED)
    assert problems(root) == []
    module = read_handbook(root)[0].modules[0]
    shown = [(s.layout, s.title, s.notes) for s in module.sessions[0].shown]
    assert shown == [
        ("section", "Part one", ""),
        ("points", "Welcome", "Say why."),
        ("activity", "In pairs", ""),
        ("table", "Welcome", ""),
    ]
    # The cover, the objectives, four slides of the first session and one of the second.
    assert slides.slide_count(module) == 2 + 4 + 1


def test_an_unknown_layout_is_refused_with_the_allowed_ones(tmp_path: Path) -> None:
    root = with_slides(tmp_path, "slides:\n  - layout: bullets\n    body: x\n")
    found = problems(root)
    assert found[0].splitlines()[0] == (
        "content/modules/intro.yml:17:17: error: sessions[0].slides[0].layout: "
        "'bullets' is not an allowed value [schema.not-allowed]"
    )


def test_a_number_for_slides_is_refused_with_both_forms_in_the_hint(tmp_path: Path) -> None:
    found = problems(with_slides(tmp_path, "slides: 5\n"))
    assert found == [
        "content/modules/intro.yml:16:13: error: sessions[0].slides: must be text or a list, "
        "not int 5 [schema.type]\n"
        "    hint: write Markdown text after `slides: |`, or a list of slides such as "
        "`- layout: points` with `body: |` on the next line"
    ]


def test_slides_that_lack_what_their_layout_needs_are_refused(tmp_path: Path) -> None:
    block = """\
        slides:
          - layout: points
          - layout: table
            body: Just words.
          - layout: picture
            body: A photograph of the hall.
        """
    found = [f.splitlines()[0] for f in problems(with_slides(tmp_path, block))]
    assert found == [
        "content/modules/intro.yml:17:9: error: sessions[0].slides[0]: "
        "a points slide needs a body [slide.body]",
        "content/modules/intro.yml:19:15: error: sessions[0].slides[1].body: "
        "a table slide's body holds no pipe table [slide.table]",
        "content/modules/intro.yml:21:15: error: sessions[0].slides[2].body: "
        "a picture slide's body shows no picture [slide.picture]",
    ]


def test_a_picture_slide_shows_a_picture_and_other_fields_still_may_not(tmp_path: Path) -> None:
    block = """\
        slides:
          - layout: picture
            body: "![The hall set out for training](../images/hall.png)"
          - layout: points
            body: "![The hall again](../images/hall.png)"
        """
    root = with_slides(tmp_path, block)
    (root / "content/images").mkdir(parents=True, exist_ok=True)
    (root / "content/images/hall.png").write_bytes(png())
    found = [f.splitlines()[0] for f in problems(root)]
    assert found == [
        "content/modules/intro.yml:20:15: error: sessions[0].slides[1].body: "
        "pictures are shown only in chapters and handouts [picture.in-field]"
    ]


def test_a_picture_slide_carries_its_picture_published_under_images(tmp_path: Path) -> None:
    block = """\
        slides:
          - layout: picture
            body: "![The hall set out for training](../images/hall.png)"
        """
    root = with_slides(tmp_path, block)
    (root / "content/images").mkdir(parents=True, exist_ok=True)
    (root / "content/images/hall.png").write_bytes(png())
    slide = read_handbook(root)[0].modules[0].sessions[0].slides[0]
    assert slide.body == "![The hall set out for training](images/hall.png)"
    assert [picture.name for picture in slide.images] == ["hall.png"]


def test_a_picture_slide_without_alt_text_is_refused(tmp_path: Path) -> None:
    block = """\
        slides:
          - layout: picture
            body: "![](../images/hall.png)"
        """
    root = with_slides(tmp_path, block)
    (root / "content/images").mkdir(parents=True, exist_ok=True)
    (root / "content/images/hall.png").write_bytes(png())
    found = [f.splitlines()[0] for f in problems(root)]
    assert found == [
        "content/modules/intro.yml:18:15: error: sessions[0].slides[0].body: "
        "image has no alt text [picture.no-alt]"
    ]


def test_text_after_a_table_slides_table_is_refused(tmp_path: Path) -> None:
    # pandoc would put the line on an untitled slide of its own after the table.
    block = """\
        slides:
          - layout: table
            body: |
              | Step | Minutes |
              | --- | --- |
              | Thanks | 3 |

              With three lines: 3, then 13.
        """
    found = problems(with_slides(tmp_path, block))
    assert found == [
        "content/modules/intro.yml:18:15: error: sessions[0].slides[0].body: a table slide's "
        "body goes on after its table ('With three lines: 3, then 13.'), which PowerPoint would "
        "put on a slide of its own, with no title [slide.after-table]\n"
        "    hint: move the line above the table, or into the session's facilitator notes"
    ]
