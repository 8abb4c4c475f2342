"""Indentation mistakes, said as an editor would see them rather than as the YAML parser does.

A key indented one space too far reads, to YAML, as more text of the value above it ("mapping
values are not allowed here"); one indented too little ends a mapping that has not ended
("expected <block end>"). An item's `- ` indented too far joins the item above it without any
error at all, and a key lined up with a block of text becomes more of that text. These
functions read the lines around such a place and say which line is out of line with which.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A line that starts a key: its indentation, an optional `- `, the key and its colon.
_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>(?:- +)*)(?P<key>[A-Za-z_][\w-]*):(?:\s|$)")
#: The parser's problems that a wrongly indented key line produces.
_INDENT_PROBLEMS = ("mapping values are not allowed here", "expected <block end>")


@dataclass(frozen=True)
class KeyLine:
    """A line holding a key: which line (from 1), the key, and the column it starts at (from 0)."""

    number: int
    key: str
    column: int


def key_line(lines: list[str], index: int) -> KeyLine | None:
    """The key on line `index` (from 0), or None when the line does not start with one."""
    match = _KEY_LINE.match(lines[index]) if 0 <= index < len(lines) else None
    if match is None:
        return None
    column = len(match["indent"]) + len(match["dash"])
    return KeyLine(number=index + 1, key=match["key"], column=column)


def _previous_key(lines: list[str], index: int) -> KeyLine | None:
    """The nearest key line above line `index`, past blank lines, comments and text."""
    for above in range(index - 1, -1, -1):
        found = key_line(lines, above)
        if found is not None:
            return found
    return None


def misindented_key(
    lines: list[str], index: int, column: int, problem: str
) -> tuple[str, str] | None:
    """(message, hint) when a syntax error at line `index`, `column` (from 0) is a key's indent.

    The error must be the parser's reaction to the key itself (at its colon, or at its start),
    so a colon inside a line of text keeps the advice about quotes.
    """
    if not problem.startswith(_INDENT_PROBLEMS):
        return None
    here = key_line(lines, index)
    if here is None or column not in (here.column, here.column + len(here.key)):
        return None
    above = _previous_key(lines, index)
    if above is None or above.column == here.column:
        return None
    return _said(here, above)


def misindented_item(
    lines: list[str], index: int, column: int, problem: str
) -> tuple[str, str] | None:
    """(message, hint) when a syntax error at a list item's `- ` is that dash's indentation."""
    if not problem.startswith(_INDENT_PROBLEMS) or not 0 <= index < len(lines):
        return None
    if not lines[index][column:].startswith("- ") or lines[index][:column].strip():
        return None
    above = _previous_item(lines, index, column)
    if above is None or above[1] == column:
        return None
    message = (
        f"this list item's `- ` is indented differently from the items above it: "
        f"{_spaces(column)}, where the `- ` on line {above[0]} has {above[1]}"
    )
    hint = (
        f"if it belongs to the same list, indent the `- ` by {above[1]} spaces; otherwise line "
        "it up with the `- ` of the list it belongs to"
    )
    return message, hint


def _previous_item(lines: list[str], index: int, column: int) -> tuple[int, int] | None:
    """(line from 1, column) of the nearest `- ` above that could be a sibling of the item.

    A list nested inside an item is indented at least two further, so it is passed over.
    """
    for above in range(index - 1, -1, -1):
        stripped = lines[above].lstrip(" ")
        indent = len(lines[above]) - len(stripped)
        if stripped.startswith("- ") and indent <= column + 1:
            return above + 1, indent
    return None


def _said(here: KeyLine, above: KeyLine) -> tuple[str, str]:
    message = (
        f"`{here.key}:` is indented differently from its neighbours: {_spaces(here.column)}, "
        f"where `{above.key}:` on line {above.number} has {above.column}"
    )
    hint = (
        f"if `{here.key}` belongs beside `{above.key}`, indent it by {above.column} spaces; "
        "otherwise line it up with the keys of the mapping it belongs to; if the line is "
        "text, put the whole text in quotes"
    )
    return message, hint


def _spaces(count: int) -> str:
    return f"{count} space{'s' * (count != 1)}"


def merged_item(lines: list[str], first: int, last: int) -> tuple[int, int] | None:
    """(line, column) from 1 of a `- ` that plain text from line `first` to `last` swallowed.

    Lines are counted from 0; a plain value running over several lines continues on each.
    """
    for index in range(first + 1, min(last, len(lines) - 1) + 1):
        stripped = lines[index].lstrip(" ")
        if stripped.startswith("- "):
            return index + 1, len(lines[index]) - len(stripped) + 1
    return None


def swallowed_key(
    lines: list[str], first: int, last: int, fields: frozenset[str]
) -> tuple[int, int, str] | None:
    """(line, column, key) of a field's `key:` that a block of text from `first` took in."""
    for index in range(first + 1, min(last, len(lines) - 1) + 1):
        found = key_line(lines, index)
        if found is not None and found.key in fields:
            return index + 1, found.column + 1, found.key
    return None


def schema_fields(fields: dict[str, object]) -> frozenset[str]:
    """Every field name in a cerberus schema, at any depth: the keys text may swallow."""
    names: set[str] = set()
    stack: list[object] = [fields]
    while stack:
        current = stack.pop()
        if not isinstance(current, dict):
            continue
        for name, rules in current.items():
            names.add(str(name))
            if isinstance(rules, dict):
                stack.extend(_nested(rules))
    return frozenset(names)


def _nested(rules: dict[str, object]) -> list[object]:
    """The field mappings inside one field's rules (a list's items, a mapping's fields)."""
    inner = rules.get("schema")
    if not isinstance(inner, dict):
        return []
    if rules.get("type") == "list":
        return _nested(inner) if inner.get("type") == "dict" else []
    return [inner]


def merged_words(line: int, first: int) -> tuple[str, str]:
    """What to say about a `- ` on `line` that became text of the value on line `first`."""
    message = (
        f"the `- ` on line {line} is read as more text of the value on line {first}, not as a "
        "new item: it is indented further than the item above it"
    )
    hint = (
        "line the `- ` up with the `- ` of the item above; if the dash belongs to the text, "
        "put the whole text in quotes"
    )
    return message, hint


def swallowed_words(key: str, path: tuple[str | int, ...], first: int) -> tuple[str, str]:
    """What to say about a field's `key:` that became a line of the text at `path`."""
    owner = next((str(p) for p in reversed(path) if isinstance(p, str)), key)
    message = (
        f"`{key}:` is read as a line of the text of `{owner}` (line {first}), not as a field: "
        "it is indented as far as that text"
    )
    hint = f"indent `{key}:` like `{owner}:` and the keys beside it, not like the text"
    return message, hint
