"""A full MkDocs build whose pages are read and written by several processes at once.

MkDocs reads every page first (its Markdown converted to HTML, its outline and anchors: all
that the navigation, the links and the search need), then renders each page's template and
writes it. Both loops go one page after another on one core, and with Material's navigation
in every page they are most of a large site's build. Here, when each loop starts, forked
copies of the build (generator/forked.py) take every n-th page each while this process does
the rest:

- reading, a copy sends back what it set on each page (`READ`, and the page's links to
  anchors, keyed by address so they point at this process's own files), and this process
  sets it on its pages before MkDocs goes on to check those links and write the pages;
- writing, a copy sends back what the build keeps of each page it wrote (the record
  `Recorder` makes: title, front matter, anchors and search entries), and this process puts
  the records and the search entries back in MkDocs' page order.

What a copy logged is logged here (strict mode counts it), and its failure raised here. So
the site, its search index and the build's record are the same bytes as a build in one
process (tests/test_forked.py holds the two against each other).

Only MkDocs' own loops are split, and only when the build runs nothing that could keep state
across pages: the plugins must be Material's search and the build's own (`SAFE_PLUGINS`).
Anything else, a small site, one core or no `fork` means the usual loops.
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
    from mkdocs.structure.files import File, Files

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
    """Within this block, MkDocs' `build` reads and writes its pages in one process per core."""
    if recorder is None or not splittable(config, recorder):
        yield
        return
    from mkdocs.commands import build as mkdocs_build

    originals = mkdocs_build._populate_page, mkdocs_build._build_page
    read = Read(originals[0], Shared(cores()))
    split = Split(originals[1], recorder, Shared(cores()))
    mkdocs_build._populate_page, mkdocs_build._build_page = read.populate_page, split.build_page
    try:
        yield
    finally:
        mkdocs_build._populate_page, mkdocs_build._build_page = originals
        read.loop.stop()
        split.loop.stop()


@dataclass
class Shared:
    """One of MkDocs' page loops, shared: the page at place i is this process's when
    i % count is 0, and copy k's when it is k. Copies start at the loop's first page, when
    it has at least `FEWEST_PAGES`; at its last page their answers are read (`answers`)."""

    count: int
    files: list[File] = field(default_factory=list)
    place: dict[int, int] = field(default_factory=dict)
    copies: Copies | None = None

    def begin(self, files: list[File], first: File, share: Callable[[int], Any]) -> None:
        """Know the loop's pages; start the copies (each running `share(k)`) if it is big
        enough and `first` is its first page (MkDocs' full build, not a preview's)."""
        self.files = files
        self.place = {id(file): number for number, file in enumerate(files)}
        if self.place.get(id(first)) == 0 and len(files) >= FEWEST_PAGES:
            self.copies = Copies(self.count, share).start()

    def mine(self, file: File) -> bool:
        """Whether this process handles `file`'s page; when a copy does, a failure it has
        already sent back is raised now."""
        number = self.place.get(id(file))
        if number is None or self.copies is None or number % self.count == 0:
            return True
        self.copies.raise_early()
        return False

    def last(self, file: File) -> bool:
        """Whether `file` is the loop's last page and copies are to be joined."""
        return self.copies is not None and self.place.get(id(file)) == len(self.files) - 1

    def share_of(self, share: int) -> Iterator[File]:
        """In a copy: the files of its share, in order."""
        return (file for number, file in enumerate(self.files) if number % self.count == share)

    def answers(self) -> Iterator[Any]:
        """Each copy's result; then the copies are ended."""
        assert self.copies is not None
        yield from (answer for _, answer in self.copies.answers())
        self.stop()

    def stop(self) -> None:
        if self.copies is not None:
            self.copies.stop()
            self.copies = None


#: What reading a page (MkDocs' `_populate_page`) sets on it, besides its links to anchors.
READ = ("markdown", "meta", "content", "toc", "_title_from_render", "present_anchor_ids")


@dataclass
class Read:
    """MkDocs' `_populate_page` in place: what a copy read (its Markdown, front matter, HTML,
    outline, anchors) is set on this process's pages before MkDocs goes on."""

    original: Callable[..., None]
    loop: Shared

    def populate_page(
        self, page: Any, config: MkDocsConfig, files: Files, dirty: bool = False
    ) -> None:
        if not self.loop.files:
            from mkdocs.structure.files import InclusionLevel

            listed = list(files.documentation_pages(inclusion=InclusionLevel.is_included))
            self.loop.begin(
                listed, page.file, functools.partial(self.read_share, config, files, dirty)
            )
        if self.loop.mine(page.file):
            self.original(page, config, files, dirty)
        if self.loop.last(page.file):
            self.join(files)

    def read_share(
        self, config: MkDocsConfig, files: Files, dirty: bool, share: int
    ) -> dict[str, dict[str, Any]]:
        """In a copy: read the pages of this share, as MkDocs' loop would."""
        from mkdocs.structure.pages import Page

        read: dict[str, dict[str, Any]] = {}
        for file in self.loop.share_of(share):
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)  # as MkDocs does for a page outside the navigation
            page = file.page
            self.original(page, config, files, dirty)
            state = {name: getattr(page, name) for name in READ}
            links = getattr(page, "links_to_anchors", None)
            if links is not None:  # keyed by files, which must be this process's own
                state["links_to_anchors"] = {to.src_uri: each for to, each in links.items()}
            read[file.src_uri] = state
        return read

    def join(self, files: Files) -> None:
        """Wait for every copy and set what it read on this process's pages."""
        for read in self.loop.answers():
            for uri, state in read.items():
                page: Any = files.get_file_from_path(uri).page  # type: ignore[union-attr]
                links = state.pop("links_to_anchors", None)
                for name, value in state.items():
                    setattr(page, name, value)
                if links is not None:
                    page.links_to_anchors = {
                        files.get_file_from_path(to): each for to, each in links.items()
                    }


@dataclass
class Split:
    """MkDocs' `_build_page` in place: the records of the pages a copy wrote, and their search
    entries, are put back in MkDocs' page order."""

    original: Callable[..., None]
    recorder: Recorder
    loop: Shared

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
        if not self.loop.files:
            share = functools.partial(self.write_share, config, doc_files, nav, env, dirty)
            self.loop.begin(list(doc_files), page.file, share)
        if self.loop.mine(page.file):
            self.original(page, config, doc_files, nav, env, dirty, excluded)
        if self.loop.last(page.file):
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
        for file in self.loop.share_of(share):
            excluded = file.inclusion.is_excluded()
            self.original(file.page, config, doc_files, nav, env, dirty, excluded)
        return self.recorder.pages

    def join(self) -> None:
        """Wait for every copy; the records and search entries are put back in page order."""
        records: dict[str, Any] = {}
        for theirs in self.loop.answers():
            records.update(theirs)
        records.update(self.recorder.pages)
        order = [file.src_uri for file in self.loop.files]
        self.recorder.pages = {uri: records[uri] for uri in order if uri in records}
        entries = [entry for record in self.recorder.pages.values() for entry in record.entries]
        self.recorder.search.search_index.entries = entries
        self.recorder.taken = len(entries)
