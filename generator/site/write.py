"""Stage 6, site: write the docs tree and the MkDocs configuration the engine builds from.

The generated build/mkdocs.yml needs no hook or plugin of ours, so any engine that reads
mkdocs.yml can build the same docs tree; generator/site/engines.py runs the engines.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from generator.model.images import PUBLISHED, Picture
from generator.model.objects import Handbook
from generator.render.pages import site_nav
from generator.theme import current as current_theme

#: Folders of the docs tree the page writer leaves alone.
KEPT = ("downloads",)
INCLUDES = "abbreviations.md"


def write_docs_tree(pages: dict[str, str], docs: Path, includes: Path) -> int:
    """Write rendered pages and theme assets, touching only files whose text changed.

    Unchanged files keep their timestamps, so a live preview does not rebuild in a loop.
    Returns the number of files written.
    """
    pages = dict(pages)
    written = _write_if_changed(includes / INCLUDES, pages.pop(INCLUDES))
    for rel, text in pages.items():
        written += _write_if_changed(docs / rel, text)
    written += _copy_assets(current_theme().assets, docs / "assets")
    _remove_stale(docs, set(pages))
    return written


def _write_if_changed(path: Path, text: str) -> int:
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return 1


def _copy_assets(source: Path, target: Path) -> int:
    written = 0
    for path in sorted(source.rglob("*")):
        if path.is_file():
            written += _write_bytes_if_changed(target / path.relative_to(source), path.read_bytes())
    return written


def _write_bytes_if_changed(path: Path, data: bytes) -> int:
    if path.is_file() and path.read_bytes() == data:
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return 1


def _remove_stale(docs: Path, pages: set[str]) -> None:
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        if rel not in pages and rel.split("/")[0] not in (*KEPT, "assets"):
            path.unlink()


def write_pictures(handbook: Handbook, docs: Path) -> int:
    """Put every picture a chapter or handout shows into docs/images/, and nothing else.

    Returns the number of files written; pictures no page shows any more are removed.
    """
    folder = docs / PUBLISHED
    shown = {p.name: p for p in _pictures(handbook)}
    written = sum(_write_bytes_if_changed(folder / n, p.data) for n, p in shown.items())
    for path in sorted(folder.rglob("*"), reverse=True) if folder.is_dir() else []:
        if path.is_file() and path.relative_to(folder).as_posix() not in shown:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written


def _pictures(handbook: Handbook) -> Iterator[Picture]:
    for chapter in handbook.chapters:
        yield from chapter.images
    for module in handbook.modules:
        for handout in module.handouts:
            yield from handout.images


#: Project documents published in the site for editors: file in docs/ -> (page, title).
GUIDES = {
    "editors-guide.md": ("editors/index.md", "Editors' guide"),
    "source-formats.md": ("editors/source-formats.md", "Source formats"),
    "security.md": ("editors/security.md", "Security"),
}


def guide_pages(root: Path, edit_base: str, dates: dict[str, str]) -> dict[str, str]:
    """The editors' documents from docs/, as site pages with edit links."""
    pages = {}
    for name, (path, title) in GUIDES.items():
        source = root / "docs" / name
        if source.is_file():
            rel = f"docs/{name}"
            meta = {
                "title": title,
                "source": rel,
                "edit_url": f"{edit_base}/{rel}",
                "updated": dates.get(rel, ""),
            }
            front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
            pages[path] = f"---\n{front}---\n\n" + source.read_text(encoding="utf-8")
    return pages


def mkdocs_settings(
    handbook: Handbook, guides: list[str] | None = None, editing: bool = False
) -> dict[str, Any]:
    """The settings computed from the sources, merged over the root mkdocs.yml.

    `editing` shows each page's edit link and source path, which editors want in a preview
    and readers of the published site do not. `site_url` lets the engine give the 404 page
    (served at any missing address) links that work when the site lives under a path.
    """
    programme = handbook.programme
    navigation = site_nav(handbook)
    if guides:
        navigation.append({"For editors": guides})
    return {
        "site_name": programme.title,
        "site_description": programme.subtitle or programme.title,
        "site_author": programme.organisation,
        "copyright": " · ".join(
            (programme.organisation, f"{programme.edition} edition", programme.licence)
        ),
        "nav": navigation,
        "extra": {
            "edition": programme.edition,
            "repository": programme.repository,
            "language": programme.language,
            "editing": editing,
        },
        **({"site_url": f"{programme.site_url}/"} if programme.site_url else {}),
    }


def write_config(
    root: Path, handbook: Handbook, build: Path, guides: list[str], editing: bool = False
) -> Path:
    """Write build/mkdocs.yml: the root configuration plus computed settings, with no hook.

    It names no plugin either (MkDocs adds its search by default, Zensical has its own), and
    its site folder is build/site, since Zensical writes only beside its configuration.
    """
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("hooks", "watch", "plugins"):
        config.pop(key, None)
    config.update(mkdocs_settings(handbook, guides, editing))
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["theme"]["custom_dir"] = str((root / config["theme"]["custom_dir"]).resolve())
    for extension in config["markdown_extensions"]:
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            extension["pymdownx.snippets"]["base_path"] = [str((build / "includes").resolve())]
    path = build / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path
