"""The registry of downloads: what an output declaration says, and the checks it must pass.

One `Output` declares one kind of download: its manifest kind, what it is made from (its
scope), its formats, where its files go, how it is titled, whether it goes into the
training-day packs, and the builder that makes its bytes. `Outputs` is the ordered table
that the build plan, the manifest's order, the day packs and the downloads page all read;
generator/export/outputs.py holds the shipped one. A declaration that names an unknown
scope or format fails when the table is made, at import; one that names a word the theme in
use does not have fails when a build plans, before any file is made.
docs/outputs.md walks through adding a download.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from generator.export.document import Cover
from generator.model.objects import Handbook, TrainingDay
from generator.model.wording import Wording
from generator.render.downloads import FORMAT_NAMES
from generator.values import function_name

#: Every format a download may have, in the manifest's order: the formats readers are told
#: the names of (a new format gets its name there, and a checker in the gate on the output).
FORMATS = tuple(FORMAT_NAMES)
#: The outputs made from other files, with no builder: (scope, formats).
PACKS = (("day", ("zip",)), ("site", ("zip",)))
#: `{name}` in a path or a title pattern: a plain lookup, never a template.
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
#: What a path may be made of: ids and file stems, never a title an editor wrote.
PATH_FIELDS = frozenset({"id", "stem"})


def slug(text: str) -> str:
    """A file name from a title: 'Schools in Partnership' -> 'schools-in-partnership'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "handbook"


def fill(pattern: str, values: Mapping[str, str]) -> str:
    """`pattern` with each known `{name}` replaced by its value; unknown names stay as written."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group()), pattern)


@dataclass(frozen=True)
class Subject:
    """One thing downloads are made from: its id in the manifest, its names, the model object."""

    source: str
    item: Any
    #: The values a path or title pattern may name: id, stem, title, label, edition.
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Scope:
    """What one file of an output is made from, and where such files go in a day pack."""

    name: str
    subjects: Callable[[Handbook], Iterator[Subject]]
    fields: frozenset[str]
    #: "module": in the folder of the module; "shared": beside each module that uses it;
    #: "day": at the front of the pack; "": never packed.
    pack: str = ""


def _programme(handbook: Handbook) -> Iterator[Subject]:
    programme = handbook.programme
    name = slug(programme.title)
    yield Subject(name, programme, (("id", name), ("title", programme.title)))


def _chapters(handbook: Handbook) -> Iterator[Subject]:
    for chapter in handbook.chapters:
        yield Subject(chapter.source, chapter, (("id", chapter.id), ("title", chapter.title)))


def _frameworks(handbook: Handbook) -> Iterator[Subject]:
    for framework in handbook.frameworks:
        yield Subject(framework.id, framework, (("id", framework.id), ("title", framework.title)))


def _modules(handbook: Handbook) -> Iterator[Subject]:
    for module in handbook.modules:
        yield Subject(module.id, module, (("id", module.id), ("title", module.title)))


def _resources(handbook: Handbook) -> Iterator[Subject]:
    for resource in handbook.resources:
        names = (("id", resource.id), ("stem", resource.file_stem), ("title", resource.title))
        yield Subject(resource.id, resource, names)


def _days(handbook: Handbook) -> Iterator[Subject]:
    return map(day_subject, handbook.programme.days)


def day_subject(day: TrainingDay) -> Subject:
    """A training day as the subject of its running order and its pack."""
    return Subject(day.id, day, (("id", day.id), ("title", day.title), ("label", day.label)))


def _calendar(handbook: Handbook) -> Iterator[Subject]:
    programme = handbook.programme
    stem = f"{slug(programme.title)}-{slug(programme.edition)}"
    names = (("id", "calendar"), ("stem", stem), ("title", programme.title))
    yield Subject("calendar", programme, (*names, ("edition", programme.edition)))


#: Every scope, in the order the plan visits them.
SCOPES = {
    scope.name: scope
    for scope in (
        Scope("programme", _programme, frozenset({"id", "title"})),
        Scope("chapter", _chapters, frozenset({"id", "title"})),
        Scope("framework", _frameworks, frozenset({"id", "title"})),
        Scope("module", _modules, frozenset({"id", "title"}), pack="module"),
        Scope("resource", _resources, frozenset({"id", "stem", "title"}), pack="shared"),
        Scope("day", _days, frozenset({"id", "title", "label"}), pack="day"),
        Scope("calendar", _calendar, frozenset({"id", "stem", "title", "edition"})),
        # The built site itself (the offline pack): made after the pages, by generator/site/.
        Scope("site", _programme, frozenset({"id", "title"})),
    )
}


@dataclass(frozen=True)
class Planning:
    """What every slice may read: the model, the cover of every download, the epoch."""

    handbook: Handbook
    cover: Cover
    epoch: int


#: The model slice one file is built from, or None when this subject has no such file.
Slicer = Callable[[Planning, Any, str], "tuple[object, ...] | None"]


def item_slice(planning: Planning, item: Any, format: str) -> tuple[object, ...]:
    """The usual slice: the subject itself, the cover and the epoch."""
    return (item, planning.cover, planning.epoch)


@dataclass(frozen=True)
class Output:
    """One kind of download, declared once.

    `builder(format, *slice(planning, item, format))` makes a file's bytes and must be a
    top-level function (so a worker process can run it, and its name is in the cache key).
    An output without a builder is the training-day pack (a ZIP of the day's packed files)
    or, of scope "site", the offline pack, which the site stage zips from the built site.
    """

    #: The manifest's kind, such as "facilitator-guide".
    kind: str
    #: What one file is made from: a key of SCOPES.
    scope: str
    #: Its formats, in the order they are built and listed.
    formats: tuple[str, ...]
    #: Where a file goes under downloads/, without the extension: "modules/{id}/slides".
    path: str
    builder: Callable[..., bytes] | None
    #: The wording key of what the file is, such as "facilitator_guide_download".
    name: str = ""
    #: The wording key of the title pattern; None: the title of what it is made from.
    title: str | None = "download_title"
    slice: Slicer = item_slice
    #: Whether its files are styled by the theme folder of their format (in the cache key).
    themed: bool = True
    #: Whether its files go into each training-day pack (where depends on the scope).
    in_day_pack: bool = False
    #: Whether its tools need hundreds of megabytes a file (pandoc and Typst on the whole
    #: handbook), so its files are made one at a time before the rest, with nothing beside them.
    alone: bool = False

    def path_of(self, subject: Subject, format: str) -> str:
        """The file's path under downloads/."""
        return f"{fill(self.path, dict(subject.fields))}.{format}"

    def title_of(self, subject: Subject, words: Wording) -> str:
        """What the file is and whose, as the manifest and the links say it."""
        values = dict(subject.fields)
        if self.title is None:
            return values["title"]
        if self.name:
            values["name"] = words[self.name]
        return fill(words[self.title], values)


@dataclass(frozen=True)
class Outputs:
    """The ordered table of outputs; its order is the manifest's order of kinds."""

    entries: tuple[Output, ...]

    def __post_init__(self) -> None:
        problems = [p for output in self.entries for p in declaration_problems(output, self)]
        kinds = [output.kind for output in self.entries]
        problems += [f"'{k}' is declared twice" for k in sorted(set(kinds)) if kinds.count(k) > 1]
        if sum(output.builder is None and output.scope == "day" for output in self.entries) > 1:
            problems.append("only one output may be the day pack (no builder)")
        if problems:
            raise ValueError("the registry of outputs is wrong:\n  " + "\n  ".join(problems))

    def __iter__(self) -> Iterator[Output]:
        return iter(self.entries)

    def check_words(self, wording: Mapping[str, str]) -> None:
        """Refuse a table naming words the theme in use lacks (checked when a build plans,
        since the theme is the project's and is not known when the table is made)."""
        problems = [
            p
            for output in self.entries
            if (scope := SCOPES.get(output.scope))
            for p in _wording_problems(output, scope, wording)
        ]
        if problems:
            raise ValueError("the registry of outputs is wrong:\n  " + "\n  ".join(problems))

    @property
    def alone(self) -> frozenset[str]:
        """The kinds made one file at a time before the rest, to bound peak memory."""
        return frozenset(output.kind for output in self.entries if output.alone)

    @property
    def kinds(self) -> tuple[str, ...]:
        """Every kind, in the manifest's order."""
        return tuple(output.kind for output in self.entries)

    @property
    def scopes(self) -> dict[str, str]:
        """Kind -> scope, for the pages that list downloads by scope."""
        return {output.kind: output.scope for output in self.entries}

    def of_scope(self, scope: str) -> tuple[Output, ...]:
        """The outputs made from each subject of one scope, in table order."""
        return tuple(output for output in self.entries if output.scope == scope)

    def packed(self, place: str) -> tuple[str, ...]:
        """The kinds a day pack holds at one place: "module", "shared" or "day"."""
        return tuple(
            o.kind for o in self.entries if o.in_day_pack and SCOPES[o.scope].pack == place
        )

    @property
    def day_pack(self) -> Output | None:
        """The output that packs each training day's files, if there is one."""
        return next((o for o in self.entries if o.builder is None and o.scope == "day"), None)

    @property
    def site_packs(self) -> tuple[Output, ...]:
        """The outputs the site stage makes from the built site: the offline pack."""
        return self.of_scope("site")

    def without(self, *kinds: str) -> Outputs:
        """The table less some kinds, for measuring what they cost."""
        return Outputs(tuple(o for o in self.entries if o.kind not in kinds))


def declaration_problems(output: Output, outputs: Outputs) -> Iterator[str]:
    """What is wrong with one declaration, each as a sentence naming the kind and the fix."""
    kind = f"output '{output.kind}'"
    scope = SCOPES.get(output.scope)
    if scope is None:
        yield f"{kind}: unknown scope '{output.scope}'; use one of {', '.join(SCOPES)}"
        return
    for format in output.formats:
        if format not in FORMATS:
            yield f"{kind}: unknown format '{format}'; name it in FORMAT_NAMES in downloads.py"
    if not output.formats:
        yield f"{kind}: no formats"
    if escapes(output.path):
        yield f"{kind}: the path '{output.path}' leaves downloads/; give a relative path inside it"
    for name in set(PLACEHOLDER.findall(output.path)) - (PATH_FIELDS & scope.fields):
        yield f"{kind}: the path names '{{{name}}}', which a {scope.name} has no file name for"
    if output.in_day_pack and not scope.pack:
        yield f"{kind}: a {scope.name}'s files cannot go into a day pack"
    if output.builder is None and (scope.name, output.formats) not in PACKS:
        yield f"{kind}: only a pack (format zip, scope day or site) may have no builder"
    if output.builder is not None and scope.name == "site":
        yield f"{kind}: a site's file is zipped from the built site and has no builder"
    yield from _unnamed_functions(output, kind)


def escapes(path: str) -> bool:
    """Whether a path would leave the downloads folder: absolute, with '..', a backslash
    or an empty part."""
    parts = path.split("/")
    return path.startswith("/") or "\\" in path or any(p in ("", ".", "..") for p in parts)


def _unnamed_functions(output: Output, kind: str) -> Iterator[str]:
    """A builder or slice that no other build could name (a lambda) cannot be in a key."""
    for field_name, function in (("builder", output.builder), ("slice", output.slice)):
        try:
            if function is not None:
                function_name(function)
        except TypeError as error:
            yield f"{kind}: {field_name}: {error}; declare a function by name"


def _wording_problems(output: Output, scope: Scope, wording: Mapping[str, str]) -> Iterator[str]:
    kind = f"output '{output.kind}'"
    for key in (output.name, output.title):
        if key and key not in wording:
            yield f"{kind}: no wording '{key}'; add it to theme/wording.yml"
    if output.title and output.title in wording:
        known = scope.fields | ({"name"} if output.name else set())
        for name in set(PLACEHOLDER.findall(wording[output.title])) - known:
            yield f"{kind}: the title '{output.title}' names '{{{name}}}', which it does not have"
