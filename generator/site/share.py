"""Identical files across the core's site and its editions' sites, stored once on disk.

`handbook build --all-editions` publishes many sites that hold many of the same files: the
theme's scripts and styles, the pictures, and every download an edition does not change (a
framework's documents, a module's guide). Once a site is built in its staging folder (after
its offline pack, before the gate reads it), each of its files whose bytes match a file
already built in the same run is replaced by a hard link to that file, so the bytes are on
disk once. A file's bytes never change: the link is made beside it and renamed over it.
Where a link cannot be made (another file system, a file system without links, too many
links to one file) the file stays a copy of its own.

The build never writes through an existing file of a published site (every writer puts a
new file in its place: generator/site/incremental.py, generator/site/offline.py), so a
linked file changes in one site only when that site is rebuilt, and then only by
replacement, leaving the other sites' links alone.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from generator.site import incremental
from generator.site.engines import CompiledTemplates
from generator.site.zipped import Deflated
from generator.store import Store

#: A file of a site: the site's number in the run, and the file's path inside it.
Place = tuple[int, str]


@dataclass
class Shared:
    """The files published so far in one run, by size and then by content."""

    #: Where each site of the run is now: its staging folder, then where it was published.
    sites: list[Path] = field(default_factory=list)
    #: Files by size: only a size seen twice is worth reading.
    sizes: dict[int, list[Place]] = field(default_factory=lambda: defaultdict(list))
    #: The first file with each content, by its size and SHA-256.
    first: dict[tuple[int, str], Place] = field(default_factory=dict)
    #: How many files were linked, and the bytes that no longer take room of their own.
    linked: int = 0
    saved: int = 0

    def add_site(
        self, site: Path, store: Store | None = None, leave_out: frozenset[str] = frozenset()
    ) -> None:
        """Link each file of `site` (staged, or published by an earlier run) to an identical
        one already in this run; the folders named in `leave_out` (editions inside the
        core's site, each a site of its own) are left alone.

        Linking gives a file the time of the one it links to; the engine's record of the
        site (generator/site/incremental.py) is brought up to date in `store`."""
        before = incremental.site_listing(site) if store is not None else ""
        number = len(self.sites)
        self.sites.append(site)
        for path in site_files(site, leave_out):
            self._add_file((number, path.relative_to(site).as_posix()), path.stat().st_size)
        if store is not None:
            incremental.relist(store, site, before)

    def published(self, site: Path, out: Path) -> None:
        """The staged `site` is now published at `out`: its files are found there."""
        if site in self.sites:
            self.sites[self.sites.index(site)] = out

    def _path(self, place: Place) -> Path:
        return self.sites[place[0]] / place[1]

    def _add_file(self, place: Place, size: int) -> None:
        earlier = self.sizes[size]
        earlier.append(place)
        if len(earlier) == 1:
            return  # the only file of its size so far: nothing to read it against yet
        if len(earlier) == 2:
            self.first.setdefault((size, _sha256(self._path(earlier[0]))), earlier[0])
        original = self.first.setdefault((size, _sha256(self._path(place))), place)
        if original != place and link_in_place(self._path(original), self._path(place)):
            self.linked += 1
            self.saved += size


def site_files(site: Path, leave_out: frozenset[str] = frozenset()) -> list[Path]:
    """Every file of a site in name order (not the symbolic links), less the folders at its
    top named in `leave_out`."""
    found: list[Path] = []
    for folder, names, files in os.walk(site):
        if Path(folder) == site:
            names[:] = [name for name in names if name not in leave_out]
        names.sort()
        found.extend(Path(folder) / name for name in sorted(files))
    return [path for path in found if not path.is_symlink()]


def link_in_place(original: Path, copy: Path) -> bool:
    """Put a hard link to `original` in the place of its identical `copy`; False (and the
    copy left as it is) where the file system will not link them."""
    if os.path.samefile(original, copy):
        return False
    temporary = copy.with_name(f".{copy.name}.link-{os.getpid()}")
    try:
        os.link(original, temporary)
    except OSError:
        return False
    try:
        os.replace(temporary, copy)
    except OSError:
        temporary.unlink(missing_ok=True)
        return False
    return True


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class Together:
    """What builds run one after another share (the core and its editions): one store, its
    pruning held to the end (`Store.holding_prunes`), the files built so far, the theme's
    templates as MkDocs compiled them, and the offline packs' members as compressed."""

    store: Store
    shared: Shared = field(default_factory=Shared)
    compiled: CompiledTemplates = field(default_factory=CompiledTemplates)
    deflated: Deflated = field(default_factory=Deflated)

    @classmethod
    def of_project(cls, root: Path) -> Together:
        """For building the project's core and editions in a row."""
        return cls(Store.of_project(root).holding_prunes())
