"""The one cache: everything a build remembers, in build/cache/, under keys it can trust.

Every stage that remembers work between builds (the single-file checks, the rendered pages,
the gate's findings, the downloads, the incremental MkDocs record and the published tree)
keeps it here, and nowhere else. Three rules hold for every entry:

- **One fingerprint of the code in every key.** `Store.key` digests the fingerprint of all
  that can change an output (every file of the generator package, the project's theme/ and
  mkdocs.yml, the versions of pandoc, Typst, MkDocs, Material, Zensical and the libraries
  that read or write files), computed once when the store is opened. Moving or editing any
  module therefore changes every key: nothing made by other code is served.
- **Data, never code.** Entries are JSON, or the plain bytes of a download; nothing is ever
  unpickled, unmarshalled or imported from build/cache/.
- **Only this machine's entries.** Each entry is sealed with an HMAC under a secret kept
  outside the project (in the user's cache folder), so an entry committed to the repository
  or restored from elsewhere does not verify and is ignored, as is one that does not parse
  or whose shape the reader does not accept. The work is then simply done again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import enum
import hashlib
import hmac
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from decimal import Decimal
from importlib import metadata
from pathlib import Path, PurePath
from types import BuiltinFunctionType, FunctionType, MappingProxyType
from typing import Any, TypeVar

from generator.theme import current as current_theme
from generator.theme import of_project

T = TypeVar("T")

#: The generator package: every file in it is part of the fingerprint.
CODE = Path(__file__).resolve().parent
#: The tools and libraries whose versions are part of the fingerprint.
TOOLS = (
    "pypandoc-binary",
    "typst",
    "mkdocs",
    "mkdocs-material",
    "zensical",
    "pymdown-extensions",
    "Markdown",
    "Jinja2",
    "markdown-it-py",
    "Cerberus",
    "PyYAML",
    "python-docx",
    "python-pptx",
    "openpyxl",
    "icalendar",
    "lxml",
    "pypdf",
    "selectolax",
    "pillow",
)
#: Where the store lives inside a project's build folder.
FOLDER = Path("build") / "cache"
#: The secret entries are sealed with: per user, outside every project.
SECRET_NAME = "store.key"


def digest(*parts: str | bytes) -> str:
    """SHA-256 of the parts, each length-prefixed so ("ab", "c") differs from ("a", "bc")."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def files_digest(path: Path) -> str:
    """The digest of a file, or of every file in a folder (names and bytes); "" if absent."""
    if path.is_file():
        return digest(path.name, path.read_bytes())
    if not path.is_dir():
        return ""
    files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return digest(*(x for p in files for x in (p.relative_to(path).as_posix(), p.read_bytes())))


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file beside it, so no reader sees half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def tool_versions() -> list[str]:
    """`name=version` for every tool in TOOLS, and the Python running the build."""
    found = [f"python={sys.version}"]
    for name in TOOLS:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=absent")
    return found


def code_fingerprint(root: Path, package: Path | None = None) -> str:
    """The digest of everything besides the sources that can change what a build makes.

    `package` is the generator's own folder (this package unless a test names a copy)."""
    theme = of_project(root).folder
    return digest(
        *tool_versions(),
        files_digest(package or CODE),
        files_digest(theme),
        files_digest(root / "mkdocs.yml"),
    )


@dataclasses.dataclass(frozen=True)
class Store:
    """Entries under build/cache/, each keyed with the code's fingerprint and sealed."""

    folder: Path | None
    code: str
    secret: bytes

    @classmethod
    def of_project(cls, root: Path) -> Store:
        """The project's store, with the code's fingerprint worked out now (once a build)."""
        return cls(root / FOLDER, code_fingerprint(root), machine_secret())

    @classmethod
    def at(cls, folder: Path) -> Store:
        """A store in `folder` for work outside a project build (a test, a benchmark): its
        fingerprint is the code's, the current theme's and the tools' (no mkdocs.yml)."""
        theme = current_theme().folder
        code = digest(*tool_versions(), files_digest(CODE), files_digest(theme))
        return cls(folder, code, machine_secret())

    @classmethod
    def nowhere(cls) -> Store:
        """A store that remembers nothing: every lookup misses and nothing is written."""
        return cls(None, "", b"")

    def key(self, *parts: str | bytes) -> str:
        """The key of an entry made from `parts` by this code."""
        return digest(self.code, *parts)

    def _path(self, space: str, key: str) -> Path | None:
        if self.folder is None or len(key) != 64 or not key.isalnum():
            return None
        return self._code_folder(space) / key[:2] / key

    def _code_folder(self, space: str) -> Path:
        """Where this code's entries of a space live: apart from other code's, so they can
        be dropped together (`forget_other_code`)."""
        assert self.folder is not None
        return self.folder / space / digest(self.code)[:16]

    def read(self, space: str, key: str) -> bytes | None:
        """The bytes stored under `key`, or None when absent or not sealed by this machine."""
        path = self._path(space, key)
        try:
            sealed = path.read_bytes() if path is not None else b""
        except OSError:
            return None
        seal, _, data = sealed.partition(b"\n")
        return data if seal and hmac.compare_digest(seal, self._seal(key, data)) else None

    def write(self, space: str, key: str, data: bytes) -> None:
        """Store bytes under `key`; a store that cannot be written is no error."""
        path = self._path(space, key)
        if path is None:
            return
        with contextlib.suppress(OSError):
            write_atomic(path, self._seal(key, data) + b"\n" + data)

    def _seal(self, key: str, data: bytes) -> bytes:
        return hmac.new(self.secret, key.encode() + b"\0" + data, "sha256").hexdigest().encode()

    def load(self, key: str, decode: Callable[[Any], T]) -> T | None:
        """The JSON value under `key`, passed through `decode`; None when anything fails.

        `decode` checks the shape and builds the reader's own objects: whatever it raises
        (an old layout, a renamed field) means the entry is discarded and the work redone."""
        data = self.read("json", key)
        if data is None:
            return None
        try:
            return decode(json.loads(data))
        except Exception:  # noqa: BLE001 - any entry that does not fit is simply not used
            return None

    def save(self, key: str, value: object) -> None:
        """Store a JSON value under `key`."""
        # Key order is kept: a reader may depend on it (MkDocs writes its search index in it).
        self.write("json", key, json.dumps(value).encode())

    def prune(self, space: str, keep: Iterable[str]) -> int:
        """Delete the entries of `space` not in `keep`, so the store does not grow for ever."""
        if self.folder is None:
            return 0
        kept, removed = set(keep), 0
        for path in self._code_folder(space).glob("??/*"):
            if path.is_file() and path.name not in kept:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def forget_other_code(self) -> None:
        """Delete every entry made by other code (or another theme, mkdocs.yml or tools):
        none can be used again, and the store must not grow with every edit of the code."""
        if self.folder is None or not self.folder.is_dir():
            return
        for space in self.folder.iterdir():
            if not space.is_dir():
                continue
            for made_by in space.iterdir():
                if made_by.is_dir() and made_by != self._code_folder(space.name):
                    shutil.rmtree(made_by, ignore_errors=True)

    def table(self, name: str) -> Table:
        """A named table of small JSON entries, read and written whole (see Table)."""
        return Table(self, name)


class Table:
    """Many small entries kept as one JSON entry, so a build reads one file, not thousands.

    Each row's key is a `Store.key`, so it names the code that made it; the table keeps the
    rows a build used and writes itself back only when something changed."""

    def __init__(self, store: Store, name: str) -> None:
        self.store = store
        self.key = store.key("table", name)
        self.rows: dict[str, Any] = store.load(self.key, _rows) or {}
        self.used: set[str] = set()
        self.changed = False

    def get(self, key: str, decode: Callable[[Any], T]) -> T | None:
        """The row under `key` through `decode`, or None when absent or not of its shape."""
        self.used.add(key)
        if key not in self.rows:
            return None
        try:
            return decode(self.rows[key])
        except Exception:  # noqa: BLE001 - a row that does not fit is redone
            return None

    def put(self, key: str, value: object) -> None:
        """Remember a JSON value under `key`."""
        self.used.add(key)
        self.rows[key] = value
        self.changed = True

    def save(self) -> None:
        """Write the rows used by this build, when anything changed."""
        if not self.changed and set(self.rows) <= self.used:
            return
        self.store.save(self.key, {k: v for k, v in self.rows.items() if k in self.used})


def _rows(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError("a table is a JSON object")
    return value


def machine_secret() -> bytes:
    """This user's secret for sealing entries, made on first use; random if it cannot be kept."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base) / "handbook" / SECRET_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "wb") as stream:
            stream.write(os.urandom(32).hex().encode())
    except FileExistsError:
        pass
    except OSError:
        return os.urandom(32)
    try:
        secret = path.read_bytes().strip()
    except OSError:
        return os.urandom(32)
    return secret if len(secret) >= 32 else os.urandom(32)


def value_digest(value: object, leave_out: LeaveOut | None = None) -> str:
    """A digest that changes whenever anything readable in `value` does.

    Dataclasses, mappings, sequences, sets, dates, enums, paths and named functions are read
    field by field; `leave_out(obj)` names dataclass fields to skip, as does a field's
    metadata `{"digest": False}` (a count no template reads). Anything else (a lambda,
    an object of an unknown class) raises TypeError: a value that cannot be digested must be
    refused where it is declared, not silently make every page new."""
    return ValueDigests(leave_out).of(value)


LeaveOut = Callable[[object], Iterable[str]]


def _nothing(_: object) -> tuple[str, ...]:
    return ()


class ValueDigests:
    """`value_digest` for many values that share parts (the pages of one model): the digest
    of each frozen dataclass met is remembered for as long as this object lives."""

    def __init__(self, leave_out: LeaveOut | None = None) -> None:
        self.leave_out = leave_out or _nothing
        self.known: dict[int, tuple[object, bytes]] = {}
        self.fields: dict[type, tuple[str, ...]] = {}
        self.path: set[int] = set()

    def of(self, value: object) -> str:
        """The digest of `value`."""
        hasher = hashlib.sha256()
        self._feed(hasher, value)
        return hasher.hexdigest()

    def _feed(self, hasher: Any, value: object) -> None:
        if value is None or isinstance(value, bool | int | float | str | bytes):
            text = repr(value)
            hasher.update(f"{type(value).__name__}:{len(text)}:{text};".encode())
            return
        frozen = _is_frozen_dataclass(value)
        if frozen and id(value) in self.known:
            hasher.update(self.known[id(value)][1])
            return
        if id(value) in self.path:
            raise TypeError(f"a value that contains itself cannot be digested: {type(value)!r}")
        self.path.add(id(value))
        try:
            inner = hashlib.sha256() if frozen else hasher
            inner.update(f"<{type(value).__module__}.{type(value).__qualname__}".encode())
            for part in self._parts(value):
                self._feed(inner, part)
            inner.update(b">")
        finally:
            self.path.discard(id(value))
        if frozen:
            self.known[id(value)] = (value, inner.digest())
            hasher.update(self.known[id(value)][1])

    def _parts(self, value: object) -> Iterable[object]:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            names = self._field_names(value)
            return [x for name in names for x in (name, getattr(value, name))]
        if isinstance(value, set | frozenset):
            return sorted(self.of(item) for item in value)
        return _parts(value)

    def _field_names(self, value: object) -> tuple[str, ...]:
        skip = set(self.leave_out(value))
        if skip:
            return tuple(n for n in self._all_fields(type(value)) if n not in skip)
        return self._all_fields(type(value))

    def _all_fields(self, kind: type) -> tuple[str, ...]:
        if kind not in self.fields:
            self.fields[kind] = tuple(
                f.name for f in dataclasses.fields(kind) if f.metadata.get("digest", True)
            )
        return self.fields[kind]


def _is_frozen_dataclass(value: object) -> bool:
    params = getattr(type(value), "__dataclass_params__", None)
    return bool(params is not None and params.frozen)


def _parts(value: object) -> Iterable[object]:
    if isinstance(value, enum.Enum):
        return (value.value,)
    if isinstance(value, dict | MappingProxyType):
        return [x for item in value.items() for x in item]
    if isinstance(value, list | tuple):
        return value
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta | PurePath | Decimal):
        return (str(value),)
    if isinstance(value, FunctionType | BuiltinFunctionType | type):
        return (function_name(value),)
    if hasattr(value, "func") and hasattr(value, "args") and hasattr(value, "keywords"):
        return (value.func, value.args, value.keywords)  # functools.partial
    raise TypeError(f"cannot digest a value of type {type(value).__qualname__}")


def function_name(function: object) -> str:
    """`module.qualname` of a function or class declared at a module's top level.

    A lambda or a function made inside another has no name another build can find, so it
    is refused: it would make every key that holds it new each time."""
    module = getattr(function, "__module__", None)
    name = getattr(function, "__qualname__", "")
    if not module or "<" in name or not name:
        raise TypeError(f"{name or function!r} is not a function declared at a module's top level")
    return f"{module}.{name}"
