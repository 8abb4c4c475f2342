"""Stage 2, check: the picture policy, for the files in content/images/ and every use.

A picture file must be a real PNG or JPEG (checked by its first bytes, not its name), at most
5 MB and 4,000 pixels a side, named like an id. SVG is refused: it is a document that can
carry script, not just a picture. A picture is shown from a chapter or a handout by a path
relative to that file, with alt text; remote pictures and inline data are refused, and other
Markdown (YAML fields) shows none.
"""

from __future__ import annotations

import dataclasses
import difflib
import posixpath
import re
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath

from generator.check import pixels
from generator.check.facts import facts_of
from generator.check.published import REFERENCE, PublishedText, published_text
from generator.errors import Diagnostic
from generator.load.limits import MAX_TEXT_CHARS
from generator.load.positions import FieldPath, dotted
from generator.load.sources import Corpus, SourceDocument
from generator.model.images import FOLDER, ImageSyntax, Reading, is_remote, read_pictures, resolve

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 4000
KINDS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
SIGNATURES = {"PNG": b"\x89PNG\r\n\x1a\n", "JPEG": b"\xff\xd8\xff"}
MARKDOWN_FILES = ("chapter", "handout")
#: Unreadable image syntax reported per document: the first few say what to fix.
MAX_UNREAD = 10
#: `![` a Markdown text may hold. Reading each one costs markdown-it dozens of steps, so a
#: text with thousands is refused before it is read, which keeps a hostile file cheap.
MAX_PICTURES = 200
_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")


def check_pictures(corpus: Corpus) -> list[Diagnostic]:
    """Every problem with a picture file, and with every place a document shows one."""
    found = [d for rel in corpus.images for d in check_picture_file(corpus.root, rel)]
    programme = next((d.data for d in corpus.documents if d.kind == "programme"), None)
    known = facts_of(programme)
    shown: dict[str, Shown] = {}
    for doc in corpus.documents:
        problems, names = _uses(doc, corpus.root, known)
        found.extend(problems)
        shown[doc.rel] = names
    if not found:
        found.extend(_over_budget(corpus, shown))
    return found


def _over_budget(corpus: Corpus, shown: dict[str, Shown]) -> list[Diagnostic]:
    """Texts, and the handbook as a whole, whose pictures decode to more than their budget."""
    images = corpus.root / FOLDER
    costs: dict[str, int] = {}
    for name in {name for uses in shown.values() for _, _, name in uses}:
        kind = KINDS.get(PurePosixPath(name).suffix.lower())
        header = pixels.read_header(images / name, kind) if kind else None
        costs[name] = header.decoded if header else 0
    found = []
    for uses in shown.values():
        total, seen = 0, set()
        for doc, line, name in uses:
            total += costs[name] * (name not in seen)
            seen.add(name)
            if total > pixels.MAX_TEXT_PICTURE_BYTES:
                found.append(_budget(doc, line, total, pixels.MAX_TEXT_PICTURE_BYTES, "text"))
                break
    whole = sum(costs.values())
    if whole > pixels.MAX_HANDBOOK_PICTURE_BYTES and not found:
        doc, line, _ = next(use for uses in shown.values() for use in uses)
        found.append(_budget(doc, line, whole, pixels.MAX_HANDBOOK_PICTURE_BYTES, "handbook"))
    return found


def _budget(doc: SourceDocument, line: int, total: int, budget: int, scope: str) -> Diagnostic:
    where = "this text shows" if scope == "text" else "the handbook shows (its PDF holds all)"
    message = (
        f"the pictures {where} decode to {pixels.megabytes(total)} or more; "
        f"the budget is {pixels.megabytes(budget)} a {scope}"
    )
    hint = "show fewer or smaller pictures: 2,000 pixels across is plenty for a page"
    code = "picture.text-pixels" if scope == "text" else "picture.handbook-pixels"
    return Diagnostic(doc.rel, line, 1, message, "body", hint, code=code)


def check_picture_file(root: Path, rel: str) -> list[Diagnostic]:
    """Problems with one file in content/images/: its kind, name, size and dimensions."""
    path = root / rel
    name = PurePosixPath(rel).relative_to(FOLDER)
    kind = KINDS.get(name.suffix.lower())
    if kind is None:
        return [_file_problem(rel, *_unaccepted(name.suffix.lower()), "picture.kind")]
    problems = []
    if not all(_NAME.match(part) for part in (*name.parent.parts, name.stem)):
        hint = f"rename it to {_suggest(name.stem)}{name.suffix.lower()}"
        message = "picture names are lower-case words joined by hyphens"
        problems.append(_file_problem(rel, message, hint, "picture.name"))
    size = path.stat().st_size
    if size > MAX_BYTES:
        message = f"picture is {size / 1024 / 1024:.1f} MB; the limit is 5 MB"
        hint = "save it smaller: 2,000 pixels across is plenty for a printed page"
        return [*problems, _file_problem(rel, message, hint, "picture.file-size")]
    with path.open("rb") as stream:
        head = stream.read(16)
    return [*problems, *_content_problems(path, rel, name, kind, head)]


def _unaccepted(suffix: str) -> tuple[str, str]:
    if suffix == ".svg":
        return (
            "SVG pictures are not accepted: an SVG file can carry script",
            "export the drawing as PNG and refer to the .png file instead",
        )
    return (
        "only PNG and JPEG pictures are accepted",
        "save diagrams as PNG and photographs as JPEG, or move the file out of content/images/",
    )


def _suggest(stem: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in stem.lower()).split()) or "picture"


def _content_problems(
    path: Path, rel: str, name: PurePosixPath, kind: str, head: bytes
) -> list[Diagnostic]:
    actual = next((k for k, magic in SIGNATURES.items() if head.startswith(magic)), None)
    if actual is None:
        message = f"file is named {name.suffix} but is not a {kind} picture"
        hint = f"open it in an image editor and save it as {kind}"
        return [_file_problem(rel, message, hint, "picture.not-a-picture")]
    if actual != kind:
        suffix = ".png" if actual == "PNG" else ".jpg"
        message = f"file is named {name.suffix} but is a {actual} picture"
        hint = f"rename it to {name.stem}{suffix}"
        return [_file_problem(rel, message, hint, "picture.wrong-suffix")]
    header = pixels.read_header(path, kind)
    if header is None:
        message, hint = f"{kind} picture is damaged", "save it again as a new file"
        return [_file_problem(rel, message, hint, "picture.damaged")]
    if max(header.width, header.height) > MAX_SIDE:
        size = f"{header.width} × {header.height}"
        message = f"picture is {size} pixels; the limit is {MAX_SIDE:,} a side"
        hint = "scale it down: 2,000 pixels across is plenty"
        return [_file_problem(rel, message, hint, "picture.dimensions")]
    if header.decoded > pixels.MAX_PICTURE_BYTES:
        message = (
            f"picture decodes to {pixels.megabytes(header.decoded)} ({header.describe()}); "
            f"the budget is {pixels.megabytes(pixels.MAX_PICTURE_BYTES)} a picture"
        )
        hint = "save it smaller, or with 8 bits a channel and no transparency"
        return [_file_problem(rel, message, hint, "picture.pixels")]
    return []


def _file_problem(rel: str, message: str, hint: str, code: str) -> Diagnostic:
    return Diagnostic(rel, 1, 1, message, hint=hint, code=code)


def check_uses(
    doc: SourceDocument, root: Path, known: Mapping[str, str] | None = None
) -> list[Diagnostic]:
    """Problems with the pictures a document shows, read with its facts in place, each at
    the `!` that starts it."""
    return _uses(doc, root, known or {})[0]


#: Each picture a document shows: the document, the line it is shown at, its name.
Shown = list[tuple[SourceDocument, int, str]]


def _uses(
    doc: SourceDocument, root: Path, known: Mapping[str, str]
) -> tuple[list[Diagnostic], Shown]:
    if doc.kind not in MARKDOWN_FILES:
        return list(_in_fields(doc, root)), []
    if len(doc.body) > MAX_TEXT_CHARS:
        return [], []  # the content policy refuses the text for its length
    if not _may_show_pictures(doc.body, known):
        return [], []
    published = published_text(doc.body, known, limit=MAX_TEXT_CHARS, blank_unknown=True)
    if published.overflow is not None:
        return [], []  # the content policy refuses the text for its length
    if published.text.count("![") > MAX_PICTURES:
        return [_too_many(doc, doc.body, doc.body_line, "body")], []
    reading = read_pictures(published.text)
    found, shown = list(_unreadable(doc, reading)), []
    for image in reading.images:
        placed = _in_source(image, doc.body, published)
        problems = list(_use_problems(doc, root, image))
        found += [_at(doc, doc.body_line, placed, *problem) for problem in problems]
        name = resolve(image.address, doc.path, root / FOLDER) if image.inline else None
        if not problems and name is not None:
            shown.append((doc, doc.body_line + placed.line, name))
    return found, shown


def _may_show_pictures(text: str, known: Mapping[str, str]) -> bool:
    """Whether a text can show a picture once its facts are in place: it writes `![`, or a
    fact ending in `!` stands before a `[` (a fact cannot hold `[` itself)."""
    if "![" in text:
        return True
    if "[" not in text or "{{" not in text:
        return False
    return any(known.get(name, "").endswith("!") for name in set(REFERENCE.findall(text)))


def _in_source(image: ImageSyntax, source: str, published: PublishedText) -> ImageSyntax:
    """The picture with its line and column where the source wrote it."""
    if not published.changed:
        return image
    offset = published.origin(published.offset_of(image.line, image.column)).source
    line = source.count("\n", 0, offset)
    return dataclasses.replace(image, line=line, column=offset - source.rfind("\n", 0, offset))


def _too_many(doc: SourceDocument, text: str, first_line: int, field: str) -> Diagnostic:
    at = text.find("![")
    line = first_line + text.count("\n", 0, at)
    column = at - text.rfind("\n", 0, at)
    message = f"'![' appears {text.count('![')} times; the limit is {MAX_PICTURES} per text"
    hint = "a chapter or handout shows at most 200 pictures: split it, or write '!\\[' for text"
    return Diagnostic(doc.rel, line, column, message, field, hint, code="limit.pictures")


def _unreadable(doc: SourceDocument, reading: Reading) -> Iterator[Diagnostic]:
    """Image syntax that outputs could read differently, and code blocks never closed."""
    for line in reading.unclosed:
        yield Diagnostic(
            doc.rel,
            doc.body_line + line,
            1,
            "this code block is never closed",
            "body",
            "end it with a line of the same backticks (```) that open it",
            code="markup.unclosed-code-block",
        )
    for line, column in reading.unread[:MAX_UNREAD]:
        yield Diagnostic(
            doc.rel,
            doc.body_line + line,
            column,
            "'![' starts a picture that is not written as ![alt text](path)",
            "body",
            "write the path right after the brackets, with no spaces in it; "
            "to show '![' as text, write '!\\['",
            code="picture.syntax",
        )


def _use_problems(
    doc: SourceDocument, root: Path, image: ImageSyntax
) -> Iterator[tuple[str, str, str]]:
    images = root / FOLDER
    example = posixpath.relpath(FOLDER.as_posix(), PurePosixPath(doc.rel).parent.as_posix())
    address = image.address
    if not image.alt.strip():
        yield (
            "image has no alt text",
            "describe the picture between the brackets: ![what it shows](...)",
            "picture.no-alt",
        )
    elif image.alt.strip().lower() in (address.rsplit("/", 1)[-1].lower(), _stem(address)):
        hint = "describe what the picture shows instead"
        yield "alt text repeats the file name", hint, "picture.alt-is-name"
    if not image.inline:
        yield (
            "write the picture's address in brackets after the alt text",
            f"for example ![what it shows]({example}/name.png)",
            "picture.not-inline",
        )
    elif not address.strip():
        hint = f"for example ![what it shows]({example}/name.png)"
        yield "image has no address", hint, "picture.no-address"
    elif is_remote(address):
        yield (
            f"image '{_short(address)}' is not in this repository; remote pictures are not allowed",
            f"save the picture in {FOLDER}/ and refer to it as {example}/name.png",
            "picture.remote",
        )
    else:
        name = resolve(address, doc.path, images)
        if name is None:
            yield (
                f"image '{_short(address)}' is not in {FOLDER}/",
                f"pictures live in {FOLDER}/; from this file that is {example}/name.png",
                "picture.outside-images",
            )
        elif not (images / name).is_file():
            hint = _missing_hint(images, address, example)
            yield f"image '{address}' does not exist", hint, "picture.missing"


def _stem(address: str) -> str:
    return address.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()


def _short(address: str) -> str:
    return address if len(address) <= 60 else address[:57] + "..."


def _missing_hint(images: Path, address: str, example: str) -> str:
    present = sorted(p.name for p in images.glob("*") if p.is_file()) if images.is_dir() else []
    close = difflib.get_close_matches(address.rsplit("/", 1)[-1], present, n=1)
    if close:
        return f"did you mean '{example}/{close[0]}'?"
    return f"put the picture in {FOLDER}/, or check the path (relative to this file)"


def _at(
    doc: SourceDocument, first_line: int, image: ImageSyntax, message: str, hint: str, code: str
) -> Diagnostic:
    line = first_line + image.line
    return Diagnostic(doc.rel, line, image.column, message, "body", hint, code=code)


def picture_fields(doc: SourceDocument) -> set[FieldPath]:
    """The YAML fields that may show a picture: the body of a module's picture slide."""
    if doc.kind != "module":
        return set()
    return {
        ("sessions", s, "slides", i, "body")
        for s, session in enumerate(doc.data.get("sessions") or [])
        if isinstance(session, dict) and isinstance(session.get("slides"), list)
        for i, slide in enumerate(session["slides"])
        if isinstance(slide, dict) and slide.get("layout") == "picture"
    }


def _in_fields(doc: SourceDocument, root: Path) -> Iterator[Diagnostic]:
    """Pictures in YAML text fields, which are refused except on a picture slide."""
    allowed = picture_fields(doc)
    for path, value in _strings(doc.data, ()):
        if "![" not in value:
            continue  # no image syntax at all: nothing to read (most fields)
        if value.count("![") > MAX_PICTURES:
            yield _too_many(doc, value, doc.marks.value(path).line, dotted(path))
            continue
        reading = read_pictures(value)
        if path in allowed:
            yield from _field_uses(doc, root, path, value, reading)
            continue
        places = [(i.line, i.column) for i in reading.images] + reading.unread[:MAX_UNREAD]
        for offset, column in sorted(places):
            mark = doc.marks.value(path)
            block = "\n" in value
            line = mark.line + offset + (1 if block else 0)
            column += _indent(doc.path, line) if block else mark.column - 1
            message = "pictures are shown only in chapters and handouts"
            hint = "move the picture into a chapter or handout, or describe it in words here"
            yield Diagnostic(
                doc.rel, line, column, message, dotted(path), hint, code="picture.in-field"
            )


def _field_uses(
    doc: SourceDocument, root: Path, path: FieldPath, value: str, reading: Reading
) -> Iterator[Diagnostic]:
    """Problems with the pictures a picture slide shows, at the `!` of each."""
    mark, block = doc.marks.value(path), "\n" in value
    for image in reading.images:
        line = mark.line + image.line + (1 if block else 0)
        column = image.column + (_indent(doc.path, line) if block else mark.column - 1)
        for message, hint, code in _use_problems(doc, root, image):
            yield Diagnostic(doc.rel, line, column, message, dotted(path), hint, code=code)


def _strings(value: object, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _strings(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _strings(inner, (*path, index))
    elif isinstance(value, str):
        yield path, value


def _indent(path: Path, line: int) -> int:
    """The indentation of a line of a block of text in a YAML file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return len(text) - len(text.lstrip(" "))
