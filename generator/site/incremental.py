"""Incremental MkDocs builds: when only page bodies changed, rebuild those pages and search.

A full build records, beside build/mkdocs.yml, what every page looked like to MkDocs: a digest
of its Markdown, its title, front matter, anchors and search entries, plus a key for
everything that shapes all pages at once (the configuration with its navigation, the theme,
the included abbreviations, the set of files, the tool versions) and a listing of the site it
made. The next build may start from that site only when the key and the listing both match;
it then renders the changed pages alone, the search index from recorded and new entries, and
the 404 page and sitemap, which carry the build date. A changed title or front matter, a new or
removed file, or anything else unexpected means a full build. Files are hard-linked from the
previous site and never written through: each output is replaced by a new file, so the
previous site stays whole if this build fails.

The record is a JSON entry in the build's store (generator/store.py), under a key that holds
the code's fingerprint; a record that does not verify or parse means a full build. Front
matter that JSON would not give back unchanged (a date, say) is not recorded at all.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands.build import (
    _build_page,
    _build_theme_template,
    _populate_page,
    build,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from generator.site.split import pages_split
from generator.store import Store, digest, files_digest

#: Front matter that shows on its own page only; any other change reaches the navigation.
PAGE_ONLY_META = ("updated",)
RECORDER = "handbook-recorder"


@dataclass
class PageRecord:
    """What one page looked like to MkDocs in the recorded build."""

    digest: str
    title: str | None
    meta: dict[str, Any]
    anchors: set[str]
    entries: list[dict[str, Any]]


@dataclass
class State:
    """The recorded build: its structure key, site listing, pages and static files."""

    structure: str
    listing: str = ""
    pages: dict[str, PageRecord] = field(default_factory=dict)
    static: dict[str, tuple[int, int]] = field(default_factory=dict)


class Recorder(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Notes each page's title, front matter, anchors and search entries as MkDocs builds."""

    def __init__(self, search: Any) -> None:
        self.search = search
        self.pages: dict[str, PageRecord] = {}
        self.taken = 0
        #: The files MkDocs builds, as it found them (listing the theme's is not cheap).
        self.files: Files | None = None

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        self.files = files
        return env

    def on_page_context(self, context: Any, *, page: Page, config: Any, nav: Any) -> Any:
        entries = self.search.search_index.entries
        taken, self.taken = self.taken, len(entries)
        self.pages[page.file.src_uri] = PageRecord(
            digest=_digest(page.file),
            title=page.title,
            meta=dict(page.meta),
            anchors=set(page.present_anchor_ids or ()),
            entries=list(entries[taken:]),
        )
        return context


def build_everything(config: MkDocsConfig, store: Store) -> None:
    """A full MkDocs build that records what the next build needs to rebuild less."""
    _forget(store)
    search = config.plugins.get("material/search")
    recorder = Recorder(search) if search is not None else None
    if recorder is not None:
        config.plugins[RECORDER] = recorder
    with pages_split(config, recorder):
        build(config)
    if recorder is None:
        return
    files = recorder.files if recorder.files is not None else _files(config)
    state = State(structure=structure_key(config, files))
    state.pages = recorder.pages
    state.static = _static_signature(files)
    state.listing = site_listing(Path(config.site_dir))
    _save(store, state)


def build_changed_pages(
    config: MkDocsConfig, previous: Path, store: Store, linked: bool = False
) -> bool:
    """Build from `previous`, redoing only changed pages; False when a full build is needed.

    `linked`: the site folder already holds hard links to `previous`'s files (`LinkedAhead`)."""
    state = store.load(_key(store), _decode)
    search = config.plugins.get("material/search")
    if state is None or search is None or not previous.is_dir():
        return False
    config = config.plugins.on_config(config)
    files = _files(config)
    if structure_key(config, files) != state.structure or state.listing != site_listing(previous):
        return False
    nav = get_navigation(files, config)
    pages = _pages(files, config)
    if [page.file.src_uri for page in pages] != list(state.pages):
        return False
    changed = [
        page for page in pages if _digest(page.file) != state.pages[page.file.src_uri].digest
    ]
    if len(changed) * 2 > len(pages):
        return False
    _restore(pages, state)
    for page in changed:
        _populate_page(page, config, files)
        if not _same_outline(page, state.pages[page.file.src_uri]):
            return False
    site = Path(config.site_dir)
    if not linked:
        _link_tree(previous, site)
    _rebuild(config, files, nav, changed, state, search)
    state.listing = site_listing(site)
    _save(store, state)
    return True


def _rebuild(
    config: MkDocsConfig,
    files: Files,
    nav: Navigation,
    changed: list[Page],
    state: State,
    search: Any,
) -> None:
    """Write the changed pages, static files, 404 page, sitemap and search index."""
    env = config.theme.get_env()
    env = config.plugins.on_env(env, config=config, files=files)
    doc_files = files.documentation_pages()
    for page in changed:
        before = len(search.search_index.entries)
        _replaceable(page.file.abs_dest_path)
        _build_page(page, config, doc_files, nav, env)
        record = state.pages[page.file.src_uri]
        record.digest = _digest(page.file)
        record.meta = dict(page.meta)
        record.anchors = set(page.present_anchor_ids or ())
        record.entries = list(search.search_index.entries[before:])
    for page in changed:
        page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
    _copy_changed_static(files, state)
    for name in config.theme.static_templates:
        site = Path(config.site_dir)
        _replaceable(str(site / name))
        _replaceable(str(site / f"{name}.gz"))
        _build_theme_template(name, env, files, config, nav)
    search.search_index.entries = [e for r in state.pages.values() for e in r.entries]
    _replaceable(str(Path(config.site_dir) / "search" / "search_index.json"))
    search.on_post_build(config=config)


def _pages(files: Files, config: MkDocsConfig) -> list[Page]:
    """Every page MkDocs builds, in its order; pages outside the navigation get one too."""
    for file in files.documentation_pages():
        if file.page is None:
            Page(None, file, config)
    return [file.page for file in files.documentation_pages() if file.page is not None]


def _restore(pages: list[Page], state: State) -> None:
    """Give unchanged pages the title, front matter and anchors the recorded build saw."""
    for page in pages:
        record = state.pages[page.file.src_uri]
        page.meta = dict(record.meta)
        page.title = record.title  # MkDocs lets a title be set for good (`weak_property`)
        page.present_anchor_ids = set(record.anchors)


def _same_outline(page: Page, record: PageRecord) -> bool:
    """True when a re-rendered page shows the rest of the site what it showed before."""

    def shared(meta: MutableMapping[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in meta.items() if k not in PAGE_ONLY_META}

    return page.title == record.title and shared(page.meta) == shared(record.meta)


def _copy_changed_static(files: Files, state: State) -> None:
    """Copy the static files (downloads, images) whose size or time changed since recorded."""
    now = _static_signature(files)
    for file in _static_files(files):
        if state.static.get(file.src_uri) != now[file.src_uri]:
            _replaceable(file.abs_dest_path)
            Path(file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file.abs_src_path, file.abs_dest_path)  # type: ignore[arg-type]
    state.static = now


def _files(config: MkDocsConfig) -> Files:
    """The files MkDocs would build, from the docs tree and the theme, as `build` finds them."""
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    return files


def structure_key(config: MkDocsConfig, files: Files) -> str:
    """A hash of everything that shapes every page: the generated configuration with its
    navigation, the theme, the includes and the set of files (the tools' versions are in
    the store's fingerprint, part of the record's key)."""
    folders = [Path(d) for d in config.theme.dirs if "site-packages" not in Path(d).parts]
    snippets = config.mdx_configs.get("pymdownx.snippets", {}).get("base_path", [])
    listing = [f"{f.src_uri}\0{f.dest_uri}\0{f.is_documentation_page()}" for f in files]
    return digest(
        Path(config.config_file_path).read_bytes(),
        *(files_digest(folder) for folder in [*folders, *(Path(p) for p in snippets)]),
        *listing,
    )


def site_listing(site: Path) -> str:
    """A hash of every file's path, size and modification time: which site this is."""
    return digest(
        *(
            f"{path.relative_to(site)}\0{stat.st_size}\0{stat.st_mtime_ns}"
            for path in sorted(site.rglob("*"))
            if path.is_file() and (stat := path.stat())
        )
    )


def relist(store: Store, site: Path, engine_listing: str) -> None:
    """Record `site` as published after the steps that add to the engine's output (the
    offline pack), so the next build may still start from it; only when the record is of
    this very build, whose site listed as `engine_listing` when MkDocs finished."""
    state = store.load(_key(store), _decode)
    if state is not None and state.listing == engine_listing:
        state.listing = site_listing(site)
        _save(store, state)


def _static_signature(files: Files) -> dict[str, tuple[int, int]]:
    signature = {}
    for file in _static_files(files):
        stat = os.stat(file.abs_src_path)  # type: ignore[arg-type]
        signature[file.src_uri] = (stat.st_size, stat.st_mtime_ns)
    return signature


def _static_files(files: Files) -> list[File]:
    return [file for file in files if not file.is_documentation_page()]


def _digest(file: File) -> str:
    return digest(Path(file.abs_src_path).read_bytes())  # type: ignore[arg-type]


def _link_tree(source: Path, target: Path) -> None:
    """Fill `target` with hard links to `source`'s files (copies where links are refused)."""
    for folder, _, names in os.walk(source):
        into = target / Path(folder).relative_to(source)
        into.mkdir(parents=True, exist_ok=True)
        for name in names:
            try:
                os.link(Path(folder) / name, into / name)
            except OSError:
                shutil.copy2(Path(folder) / name, into / name)


class LinkedAhead:
    """A new staging folder beside the published site, filled with hard links to its files
    while a live preview's rebuild runs its first phases, so that linking (a folder per page,
    a link per file: a fifth of a save at scale 10) is done by the time the site phase needs
    it. The published site does not change until the rebuild publishes, so the links are
    what `_link_tree` would make then. GNU `cp -al` makes them in a process of its own, on
    another core and without this process's lock on Python; where it fails (or elsewhere
    than Linux) the site phase links as before."""

    def __init__(self, published: Path) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=f".{published.name}-", dir=published.parent))
        command = ["cp", "-al", "--", f"{published}/.", str(self.folder)]
        quiet = subprocess.DEVNULL
        self.process = subprocess.Popen(command, stdout=quiet, stderr=quiet)

    @classmethod
    def of(cls, published: Path) -> LinkedAhead | None:
        """Start linking `published`, if there is one to link and a `cp` that can."""
        if not published.is_dir() or not sys.platform.startswith("linux"):
            return None
        try:
            return cls(published)
        except OSError:  # no cp to run
            return None

    def ready(self) -> Path | None:
        """The linked folder once `cp` is done, or None (and no folder) if it failed."""
        if self.process.wait() != 0:
            self.discard()
            return None
        return self.folder

    def discard(self) -> None:
        """Remove the folder (a rebuild that fails or needs no site)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def _replaceable(path: str) -> None:
    """Unlink a linked output before it is rewritten, so the previous site keeps its copy."""
    Path(path).unlink(missing_ok=True)


def _key(store: Store) -> str:
    return store.key("incremental-mkdocs")


def _forget(store: Store) -> None:
    store.save(_key(store), None)


def _save(store: Store, state: State) -> None:
    """Record `state`, unless a page's front matter would not come back from JSON the same."""
    pages = [  # a list: the pages' order is MkDocs' and must come back as it was
        {
            "uri": uri,
            "digest": r.digest,
            "title": r.title,
            "meta": r.meta,
            "anchors": sorted(r.anchors, key=str),
            "entries": r.entries,
        }
        for uri, r in state.pages.items()
    ]
    static = {uri: list(sig) for uri, sig in state.static.items()}
    value: dict[str, object] = {"structure": state.structure, "listing": state.listing}
    value.update(pages=pages, static=static)
    if store.memory is None:  # kept in memory, the store checks it when it writes it
        try:
            if json.loads(json.dumps(value)) != value:
                return _forget(store)
        except (TypeError, ValueError):
            return _forget(store)
    store.save(_key(store), value)


def _decode(value: Any) -> State:
    pages = {
        str(page["uri"]): PageRecord(
            digest=str(page["digest"]),
            title=page["title"],
            meta=dict(page["meta"]),
            anchors=set(page["anchors"]),
            entries=list(page["entries"]),
        )
        for page in value["pages"]
    }
    static = {uri: (int(size), int(time)) for uri, (size, time) in value["static"].items()}
    return State(str(value["structure"]), str(value["listing"]), pages, static)
