"""Stage 1, load: read each source once and keep the line and column of every value.

PyYAML's own loader forgets positions, silently keeps the last of two duplicate keys and
expands aliases without limit. We compose the node graph ourselves and build plain values
from it under a budget, recording where each key and value stood.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.codes import CODES
from generator.errors import Diagnostic
from generator.load.dates import ISO_DATE, date_problem  # noqa: F401 (ISO_DATE read by others)
from generator.load.indentation import (
    key_line,
    merged_item,
    merged_words,
    misindented_item,
    misindented_key,
    swallowed_key,
    swallowed_words,
)

FieldPath = tuple[str | int, ...]

#: Most values a document may expand to; a real framework holds a few thousand.
NODE_BUDGET = 100_000
#: Deepest nesting a document may have; the deepest real source nests about eight levels.
MAX_DEPTH = 40


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int
    column: int


@dataclass
class SourceMap:
    """Where each key and value of a loaded document stands in its file."""

    keys: dict[FieldPath, Position] = field(default_factory=dict)
    values: dict[FieldPath, Position] = field(default_factory=dict)

    def key(self, path: FieldPath) -> Position:
        """The position of the key at `path`, or of its nearest recorded ancestor."""
        return self._nearest(self.keys, path) or self.value(path)

    def value(self, path: FieldPath) -> Position:
        """The position of the value at `path`, or of its nearest recorded ancestor."""
        return self._nearest(self.values, path) or Position(1, 1)

    @staticmethod
    def _nearest(table: dict[FieldPath, Position], path: FieldPath) -> Position | None:
        for end in range(len(path), -1, -1):
            if path[:end] in table:
                return table[path[:end]]
        return None


@dataclass(frozen=True)
class Parsed:
    """The outcome of reading one YAML text: a value with its positions, or diagnostics."""

    data: Any
    marks: SourceMap
    diagnostics: list[Diagnostic]


class _Refused(Exception):
    """Stops construction of a document that is too large or too deep."""

    def __init__(self, node: Node, message: str, hint: str, code: str) -> None:
        super().__init__(message)
        self.node, self.message, self.hint, self.code = node, message, hint, code


def decode(raw: bytes, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text of a file, or a diagnostic pointing at the first byte that is not UTF-8."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        hint = "save the file again with the encoding 'UTF-8'"
        message = "file is UTF-16 text, not UTF-8"
        return None, [Diagnostic(rel, 1, 1, message, hint=hint, code="file.encoding")]
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        bad = raw[error.start]
        message = f"file is not UTF-8 text (byte 0x{bad:02x} cannot be read)"
        hint = (
            "save the file again with the encoding 'UTF-8'; text pasted from Word often causes this"
        )
        return None, [Diagnostic(rel, line, column, message, hint=hint, code="file.encoding")]


def parse_yaml(
    text: str, rel: str, line_offset: int = 0, fields: frozenset[str] = frozenset()
) -> Parsed:
    """Parse one YAML document into plain values with a source map, never raising.

    `fields` are the kind's field names: a line of block text starting with one of them is
    reported as a key that the text swallowed.
    """
    tabs = _tab_indents(text, rel, line_offset)
    if tabs:
        return Parsed(None, SourceMap(), tabs)
    node, problems = _compose(text, rel, line_offset)
    if node is None:
        return Parsed(None, SourceMap(), problems)
    builder = _Builder(rel, line_offset, text.splitlines(), fields)
    try:
        data = builder.build(node, (), 0)
    except _Refused as refusal:
        where = builder.position(refusal.node)
        diagnostic = Diagnostic(
            rel, where.line, where.column, refusal.message, hint=refusal.hint, code=refusal.code
        )
        return Parsed(None, SourceMap(), [diagnostic])
    return Parsed(data, builder.marks, builder.diagnostics)


def _tab_indents(text: str, rel: str, line_offset: int) -> list[Diagnostic]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1 + line_offset):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            message = "tab character used for indentation"
            hint = "YAML indentation must use spaces; replace the tab with spaces"
            column = indent.index("\t") + 1
            found.append(
                Diagnostic(rel, number, column, message, hint=hint, code="yaml.tab-indent")
            )
    return found


def _compose(text: str, rel: str, line_offset: int) -> tuple[Node | None, list[Diagnostic]]:
    """The node graph of a document: libyaml's C parser when the text is sound.

    When libyaml finds a problem, the pure-Python parser reads the text again, because its
    messages are the ones our hints and tests know; errors are rare, so speed there is moot.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return _compose_with(fast, text, rel, line_offset)
        except (yaml.YAMLError, RecursionError):
            pass
    try:
        return _compose_with(yaml.SafeLoader, text, rel, line_offset)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_diagnostic(error, rel, line_offset, text)]
    except yaml.reader.ReaderError as error:
        return None, [_unreadable_character(text, error, rel, line_offset)]
    except RecursionError:
        hint = "a source never needs this much nesting; check for runaway brackets"
        message = "document is nested too deeply"
        return None, [
            Diagnostic(rel, 1 + line_offset, 1, message, hint=hint, code="limit.yaml-depth")
        ]


def _compose_with(
    loader_class: type[Any], text: str, rel: str, line_offset: int
) -> tuple[Node | None, list[Diagnostic]]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    if node is None:
        empty = Diagnostic(
            rel, 1 + line_offset, 1, "file is empty", hint=_EMPTY_HINT, code="yaml.empty"
        )
        return None, [empty]
    return node, []


def _unreadable_character(
    text: str, error: yaml.reader.ReaderError, rel: str, line_offset: int
) -> Diagnostic:
    before = text[: error.position]
    line = before.count("\n") + 1 + line_offset
    column = error.position - (before.rfind("\n") + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(error.character)
    message = f"control character U+{code:04X} is not allowed in YAML"
    hint = "delete the invisible character; it often comes from pasting out of another program"
    return Diagnostic(rel, line, column, message, hint=hint, code="text.control-character")


_EMPTY_HINT = "add the required fields; `handbook new` writes a starting file"


def _syntax_diagnostic(
    error: yaml.MarkedYAMLError, rel: str, line_offset: int, text: str
) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
    column = (mark.column + 1) if mark else 1
    problem = error.problem or "invalid YAML"
    lines = text.splitlines()
    indent = misindented_key(lines, mark.line, mark.column, problem) if mark else None
    if indent is not None and mark is not None:
        key = key_line(lines, mark.line)
        at = (key.column + 1) if key else column
        return Diagnostic(rel, line, at, indent[0], hint=indent[1], code="yaml.indentation")
    item = misindented_item(lines, mark.line, mark.column, problem) if mark else None
    if item is not None:
        return Diagnostic(rel, line, column, item[0], hint=item[1], code="yaml.indentation")
    context = f" ({error.context})" if error.context else ""
    hint = _SYNTAX_HINTS.get(problem.split(" (")[0], "check indentation, colons and quotes")
    message = f"YAML syntax error: {problem}{context}"
    return Diagnostic(rel, line, column, message, hint=hint, code="yaml.syntax")


_SYNTAX_HINTS = {
    "mapping values are not allowed here": "a value containing ': ' must be put in quotes",
    "could not find expected ':'": "each key needs a colon after it, like `title: ...`",
    "found character '\\t' that cannot start any token": "replace the tab with spaces",
    "expected a single document in the stream": "remove the extra `---` line",
    "found undefined alias": "define the anchor (&name) before using the alias (*name)",
}


class _Builder:
    """Turns composed YAML nodes into plain values, recording positions as it goes."""

    def __init__(
        self, rel: str, line_offset: int, lines: list[str], fields: frozenset[str]
    ) -> None:
        self.rel, self.line_offset = rel, line_offset
        self.lines, self.fields = lines, fields
        self.marks = SourceMap()
        self.diagnostics: list[Diagnostic] = []
        self.budget = NODE_BUDGET
        self.scalars = yaml.constructor.SafeConstructor()

    def position(self, node: Node) -> Position:
        mark = node.start_mark
        return Position(mark.line + 1 + self.line_offset, mark.column + 1)

    def build(self, node: Node, path: FieldPath, depth: int) -> Any:
        self._spend(node, depth)
        self.marks.values.setdefault(path, self.position(node))
        if isinstance(node, MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _spend(self, node: Node, depth: int) -> None:
        self.budget -= 1
        if self.budget < 0:
            message = f"document expands to more than {NODE_BUDGET:,} values"
            hint = "aliases (*name) that repeat anchors many times are refused; write values out"
            raise _Refused(node, message, hint, "limit.yaml-values")
        if depth > MAX_DEPTH:
            hint = "a source never nests this deeply; check for an alias that refers to itself"
            message = f"document nests more than {MAX_DEPTH} levels deep"
            raise _Refused(node, message, hint, "limit.yaml-depth")

    def _mapping(self, node: MappingNode, path: FieldPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            where = self.position(key_node)
            if not isinstance(key_node, ScalarNode):
                message = "a key must be plain text, not a list or mapping"
                self._report(where, message, path, code="yaml.complex-key")
                continue
            key = str(key_node.value)
            if key in first_seen:
                message = f"duplicate key '{key}' (first given on line {first_seen[key].line})"
                hint = "keep one of them; YAML would silently use only the last"
                self._report(where, message, path, hint, code="yaml.duplicate-key")
                continue
            first_seen[key] = where
            self.marks.keys[(*path, key)] = where
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def _scalar(self, node: Node, path: FieldPath) -> Any:
        if node.start_mark.line < node.end_mark.line:
            self._check_run_on(node, path)
        try:
            return self.scalars.construct_object(node)
        except (yaml.constructor.ConstructorError, ValueError, OverflowError) as error:
            if node.tag == "tag:yaml.org,2002:timestamp":
                message, hint = date_problem(str(node.value))
                self._report(self.position(node), message, path, hint, code="date.invalid")
                return None
            problem = getattr(error, "problem", None) or str(error)
            self._report(
                self.position(node),
                f"value cannot be read: {problem}",
                path,
                "put the value in quotes to keep it as text",
                code="yaml.unreadable-value",
            )
            return None

    def _check_run_on(self, node: Node, path: FieldPath) -> None:
        """A text over several lines that took in the next item's `- ` or a field's key."""
        first, last = node.start_mark.line, node.end_mark.line
        # A block text ends where the next line begins, which is not part of it.
        last -= 1 if node.end_mark.column == 0 else 0
        style = getattr(node, "style", None)
        if not style:  # plain: libyaml says '', the Python parser None
            dash = merged_item(self.lines, first, last)
            if dash is not None:
                line, column = dash[0] + self.line_offset, dash[1]
                message, hint = merged_words(line, first + 1 + self.line_offset)
                self._report(Position(line, column), message, path, hint, code="yaml.merged-item")
        elif style in "|>":
            key = swallowed_key(self.lines, first, last, self.fields)
            if key is not None:
                line, column, name = key[0] + self.line_offset, key[1], key[2]
                message, hint = swallowed_words(name, path, first + 1 + self.line_offset)
                self._report(Position(line, column), message, path, hint, code="yaml.swallowed-key")

    def _report(
        self, where: Position, message: str, path: FieldPath, hint: str = "", *, code: str
    ) -> None:
        field_path = dotted(path)
        severity = CODES[code].severity
        self.diagnostics.append(
            Diagnostic(
                self.rel, where.line, where.column, message, field_path, hint, severity, code=code
            )
        )


def leaves(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, Any]]:
    """Every scalar in a loaded document with its path, in document order."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from leaves(inner, (*path, key))
    elif isinstance(value, list):
        for number, inner in enumerate(value):
            yield from leaves(inner, (*path, number))
    else:
        yield path, value


def dotted(path: FieldPath) -> str:
    """A field path as editors read it: `domains[0].strands[2].criteria[1].statement`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@dataclass(frozen=True)
class FrontMatter:
    """A Markdown file split into its YAML front matter and its body."""

    yaml_text: str
    body: str
    body_line: int


def split_front_matter(text: str) -> FrontMatter | None:
    """The front matter between `---` lines at the top of a Markdown file, if it is there."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return FrontMatter("".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2)
    return None
