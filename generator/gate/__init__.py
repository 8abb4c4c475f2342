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

from ..errors import BuildError
from . import calendar, office, pdf
from .pages import KnownMarkup, check_page, check_search_index, check_svg
from .sources import SourceMap

#: Files a browser may run, and where the theme keeps its own.
SCRIPT_SUFFIXES = (".js", ".mjs", ".wasm")
THEME_SCRIPTS = "assets/javascripts/"
SEARCH_INDEX = "search/search_index.json"
Checker = Callable[[bytes], list[str]]
DOWNLOADS: dict[str, Checker] = {
    ".docx": office.check_docx,
    ".pptx": office.check_pptx,
    ".xlsx": office.check_xlsx,
    ".pdf": pdf.check_pdf,
    ".ics": calendar.check_ics,
}
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

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        count = len(findings)
        lines = "\n".join(f"  {finding.format_text()}" for finding in findings[:LISTED])
        if count > LISTED:
            lines += f"\n  ... and {count - LISTED} more"
        super().__init__(
            f"the gate on the output stopped the build ({count} finding"
            f"{'s' if count != 1 else ''}); the previous site is left in place:\n{lines}"
        )


def enforce(site: Path, docs: Path | None = None) -> None:
    """Raise GateClosed when anything in the built `site` fails the gate."""
    findings = check_output(site, docs)
    if findings:
        raise GateClosed(findings)


def check_output(site: Path, docs: Path | None = None) -> list[Finding]:
    """Every finding in the built site; `docs` is the docs tree it was built from."""
    reader = OutputReader(KnownMarkup.load())
    sources = SourceMap.read(site, docs)
    findings = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        for message in reader.check_file(path, rel):
            findings.append(Finding(rel, message, sources.source_of(rel)))
    return findings


@dataclass
class OutputReader:
    """Reads built files for the gate; a download met twice (in a pack too) is read once."""

    known: KnownMarkup
    results: dict[str, list[str]] = field(default_factory=dict)

    def check_file(self, path: Path, rel: str) -> list[str]:
        """Findings in one built file, by its kind."""
        suffix = path.suffix.lower()
        if suffix in (".html", ".htm"):
            return check_page(path.read_bytes(), rel, self.known)
        if suffix == ".svg":
            return check_svg(path.read_bytes())
        if rel == SEARCH_INDEX:
            return check_search_index(path.read_bytes(), self.known)
        if suffix in SCRIPT_SUFFIXES and not rel.startswith(THEME_SCRIPTS):
            return ["a script file outside the theme's own scripts"]
        if suffix in (*DOWNLOADS, ".zip"):
            return self.check_download(rel, path.read_bytes())
        if rel.startswith("downloads/") and suffix not in OTHER_DOWNLOADS:
            return ["a download of a kind the exporters do not make"]
        return []

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
