"""The gate on the output: the last check before a built site is published.

It reads what was built, not what was written: every page and SVG with an HTML5 parser,
the search index, and every download (Word, PowerPoint, Excel, PDF, and the same inside
.zip packs). Anything that could run code in a reader's browser or in the programs school
staff open (a script or event handler the theme did not put there, a `javascript:` link,
a Word field or formula the exporters never write, a PDF action) stops the build before
the new site is swapped in. It does not trust the input checks: it is the check that still
holds when a new trick gets past them. What the theme itself emits is listed in
theme/known-markup.yml.

Takes: the staged site folder, pages and downloads as built.
Gives: nothing when all is well; otherwise a BuildError naming each file and what it holds,
and the site is not published.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.errors import BuildError
from generator.gate import office
from generator.gate.memo import GateMemo
from generator.gate.offline import check_offline_pack, is_offline_pack
from generator.gate.pages import (
    SCRIPT_SUFFIXES,
    THEME_SCRIPTS,
    KnownMarkup,
    check_fragment,
    check_page,
    check_search_index,
    check_svg,
)
from generator.gate.sources import SourceMap
from generator.store import FileDigests, Store

SEARCH_INDEX = "search/search_index.json"
Checker = Callable[[bytes], list[str]]
DOWNLOADS: dict[str, Checker] = {
    ".docx": office.check_docx,
    ".pptx": office.check_pptx,
    ".xlsx": office.check_xlsx,
    ".pdf": lambda data: _check_pdf(data),
    ".ics": lambda data: _check_ics(data),
}


def _check_pdf(data: bytes) -> list[str]:
    """The PDF reader (pypdf) is loaded only for a site with PDFs: a site-only build has none."""
    from generator.gate.pdf import check_pdf

    return check_pdf(data)


def _check_ics(data: bytes) -> list[str]:
    """The calendar reader is loaded only for a site with a calendar download."""
    from generator.gate.calendar import check_ics

    return check_ics(data)


#: The suffixes of pages, read with an HTML5 parser.
PAGES = (".html", ".htm")
#: What may sit in downloads/ besides: packs, the manifest, the downloads page.
OTHER_DOWNLOADS = (".zip", ".json", ".html")
#: How many findings the build error lists; the rest are counted.
LISTED = 40


@dataclass(frozen=True, order=True)
class Finding:
    """One thing in one built file that the theme and the exporters never write."""

    path: str
    message: str
    source: str = ""

    def format_text(self) -> str:
        """`path (from source): message`, the line the build error lists."""
        origin = f" (from {self.source})" if self.source else ""
        return f"{self.path}{origin}: {self.message}"


class GateClosed(BuildError):
    """The built output holds something unsafe; the previous site was left in place."""

    def __init__(self, findings: list[Finding], kept: str = "the previous site") -> None:
        self.findings = findings
        count = len(findings)
        lines = "\n".join(f"  {finding.format_text()}" for finding in findings[:LISTED])
        if count > LISTED:
            lines += f"\n  ... and {count - LISTED} more"
        super().__init__(
            f"the gate on the output stopped the build ({count} finding"
            f"{'s' if count != 1 else ''}); {kept} is left in place:\n{lines}"
        )


def enforce(
    site: Path,
    docs: Path | None = None,
    memo: Store | None = None,
    digests: FileDigests | None = None,
) -> None:
    """Raise GateClosed when anything in the built `site` fails the gate."""
    findings = check_output(site, docs, memo, digests)
    if findings:
        raise GateClosed(findings)


def enforce_download(rel: str, data: bytes) -> None:
    """Raise GateClosed when one download, built on its own (`rel` under the site), fails the
    gate: the same checks a full build makes of it, so `build --only` is no way around them."""
    reader = OutputReader(KnownMarkup.load())
    if Path(rel).suffix.lower() in (*DOWNLOADS, ".zip"):
        messages = reader.check_download(rel, data)
    else:
        messages = ["a download of a kind the exporters do not make"]
    if messages:
        raise GateClosed([Finding(rel, m) for m in messages], kept="the previous file")


def check_output(
    site: Path,
    docs: Path | None = None,
    memo: Store | None = None,
    digests: FileDigests | None = None,
) -> list[Finding]:
    """Every finding in the built site; `docs` is the docs tree it was built from.

    `memo` is the build's store, where each built file's findings are remembered by its bytes
    (gate/memo.py), so files a build did not change are not read again; without it every
    file is read. `digests` are the files' digests a live preview keeps between rebuilds, so
    it reads only the files a rebuild wrote.
    """
    known = KnownMarkup.load(own=own_address(docs))
    reader = OutputReader(known, memo=GateMemo(memo, digests))
    files = [(p.relative_to(site).as_posix(), p) for p in sorted(site.rglob("*")) if p.is_file()]
    reader.memo.look_ahead(files)
    pages = [(rel, path) for rel, path in files if path.suffix.lower() in PAGES]
    reader.memo.read_in_copies(pages, reader.page_checker)
    found: list[tuple[str, str]] = []
    for rel, path in files:
        found.extend((rel, message) for message in reader.check_file(path, rel))
    reader.memo.save()
    sources = SourceMap.read(site, docs) if found else SourceMap()
    return [Finding(rel, message, sources.source_of(rel)) for rel, message in found]


def own_address(docs: Path | None) -> str:
    """The site's own address (`site_url`) from the engine config written beside `docs`."""
    config = docs.parent / "mkdocs.yml" if docs else None
    if config is None or not config.is_file():
        return ""
    # libyaml's safe loader where installed: the file holds the whole navigation, which the
    # pure-Python loader takes a noticeable part of a preview's rebuild to read.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=loader) or {}
    address = data.get("site_url") or ""
    return address if isinstance(address, str) else ""


@dataclass
class OutputReader:
    """Reads built files for the gate; a download met twice (in a pack too) is read once."""

    known: KnownMarkup
    results: dict[str, list[str]] = field(default_factory=dict)
    memo: GateMemo = field(default_factory=lambda: GateMemo(None))

    def check_file(self, path: Path, rel: str) -> list[str]:
        """Findings in one built file, by its kind."""
        suffix = path.suffix.lower()
        if suffix in PAGES:
            return self.memo.file_findings(rel, path, self.page_checker(rel))
        if suffix == ".svg":
            return self.memo.file_findings(rel, path, check_svg)
        if rel == SEARCH_INDEX:
            return self.memo.file_findings(rel, path, self._index_checker)
        if suffix in SCRIPT_SUFFIXES and not rel.startswith(THEME_SCRIPTS):
            return ["a script file outside the theme's own scripts"]
        if is_offline_pack(rel):
            return self.memo.file_findings(rel, path, self._offline_checker)
        if suffix in (*DOWNLOADS, ".zip"):
            return self.memo.file_findings(rel, path, lambda d: self.check_download(rel, d))
        if rel.startswith("downloads/") and suffix not in OTHER_DOWNLOADS:
            return ["a download of a kind the exporters do not make"]
        return []

    def _offline_checker(self, data: bytes) -> list[str]:
        def read(name: str, member: bytes, check: Checker) -> list[str]:
            return self.memo.findings(f"offline:{name}", member, check)

        return check_offline_pack(data, self.known, read, self._packed_download)

    def _packed_download(self, name: str, data: bytes) -> list[str]:
        """A download inside the offline pack, read as the same file in the site is (and
        remembered as it is: a pack holds the site's downloads, read already)."""
        if Path(name).suffix.lower() in (*DOWNLOADS, ".zip"):
            return self.memo.findings(name, data, lambda d: self.check_download(name, d))
        return ["a download of a kind the exporters do not make"]

    def page_checker(self, rel: str) -> Checker:
        return lambda data: check_page(data, rel, self.known)

    def _index_checker(self, data: bytes) -> list[str]:
        def fragment(html: str) -> list[str]:
            return self.memo.findings("", html.encode(), self._fragment_checker)

        return check_search_index(data, self.known, fragment)

    def _fragment_checker(self, data: bytes) -> list[str]:
        return check_fragment(data.decode(), self.known)

    def check_download(self, name: str, data: bytes) -> list[str]:
        """Findings in one download (a .zip pack is opened and each file in it checked)."""
        digest = hashlib.sha256(data).hexdigest()
        if digest not in self.results:
            suffix = Path(name).suffix.lower()
            checker = self.check_pack if suffix == ".zip" else DOWNLOADS.get(suffix)
            self.results[digest] = checker(data) if checker else []
        return self.results[digest]

    def check_pack(self, data: bytes) -> list[str]:
        """Findings in each file of a .zip pack, each with its name in the pack."""
        findings = []
        try:
            members = list(office.zip_members(data))
        except zipfile.BadZipFile:
            return ["not a zip archive"]
        for name, member in members:
            if not office.plain_member_name(name):
                findings.append(f"{name}: a file name that unpacks outside the pack's folder")
            if Path(name).suffix.lower() not in DOWNLOADS:
                findings.append(f"{name}: a file of a kind the exporters do not pack")
            findings.extend(f"{name}: {message}" for message in self.check_download(name, member))
        return findings
