"""What a source kind declares, and how every stage finds the declared kinds.

A kind is one `SourceKind`: where its files live and how they are read (load), its schema,
ids and cross-reference checks (validate), its model builder (model), its site pages
(render) and its starting file (`handbook new`). The stages never name a kind to decide
what to do with it; they loop over the `Kinds` they are handed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal

from generator.check.crossref import DeclaredId as DeclaredId
from generator.check.facts import facts_of, with_facts
from generator.check.schemas import ID_PATTERN, Schema
from generator.errors import UsageError
from generator.load.sources import SOURCE_ROOTS
from generator.model.build import Built as Built
from generator.model.build import PlacesFacts
from generator.values import function_name

if TYPE_CHECKING:  # the kinds import these modules; the names are for annotations only
    from generator.check.crossref import Checker, Index
    from generator.errors import Diagnostic
    from generator.load.sources import SourceDocument
    from generator.model.objects import Handbook

#: How a file is read: all YAML, YAML front matter over Markdown, or Markdown alone.
Reader = Literal["yaml", "front-matter", "optional-front-matter", "markdown"]


@dataclass(frozen=True)
class PageSpec:
    """One site page per item of a kind, listed under a section in a navigation tab.

    `section` is a key of theme/wording.yml (a programme may word it its own way), so the
    section's heading is worded like every other heading a reader sees.

    The items are the model objects the kind builds (`Handbook.collection`, unless `items`
    says where else they are); each needs `id`, `title` and `source`. The template sees the
    item as `name`.
    """

    template: str
    folder: str
    section: str
    name: str = "item"
    tab: Literal["Training", "Reference"] = "Reference"
    items: Callable[[Handbook], Iterable[Any]] | None = None

    def path(self, item_id: str) -> str:
        """Where one item's page lives in the docs tree."""
        return f"{self.folder}/{item_id}.md"


@dataclass(frozen=True)
class NewRequest:
    """What `handbook new KIND NAME` was asked for, with the project's model."""

    name: str
    handbook: Handbook
    part: str | None = None
    day: str | None = None


#: Where a starting file goes (relative to the project) and what its template needs besides
#: the name, title, date and the programme's vocabularies.
Placement = tuple[str, dict[str, object]]


@dataclass(frozen=True)
class Starter:
    """The valid, commented file `handbook new` writes: its template and where it goes.

    Without `place`, the file is `<folder>/<name><suffix>` of the kind.
    """

    template: str
    place: Callable[[NewRequest], Placement] | None = None


@dataclass(frozen=True)
class SourceKind:
    """Everything the pipeline needs to know about one kind of source file."""

    #: The kind's name, as diagnostics, the cache and `handbook new` say it.
    name: str
    #: The folder below the project and the file pattern (`**/` for any depth) it owns.
    folder: str
    pattern: str
    #: The model of all the kind's documents (which passed validation), in the order readers
    #: meet them. `Built` (generator/model/build.py) gives the programme and any other
    #: kind's model.
    build: Callable[[list[SourceDocument], Built], tuple[Any, ...]]
    reader: Reader = "yaml"
    #: For front matter: how to start the file when the front matter is missing.
    front_matter_hint: str = ""
    #: The cerberus schema of the file (of its front matter); None checks no fields.
    schema: Schema | None = None
    #: The title of its JSON Schema for editors; empty writes no JSON Schema.
    title: str = ""
    #: The pattern every file name (without its suffix) must match.
    file_names: str = ID_PATTERN
    #: The ids the document declares, for the duplicate check.
    ids: Callable[[SourceDocument], Iterable[DeclaredId]] | None = None
    #: Adds the ids other sources may refer to, from a valid document, to the index.
    index: Callable[[Index, SourceDocument], None] | None = None
    #: Adds what is known of a file that failed to load (its file name) to the index.
    index_unreadable: Callable[[Index, str], None] | None = None
    #: Cross-reference checks of one document: (checker, index, project root).
    check: Callable[[Checker, Index, Path], None] | None = None
    #: Checks across the corpus once, such as circles of prerequisites: (every valid
    #: document, index) -> problems.
    check_all: Callable[[list[SourceDocument], Index], list[Diagnostic]] | None = None
    #: The strands and criteria (framework-id/id) a model item names, for back links.
    links: Callable[[Any], Iterable[str]] | None = None
    #: One page per item, when the kind's pages are not laid out in generator/render/pages.py.
    page: PageSpec | None = None
    starter: Starter | None = None
    #: A folder of the kind's own templates, searched after theme/templates.
    templates: Path | None = None

    @property
    def suffix(self) -> str:
        """The file suffix its pattern names, such as `.yml`."""
        return "." + self.pattern.rpartition(".")[2]


@dataclass(frozen=True)
class Kinds:
    """The registered kinds, in order: handed to every stage, which loops over them.

    generator/kinds/catalogue.py holds the shipped ones; the pipeline passes them in
    (`cli/project.py`), so no stage imports the catalogue and a test may hand in its own.
    """

    all: tuple[SourceKind, ...]

    def __post_init__(self) -> None:
        problems = [p for kind in self.all for p in declaration_problems(kind)]
        names = [kind.name for kind in self.all]
        problems += [f"'{n}' is declared twice" for n in sorted(set(names)) if names.count(n) > 1]
        if problems:
            raise ValueError("the kinds are wrong:\n  " + "\n  ".join(problems))

    def __iter__(self) -> Iterator[SourceKind]:
        return iter(self.all)

    def get(self, name: str) -> SourceKind | None:
        """The kind of this name, or None."""
        return next((k for k in self.all if k.name == name), None)

    def template_folders(self) -> tuple[Path, ...]:
        """The kinds' own template folders, searched after theme/templates."""
        return tuple(dict.fromkeys(k.templates for k in self.all if k.templates))

    def starter_names(self) -> tuple[str, ...]:
        """The kinds `handbook new` can start, in catalogue order."""
        return tuple(k.name for k in self.all if k.starter)

    def published(
        self, docs: list[SourceDocument], placed: PlacesFacts | None = None
    ) -> list[SourceDocument]:
        """Valid documents as readers see them: each programme fact put in place, as plain
        text or as Markdown according to the field's schema (generator/check/facts.py).
        `placed` is what a live preview keeps of the last rebuild's."""
        known = facts_of(next((d.data for d in docs if d.kind == "programme"), None))
        if placed is not None:
            return placed.all(docs, known)
        return [with_facts(doc, known) for doc in docs]

    def adding(self, *more: SourceKind) -> Kinds:
        """These kinds and `more` after them, as a project with kinds of its own would use."""
        return Kinds((*self.all, *more))


def declaration_problems(kind: SourceKind) -> list[str]:
    """What is wrong with one declaration: a folder outside the source folders, or a
    function no other build could name (a lambda), which would make every key new."""
    problems = []
    parts = PurePosixPath(kind.folder).parts
    if parts[:1] not in [(root,) for root in SOURCE_ROOTS] or ".." in parts:
        roots = " or ".join(f"{root}/" for root in SOURCE_ROOTS)
        problems.append(f"'{kind.name}': folder '{kind.folder}' is not inside {roots}")
    for where, function in _functions(kind):
        try:
            function_name(function)
        except TypeError as error:
            problems.append(f"'{kind.name}': {where}: {error}; declare a function by name")
    return problems


def _functions(value: object, where: str = "") -> Iterator[tuple[str, object]]:
    """Every function a declaration holds, with the field it is in."""
    for item in fields(value):  # type: ignore[arg-type]
        held = getattr(value, item.name)
        name = f"{where}{item.name}"
        if is_dataclass(held):
            yield from _functions(held, f"{name}.")
        elif callable(held) and not isinstance(held, type):
            yield name, held


def choose(given: str | None, options: list[str], option: str) -> str:
    if given is None:
        return options[0]
    if given not in options:
        raise UsageError(f"{option} must be one of: {', '.join(options)}")
    return given
