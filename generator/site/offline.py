"""The offline pack: the built site as one ZIP that works from disk, search included.

A reader unzips it and opens index.html; the browser then shows the pages from file://, where
it refuses what a server would allow: a folder address does not open its index.html, and a
page may neither fetch the search index nor start a web worker from a file. Both engines'
bundles already look, from file://, for the index as a script (`var __index = ...`, in
search/search_index.js for Material, search.js for Zensical) and leave instant navigation
off. This step, run on the staged site after the engine, copies it with:

- every link to a folder pointed at the folder's index.html (in pages and search results);
- the search index written again as that script;
- one script of ours before the bundle, which hands the engine's own search worker to the
  browser from a Blob (allowed from file://) when the bundle asks for it by its file name;
- without the site's files that no page can load from file:// (`unloaded`): source maps,
  search languages the index does not use, the index as JSON, the sitemap and the 404 page.

Nothing else changes, so what the gate read in the site holds in the copy. The ZIP is
deterministic (sorted names, the sources' date, fixed permissions); manifest.json lists it
with its size and digest, and the pages that link it show that size. The copy inside the ZIP
leaves out the pack itself, and its pages say so where the site links it.

Takes: the staged site and the docs tree it was built from (whose manifest.json plans the
pack). Gives: the pack under downloads/, the finished manifest.json, the pages' link text.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from generator.render.downloads import link_text
from generator.site.zipped import Deflated, write_zip
from generator.store import Store

#: Our script in the pack: the search worker, started from a Blob (see the module's doc).
WORKER_SCRIPT = "assets/javascripts/offline-search.js"
#: Each engine's search index, and the script its bundle loads instead from file://.
INDEX_SCRIPTS = {"search/search_index.json": "search/search_index.js", "search.json": "search.js"}
#: Where each engine keeps its search worker.
WORKERS = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
#: The bundle's script element, before which ours goes: its address up to the theme's folder.
BUNDLE = re.compile(rb'<script src="([^"]*)assets/javascripts/bundle\.[0-9a-f]+\.min\.js"')
#: Files that are compressed already: stored as they are, which costs no time.
STORED = frozenset({".pdf", ".docx", ".xlsx", ".pptx", ".zip", ".png", ".jpg", ".jpeg", ".gz"})
ZIP_EPOCH = 315532800  # 1980-01-01, the earliest date a ZIP entry can carry
KIND = "offline"
#: The downloads' list, which the pack holds without the pack itself.
MANIFEST = "downloads/manifest.json"


@dataclass(frozen=True)
class Pack:
    """One planned offline pack: its entry in manifest.json, listed under `planned` too."""

    entry: dict[str, object]

    @property
    def path(self) -> str:
        """Its path from the site root: downloads/offline/<name>.zip."""
        return str(self.entry["path"])


def pack_site(site: Path, config: Path, store: Store, deflated: Deflated | None = None) -> None:
    """Make the offline packs that the manifest of the docs tree beside `config` plans, in
    the staged `site` an engine built from it (with the members `deflated` already)."""
    planned_in = config.parent / "docs" / "downloads" / "manifest.json"
    if not planned_in.is_file():
        return
    # MkDocs' record of this build lists the site it made; list it again with the pack, or
    # the next build could not start from this site (generator/site/incremental.py).
    from generator.site import incremental

    engine_listing = incremental.site_listing(site)
    _pack(site, planned_in, deflated)
    incremental.relist(store, site, engine_listing)


def _pack(site: Path, planned_in: Path, deflated: Deflated | None = None) -> None:
    manifest = json.loads(planned_in.read_text(encoding="utf-8"))
    paths = manifest.pop("planned", [])
    packs = [Pack(entry) for entry in manifest["entries"] if entry["path"] in paths]
    if not packs:
        return
    inside = {**manifest, "entries": [e for e in manifest["entries"] if e["path"] not in paths]}
    files = site_files(site, set(paths))
    epoch = manifest["generated_from"]["source_date_epoch"]
    data = offline_zip(offline_members(files, packs, manifest_text(inside)), epoch, deflated)
    for pack in packs:
        _replace(site / pack.path, data)
        pack.entry.update(bytes=len(data), sha256=hashlib.sha256(data).hexdigest())
    _replace(site / "downloads" / "manifest.json", manifest_text(manifest))
    link_sizes(site, files, [pack.entry for pack in packs])


def manifest_text(manifest: Mapping[str, object]) -> bytes:
    """manifest.json's bytes, written as the export writes them."""
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


class SiteFiles(Mapping[str, bytes]):
    """Every file of the built site by its path, less the packs themselves, read from disk
    when asked for: the pack of a ten-times site never holds the whole site in memory."""

    def __init__(self, site: Path, leave_out: set[str]) -> None:
        self.site = site
        found = (path.relative_to(site).as_posix() for path in sorted(site.rglob("*")))
        self.names = [n for n in found if n not in leave_out and (site / n).is_file()]
        self.known = set(self.names)

    def __getitem__(self, name: str) -> bytes:
        if name not in self.known:
            raise KeyError(name)
        return (self.site / name).read_bytes()

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def site_files(site: Path, leave_out: set[str]) -> SiteFiles:
    """Every file of the built site by its path, less the packs themselves."""
    return SiteFiles(site, leave_out)


class OfflineMembers(Mapping[str, bytes]):
    """The pack's files: the site's, made to work from file://, each made when asked for."""

    def __init__(self, files: Mapping[str, bytes], packs: list[Pack], manifest: bytes) -> None:
        self.files, self.packs, self.manifest = files, packs, manifest
        folders = {posixpath.dirname(name) for name in files if name.endswith("/index.html")}
        self.folders = folders | ({""} if "index.html" in files else set())
        self.worker = next((name for name in sorted(files) if WORKERS.fullmatch(name)), None)
        self.scripts = {s: i for i, s in INDEX_SCRIPTS.items() if i in files}
        self.leave_out = unloaded(files)
        added = set(self.scripts) | ({WORKER_SCRIPT} if self.worker is not None else set())
        added |= {MANIFEST} if MANIFEST in files else set()
        self.names = sorted((set(files) - self.leave_out) | added)

    def __getitem__(self, name: str) -> bytes:
        if name == MANIFEST and name in self.files:
            return self.manifest  # without the pack it is not in
        if name == WORKER_SCRIPT and self.worker is not None:
            return worker_script(self.files[self.worker])
        if name in self.scripts:
            index = offline_index(self.files[self.scripts[name]])
            return b"var __index = " + index.rstrip(b"\n") + b";\n"
        if name in self.leave_out:
            raise KeyError(name)
        data = self.files[name]
        if name.endswith(".html"):
            return offline_page(data, name, self.folders, self.packs)
        return data

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def offline_members(
    files: Mapping[str, bytes], packs: list[Pack], manifest: bytes
) -> Mapping[str, bytes]:
    """The pack's files: the site's, made to work from file://."""
    return OfflineMembers(files, packs, manifest)


#: What only a web server shows or fetches: the sitemap (read by search engines, and fetched by
#: instant navigation, which both engines' bundles leave off on file://) and the page a server
#: answers a missing address with, which no page links.
SERVER_ONLY = frozenset({"sitemap.xml", "sitemap.xml.gz", "404.html"})
#: Material's search languages: scripts its search worker imports from beside itself.
LUNR = "assets/javascripts/lunr/"


def unloaded(files: Mapping[str, bytes]) -> set[str]:
    """The site's files that no page of the pack can load from file://, left out of the pack.

    Read from the built pages and the engines' scripts (Material 9.8.2, Zensical 0.0.73):

    - source maps (`*.map`): only a browser's developer tools ask for them, never a page;
    - each search index as JSON (`INDEX_SCRIPTS`): from file:// both bundles load the index
      as a script, which the pack holds instead, and file:// refuses the fetch of the JSON;
    - the files of `SERVER_ONLY`;
    - Material's search languages other than those the index names in `config.lang` (see
      `search_languages`): none at all for English, the shipped programme's language.

    The web site keeps all of them: only the pack's copy leaves them out.
    """
    found = {name for name in files if name.endswith(".map") or name in SERVER_ONLY}
    found |= {index for index in INDEX_SCRIPTS if index in files}
    material = files.get("search/search_index.json")
    languages = json.loads(material)["config"]["lang"] if material is not None else []
    needed = search_languages(languages)
    return found | {name for name in files if name.startswith(LUNR) and name not in needed}


def search_languages(languages: list[str]) -> set[str]:
    """The scripts Material's search worker imports for an index in `languages` (its
    `setupSearchLanguages`): a stemmer for each language but English, a segmenter for
    Japanese, Hindi and Thai, and the support scripts whenever any other is needed."""
    scripts = {f"min/lunr.{lang}.min.js" for lang in languages if lang != "en"}
    scripts |= {"tinyseg.js"} if "ja" in languages else set()
    scripts |= {"wordcut.js"} if {"hi", "th"} & set(languages) else set()
    scripts |= {"min/lunr.multi.min.js"} if len(languages) > 1 else set()
    scripts |= {"min/lunr.stemmer.support.min.js"} if scripts else set()
    return {LUNR + script for script in scripts}


def offline_page(data: bytes, page: str, folders: set[str], packs: list[Pack]) -> bytes:
    """A page whose folder links open index.html, with our script before the bundle."""
    text = file_links(data.decode("utf-8"), page, folders)
    for pack in packs:
        # The pack is not inside itself: its link becomes its title, the same in every build.
        title = f"<strong>{html.escape(str(pack.entry['title']), quote=False)}</strong>"
        text = pack_link(posixpath.basename(pack.path)).sub(title.replace("\\", "\\\\"), text)
    script = b'<script src="%s' + WORKER_SCRIPT.encode() + b'"></script>'
    return BUNDLE.sub(lambda m: script % m.group(1) + m.group(0), text.encode("utf-8"), count=1)


def pack_link(name: str) -> re.Pattern[str]:
    """A link to the pack named `name` in a page: the start tag, its text, the end tag."""
    return re.compile(
        rf'<a\b[^>]*\bhref="(?:[^"]*/)?offline/{re.escape(name)}"[^>]*>'
        r"(?P<text>(?:(?!</a>).)*)</a>",
        re.DOTALL,
    )


#: The start tags that may link a folder, and what to pass over whole: comments, scripts and
#: styles, where a "<a" is not a tag. Elsewhere a page's text escapes "<" (as "&lt;"), and its
#: attribute values escape ">", so a start tag ends at the first ">".
TAGS = re.compile(
    r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|<(?:a|link)\s[^>]*>", re.DOTALL | re.IGNORECASE
)


def file_links(text: str, page: str, folders: set[str]) -> str:
    """A page's text with each link to a folder of the site pointed at its index.html."""

    def tag(match: re.Match[str]) -> str:
        whole = match.group(0)
        return (
            whole
            if whole.startswith("<!--") or match.group(1)
            else _file_link(whole, page, folders)
        )

    return TAGS.sub(tag, text)


HREF = re.compile(r'(\bhref=")([^"&]*)(")')


def _file_link(tag: str, page: str, folders: set[str]) -> str:
    def address(match: re.Match[str]) -> str:
        href, quote = match.group(2), match.group(3)
        return match.group(1) + file_address(href, page, folders) + quote

    return HREF.sub(address, tag)


def file_address(href: str, page: str, folders: set[str]) -> str:
    """`href` as a file address: a link to a folder of the site opens its index.html."""
    path, mark, rest = _split(href)
    if not path or re.match(r"^[a-z][a-z0-9+.-]*:|^/", path, re.IGNORECASE):
        return href
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    target = "" if target == "." else target
    if target not in folders:
        return href
    folder = "" if path in (".", "./") else f"{path.rstrip('/')}/"
    return f"{folder}index.html{mark}{rest}"


def _split(href: str) -> tuple[str, str, str]:
    match = re.search(r"[?#]", href)
    if match is None:
        return href, "", ""
    return href[: match.start()], match.group(), href[match.end() :]


def offline_index(data: bytes) -> bytes:
    """The search index with every location a file: "handbook/" -> "handbook/index.html"."""
    index = json.loads(data)
    key = "docs" if "docs" in index else "items"
    for entry in index[key]:
        path, mark, rest = _split(entry["location"])
        if path == "" or path.endswith("/"):
            entry["location"] = f"{path}index.html{mark}{rest}"
    return json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def worker_script(worker: bytes) -> bytes:
    """Our script: when the bundle starts its search worker, start it from a Blob instead."""
    source = json.dumps(worker.decode("utf-8"))
    return WORKER_SHIM.replace("__SOURCE__", source).encode("utf-8")


#: A file:// page may not start a worker from a file, but may from a Blob it made itself.
WORKER_SHIM = """\
/* The offline pack's search: the engine's own worker, started from a Blob (file:// refuses
   a worker from a file). Written by generator/site/offline.py; not on the published site. */
(function () {
  "use strict";
  var Native = window.Worker;
  if (location.protocol !== "file:" || typeof Native !== "function") return;
  var source = __SOURCE__;
  var address = null;
  function Worker(url, options) {
    if (/\\/workers\\/search\\.[0-9a-f]+\\.min\\.js$/.test(String(url))) {
      address = address || URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
      url = address;
    }
    return new Native(url, options);
  }
  Worker.prototype = Native.prototype;
  window.Worker = Worker;
})();
"""


def offline_zip(
    members: Mapping[str, bytes], epoch: int, deflated: Deflated | None = None
) -> bytes:
    """A ZIP of `members` in name order, every entry dated `epoch`: the same bytes each time.

    `deflated` holds members compressed already (by the packs of other editions in a run)."""
    when = datetime.fromtimestamp(max(epoch, ZIP_EPOCH), tz=UTC).timetuple()[:6]
    entries = (
        (name, members[name], posixpath.splitext(name)[1].lower() in STORED)
        for name in sorted(members)
    )
    return write_zip(entries, when, 0o100644 << 16, deflated or Deflated(remember=False))


def link_sizes(
    site: Path, files: Mapping[str, bytes], entries: Iterable[dict[str, object]]
) -> None:
    """Give each page's link to a pack the pack's size, as every download link has."""
    links = []
    for entry in entries:
        name = posixpath.basename(str(entry["path"]))
        text = html.escape(link_text(_Entry(entry)), quote=False)
        links.append((f"offline/{name}".encode(), pack_link(name), text))
    # Each page is read once; where it links several packs, the last one's text is kept.
    for page in (name for name in files if name.endswith(".html")):
        data = files[page]
        for link, pattern, text in links:
            if link in data:
                new = pattern.sub(functools.partial(_with_text, text=text), data.decode("utf-8"))
                _replace(site / page, new.encode("utf-8"))


def _with_text(match: re.Match[str], *, text: str) -> str:
    start, end = match.span("text")
    whole = match.group(0)
    return whole[: start - match.start()] + text + whole[end - match.start() :]


class _Entry:
    """A manifest entry read from JSON, as link_text reads one."""

    def __init__(self, entry: Mapping[str, object]) -> None:
        self.title = str(entry["title"])
        self.format = str(entry["format"])
        self.bytes = int(str(entry["bytes"]))


def _replace(path: Path, data: bytes) -> None:
    """Write a new file in place of `path`: never through a hard link to the previous site."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    path.write_bytes(data)
