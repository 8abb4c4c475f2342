"""The gate for web pages, SVG images and the search index: no script the theme did not write.

Pages are parsed with an HTML5 parser (Lexbor, through selectolax), so the gate sees the
elements and attributes a browser would build, not what a lenient parser guesses: libxml2,
for one, reads `<svg><style><img onerror=...>` as text where a browser makes an image.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from lxml import etree
from selectolax.lexbor import LexborHTMLParser, LexborNode

from generator.gate.urls import URL_ATTRIBUTES, unsafe_urls
from generator.theme import current as current_theme

#: Elements that embed another document, change where links go, or that a browser parses
#: differently from any parser here (noscript's content is markup only with scripting off).
FORBIDDEN = frozenset(
    [
        "applet",
        "base",
        "embed",
        "fencedframe",
        "frame",
        "frameset",
        "iframe",
        "noembed",
        "noframes",
        "noscript",
        "object",
        "plaintext",
        "portal",
        "template",
        "xmp",
    ]
)
Attributes = Mapping[str, str | None]


#: How many judged elements a known list keeps before starting again.
JUDGED_LIMIT = 200_000


@dataclass(frozen=True)
class KnownMarkup:
    """What the theme itself writes into pages (theme/known-markup.yml)."""

    scripts: frozenset[str]
    inline_scripts: frozenset[str]
    forms: tuple[dict[str, str | None], ...]
    styles: dict[str, frozenset[str]]
    link_rels: frozenset[str]
    #: The site's own address (`site_url`, ending in "/"), or "": pages may link to it, and
    #: the theme's scripts name its path where others name "/".
    own: str = ""
    #: Elements already judged in this gate run, with their findings: the navigation repeats
    #: on every page, so each distinct element is judged once (kept with the list it was
    #: judged against, so a new list or a new run starts afresh).
    judged: dict[tuple[Any, ...], tuple[str, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def own_path(self) -> str:
        """The path the site is served under: "/", or for example "/handbook/"."""
        return urlsplit(self.own).path or "/"

    @classmethod
    def load(cls, path: Path | None = None, own: str = "") -> KnownMarkup:
        """Read the known list: the current theme's, unless another is named; `own` is the
        site's own address."""
        path = path or current_theme().known_markup
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls(
            scripts=frozenset(data["scripts"]),
            inline_scripts=frozenset(data["inline_scripts"]),
            forms=tuple(data["forms"]),
            styles={value: frozenset(tags) for value, tags in data["styles"].items()},
            link_rels=frozenset(data["link_rels"]),
            own=own,
        )


def check_page(html: bytes, page: str, known: KnownMarkup) -> list[str]:
    """Findings in one built page; `page` is its path from the site root."""
    tree = LexborHTMLParser(html)
    findings: list[str] = []
    ids: Counter[str] = Counter()
    seen = _seen(known)
    for node in _elements(tree.root):
        tag, attrs = node.tag or "", node.attributes
        if tag == "script":
            findings.extend(_element(tag, attrs, known, page, node))
        else:
            # Every other element's findings follow from its tag and attributes alone, and
            # the navigation repeats the same elements on every page: judge each once.
            key = (tag, *attrs.items())
            found = seen.get(key)
            if found is None:
                found = seen[key] = tuple(_element(tag, attrs, known, page, node))
            findings.extend(found)
        if attrs.get("id"):
            ids[attrs["id"] or ""] += 1
    findings.extend(
        f"id '{name}' appears {count} times: content may stand in for the theme's own element"
        for name, count in ids.items()
        if count > 1
    )
    return findings


def _seen(known: KnownMarkup) -> dict[tuple[Any, ...], tuple[str, ...]]:
    """Findings of elements already judged against this known list (see check_page)."""
    if len(known.judged) > JUDGED_LIMIT:
        known.judged.clear()
    return known.judged


def check_fragment(html: str, known: KnownMarkup) -> list[str]:
    """Findings in HTML outside a page (search results): no script of any kind."""
    tree = LexborHTMLParser(f"<!DOCTYPE html><body>{html}")
    findings: list[str] = []
    for node in _elements(tree.root):
        tag = node.tag or ""
        if tag == "script" or tag == "form":
            findings.append(f"a <{tag}> element")
        findings.extend(_attributes(tag, node.attributes, known))
        findings.extend(_forbidden(tag, node.attributes))
    return findings


def check_search_index(
    data: bytes, known: KnownMarkup, fragment: Callable[[str], list[str]] | None = None
) -> list[str]:
    """Findings in the HTML of each search entry, which search results show as markup.

    `fragment` reads one entry's HTML (check_fragment unless a caller remembers results).
    """
    fragment = fragment or (lambda html: check_fragment(html, known))
    try:
        docs = json.loads(data)["docs"]
    except (ValueError, KeyError, TypeError):
        return ["the search index is not the JSON MkDocs writes"]
    findings: list[str] = []
    for doc in docs:
        where = doc.get("location", "?")
        for key in ("title", "text"):
            html = str(doc.get(key, ""))
            if "<" in html or ":" in html:
                findings.extend(f"entry '{where}' {key}: {m}" for m in fragment(html))
    return findings


def check_svg(data: bytes) -> list[str]:
    """Findings in an SVG file, which runs its scripts when opened on its own."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        return [f"not well-formed XML, so a browser may read it otherwise: {error}"]
    findings = []
    for element in root.iter(etree.Element):
        tag = etree.QName(element).localname.lower()
        attrs = {_svg_name(name): value for name, value in element.attrib.items()}
        if tag == "script":
            findings.append("a <script> element")
        findings.extend(_forbidden(tag, attrs))
        findings.extend(_handlers_and_urls(tag, attrs))
    return findings


def _svg_name(name: str) -> str:
    qname = etree.QName(name)
    prefix = "xlink:" if qname.namespace == "http://www.w3.org/1999/xlink" else ""
    return prefix + qname.localname.lower()


def _elements(root: LexborNode | None) -> Iterator[LexborNode]:
    if root is None:
        return
    for node in root.traverse(include_text=False):
        if node.tag and node.tag[0] not in "-_!#":
            yield node


def _element(
    tag: str, attrs: Attributes, known: KnownMarkup, page: str, node: LexborNode
) -> Iterator[str]:
    if tag == "script":
        yield from _script(attrs, node.text(deep=True), known, page)
    elif tag == "form" and dict(attrs) not in known.forms:
        yield f"a <form> the theme does not write: {_shown(attrs)}"
    elif tag == "link":
        yield from _link(attrs, known)
    elif tag == "style":
        yield "a <style> element the theme does not write"
    yield from _forbidden(tag, attrs)
    yield from _attributes(tag, attrs, known)


def _forbidden(tag: str, attrs: Attributes) -> Iterator[str]:
    if tag in FORBIDDEN:
        yield f"a <{tag}> element"
    if tag == "meta" and "http-equiv" in attrs:
        yield f"<meta http-equiv='{attrs['http-equiv']}'>, which can redirect or change policy"


def _attributes(tag: str, attrs: Attributes, known: KnownMarkup) -> Iterator[str]:
    yield from _handlers_and_urls(tag, attrs)
    style = attrs.get("style")
    if "style" in attrs and tag not in known.styles.get(style or "", ()):
        yield f"<{tag}> has a style attribute the theme does not write: '{style}'"


def _handlers_and_urls(tag: str, attrs: Attributes) -> Iterator[str]:
    for name, value in attrs.items():
        if name.startswith("on"):
            yield f"<{tag}> has an event handler attribute '{name}'"
        elif name == "srcdoc":
            yield f"<{tag}> has a srcdoc attribute, a document inside an attribute"
        elif name in URL_ATTRIBUTES and value:
            for scheme in unsafe_urls(name, value):
                yield f"<{tag} {name}> leads to a '{scheme}:' address"


def _script(attrs: Attributes, text: str, known: KnownMarkup, page: str) -> Iterator[str]:
    src = attrs.get("src")
    if src is not None:
        if _from_site_root(page, src, known.own_path) not in known.scripts:
            yield f"a <script src='{src}'> the theme does not load"
    elif (digest := inline_digest(attrs, text, known.own_path)) not in known.inline_scripts:
        yield (
            f"an inline <script> the theme does not write (sha256 {digest}):"
            f" {' '.join(text.split())[:60]!r}"
        )


def _link(attrs: Attributes, known: KnownMarkup) -> Iterator[str]:
    rels = set((attrs.get("rel") or "").lower().split())
    if not rels <= known.link_rels:
        yield f"a <link rel='{attrs.get('rel')}'> the theme does not write"
    href = attrs.get("href") or ""
    if known.own and href.startswith(known.own):
        return
    if re.match(r"[\s\x00-\x1f]*([a-zA-Z][a-zA-Z0-9+.\-]*:|[/\\]{2})", href):
        yield f"a <link> to another site: '{href}'"


def _from_site_root(page: str, src: str, own_path: str = "/") -> str:
    """A script's path from the site root, or "" when it comes from another site."""
    if re.match(r"[\s\x00-\x1f]*([a-zA-Z][a-zA-Z0-9+.\-]*:|[/\\]{2})", src):
        return ""
    if src.startswith(own_path):
        return posixpath.normpath(src.removeprefix(own_path))
    if src.startswith("/"):
        return posixpath.normpath(src.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), src))


#: The page's relative path to the site root inside the theme's scripts: ".", "../..", "/",
#: or the prefix before "assets/".
_BASE = re.compile(r'"(?:(?:\.\./)*\.\.|\.|/)(?=")|"(?:\.\./)*/?(?=assets/)')


def inline_digest(attrs: Attributes, text: str, own_path: str = "/") -> str:
    """The digest the known list holds for an inline script, the same on every page.

    A site served under a path (`site_url`) names that path where others name "/".
    """
    prefix = own_path.rstrip("/")
    if prefix:
        text = text.replace(f'"{prefix}/', '"/').replace(f'"{prefix}"', '"/"')
    normal = _BASE.sub('"{base}', text)
    head = f"{attrs.get('type') or ''}|{attrs.get('id') or ''}\n"
    return hashlib.sha256((head + normal).encode("utf-8")).hexdigest()


def _shown(attrs: Attributes) -> str:
    return " ".join(f"{k}='{v}'" if v is not None else k for k, v in attrs.items())
