"""Stage 1, load: find every source file, classify it, and read it once."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from generator.errors import Diagnostic
from generator.load import limits
from generator.load.indentation import schema_fields
from generator.load.positions import SourceMap, decode, parse_yaml, split_front_matter
from generator.store import digest

#: Where sources may live; every registered kind's folder is below one of these.
SOURCE_ROOTS = ("content", "frameworks")


class KindToRead(Protocol):
    """What load reads of a kind's declaration (generator/kinds/registry.py's SourceKind).

    Declared here, below the kinds, so load names no type of a later stage.
    """

    @property
    def name(self) -> str: ...
    @property
    def folder(self) -> str: ...
    @property
    def pattern(self) -> str: ...
    @property
    def reader(self) -> str: ...
    @property
    def front_matter_hint(self) -> str: ...
    @property
    def schema(self) -> Schema | None: ...
    @property
    def file_names(self) -> str: ...


class KindsToRead(Protocol):
    """The kinds load is handed (generator/kinds/registry.py's Kinds): in order, by name."""

    def __iter__(self) -> Iterator[KindToRead]: ...
    def get(self, name: str) -> KindToRead | None: ...


#: The kinds a corpus was read by, handed on as they came (the checks and model use more).
K = TypeVar("K", bound=KindsToRead)


@dataclass(frozen=True)
class SourceDocument:
    """One loaded source: its values, where they stand, and for Markdown its body."""

    kind: str
    rel: str
    path: Path
    data: Any
    marks: SourceMap
    body: str = ""
    body_line: int = 1
    #: The declaration of its kind, which says how it is read and checked.
    declared: KindToRead | None = field(default=None, compare=False, repr=False)
    #: The digest of the text exactly as read and checked (generator/store.py's `digest`).
    text_digest: str = field(default="", compare=False, repr=False)

    @property
    def schema(self) -> Schema:
        """The schema of its kind, or {} for a kind that checks no fields."""
        return (self.declared.schema or {}) if self.declared else {}

    @property
    def stem(self) -> str:
        """The file name without its suffix, which is a chapter's id."""
        return self.path.stem


@dataclass
class Corpus(Generic[K]):
    """Everything read from a project, with the problems found while reading it."""

    root: Path
    #: The kinds it was read by, which the checks and the model loop over.
    kinds: K
    documents: list[SourceDocument] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    files: list[tuple[str, Path]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[SourceDocument]:
        """The documents of one kind, in path order."""
        return [doc for doc in self.documents if doc.kind == kind]


def classify(root: Path, path: Path, kinds: KindsToRead) -> str | None:
    """The kind of source a file is, `image`, or None when it has no place in the layout."""
    rel = path.relative_to(root)
    for kind in kinds:
        folder, pattern = kind.folder, kind.pattern
        try:
            inner = rel.relative_to(folder)
        except ValueError:
            continue
        depth = len(inner.parts) == len(pattern.split("/"))
        if inner.match(pattern) and (pattern.startswith("**") or depth):
            return kind.name
    if rel.parts[:2] == ("content", "images"):
        return "image"  # of any kind: the picture checks say which kinds are accepted
    return None


def discover(root: Path, kinds: KindsToRead) -> tuple[list[tuple[str, Path]], list[Diagnostic]]:
    """Every source file under the source folders, classified; unknown files are errors."""
    found: list[tuple[str, Path]] = []
    problems: list[Diagnostic] = []
    for top in SOURCE_ROOTS:
        for path in _walk(root / top):
            rel = path.relative_to(root).as_posix()
            if any(part.startswith(".") for part in path.relative_to(root).parts):
                continue
            if path.is_symlink():
                problems.append(_link(root, path, rel))
                continue
            kind = classify(root, path, kinds)
            if kind is None:
                problems.append(_unknown_file(rel, path))
            elif kind != "image" and (bad := unsafe_name(kinds.get(kind), path.relative_to(root))):
                # Pictures are named by the same rule; generator/check/pictures.py says so.
                problems.append(bad)
            else:
                found.append((kind, path))
    return found, problems


def _walk(folder: Path) -> list[Path]:
    """Every file and link under `folder`, in path order; links are listed, never followed,
    so a link to a folder above it (a loop) costs nothing."""
    found: list[Path] = []
    for current, folders, files in os.walk(folder, followlinks=False):
        here = Path(current)
        found += [here / name for name in files]
        found += [here / name for name in folders if (here / name).is_symlink()]
    return sorted(found)


def _link(root: Path, path: Path, rel: str) -> Diagnostic:
    """A symbolic link in a source folder: refused, whatever it points at."""
    hint = "copy the file into the repository instead of linking to it"
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        message = "link leads nowhere (it is broken, or goes round in a loop)"
        return Diagnostic(rel, 1, 1, message, hint=hint, code="file.symlink")
    if not target.is_relative_to(root.resolve()):
        message = "link points outside the repository"
        return Diagnostic(rel, 1, 1, message, hint=hint, code="file.outside-link")
    message = "symbolic links are not allowed in the source folders"
    hint = "move or copy the file here; a link reads differently on each machine and in git"
    return Diagnostic(rel, 1, 1, message, hint=hint, code="file.symlink")


#: A cerberus schema (of a file, its front matter or one field), declared here, below the
#: stages that use it: load reads field names from it, check validates by it, kinds declare it.
Schema = dict[str, Any]

#: An id: lower-case words joined by hyphens. Every source file and folder is named by one.
ID_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
_NAME = re.compile(ID_PATTERN)


def unsafe_name(declared: KindToRead | None, rel: Path) -> Diagnostic | None:
    """A folder or file name that is not an id: names become web addresses and edit links."""
    *folders, name = rel.parts
    stem = rel.stem
    allowed = re.compile(declared.file_names) if declared else _NAME
    for part in folders[1:]:
        if not _NAME.fullmatch(part):
            return _bad_name(rel, part, "folder")
    if not allowed.fullmatch(stem) or not name.endswith(rel.suffix.lower()):
        return _bad_name(rel, name, "file")
    return None


def _bad_name(rel: Path, name: str, what: str) -> Diagnostic:
    base, dot, suffix = name.rpartition(".") if what == "file" else (name, "", "")
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in base.lower()).split()
    better = "-".join(words) + dot + suffix.lower()
    message = f"{what} name '{name}' is not allowed"
    hint = (
        f"{what} names become web addresses: use lower-case words joined by hyphens, "
        f"such as '{better}'"
    )
    return Diagnostic(rel.as_posix(), 1, 1, message, hint=hint, code="file.name")


#: Why a resource must be Markdown, for the editor who drops a PDF or spreadsheet in.
RESOURCE_HINT = (
    "resources are written in Markdown, so they can be reviewed, checked and printed alike; "
    "write content/resources/{stem}.md (a table holds data or cards) and its PDF and Word "
    "copies are built for you"
)


def _unknown_file(rel: str, path: Path) -> Diagnostic:
    if rel.startswith("content/resources/") and path.suffix != ".yaml":
        stem = "-".join(re.findall(r"[a-z0-9]+", path.stem.lower())) or "resource"
        hint = RESOURCE_HINT.format(stem=stem)
        message = "only Markdown (.md) files can be resources"
        return Diagnostic(rel, 1, 1, message, hint=hint, code="file.unknown")
    if path.suffix == ".yaml":
        hint = f"rename it to {path.stem}.yml"
    else:
        hint = (
            "sources are .yml and .md files in the folders listed in docs/source-formats.md; "
            "move or delete it"
        )
    return Diagnostic(rel, 1, 1, "unknown file in a source folder", hint=hint, code="file.unknown")


def load_corpus(root: Path, kinds: K, parsed: ParseCache | None = None) -> Corpus[K]:
    """Read every source under `root` once, collecting all problems instead of stopping.

    Files `parsed` holds unchanged since they were read are not read again.
    """
    parsed = {} if parsed is None else parsed
    corpus = Corpus(root=root, kinds=kinds)
    if not (root / "content" / "programme.yml").is_file():
        hint = "run the command from the project folder, or create content/programme.yml"
        missing = Diagnostic(
            "content/programme.yml",
            1,
            1,
            "file is missing",
            hint=hint,
            code="file.missing-programme",
        )
        corpus.diagnostics.append(missing)
    files, problems = discover(root, kinds)
    corpus.files = files
    corpus.diagnostics.extend(problems)
    for kind, path in files:
        _load_one(corpus, kind, path, parsed)
    return corpus


@dataclass(frozen=True)
class Loaded:
    """What reading one file gave: its document (if it could be read) and its problems."""

    document: SourceDocument | None
    diagnostics: tuple[Diagnostic, ...]


#: Files already read, by path, with the size and time they had then. The caller owns it:
#: a live preview keeps one for its session, so unchanged files are not read again.
ParseCache = dict[Path, tuple[tuple[int, int], Loaded]]


def _load_one(corpus: Corpus, kind: str, path: Path, parsed: ParseCache) -> None:
    rel = path.relative_to(corpus.root).as_posix()
    if kind == "image":
        corpus.images.append(rel)
        return
    declared = corpus.kinds.get(kind)
    assert declared is not None  # discover() only finds files of the kinds it was given
    loaded = read_source(corpus.root, declared, path, parsed)
    corpus.diagnostics.extend(loaded.diagnostics)
    if loaded.document is not None:
        corpus.documents.append(loaded.document)


def read_source(
    root: Path, declared: KindToRead, path: Path, parsed: ParseCache | None = None
) -> Loaded:
    """One source file read and parsed, or the same result again if the file is unchanged."""
    parsed = {} if parsed is None else parsed
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    key = path.absolute()
    seen = parsed.get(key)
    if seen is not None and seen[0] == stamp:
        return seen[1]
    loaded = _parse(path.relative_to(root).as_posix(), declared, path)
    parsed[key] = (stamp, loaded)
    return loaded


def read_text_source(declared: KindToRead, rel: str, text: str) -> Loaded:
    """One source given as text, not read from a file (a file at a git revision), parsed as
    its kind reads it; `rel` is the name its problems give it."""
    return _parse_text(rel, declared, Path(rel), text)


def _parse(rel: str, declared: KindToRead, path: Path) -> Loaded:
    text, problems = read_text(path, rel)
    if text is None:
        return Loaded(None, tuple(problems))
    loaded = _parse_text(rel, declared, path, text)
    if loaded.document is None:
        return loaded
    # What the checks read is this text: their verdicts are remembered under its digest,
    # never under a second reading of the file, which an editor may have saved meanwhile.
    document = replace(loaded.document, text_digest=digest(declared.name, rel, text))
    return Loaded(document, loaded.diagnostics)


def _parse_text(rel: str, declared: KindToRead, path: Path, text: str) -> Loaded:
    kind = declared.name
    if declared.reader == "yaml":
        parsed = parse_yaml(text, rel, fields=schema_fields(declared.schema or {}))
        doc = SourceDocument(kind, rel, path, parsed.data, parsed.marks, declared=declared)
        return Loaded(doc if parsed.data is not None else None, tuple(parsed.diagnostics))
    if declared.reader == "front-matter":
        return _parse_front_matter(declared, rel, path, text)
    if declared.reader == "optional-front-matter" and split_front_matter(text) is not None:
        return _parse_front_matter(declared, rel, path, text)
    return Loaded(SourceDocument(kind, rel, path, {}, SourceMap(), text, 1, declared), ())


def read_text(path: Path, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """The UTF-8 text of a source, or the limits it goes over, checked before any parsing."""
    too_big = limits.file_size(path.stat().st_size)
    if too_big is not None:
        return None, [Diagnostic(rel, 1, 1, too_big.message, hint=too_big.hint, code=too_big.code)]
    text, problems = decode(path.read_bytes(), rel)
    if text is None:
        return None, problems
    long = [
        Diagnostic(rel, b.line + 1, b.column, b.message, hint=b.hint, code=b.code)
        for b in limits.long_lines(text)
    ]
    return (None, long) if long else (text, problems)


def _parse_front_matter(declared: KindToRead, rel: str, path: Path, text: str) -> Loaded:
    front = split_front_matter(text)
    kind = declared.name
    if front is None:
        hint = declared.front_matter_hint
        missing = Diagnostic(
            rel, 1, 1, f"{kind} has no front matter", hint=hint, code="file.no-front-matter"
        )
        return Loaded(None, (missing,))
    fields = schema_fields(declared.schema or {})
    parsed = parse_yaml(front.yaml_text, rel, line_offset=1, fields=fields)
    if parsed.data is None:
        return Loaded(None, tuple(parsed.diagnostics))
    doc = SourceDocument(
        kind, rel, path, parsed.data, parsed.marks, front.body, front.body_line, declared
    )
    return Loaded(doc, tuple(parsed.diagnostics))
