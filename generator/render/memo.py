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
edit changes the shape, and every page is rendered again. The record is kept in
build/cache/pages.pickle.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import pickle
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from generator.load.fingerprint import CODE
from generator.model.objects import Chapter, Handout
from generator.model.resources import Resource

FILE = Path("cache") / "pages.pickle"
#: Fields shown on their object's own page only: left out of the shape.
OWN_PAGE_ONLY = {Chapter: ("body", "images"), Handout: ("body", "images"), Resource: ("body",)}


class _ShapePickler(pickle.Pickler):
    """Pickles model values for digesting; with `shape`, bodies are left out."""

    def __init__(self, file: io.BytesIO, shape: bool) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.shape = shape

    def reducer_override(self, obj: Any) -> Any:
        left_out = OWN_PAGE_ONLY.get(type(obj)) if self.shape else None
        if left_out is not None:
            fields = [f.name for f in dataclasses.fields(obj) if f.name not in left_out]
            return (type(obj), tuple(getattr(obj, name) for name in fields))
        if isinstance(obj, MappingProxyType):
            return (dict, (dict(obj),))
        return NotImplemented


def digest_of(value: object, shape: bool) -> str:
    """A digest that changes whenever anything a template could read in `value` does.

    With `shape`, the bodies shown on their own pages only are left out. A value that cannot
    be pickled gives a digest of its own each time, so the page is always rendered.
    """
    buffer = io.BytesIO()
    try:
        _ShapePickler(buffer, shape).dump(value)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return f"unpicklable {id(value)} {time.monotonic_ns()}"
    return hashlib.blake2b(buffer.getvalue(), digest_size=20).hexdigest()


class PageMemo:
    """Rendered pages by key; a page is rendered again whenever its key changes."""

    def __init__(self, build: Path, handbook: Any, site: object, templates: Iterable[Path]):
        self.path = build / FILE
        self.shape = _shape(handbook, site, templates)
        self.before = _load(self.path)
        self.now: dict[str, tuple[str, str]] = {}
        self.rendered = 0

    def page(self, page: Any, render: Callable[[], str]) -> str:
        """The page's Markdown: remembered when its key is unchanged, otherwise `render()`."""
        own = {k: v for k, v in page.context.items() if type(v) in OWN_PAGE_ONLY}
        digest = hashlib.blake2b(
            "\0".join(
                (self.shape, digest_of(page, shape=True), digest_of(own, shape=False))
            ).encode(),
            digest_size=20,
        ).hexdigest()
        known = self.before.get(page.path)
        if known is not None and known[0] == digest:
            text = known[1]
        else:
            text = render()
            self.rendered += 1
        self.now[page.path] = (digest, text)
        return text

    def save(self) -> None:
        """Keep this build's pages for the next; the record is never required."""
        if self.now == self.before:
            return
        partial = self.path.with_suffix(".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(pickle.dumps(self.now, protocol=pickle.HIGHEST_PROTOCOL))
            partial.replace(self.path)
        except OSError:
            partial.unlink(missing_ok=True)


def _shape(handbook: Any, site: object, templates: Iterable[Path]) -> str:
    """The digest of what every page may read: the model without bodies, and the code."""
    hasher = hashlib.blake2b(digest_size=20)
    hasher.update(digest_of((handbook, site), shape=True).encode())
    for folder in (*templates, CODE):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                hasher.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return hasher.hexdigest()


def _load(path: Path) -> dict[str, tuple[str, str]]:
    try:
        stored = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return {}
    return stored if isinstance(stored, dict) else {}


def forget(build: Path) -> None:
    """Drop the remembered pages, so the next render draws every page (for benchmarks)."""
    (build / FILE).unlink(missing_ok=True)
