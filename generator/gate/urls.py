"""Addresses in built output, read the way a browser's URL parser reads them."""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Attributes a browser follows or loads as an address (SVG animation values included,
#: since `<animate attributeName=href to="javascript:...">` sets a link).
URL_ATTRIBUTES = frozenset(
    [
        "action",
        "archive",
        "background",
        "by",
        "cite",
        "codebase",
        "data",
        "dynsrc",
        "formaction",
        "from",
        "href",
        "icon",
        "imagesrcset",
        "longdesc",
        "lowsrc",
        "manifest",
        "ping",
        "poster",
        "profile",
        "src",
        "srcset",
        "to",
        "usemap",
        "values",
        "xlink:href",
    ]
)
#: Attributes holding a list of addresses.
LISTS = frozenset({"archive", "imagesrcset", "ping", "srcset", "values"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_LIST_SEPARATORS = re.compile(r"[\s,;]+")


def scheme(url: str) -> str:
    """The scheme a browser would find in `url` (lower case), or "" for a relative address.

    As the URL standard says: leading and trailing C0 controls and spaces are dropped, and
    tabs and newlines anywhere are removed, so `jav&#x09;ascript:` is `javascript:`.
    """
    cleaned = re.sub(r"[\t\n\r]", "", url.strip("".join(map(chr, range(0x21)))))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else ""


def unsafe_urls(attribute: str, value: str) -> Iterator[str]:
    """The schemes in an attribute's address(es) that are not web, mail or phone links."""
    values = _LIST_SEPARATORS.split(value) if attribute in LISTS else [value]
    for url in values:
        found = scheme(url)
        if found and found not in SAFE_SCHEMES:
            yield found


def safe_link(url: str) -> bool:
    """Whether a document's hyperlink goes to the web or to an e-mail address."""
    return scheme(url) in {"http", "https", "mailto"}
