"""The gate for the offline pack: the site inside the ZIP is read as the site itself is.

Its pages, SVG images, search index and downloads are checked like the site's. It holds two
files the site does not, each checked for exactly what generator/site/offline.py writes: the
search index as a script (`var __index = ` and an index in JSON, read as the site's index is;
the pack leaves the JSON file out), and our one script, which starts the pack's own search
worker from a Blob. That script is declared here, in code, not in the theme's
known-markup.yml: the generator writes it, whatever the theme.
"""

from __future__ import annotations

import dataclasses
import io
import posixpath
import zipfile
from collections.abc import Callable, Iterator, Mapping

from generator.gate import office
from generator.gate.pages import (
    SCRIPT_SUFFIXES,
    THEME_SCRIPTS,
    KnownMarkup,
    check_page,
    check_search_index,
    check_svg,
)
from generator.site.offline import INDEX_SCRIPTS, WORKER_SCRIPT, WORKERS, worker_script

#: Where the offline packs are published: the registry's path of kind "offline".
PACKS = "downloads/offline/"
#: Reads one file's bytes at a place: findings, remembered by the caller where it can.
Reader = Callable[[str, bytes, Callable[[bytes], list[str]]], list[str]]


def is_offline_pack(rel: str) -> bool:
    """Whether a built file is an offline pack."""
    return rel.startswith(PACKS) and rel.endswith(".zip")


def check_offline_pack(
    data: bytes, known: KnownMarkup, read: Reader, download: Callable[[str, bytes], list[str]]
) -> list[str]:
    """Findings in each file of an offline pack, each with its name in the pack."""
    known = dataclasses.replace(known, scripts=known.scripts | {WORKER_SCRIPT})
    findings = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = PackMembers(archive)
            for name in members:
                if not office.plain_member_name(name):
                    findings.append(f"{name}: a file name that unpacks outside the pack's folder")
                found = _member(name, members[name], members, known, read, download)
                findings.extend(f"{name}: {message}" for message in found)
    except zipfile.BadZipFile:
        return ["not a zip archive"]
    return findings


class PackMembers(Mapping[str, bytes]):
    """The files of a pack by name, each unpacked when asked for: a ten-times site unpacked
    whole held some 300 MB."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        parts = archive.infolist()[: office.MAX_PARTS]
        self.infos = {info.filename: info for info in parts if not info.is_dir()}

    def __getitem__(self, name: str) -> bytes:
        return self.archive.read(self.infos[name])

    def __iter__(self) -> Iterator[str]:
        return iter(self.infos)

    def __len__(self) -> int:
        return len(self.infos)


def _member(
    name: str,
    data: bytes,
    members: Mapping[str, bytes],
    known: KnownMarkup,
    read: Reader,
    download: Callable[[str, bytes], list[str]],
) -> list[str]:
    """Findings in one file of the pack, by its kind, as the gate reads the site's."""
    suffix = posixpath.splitext(name)[1].lower()
    if suffix in (".html", ".htm"):
        return read(name, data, lambda page: check_page(page, name, known))
    if suffix == ".svg":
        return read(name, data, check_svg)
    if name in INDEX_SCRIPTS:
        return _index(name, data, known, read)
    if name in INDEX_SCRIPTS.values():
        return _index_script(name, data, known, read)
    if name == WORKER_SCRIPT:
        return list(_written_by_us(name, data, members))
    if suffix in SCRIPT_SUFFIXES and not name.startswith(THEME_SCRIPTS):
        return ["a script file outside the theme's own scripts"]
    if name.startswith("downloads/") and suffix not in (".json", ".html"):
        return download(name, data)
    return []


def _index(name: str, data: bytes, known: KnownMarkup, read: Reader) -> list[str]:
    """Material's index is read as the site's is; Zensical's has the same entries as items."""
    if name == "search.json":
        data = data.replace(b'"items":', b'"docs":', 1)
    return read(name, data, lambda index: check_search_index(index, known))


def _index_script(name: str, data: bytes, known: KnownMarkup, read: Reader) -> list[str]:
    """The index as the step writes it, `var __index = ` and the JSON: nothing else may run."""
    index = next(i for i, script in INDEX_SCRIPTS.items() if script == name)
    prefix, end = b"var __index = ", b";\n"
    if not (data.startswith(prefix) and data.endswith(end)):
        return [f"not the search index {index} as a script"]
    return _index(index, data[len(prefix) : -len(end)], known, read)


def _written_by_us(name: str, data: bytes, members: Mapping[str, bytes]) -> Iterator[str]:
    """Our script must be exactly what the offline step writes from the pack's own worker."""
    workers = [members[m] for m in sorted(members) if WORKERS.fullmatch(m)]
    if not workers or data != worker_script(workers[0]):
        yield "not the search worker script the offline pack is built with"
