"""Which source file a built file came from, so a finding names the file to fix."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml


@dataclass(frozen=True)
class SourceMap:
    """Built page -> source file (from the docs tree's front matter); download -> source."""

    pages: dict[str, str] = field(default_factory=dict)
    downloads: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, site: Path, docs: Path | None) -> SourceMap:
        """The map for a site built from `docs`; empty where either is missing."""
        pages = _page_sources(docs) if docs and docs.is_dir() else {}
        by_stem = {PurePosixPath(source).stem: source for source in pages.values()}
        return cls(pages, _download_sources(site / "downloads" / "manifest.json", by_stem))

    def source_of(self, built: str) -> str:
        """The source of a built file, or "" when it cannot be traced."""
        return self.pages.get(built) or self.downloads.get(built, "")


def _page_sources(docs: Path) -> dict[str, str]:
    """Built page (use_directory_urls) -> the `source` its docs-tree page names."""
    sources = {}
    for page in docs.rglob("*.md"):
        source = _front_matter_source(page)
        if source:
            sources[_built_page(page.relative_to(docs).as_posix())] = source
    return sources


def _built_page(doc: str) -> str:
    """Where MkDocs writes a docs-tree page with directory URLs: a/b.md -> a/b/index.html."""
    stem = doc.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"


def _front_matter_source(page: Path) -> str:
    text = page.read_text(encoding="utf-8", errors="replace")
    if not text.startswith("---\n"):
        return ""
    end = text.find("\n---", 4)
    try:
        meta = yaml.safe_load(text[4:end]) if end > 0 else None
    except yaml.YAMLError:
        return ""
    source = meta.get("source") if isinstance(meta, dict) else None
    return source if isinstance(source, str) else ""


def _download_sources(manifest: Path, by_stem: dict[str, str]) -> dict[str, str]:
    """Download path -> its source file when a page's source is named after the same id,
    otherwise the manifest's own words (kind and source id)."""
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8"))["entries"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {
        str(entry["path"]): by_stem.get(entry["source"], f"{entry['kind']} '{entry['source']}'")
        for entry in entries
        if isinstance(entry, dict) and {"path", "source", "kind"} <= entry.keys()
    }
