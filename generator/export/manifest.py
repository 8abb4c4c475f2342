"""manifest.json: every download with its kind, source, format, path, size and SHA-256.

The site's download links are made from this list, so it is written last, from the files
actually on disk, and sorted so two builds of the same sources give the same bytes.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from generator.export.outputs import OUTPUTS
from generator.export.registry import FORMATS, Outputs

#: Kinds in reading order: the order of the registry of outputs.
KINDS = OUTPUTS.kinds


@dataclass(frozen=True)
class ManifestEntry:
    """One downloadable file."""

    kind: str
    source: str
    format: str
    path: str
    bytes: int
    sha256: str
    #: What the file is and whose, without its format: "Facilitator guide: <module title>".
    title: str

    def sort_key(self, kinds: tuple[str, ...] = KINDS) -> tuple[int, str, int, str]:
        """Kinds in reading order, then source id, then format, then path."""
        return (kinds.index(self.kind), self.source, FORMATS.index(self.format), self.path)


@dataclass(frozen=True)
class GeneratedFrom:
    """Which edition of which programme, dated when, the downloads were made from."""

    programme: str
    edition: str
    source_date_epoch: int


@dataclass(frozen=True)
class Manifest:
    """Every download; `built` and `reused` count this run's cache misses and hits."""

    generated_from: GeneratedFrom
    entries: tuple[ManifestEntry, ...]
    #: Files a later stage makes, with no size or digest yet: the offline pack, zipped from
    #: the built site (generator/site/offline.py), which moves each into `entries`.
    planned: tuple[ManifestEntry, ...] = ()
    built: int = 0
    reused: int = 0
    #: The registry the downloads were made from: it orders the kinds; not written out.
    outputs: Outputs = field(default=OUTPUTS, compare=False, repr=False)

    @property
    def scopes(self) -> dict[str, str]:
        """Kind -> scope, so pages can list the downloads made from the whole programme."""
        return self.outputs.scopes

    def entry(self, kind: str, source: str, format: str) -> ManifestEntry:
        """The one entry of this kind, source and format."""
        return next(
            e for e in self.entries if (e.kind, e.source, e.format) == (kind, source, format)
        )

    def _sort_key(self, entry: ManifestEntry) -> tuple[int, str, int, str]:
        return entry.sort_key(self.outputs.kinds)

    def to_json(self) -> str:
        """The manifest.json text: stable order, no run statistics."""
        every = sorted((*self.entries, *self.planned), key=self._sort_key)
        data: dict[str, object] = {
            "generated_from": asdict(self.generated_from),
            "entries": [asdict(e) for e in every],
        }
        if self.planned:  # listed in their place, with no size yet; the site stage adds it
            data["planned"] = [e.path for e in sorted(self.planned, key=self._sort_key)]
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_manifest(manifest: Manifest, path: Path) -> None:
    """Write manifest.json."""
    path.write_text(manifest.to_json(), encoding="utf-8")


def read_manifest(path: Path, outputs: Outputs = OUTPUTS) -> Manifest:
    """A manifest.json read back, for the site's download links."""
    data = json.loads(path.read_text(encoding="utf-8"))
    every = tuple(ManifestEntry(**entry) for entry in data["entries"])
    paths = set(data.get("planned", ()))
    entries = tuple(e for e in every if e.path not in paths)
    planned = tuple(e for e in every if e.path in paths)
    return Manifest(
        GeneratedFrom(**data["generated_from"]), entries, planned=planned, outputs=outputs
    )


def without_planned(manifest: Manifest, folder: Path) -> Manifest:
    """`manifest` with no planned files, written back into the downloads `folder` and their
    empty placeholders removed: a build without downloads makes no offline pack."""
    if not manifest.planned:
        return manifest
    for entry in manifest.planned:
        (folder.parent / entry.path).unlink(missing_ok=True)
    kept = dataclasses.replace(manifest, planned=())
    write_manifest(kept, folder / "manifest.json")
    return kept
