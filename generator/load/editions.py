"""Stage 1, load: a partnership's edition laid over the core's loaded sources.

An edition is a folder, `editions/<id>/`, holding `edition.yml` and maybe a `content/` laid
out like the core's. `layer` gives the corpus the edition publishes: the core's documents
with the programme's settings overridden from edition.yml, and the edition's own sources
added, or put in place of the core's source with the same id. Every check then runs on the
edition as it is published.

Values that come from edition.yml keep their own positions, moved into a band of lines of
their own (`BAND`) in the programme's source map; `Layered.diagnostic` moves a diagnostic
reported there back to edition.yml, its line, column and field, so an editor is sent to the
file that holds the value.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.errors import Diagnostic
from generator.load.positions import FieldPath, Position, SourceMap, dotted
from generator.load.sources import (
    ID_PATTERN,
    Corpus,
    KindToRead,
    Loaded,
    ParseCache,
    SourceDocument,
    load_corpus,
    read_source,
)
from generator.store import digest

#: The folder that holds one folder per edition.
FOLDER = "editions"
#: The settings file of an edition.
SETTINGS = "edition.yml"
#: Lines of the programme's source map at or past this one come from edition.yml.
BAND = 1_000_000
#: The settings an edition overrides whole (a mapping is merged key by key).
MERGED = ("facts", "wording")
#: The lists an edition overrides item by item, matched on `id`, and the fields it may set.
BY_ID = {
    "training_days": ("date", "arrival", "start", "end", "length", "breaks", "venue", "link"),
    "windows": ("first_day", "last_day"),
}


@dataclass(frozen=True)
class EditionFolder:
    """One edition's folder: its id and where it is."""

    id: str
    folder: Path

    @property
    def rel(self) -> str:
        """Its folder below the project, as diagnostics name it."""
        return f"{FOLDER}/{self.id}"

    @property
    def settings(self) -> str:
        """Its edition.yml below the project."""
        return f"{self.rel}/{SETTINGS}"


def find_editions(root: Path) -> list[EditionFolder]:
    """Every folder under editions/ that holds an edition.yml, in id order."""
    top = root / FOLDER
    if not top.is_dir():
        return []
    return [
        EditionFolder(path.parent.name, path.parent)
        for path in sorted(top.glob(f"*/{SETTINGS}"))
        if not path.parent.name.startswith(".")
    ]


def edition_named(root: Path, edition_id: str) -> EditionFolder | None:
    """The edition with this id, or None when the project has none of that name."""
    if not re.fullmatch(ID_PATTERN, edition_id):
        return None
    folder = root / FOLDER / edition_id
    return EditionFolder(edition_id, folder) if (folder / SETTINGS).is_file() else None


def read_settings(
    root: Path, edition: EditionFolder, declared: KindToRead, parsed: ParseCache | None = None
) -> Loaded:
    """edition.yml read and parsed, with its positions (checked by its kind's schema)."""
    return read_source(root, declared, edition.folder / SETTINGS, parsed)


def read_content(
    root: Path, edition: EditionFolder, kinds: Any, parsed: ParseCache | None = None
) -> Corpus[Any]:
    """The edition's own sources (its content/ and frameworks/), named from the project."""
    found = load_corpus(edition.folder, kinds, parsed)
    prefix = edition.rel + "/"
    found.diagnostics = [
        replace(d, path=prefix + d.path)
        for d in found.diagnostics
        if d.code != "file.missing-programme"
    ]
    found.documents = [replace(doc, rel=prefix + doc.rel) for doc in found.documents]
    found.images = [prefix + rel for rel in found.images]
    found.root = root
    return found


@dataclass
class Layered:
    """What laying an edition over the core did: where each overriding value came from."""

    edition: EditionFolder
    #: (the programme's field path, the edition.yml field path) of each value it set.
    grafts: list[tuple[FieldPath, FieldPath]] = field(default_factory=list)
    #: Sources of the core the edition put its own in place of, by path.
    replaced: dict[str, str] = field(default_factory=dict)

    def diagnostic(self, found: Diagnostic) -> Diagnostic:
        """A diagnostic about a value edition.yml set, moved to edition.yml; others as given."""
        if found.path != PROGRAMME or found.line < BAND:
            return found
        name = found.field
        for target, source in sorted(self.grafts, key=lambda g: -len(g[0])):
            shown = dotted(target)
            if name == shown or name.startswith((shown + ".", shown + "[")):
                name = dotted(source) + name[len(shown) :]
                break
        line = found.line - BAND
        return replace(found, path=self.edition.settings, line=line, field=name)


#: The core's settings file, which an edition's settings are laid over.
PROGRAMME = "content/programme.yml"


def layer(core: Corpus[Any], settings: SourceDocument, own: Corpus[Any]) -> tuple[Corpus, Layered]:
    """The corpus an edition publishes: the core's, its settings and its own sources laid over.

    The core corpus is not changed; replaced sources are matched by kind and file name.
    """
    edition = EditionFolder(settings.path.parent.name, settings.path.parent)
    done = Layered(edition)
    documents = [
        _programme(doc, settings, done) if doc.kind == "programme" else doc
        for doc in core.documents
    ]
    documents = _overlay(documents, own.documents, done)
    kept_files = [
        (kind, path) for kind, path in core.files if _rel(core, path) not in done.replaced
    ]
    layered = Corpus(
        root=core.root,
        kinds=core.kinds,
        documents=documents,
        images=[*core.images, *own.images],
        files=[*kept_files, *own.files],
        diagnostics=[*core.diagnostics, *own.diagnostics],
    )
    return layered, done


def _rel(corpus: Corpus[Any], path: Path) -> str:
    return path.relative_to(corpus.root).as_posix() if path.is_relative_to(corpus.root) else ""


def _overlay(
    documents: list[SourceDocument], own: Iterable[SourceDocument], done: Layered
) -> list[SourceDocument]:
    """The core's documents with the edition's in place of those of the same kind and name."""
    result = list(documents)
    for doc in own:
        same = next(
            (i for i, d in enumerate(result) if (d.kind, d.stem) == (doc.kind, doc.stem)), None
        )
        if same is not None:
            done.replaced[result[same].rel] = doc.rel
            result[same] = doc
        else:
            result.append(doc)
    return result


def _programme(core: SourceDocument, settings: SourceDocument, done: Layered) -> SourceDocument:
    """The programme's settings with edition.yml's laid over them, and their positions."""
    data, ours = copy.deepcopy(core.data), settings.data
    marks = SourceMap(dict(core.marks.keys), dict(core.marks.values))
    if not isinstance(data, dict) or not isinstance(ours, dict):
        return core

    def graft(target: FieldPath, source: FieldPath) -> None:
        _graft(marks, settings.marks, target, source)
        done.grafts.append((target, source))

    _partnership(data, ours, settings, graft)  # first: it names the core's own title
    _settings(data, ours, graft)
    _by_id(data, ours, graft)
    text = digest(core.text_digest, settings.text_digest)
    return replace(core, data=data, marks=marks, text_digest=text)


def _settings(data: dict[str, Any], ours: dict[str, Any], graft: Any) -> None:
    """The title, the school year, and each fact and wording edition.yml gives."""
    for name in ("title", "school_year"):
        if name in ours:
            data[name] = ours[name]
            graft((name,), (name,))
    for name in MERGED:
        given = ours.get(name)
        if isinstance(given, dict):
            data[name] = {**(data.get(name) or {}), **given}
            for key in given:
                graft((name, key), (name, key))


def _by_id(data: dict[str, Any], ours: dict[str, Any], graft: Any) -> None:
    """Each training day and window edition.yml names by id, with the fields it sets."""
    for name, fields in BY_ID.items():
        core = data.get(name)
        given = ours.get(name)
        if not isinstance(core, list) or not isinstance(given, list):
            continue
        where = {item.get("id"): i for i, item in enumerate(core) if isinstance(item, dict)}
        for n, item in enumerate(given):
            if not isinstance(item, dict) or item.get("id") not in where:
                continue  # an unknown id is reported by the edition's own checks
            index = where[item["id"]]
            for key in fields:
                if key in item:
                    core[index][key] = item[key]
                    graft((name, index, key), (name, n, key))
            _times(core[index], item)


def _times(day: dict[str, Any], given: dict[str, Any]) -> None:
    """A day given `end` loses the core's `length`, and the other way round: one of the two."""
    for chosen, other in (("end", "length"), ("length", "end")):
        if chosen in given and other not in given:
            day.pop(other, None)


def _partnership(
    data: dict[str, Any], ours: dict[str, Any], settings: SourceDocument, graft: Any
) -> None:
    """Who the partnership is: its name, schools and contacts, for its own page."""
    edition = settings.path.parent.name
    partnership: dict[str, Any] = {"id": edition, "programme": data.get("title", "")}
    partnership["title"] = ours.get("title", edition)
    for name in ("schools", "contacts"):
        if name in ours:
            partnership[name] = ours[name]
            graft(("partnership", name), (name,))
    data["partnership"] = partnership
    graft(("partnership", "title"), ("title",))


def _graft(marks: SourceMap, theirs: SourceMap, target: FieldPath, source: FieldPath) -> None:
    """Point the positions at `target` and below to edition.yml's at `source`, in the band."""
    for table, given in ((marks.keys, theirs.keys), (marks.values, theirs.values)):
        for path in [p for p in table if p[: len(target)] == target]:
            del table[path]
        for path, at in given.items():
            if path[: len(source)] == source:
                table[(*target, *path[len(source) :])] = Position(at.line + BAND, at.column)
