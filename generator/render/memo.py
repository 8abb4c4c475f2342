"""Rendered pages remembered between builds, so an edit renders only the pages it changes.

A page's Markdown is a function of its template (and the templates it imports), the model,
what the build adds (dates, downloads, the edit address) and the page's own context. The
model is the same for every page, so any edit would change every page's inputs; but the
Markdown bodies of chapters, handouts and resources are shown on their own pages only (the
templates that show a body are chapter.md.j2, handout.md.j2 and resource.md.j2, each the
body of the object in the page's context; tests/test_render_memo.py checks every body edit
against a full render). So each page's key is:

- the *shape*: the whole model with those bodies (and the pictures they show) left out, the
  build's additions, every template and the generator's code;
- the page itself: its path, template, title, sources and context, bodies included.

An edit to one chapter's body leaves the shape alone and changes one page's key; any other
edit changes the shape, and every page is rendered again. The record is a table in the
build's store (generator/store.py), whose keys also hold the fingerprint of the code and the
theme; the model is digested field by field (`store.value_digest`), so a value that cannot
be read that way (a lambda in a declaration) is an error, never a memo silently switched off.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from generator.model.objects import Chapter, Handout
from generator.model.resources import Resource
from generator.store import Store, digest, files_digest
from generator.values import ValueDigests, value_digest

#: Fields shown on their object's own page only: left out of the shape.
OWN_PAGE_ONLY = {Chapter: ("body", "images"), Handout: ("body", "images"), Resource: ("body",)}


def _shape_only(value: object) -> tuple[str, ...]:
    return OWN_PAGE_ONLY.get(type(value), ())  # type: ignore[call-overload]


def digest_of(value: object, shape: bool) -> str:
    """A digest that changes whenever anything a template could read in `value` does.

    With `shape`, the bodies shown on their own pages only are left out."""
    return value_digest(value, _shape_only if shape else None)


class Digests:
    """digest_of for the pages of one render: parts they share are digested once. A live
    preview keeps one between rebuilds (cli/kept.py), for the model objects its next
    rebuild gives again (model/build.py's KindModels): a frozen object is digested once
    for as long as it lives, and each digest holds the object, so its id is not reused."""

    def __init__(self) -> None:
        self.shaped = ValueDigests(_shape_only)
        self.whole = ValueDigests()

    def size(self) -> int:
        """How many objects' digests are kept."""
        return len(self.shaped.known) + len(self.whole.known)

    def of(self, value: object, shape: bool) -> str:
        """As digest_of(value, shape)."""
        return (self.shaped if shape else self.whole).of(value)


class PageMemo:
    """Rendered pages by key; a page is rendered again whenever its key changes."""

    def __init__(
        self,
        store: Store,
        handbook: Any,
        site: object,
        templates: Iterable[Path],
        digests: Digests | None = None,
    ):
        self.store = store
        self.table = store.table("pages")
        self.digests = digests or Digests()
        self.shape = digest(
            self.digests.of((handbook, site), shape=True), *map(files_digest, templates)
        )
        self.rendered = 0

    def page(self, page: Any, render: Callable[[], str]) -> str:
        """The page's Markdown: remembered when its key is unchanged, otherwise `render()`."""
        own = {k: v for k, v in page.context.items() if type(v) in OWN_PAGE_ONLY}
        key = self.store.key(
            "page",
            page.path,
            self.shape,
            self.digests.of(page, shape=True),
            self.digests.of(own, shape=False),
        )
        text = self.table.get(key, _text)
        if text is None:
            text = render()
            self.rendered += 1
            self.table.put(key, text)
        return text

    def save(self) -> None:
        """Keep this build's pages for the next; the record is never required."""
        self.table.save()


def _text(stored: Any) -> str:
    if not isinstance(stored, str):
        raise TypeError("a page is text")
    return stored
