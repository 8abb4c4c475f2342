"""Pictures from content/images/: checked at file:line:col, published on the site."""

from __future__ import annotations

import importlib.util
import posixpath
import textwrap
from pathlib import Path

import lxml.html
import pytest
from conftest import FILES, write_project
from pictures import jpeg, png

from generator.cli.build import BuildOptions, build
from generator.cli.project import check, read_handbook
from generator.model.images import find_images, relative_to_page

CHAPTER = "content/handbook/basics/welcome.md"
#: The tiny chapter's body starts on line 11; an added line is line 14.
ADDED_LINE = 14


def chapter_with(*lines: str) -> str:
    return textwrap.dedent(FILES[CHAPTER]) + "\n".join(lines) + "\n"


def project_with(tmp_path: Path, files: dict[str, str], pictures: dict[str, bytes]) -> Path:
    root = write_project(tmp_path / "p", files)
    for rel, data in pictures.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


def problems(root: Path) -> list[str]:
    return [d.format_text() for d in check(root)[1]]


def chapter_problems(
    tmp_path: Path, line: str, pictures: dict[str, bytes] | None = None
) -> list[str]:
    pictures = {"content/images/cycle.png": png()} if pictures is None else pictures
    return problems(project_with(tmp_path, {CHAPTER: chapter_with(line)}, pictures))


def test_a_picture_with_alt_text_is_valid(tmp_path: Path) -> None:
    line = "![The review cycle](../../images/cycle.png)"
    assert chapter_problems(tmp_path, line) == []


def test_missing_alt_text_is_refused_at_the_image(tmp_path: Path) -> None:
    assert chapter_problems(tmp_path, "See ![](../../images/cycle.png)") == [
        f"{CHAPTER}:{ADDED_LINE}:5: error: body: image has no alt text [picture.no-alt]\n"
        "    hint: describe the picture between the brackets: ![what it shows](...)"
    ]


def test_alt_text_that_repeats_the_file_name_is_refused(tmp_path: Path) -> None:
    assert chapter_problems(tmp_path, "![cycle.png](../../images/cycle.png)") == [
        f"{CHAPTER}:{ADDED_LINE}:1: error: body: alt text repeats the file name [picture.alt-is-name]\n"
        "    hint: describe what the picture shows instead"
    ]


@pytest.mark.parametrize(
    "address",
    [
        "https://tracker.example/pixel.png",
        "http://tracker.example/pixel.png",
        "//tracker.example/pixel.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "file:///etc/passwd",
    ],
)
def test_remote_pictures_are_refused(tmp_path: Path, address: str) -> None:
    # (The link check refuses `data:` too; the picture check must say its own piece.)
    found = [f for f in chapter_problems(tmp_path, f"Look: ![A pixel]({address})") if "image" in f]
    assert len(found) == 1
    assert found[0].startswith(f"{CHAPTER}:{ADDED_LINE}:7: error: body: image '")
    assert "is not in this repository; remote pictures are not allowed [picture.remote]" in found[0]
    assert (
        "hint: save the picture in content/images/ and refer to it as ../../images/name.png"
        in (found[0])
    )


def test_a_missing_picture_is_refused_with_the_near_miss(tmp_path: Path) -> None:
    assert chapter_problems(tmp_path, "![The cycle](../../images/cycel.png)") == [
        f"{CHAPTER}:{ADDED_LINE}:1: error: body: image '../../images/cycel.png' does not exist [picture.missing]\n"
        "    hint: did you mean '../../images/cycle.png'?"
    ]


def test_a_picture_outside_content_images_is_refused(tmp_path: Path) -> None:
    assert chapter_problems(tmp_path, "![The cycle](../../programme.yml)") == [
        f"{CHAPTER}:{ADDED_LINE}:1: error: body: image '../../programme.yml' is not in "
        "content/images/ [picture.outside-images]\n"
        "    hint: pictures live in content/images/; from this file that is ../../images/name.png"
    ]


def test_a_reference_style_picture_is_refused(tmp_path: Path) -> None:
    found = chapter_problems(tmp_path, "![The cycle][c]\n\n[c]: https://tracker.example/c.png")
    assert found == [
        f"{CHAPTER}:{ADDED_LINE}:1: error: body: write the picture's address in brackets after "
        "the alt text [picture.not-inline]\n    hint: for example ![what it shows](../../images/name.png)"
    ]


def test_pictures_inside_code_are_not_checked(tmp_path: Path) -> None:
    lines = (
        "Write `![alt](https://example.org/x.png)` to show a picture.",
        "",
        "```markdown",
        "![](https://example.org/y.png)",
        "```",
    )
    assert chapter_problems(tmp_path, "\n".join(lines)) == []


def test_pictures_in_indented_admonition_bodies_are_checked(tmp_path: Path) -> None:
    lines = ('!!! note "Look"', "", "    ![A pixel](https://tracker.example/p.png)")
    found = chapter_problems(tmp_path, "\n".join(lines))
    assert [f.split(": error")[0] for f in found] == [f"{CHAPTER}:{ADDED_LINE + 2}:5"]


def test_pictures_in_yaml_fields_are_refused(tmp_path: Path) -> None:
    module = textwrap.dedent(FILES["content/modules/intro.yml"]).replace(
        "facilitator_notes: Keep it short.",
        "facilitator_notes: |\n      Keep it short.\n      ![A pixel](https://t.example/p.png)",
    )
    found = problems(project_with(tmp_path, {"content/modules/intro.yml": module}, {}))
    assert found == [
        "content/modules/intro.yml:17:7: error: sessions[0].facilitator_notes: pictures are "
        "shown only in chapters and handouts [picture.in-field]\n"
        "    hint: move the picture into a chapter or handout, or describe it in words here"
    ]


@pytest.mark.parametrize(
    ("name", "data", "message", "hint"),
    [
        (
            "cycle.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "SVG pictures are not accepted: an SVG file can carry script [picture.kind]",
            "export the drawing as PNG and refer to the .png file instead",
        ),
        (
            "cycle.gif",
            b"GIF89a",
            "only PNG and JPEG pictures are accepted [picture.kind]",
            "save diagrams as PNG and photographs as JPEG, or move the file out of content/images/",
        ),
        (
            "cycle.png",
            b"<html><script>alert(1)</script></html>",
            "file is named .png but is not a PNG picture [picture.not-a-picture]",
            "open it in an image editor and save it as PNG",
        ),
        (
            "cycle.png",
            jpeg(),
            "file is named .png but is a JPEG picture [picture.wrong-suffix]",
            "rename it to cycle.jpg",
        ),
        (
            "cycle.jpg",
            jpeg(5000, 20),
            "picture is 5000 × 20 pixels; the limit is 4,000 a side [picture.dimensions]",
            "scale it down: 2,000 pixels across is plenty",
        ),
        (
            "Cycle Diagram.png",
            png(),
            "picture names are lower-case words joined by hyphens [picture.name]",
            "rename it to cycle-diagram.png",
        ),
    ],
)
def test_picture_files_are_checked_by_content(
    tmp_path: Path, name: str, data: bytes, message: str, hint: str
) -> None:
    root = project_with(tmp_path, {}, {f"content/images/{name}": data})
    assert problems(root) == [f"content/images/{name}:1:1: error: {message}\n    hint: {hint}"]


def test_a_picture_over_5_mb_is_refused(tmp_path: Path) -> None:
    data = png() + b"\0" * (5 * 1024 * 1024)
    root = project_with(tmp_path, {}, {"content/images/big.png": data})
    assert problems(root) == [
        "content/images/big.png:1:1: error: picture is 5.0 MB; the limit is 5 MB [picture.file-size]\n"
        "    hint: save it smaller: 2,000 pixels across is plenty for a printed page"
    ]


def test_a_jpeg_is_accepted(tmp_path: Path) -> None:
    line = "![A photograph of a review meeting](../../images/meeting.jpeg)"
    assert chapter_problems(tmp_path, line, {"content/images/meeting.jpeg": jpeg()}) == []


def test_the_model_addresses_pictures_from_the_published_root(tmp_path: Path) -> None:
    root = project_with(
        tmp_path,
        {CHAPTER: chapter_with("![The review cycle](../../images/cycle.png)")},
        {"content/images/cycle.png": png()},
    )
    chapter = read_handbook(root)[0].chapters[0]
    assert "![The review cycle](images/cycle.png)" in chapter.body
    assert [(p.name, p.data) for p in chapter.images] == [("cycle.png", png())]


def test_addresses_are_rewritten_only_outside_code() -> None:
    text = "![A](images/a.png) `![B](images/b.png)`\n\n```\n![C](images/c.png)\n```\n"
    assert relative_to_page(text, "handbook/basics/welcome.md") == (
        "![A](../../images/a.png) `![B](images/b.png)`\n\n```\n![C](images/c.png)\n```\n"
    )


def test_a_run_of_image_openers_is_read_quickly() -> None:
    # 50,000 `![` on one line once took a quadratic regex about 50 seconds.
    assert find_images("![" * 50_000) == []


def test_pictures_are_published_with_the_site(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[1]
    handout = textwrap.dedent(FILES["content/handouts/cycle.md"]) + (
        "\n![The three stages of the cycle](../images/cycle.png)\n"
    )
    root = project_with(
        tmp_path,
        {
            CHAPTER: chapter_with("![The review cycle](../../images/cycle.png)"),
            "content/handouts/cycle.md": handout,
        },
        {"content/images/cycle.png": png(), "content/images/unused.png": png(2, 2)},
    )
    (root / "mkdocs.yml").write_text((repo / "mkdocs.yml").read_text(), encoding="utf-8")
    (root / "theme").symlink_to(repo / "theme")
    build(root, BuildOptions(downloads=False, strict=True))
    site = root / "site"
    for page, alt in (
        ("handbook/basics/welcome/index.html", "The review cycle"),
        ("training/handouts/cycle/index.html", "The three stages of the cycle"),
    ):
        images = lxml.html.parse(str(site / page)).xpath("//article//img")
        assert [img.get("alt") for img in images] == [alt]
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), images[0].get("src")))
        assert (site / target).read_bytes() == png()
    assert not (site / "images" / "unused.png").exists()


def test_the_shipped_review_cycle_picture_is_drawn_from_the_theme_svg(
    shipped_sources: Path,
) -> None:
    script = Path(__file__).resolve().parents[1] / "theme" / "make_review_cycle.py"
    spec = importlib.util.spec_from_file_location("make_review_cycle", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # Drawn from a copy: reading the checkout itself would write its cache into it.
    assert module.PICTURE.read_bytes() == module.review_cycle_png(shipped_sources), (
        "content/images/review-cycle.png is out of date: run theme/make_review_cycle.py"
    )


@pytest.mark.parametrize(
    ("line", "column"),
    [
        # Python-Markdown reads each of these as a picture; markdown-it does not.
        ("See ![A pixel](https://tracker.example/p.png now)", 5),
        ("Note.[^1]\n\n[^1]: ![Pixel](https://tracker.example/p.png)", 7),
    ],
)
def test_image_syntax_other_readers_would_show_is_refused(
    tmp_path: Path, line: str, column: int
) -> None:
    found = chapter_problems(tmp_path, line)
    at = ADDED_LINE + line.count("\n")
    assert found == [
        f"{CHAPTER}:{at}:{column}: error: body: '![' starts a picture that is not written as "
        "![alt text](path) [picture.syntax]\n"
        "    hint: write the path right after the brackets, with no spaces in it; "
        "to show '![' as text, write '!\\['"
    ]


def test_a_code_block_never_closed_is_refused(tmp_path: Path) -> None:
    # markdown-it would hide the rest of the chapter as code; MkDocs shows it as text.
    found = chapter_problems(tmp_path, "```\n![A pixel](https://tracker.example/p.png)")
    assert found == [
        f"{CHAPTER}:{ADDED_LINE}:1: error: body: this code block is never closed [markup.unclosed-code-block]\n"
        "    hint: end it with a line of the same backticks (```) that open it"
    ]


def test_code_blocks_closed_inside_a_quote_are_closed(tmp_path: Path) -> None:
    assert chapter_problems(tmp_path, "> ```\n> ![x](https://example.org/x.png)\n> ```") == []


def test_a_flood_of_image_syntax_is_refused_before_it_is_read(tmp_path: Path) -> None:
    # Read one by one, 500,000 `![` and a `]` would keep markdown-it busy for minutes; the
    # file-size limit refuses it unread. 300 on short lines pass every other limit.
    found = chapter_problems(tmp_path, "Text " + "![" * 500_000 + "]")
    assert [f.split("\n")[0] for f in found] == [
        f"{CHAPTER}:1:1: error: file is 1,000,164 bytes; a source may hold at most 1,000,000 [limit.file-size]"
    ]
    found = chapter_problems(tmp_path, "\n\n".join(["Text ![a"] * 300))
    assert found[0].split("\n")[0] == (
        f"{CHAPTER}:{ADDED_LINE}:6: error: body: '![' appears 300 times; the limit is 200 per text [limit.pictures]"
    )


def test_picture_syntax_longer_than_the_window_is_refused_not_skipped(tmp_path: Path) -> None:
    line = f"![{'A very long description. ' * 100}](https://tracker.example/p.png)"
    found = chapter_problems(tmp_path, line)
    assert [f.split("\n")[0] for f in found] == [
        f"{CHAPTER}:{ADDED_LINE}:1: error: body: '![' starts a picture that is not written as "
        "![alt text](path) [picture.syntax]"
    ]
