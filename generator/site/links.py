"""Link checks on the built site: every internal link and anchor resolves; external links
are listed for a person to review, never fetched (the build must work offline).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

from generator.errors import BuildError

SKIPPED_SCHEMES = ("mailto", "tel")


@dataclass
class PageLinks:
    """The links and anchors found in one built page."""

    hrefs: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class LinkReport:
    """Broken internal links, as (page, link) pairs, and external links with their pages."""

    broken: tuple[tuple[str, str], ...]
    external: tuple[tuple[str, str], ...]


def check_site(site: Path, own_path: str = "/") -> LinkReport:
    """Check every `<a href>` and `<img src>` of every page in a built site.

    `own_path` is the path the site is served under (from `site_url`, e.g. "/handbook/"):
    an absolute link that starts with it (the 404 page's, say) is read from the site root.
    """
    pages = {p.relative_to(site).as_posix(): _collect(p) for p in sorted(site.rglob("*.html"))}
    broken, external = [], []
    for page, links in pages.items():
        for href in links.hrefs:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):
                external.append((page, href))
            elif _is_broken(site, pages, page, _from_root(href, own_path)):
                broken.append((page, href))
    return LinkReport(tuple(broken), tuple(sorted(set(external))))


def _from_root(href: str, own_path: str) -> str:
    """`href` with the site's own path turned into "/", when it starts with it."""
    prefix = "/" + own_path.strip("/") + "/"
    if prefix != "//" and href.startswith(prefix):
        return "/" + href[len(prefix) :]
    return href


def _is_broken(site: Path, pages: dict[str, PageLinks], page: str, href: str) -> bool:
    parts = urlsplit(href)
    if parts.scheme:
        return parts.scheme not in SKIPPED_SCHEMES
    return not _resolves(site, pages, page, parts.path, parts.fragment)


def _collect(path: Path) -> PageLinks:
    tree = lxml.html.parse(str(path))
    # A picture's address must lead somewhere just as a link's must.
    hrefs = [str(href) for href in tree.xpath("//a/@href | //img/@src")]
    return PageLinks(hrefs, {str(value) for value in tree.xpath("//@id")})


def _resolves(site: Path, pages: dict[str, PageLinks], page: str, path: str, anchor: str) -> bool:
    base = "" if path.startswith("/") else posixpath.dirname(page)
    target = (
        page if not path else posixpath.normpath(posixpath.join(base, unquote(path).lstrip("/")))
    )
    if target == ".":
        target = ""
    if target.startswith(".."):
        return False
    if path and not path.endswith(".html") and (path.endswith("/") or (site / target).is_dir()):
        target = posixpath.join(target, "index.html")
    if not (site / target).is_file():
        return False
    if not anchor or not target.endswith(".html"):
        return True
    return unquote(anchor) in pages[target].ids if target in pages else False


def write_external(report: LinkReport, path: Path) -> None:
    """List external links, one per line with the page that has it, for a person to check."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        f"{href}\t{page}" for page, href in sorted(report.external, key=lambda x: (x[1], x[0]))
    ]
    path.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")


def check_links(site: Path, external: Path, own_path: str = "/") -> None:
    """Fail on any internal link or anchor that does not resolve; list external links."""
    report = check_site(site, own_path)
    write_external(report, external)
    if report.broken:
        lines = [f"{page}: broken link '{href}'" for page, href in report.broken]
        raise BuildError("links that lead nowhere in the built site:\n" + "\n".join(lines))
