"""Which characters a source may hold: no control codes, no invisible or direction-changing ones.

A NUL or a vertical tab breaks the Word and PDF writers; a right-to-left override (U+202E)
or a zero-width space makes a title, id or file name read differently from what it is.
Plain text (titles, labels, names) also refuses the characters that are markup in one of
its outputs, so that no output can read it as anything but text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: C0 and C1 control characters and DEL, except the tab and line breaks prose may hold.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Characters that change the direction of text or are not seen at all.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
#: Markup in Markdown, HTML, YAML flow values or pandoc: never part of a title or label.
_MARKUP = re.compile(r"[<>\"`{}\[\]\\*_|]|&(?:#|[A-Za-z][A-Za-z0-9]*;)|[\t\r\n]")


@dataclass(frozen=True)
class Finding:
    """A character that should not be where it is: its offset in the text and what to say."""

    offset: int
    message: str
    hint: str
    #: The check's code (generator/codes.py).
    code: str


def name_of(char: str) -> str:
    """A character as an editor can look it up: `U+202E (RIGHT-TO-LEFT OVERRIDE)`."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def visible(text: str) -> str:
    """`text` with control and invisible characters written as escapes, for messages."""
    shown = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text.replace("\n", "\\n"))
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", shown.replace("\t", "\\t"))


def control(text: str) -> Finding | None:
    """The first control character in `text` (tab and line breaks allowed), if any."""
    match = _CONTROL.search(text)
    if match is None:
        return None
    return Finding(
        match.start(),
        f"control character {name_of(match.group())} is not allowed",
        "delete the invisible character; it often comes from pasting out of another program",
        "text.control-character",
    )


def invisible(text: str) -> Finding | None:
    """The first invisible or direction-changing character in `text`, if any."""
    match = _INVISIBLE.search(text)
    if match is None:
        return None
    return Finding(
        match.start(),
        f"invisible character {name_of(match.group())} is not allowed here",
        "delete it: it changes how the text reads without being seen",
        "text.invisible-character",
    )


def plain_text(text: str) -> Finding | None:
    """Why `text` is not plain text (a title, label or name), or None when it is."""
    found = control(text) or invisible(text)
    if found is not None:
        return found
    match = _MARKUP.search(text)
    if match is None:
        return None
    char = match.group()
    if char in "\t\r\n":
        hint = "write it on one line, without tabs"
        return Finding(match.start(), "must be one line", hint, "text.one-line")
    if char.startswith("&"):
        message = f"'{char}' is an HTML character reference, which plain text cannot hold"
        return Finding(
            match.start(), message, "write the character itself", "text.character-reference"
        )
    hint = (
        "use curly quotes “ ” or single quotes instead"
        if char == '"'
        else "titles, labels and names are plain text: remove the character or reword"
    )
    message = f"'{char}' is not allowed in plain text"
    return Finding(match.start(), message, hint, "text.markup-character")
