"""Pictures from content/images/: where Markdown shows one, and its address in each output.

Image syntax is found with markdown-it's own inline image rule, so a picture written inside
a code span or a fenced code block is code, not a picture. The rule is wrapped to record where
each image and its address stand, which lets the checks point at a column and lets the model
rewrite an address without a regular expression over the text.

In the model every picture's address is `images/<name>`: relative to the root of whatever is
published (the site's docs tree, or the folder Typst and pandoc read pictures from).
"""

from __future__ import annotations

import bisect
import hashlib
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.backticks import backtick as _markdown_it_backtick
from markdown_it.rules_inline.image import image as _markdown_it_image
from markdown_it.token import Token

from generator.model.picture_metadata import without_metadata

#: Where pictures live in a project, and the folder they are published under.
FOLDER = PurePosixPath("content/images")
PUBLISHED = "images"
#: The longest picture syntax read, from `![` to `)`: room for a full description.
MAX_SYNTAX = 2000


def pictures_signature(root: Path) -> str:
    """What the pictures' files are now, by path, device, inode, size and modification
    time (of the link and of the file it leads to), so a live preview knows a model that
    read them may be given again: any file added, removed, replaced or written changes it."""
    parts = []
    for path in sorted((root / FOLDER).rglob("*")):
        try:
            link, stat = path.lstat(), path.stat()
        except OSError:
            continue
        sizes = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, link.st_mtime_ns)
        parts.append(f"{path.relative_to(root).as_posix()}\0{sizes}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class Picture:
    """A picture a document shows: its name under content/images/ and its bytes as
    published, without metadata (generator/model/picture_metadata.py).

    The repr carries a digest, not the bytes, so a download's cache key changes with the
    picture while staying short.
    """

    name: str
    digest: str
    data: bytes = field(repr=False, compare=False)

    @classmethod
    def read(cls, path: Path, name: str) -> Picture:
        """The picture stored at `path`, known as `name`."""
        data = without_metadata(path.read_bytes())
        return cls(name, hashlib.sha256(data).hexdigest(), data)

    @property
    def address(self) -> str:
        """Where the picture is published, relative to the output's root."""
        return f"{PUBLISHED}/{self.name}"


@dataclass(frozen=True)
class ImageSyntax:
    """One `![alt](address)` in Markdown text, with where it and its address stand.

    `line` counts from 0 within the text, `column` from 1. `start` and `end` are offsets of
    the address in the text, or -1 when it could not be placed (a reference-style image
    has its address elsewhere).
    """

    line: int
    column: int
    alt: str
    address: str
    start: int = -1
    end: int = -1

    @property
    def inline(self) -> bool:
        """True when the address is written in brackets right after the alt text."""
        return self.start >= 0


@dataclass(frozen=True)
class Reading:
    """What a Markdown text shows as pictures, and what it writes that not every reader
    would agree on.

    `unread` holds (line, column) of each `![` outside code that markdown-it does not read
    as a picture while another reader might (Python-Markdown allows a space in an address,
    and renders a footnote's picture); `unclosed` holds the line of each code fence never
    closed, whose text markdown-it hides as code and MkDocs shows as text. Lines count from 0.
    """

    images: list[ImageSyntax]
    unread: list[tuple[int, int]]
    unclosed: list[int]


def _image_with_place(state: StateInline, silent: bool) -> bool:
    """markdown-it's image rule, noting where the image and its address start and end."""
    start, limit = state.pos, state.posMax
    if _last_close(state) < start:
        return False
    # Each `![` is looked at within a window, so a long paragraph of brackets costs each one
    # a bounded scan; a longer picture is not read, and the checks refuse it as unread.
    state.posMax = min(limit, start + MAX_SYNTAX)
    try:
        found = _markdown_it_image(state, silent)
    finally:
        state.posMax = limit
    if not found:
        return False
    if not silent:
        token = state.tokens[-1]
        token.meta["span"] = (start, state.pos)
        token.meta["address"] = _address_span(state, start)
    return True


def _last_close(state: StateInline) -> int:
    """Where the inline text's last `]` stands: no image can start after it.

    markdown-it looks for the end of an image's label from every `![`, to the end of the
    paragraph when there is none; knowing there is none keeps a run of `![` linear.
    """
    last: int | None = getattr(state, "_last_close", None)
    if last is None:
        last = state.src.rfind("]")
        state._last_close = last  # type: ignore[attr-defined]
    return last


def _address_span(state: StateInline, start: int) -> tuple[int, int, str] | None:
    """Where an inline image's address stands in the inline text, and its value."""
    end, src = state.pos, state.src
    state.pos = start
    label_end = state.md.helpers.parseLinkLabel(state, start + 1, False)
    state.pos = end
    pos = label_end + 1
    if label_end < 0 or pos >= len(src) or src[pos] != "(":
        return None
    pos += 1
    while pos < end and src[pos] in " \t\n":
        pos += 1
    found = state.md.helpers.parseLinkDestination(src, pos, state.posMax)
    return (pos, found.pos, found.str) if found.ok else (pos, pos, "")


def _code_with_place(state: StateInline, silent: bool) -> bool:
    """markdown-it's code span rule, noting where each code span starts and ends."""
    start, count = state.pos, len(state.tokens)
    if not _markdown_it_backtick(state, silent):
        return False
    if not silent and len(state.tokens) > count and state.tokens[-1].type == "code_inline":
        state.tokens[-1].meta["span"] = (start, state.pos)
    return True


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark")
    # MkDocs nests admonition bodies by indentation: an indented block is text there, so it
    # is read as text here too; only fenced code and code spans hide a picture.
    parser.disable("code")
    # Links are not looked for: a picture inside a link's text is still found, and a run of
    # `[` no longer makes every one of them scan to the end of its paragraph.
    parser.disable("link")
    parser.inline.ruler.at("image", _image_with_place)
    parser.inline.ruler.at("backticks", _code_with_place)
    # markdown-it drops an image whose address it deems unsafe (`javascript:`, `file:`),
    # leaving text where Python-Markdown still makes an <img>: here every address is seen,
    # and the checks decide.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


_PARSER = _parser()


def find_images(text: str) -> list[ImageSyntax]:
    """Every image in Markdown text outside code, in order."""
    return read_pictures(text).images


def read_pictures(text: str) -> Reading:
    """The pictures in Markdown text, and any image syntax not every reader reads alike."""
    if "![" not in text:
        return Reading([], [], [])
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    images: list[ImageSyntax] = []
    covered: list[tuple[int, int]] = []
    unclosed: list[int] = []
    for token in _PARSER.parse(text):
        if token.type == "inline" and token.map and token.children:
            place = _Placer(token.content, token.map[0], lines)
            images.extend(_images_of(token, place, starts))
            covered.extend(_spans_of(token, place, starts))
        elif token.type == "fence" and token.map:
            begin, end = token.map
            covered.append((starts[begin], starts[end] if end < len(starts) else len(text)))
            if not _closed(token, lines):
                unclosed.append(begin)
    return Reading(images, _unread(text, starts, covered), unclosed)


def _closed(fence: Token, lines: list[str]) -> bool:
    """True when a fence token ends with a closing fence line, not at the end of the text."""
    assert fence.map is not None
    last = lines[fence.map[1] - 1].rstrip() if fence.map[1] - 1 > fence.map[0] else ""
    mark = fence.markup[0]
    # A fence in a quote or list closes on a line such as "> ```": only marks and spaces.
    return last.endswith(fence.markup) and set(last) <= {mark, ">", " ", "\t"}


def _spans_of(token: Token, place: _Placer, starts: list[int]) -> Iterator[tuple[int, int]]:
    """Where the images and code spans of an inline token stand in the source text."""
    for child in token.children or []:
        if "span" in child.meta:
            begin, end = place(child.meta["span"][0]), place(child.meta["span"][1] - 1)
            if begin and end:
                yield starts[begin[0]] + begin[1], starts[end[0]] + end[1] + 1


def _unread(text: str, starts: list[int], covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each `![` outside every image and code span or block, while a `]` follows somewhere."""
    last_close, found = text.rfind("]"), []
    covered.sort()
    index, at = 0, text.find("![")
    while 0 <= at < last_close:
        while index < len(covered) and covered[index][1] <= at:
            index += 1
        if index == len(covered) or not covered[index][0] <= at < covered[index][1]:
            line = bisect.bisect_right(starts, at) - 1
            found.append((line, at - starts[line] + 1))
        at = text.find("![", at + 2)
    return found


def _images_of(token: Token, place: _Placer, starts: list[int]) -> Iterator[ImageSyntax]:
    assert token.map is not None
    for child in token.children or []:
        if child.type != "image" or "address" not in child.meta:
            continue
        line, column = place(child.meta["span"][0]) or (token.map[0], 0)
        address = child.meta["address"]
        if address is None:
            yield ImageSyntax(line, column + 1, child.content, str(child.attrs.get("src", "")))
            continue
        begin, finish = place(address[0]), place(address[1])
        offsets = (-1, -1)
        if begin and finish:
            offsets = (starts[begin[0]] + begin[1], starts[finish[0]] + finish[1])
        yield ImageSyntax(line, column + 1, child.content, address[2], *offsets)


class _Placer:
    """Turns an offset in an inline token's text into (line, column) in the source text.

    markdown-it strips each line's indentation and container marks (`>`, list markers)
    before inline parsing, so every line of the inline text ends where its source line ends.
    """

    def __init__(self, content: str, first_line: int, lines: list[str]) -> None:
        self.content, self.first_line, self.lines = content, first_line, lines
        self.breaks = [i for i, char in enumerate(content) if char == "\n"]
        self.indents: dict[int, int | None] = {}

    def __call__(self, offset: int) -> tuple[int, int] | None:
        index = bisect.bisect_left(self.breaks, offset)
        begin = self.breaks[index - 1] + 1 if index else 0
        if index not in self.indents:
            self.indents[index] = self._indent(index, begin)
        indent = self.indents[index]
        return None if indent is None else (self.first_line + index, indent + offset - begin)

    def _indent(self, index: int, begin: int) -> int | None:
        """How many characters of its source line come before a line of the inline text."""
        end = self.breaks[index] if index < len(self.breaks) else len(self.content)
        piece, row = self.content[begin:end], self.first_line + index
        if row >= len(self.lines):
            return None
        for source in (self.lines[row], self.lines[row].rstrip()):
            if source.endswith(piece):
                return len(source) - len(piece)
        return None


def readdress(text: str, new_address: Callable[[str], str | None]) -> str:
    """Markdown text with each inline image's address replaced by `new_address(address)`.

    An address for which `new_address` gives None is left as written.
    """
    pieces, last = [], 0
    for found in find_images(text):
        replacement = new_address(found.address) if found.inline else None
        if replacement is not None:
            pieces += [text[last : found.start], replacement]
            last = found.end
    return "".join(pieces) + text[last:] if pieces else text


def is_remote(address: str) -> bool:
    """True for an address on another site or inline data (`https:`, `//`, `data:` ...)."""
    parts = urlsplit(address)
    return bool(parts.scheme or parts.netloc or address.startswith("//"))


def resolve(address: str, document: Path, images: Path) -> str | None:
    """The name under `images` that a local address written in `document` leads to, if any."""
    parts = urlsplit(address)
    if is_remote(address) or parts.query or parts.fragment or address.startswith("/"):
        return None
    target = (document.parent / parts.path).resolve()
    if not target.is_relative_to(images.resolve()):
        return None
    return target.relative_to(images.resolve()).as_posix()


def project_root(document: Path, rel: str) -> Path:
    """The project folder a source file at `document`, known as `rel`, belongs to."""
    return document.parents[len(PurePosixPath(rel).parts) - 1]


def published(text: str, document: Path, rel: str) -> tuple[str, tuple[Picture, ...]]:
    """A validated document's Markdown with picture addresses as `images/<name>`, and those
    pictures, each once, in order of first use."""
    images = project_root(document, rel) / FOLDER
    pictures: dict[str, Picture] = {}

    def address_of(address: str) -> str | None:
        name = resolve(address, document, images)
        if name is None:
            return None
        if name not in pictures:
            pictures[name] = Picture.read(images / name, name)
        return pictures[name].address

    return readdress(text, address_of), tuple(pictures.values())


def relative_to_page(text: str, page: str) -> str:
    """Model Markdown with each `images/...` address made relative to a docs-tree page."""
    here = posixpath.dirname(page) or "."

    def address_of(address: str) -> str | None:
        if not address.startswith(f"{PUBLISHED}/"):
            return None
        return posixpath.relpath(address, here)

    return readdress(text, address_of)
