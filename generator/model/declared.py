"""What the model keeps of the kinds that built it, for the site's pages.

The Handbook carries the kinds (generator/kinds/registry.py's `Kinds`) on to render, which
lays out a page per item of each kind that declares a `PageSpec`. The model only holds them:
these protocols name the part render reads, so the model names no type of a later stage.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol


class PageOfKind(Protocol):
    """One page per item of a kind (generator/kinds/registry.py's PageSpec)."""

    @property
    def template(self) -> str: ...
    @property
    def section(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def tab(self) -> str: ...
    #: Given the Handbook, the items that have a page, when not the kind's collection.
    @property
    def items(self) -> Callable[..., Iterable[Any]] | None: ...
    def path(self, item_id: str) -> str: ...


class KindWithPages(Protocol):
    """A kind as the site sees it: its name and its pages, if it declares any."""

    @property
    def name(self) -> str: ...
    @property
    def page(self) -> PageOfKind | None: ...


class KindsOfHandbook(Protocol):
    """The kinds a Handbook was built by, in order, with their own template folders."""

    def __iter__(self) -> Iterator[KindWithPages]: ...
    def template_folders(self) -> tuple[Path, ...]: ...
