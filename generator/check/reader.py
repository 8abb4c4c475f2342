"""The site's own Markdown reader, used to check what an editor's text will publish as.

It is Python-Markdown with the extensions listed in the project's mkdocs.yml, so validation
reads a text exactly as the site build will. The HTML it makes is then held against what
Markdown syntax can make: any other element, attribute or address means raw markup got in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
import markdown
import yaml

#: Extensions that reach outside the text; validation reads each text on its own.
_LEFT_OUT = {"pymdownx.snippets"}

#: The shipped mkdocs.yml's extensions, for a project that has no mkdocs.yml of its own.
DEFAULT_EXTENSIONS = (
    *("abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables"),
    *("toc", "pymdownx.details", "pymdownx.superfences", "pymdownx.tasklist"),
)

#: What Markdown syntax and the site's extensions make, and nothing else.
TAGS = frozenset(
    ("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "code", "pre")
    + ("blockquote", "ul", "ol", "li", "img", "table", "thead", "tbody", "tr", "th", "td")
    + ("dl", "dt", "dd", "abbr", "sup", "sub", "div", "span", "details", "summary", "input")
    + ("label", "del")
)
ATTRIBUTES = frozenset(
    ("id", "class", "href", "src", "alt", "title", "style", "type", "disabled", "checked")
    + ("open", "start", "role", "colspan")
)
_STYLE = re.compile(r"text-align:\s*(left|right|center);?")
_SAFE_URL = re.compile(r"(?i)^(?:https?:|mailto:|tel:|#|/|\.|[^:/?#]*(?:[/?#]|$))")
_INVISIBLE_IN_URL = re.compile(r"[\x00-\x20\x7f]")
#: Only these characters start Markdown that can make an element, attribute or address the
#: policy refuses (tags, attribute lists, links and images, character references); a text
#: without any of them renders as paragraphs, lists, emphasis and code, so it is not read.
_MAY_MAKE_MARKUP = re.compile(r"[<{\[&]")


@dataclass(frozen=True)
class Unsafe:
    """Something in the rendered HTML that Markdown syntax would not have made."""

    what: str
    needles: tuple[str, ...]


class MarkdownReader:
    """Renders Markdown as the site does and reports what the policy does not allow."""

    def __init__(self, extensions: list[Any]) -> None:
        #: What the reader was made from, for caches of what it reads.
        self.settings = repr(extensions)
        names, configs = _split(extensions)
        self._markdown = markdown.Markdown(extensions=names, extension_configs=configs)

    @classmethod
    def for_project(cls, root: Path) -> MarkdownReader:
        """The reader configured like the project's mkdocs.yml (defaults if there is none)."""
        config = root / "mkdocs.yml"
        extensions: list[Any] = list(DEFAULT_EXTENSIONS)
        if config.is_file():
            settings = yaml.load(config.read_text(encoding="utf-8"), Loader=_IgnoreTags)
            extensions = list((settings or {}).get("markdown_extensions", extensions))
        return cls(extensions)

    def html(self, text: str) -> str:
        """The HTML the site would publish for `text`."""
        self._markdown.reset()
        return self._markdown.convert(text)

    def unsafe(self, text: str) -> Iterator[Unsafe]:
        """Every element, attribute or address in the rendered text the policy refuses."""
        if not _MAY_MAKE_MARKUP.search(text):
            return
        html = self.html(text)
        if not html.strip():
            return
        for root in lxml.html.fragments_fromstring(html):
            if isinstance(root, str):
                continue
            for element in root.iter():
                yield from _element(element)


def _element(element: Any) -> Iterator[Unsafe]:
    tag = element.tag if isinstance(element.tag, str) else "comment"
    if tag not in TAGS:
        yield Unsafe(f"HTML element <{tag}>, which is not published", (f"<{tag}", tag))
    for name, value in element.attrib.items():
        if name not in ATTRIBUTES:
            yield Unsafe(f"attribute '{name}' on <{tag}>, which is not published", (name,))
        elif name == "style" and not _STYLE.fullmatch(value.strip()):
            yield Unsafe(f"style '{value}' on <{tag}>, which is not published", ("style",))
        elif name in ("href", "src") and not _SAFE_URL.match(_INVISIBLE_IN_URL.sub("", value)):
            yield Unsafe(f"a link to '{value[:40]}', which is not allowed", (value[:20],))


def _split(extensions: list[Any]) -> tuple[list[str], dict[str, Any]]:
    names: list[str] = []
    configs: dict[str, Any] = {}
    for item in extensions:
        name, config = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name in _LEFT_OUT:
            continue
        names.append(name)
        if config:
            configs[name] = config
    return names, configs


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!!python/name:` and `!ENV` tags are left as plain values."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)
