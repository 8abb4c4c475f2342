"""Where a project's look is read from: the theme/ folder beside its content/.

The theme belongs to the project, like its mkdocs.yml (whose `custom_dir` already points into
it), so an installed `handbook` styles each project with that project's own theme. A build
names its theme for as long as it runs (`using`), and each stage that reads a template, a
stylesheet, a reference document or the wording table asks `current()` for it, afresh every
time: a long-running `handbook serve` sees an edited theme on its next build. Outside a build
(a test calling one renderer) the theme of this source checkout is used.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import UsageError

FOLDER = "theme"


@dataclass(frozen=True)
class Theme:
    """A theme folder and the named files and folders inside it the generator reads."""

    folder: Path
    #: Theme files parsed while this theme is in use, each with the text it was parsed from
    #: (so an edited file is parsed again): a build asks for the wording table many times.
    parsed: dict[Path, tuple[str, object]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def templates(self) -> Path:
        """The jinja2 templates of the site's pages and of `handbook new`."""
        return self.folder / "templates"

    @property
    def assets(self) -> Path:
        """Stylesheets, scripts and pictures copied into the site."""
        return self.folder / "assets"

    @property
    def pdf(self) -> Path:
        """The Typst templates; the root Typst may read files from."""
        return self.folder / "pdf"

    @property
    def word(self) -> Path:
        """The reference .docx Word downloads take their styles from."""
        return self.folder / "word"

    @property
    def pptx(self) -> Path:
        """The reference .pptx slide decks take their layouts from."""
        return self.folder / "pptx"

    @property
    def wording(self) -> Path:
        """The table of words readers see that are not content."""
        return self.folder / "wording.yml"

    @property
    def known_markup(self) -> Path:
        """The markup the output gate expects the theme to put into pages."""
        return self.folder / "known-markup.yml"


#: The theme of this source checkout; absent from an installed wheel.
CHECKOUT = Theme(Path(__file__).resolve().parents[1] / FOLDER)

_ACTIVE: ContextVar[Theme | None] = ContextVar("handbook_theme", default=None)


def of_project(root: Path) -> Theme:
    """The theme a project is built with: its own theme/, else this checkout's."""
    for theme in (Theme(root / FOLDER), CHECKOUT):
        if theme.folder.is_dir():
            return theme
    raise UsageError(f"no {FOLDER}/ folder in {root}: copy one beside content/")


def current() -> Theme:
    """The theme of the build running in this context, or this checkout's outside a build."""
    return _ACTIVE.get() or CHECKOUT


@contextmanager
def using(theme: Theme) -> Iterator[Theme]:
    """Make `theme` the current one until the block ends (nested builds restore the outer)."""
    token = _ACTIVE.set(theme)
    try:
        yield theme
    finally:
        _ACTIVE.reset(token)
