"""manifest.json: every download with its kind, source, format, path, size and SHA-256.

The site's download links are made from this list, so it is written last, from the files
actually on disk, and sorted so two builds of the same sources give the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

KINDS = (
    "handbook",
    "chapter",
    "framework",
    "self-review",
    "peer-review-record",
    "improvement-plan",
    "facilitator-guide",
    "handouts",
    "resource",
    "slides",
    "training-day-pack",
    "running-order",
    "calendar",
)
FORMATS = ("pdf", "docx", "xlsx", "pptx", "zip", "ics")


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

    @property
    def sort_key(self) -> tuple[int, str, int, str]:
        """Kinds in reading order, then source id, then format, then path."""
        return (KINDS.index(self.kind), self.source, FORMATS.index(self.format), self.path)


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
    built: int = 0
    reused: int = 0

    def entry(self, kind: str, source: str, format: str) -> ManifestEntry:
        """The one entry of this kind, source and format."""
        return next(
            e for e in self.entries if (e.kind, e.source, e.format) == (kind, source, format)
        )

    def to_json(self) -> str:
        """The manifest.json text: stable order, no run statistics."""
        data = {
            "generated_from": asdict(self.generated_from),
            "entries": [asdict(e) for e in sorted(self.entries, key=lambda e: e.sort_key)],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_manifest(manifest: Manifest, path: Path) -> None:
    """Write manifest.json."""
    path.write_text(manifest.to_json(), encoding="utf-8")


def read_manifest(path: Path) -> Manifest:
    """A manifest.json read back, for the site's download links."""
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = tuple(ManifestEntry(**entry) for entry in data["entries"])
    return Manifest(GeneratedFrom(**data["generated_from"]), entries)
