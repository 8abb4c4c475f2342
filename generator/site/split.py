"""A full MkDocs build whose pages are written by several processes at once.

MkDocs reads and converts every page first (all that the navigation, the links and the
search need), then renders each page's template and writes it, one page after another. With
Material's navigation in every page, that second loop is most of a large site's build, and
it uses one core. Here, when that loop starts, forked copies of the build take every n-th
page each while this process writes the rest. Each copy sends back what the build keeps of
the pages it wrote (the record `Recorder` makes: title, front matter, anchors and search
entries) and what it logged; this process puts the search entries and the records back in
MkDocs' page order and logs the copies' messages as its own (strict mode counts them). So
the site, its search index and the build's record are the same bytes as a build in one
process (tests/test_forked.py holds the two against each other).

Only MkDocs' own loop is split, and only when the build runs nothing that could keep state
across pages: the plugins must be Material's search and the build's own (`SAFE_PLUGINS`).
Anything else, a small site, one core or no `fork` (generator/forked.py) means the usual
loop.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from generator.forked import Copies, can_fork, cores

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File

#: The name under which generator/site/engines.py adds the theme's compiled templates.
COMPILED = "handbook-compiled-templates"
#: The plugins whose page events keep no state a copy would lose: Material's search (the
#: index's entries come back in each page's record) and the compiled templates. The build's
#: `Recorder` is the other plugin allowed; any other keeps the build in one process.
SAFE_PLUGINS = frozenset({"material/search", COMPILED})
#: Below this many pages a copy costs more than it saves.
FEWEST_PAGES = 24


class Recorder(Protocol):
    """The build's record of each page (site/incremental.py `Recorder`), made as pages are
    written: by page, what MkDocs showed of it, with the search entries it added."""

    search: Any
    pages: dict[str, Any]
    taken: int


def splittable(config: MkDocsConfig, recorder: Recorder) -> bool:
    """Whether this build's page loop can be shared between processes."""
    return can_fork() and all(
        name in SAFE_PLUGINS or plugin is recorder for name, plugin in config.plugins.items()
    )


@contextmanager
def pages_split(config: MkDocsConfig, recorder: Recorder | None) -> Iterator[None]:
    """Within this block, MkDocs' `build` writes its pages in one process per core."""
    if recorder is None or not splittable(config, recorder):
        yield
        return
    from mkdocs.commands import build as mkdocs_build

    original = mkdocs_build._build_page
    split = Split(original, recorder, cores())
    mkdocs_build._build_page = split.build_page
    try:
        yield
    finally:
        mkdocs_build._build_page = original
        split.stop()


@dataclass
class Split:
    """MkDocs' `_build_page` in place: page i is written by the process i % count."""

    original: Callable[..., None]
    recorder: Recorder
    count: int
    pages: list[Any] = field(default_factory=list)
    place: dict[int, int] = field(default_factory=dict)
    copies: Copies | None = None

    def build_page(
        self,
        page: Any,
        config: MkDocsConfig,
        doc_files: Sequence[File],
        nav: Any,
        env: Any,
        dirty: bool = False,
        excluded: bool = False,
    ) -> None:
        if not self.pages:
            self.pages = [file.page for file in doc_files]
            self.place = {id(each): number for number, each in enumerate(self.pages)}
            if len(self.pages) >= FEWEST_PAGES:
                share = functools.partial(self.write_share, config, doc_files, nav, env, dirty)
                self.copies = Copies(self.count, share).start()
        number = self.place.get(id(page))
        if number is None or self.copies is None or number % self.count == 0:
            self.original(page, config, doc_files, nav, env, dirty, excluded)
        else:
            self.copies.raise_early()
        if number == len(self.pages) - 1 and self.copies is not None:
            self.join()

    def write_share(
        self,
        config: MkDocsConfig,
        doc_files: Sequence[File],
        nav: Any,
        env: Any,
        dirty: bool,
        share: int,
    ) -> dict[str, Any]:
        """In a copy: write the pages of this share; their records go back to the parent."""
        for number, file in enumerate(doc_files):
            if number % self.count == share:
                excluded = file.inclusion.is_excluded()
                self.original(file.page, config, doc_files, nav, env, dirty, excluded)
        return self.recorder.pages

    def join(self) -> None:
        """Wait for every copy; the records and search entries are put back in page order."""
        assert self.copies is not None
        records: dict[str, Any] = {}
        for _, theirs in self.copies.answers():
            records.update(theirs)
        self.stop()
        records.update(self.recorder.pages)
        order = [page.file.src_uri for page in self.pages]
        self.recorder.pages = {uri: records[uri] for uri in order if uri in records}
        entries = [entry for record in self.recorder.pages.values() for entry in record.entries]
        self.recorder.search.search_index.entries = entries
        self.recorder.taken = len(entries)

    def stop(self) -> None:
        if self.copies is not None:
            self.copies.stop()
            self.copies = None
