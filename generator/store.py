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
import hashlib
import hmac
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
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
#: An environment variable that, when set, holds the secret instead: CI passes a repository
#: secret in it, so the jobs of one workflow can share a restored store (docs/editions.md).
SECRET_VARIABLE = "HANDBOOK_STORE_SECRET"
#: The fewest characters a secret may have.
SECRET_LENGTH = 32


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


class FileDigests:
    """The digests of files' bytes, kept by one process between its builds (a live preview)
    so that a file unchanged since it was last read is not read again.

    A file is known by its device, inode, size and modification time in nanoseconds, as
    make and rsync know it. Writing a file gives it a new modification time, and a build
    never writes through an output: it puts a new file (a new inode) in its place, so a
    hard link to an unchanged file keeps its digest in the site the link is made in, under
    any name. (The change time cannot be part of the key: making that link changes it.)
    The kernel takes times from a coarse clock, so two writes a few milliseconds apart can
    share one: a file modified within the last `SETTLED_NS` is read every time, never
    remembered. What this does not catch is a program that rewrites a file to the same size
    and then sets its modification time back, on purpose; only a live preview uses this.
    """

    #: How old a file's last change must be before its digest is remembered.
    SETTLED_NS = 2_000_000_000
    #: How many files are remembered before the memory is emptied and begun again.
    LIMIT = 200_000

    def __init__(self) -> None:
        self.known: dict[tuple[int, ...], str] = {}

    def of(self, path: Path) -> str:
        """`digest(path.read_bytes())`, read only when the file is new or changed."""
        stat = path.stat()
        signature = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
        found = self.known.get(signature)
        if found is not None:
            return found
        found = digest(path.read_bytes())
        if time.time_ns() - stat.st_mtime_ns > self.SETTLED_NS:
            if len(self.known) >= self.LIMIT:
                self.known.clear()
            self.known[signature] = found
        return found


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
    #: While builds share the store (`holding_prunes`), the keys any of them used, by space.
    held: dict[str, set[str]] | None = dataclasses.field(default=None, compare=False)
    #: A live preview's JSON entries, kept in its memory between rebuilds and written out
    #: when it stops (`in_memory`, `write_memory`).
    memory: dict[str, Any] | None = dataclasses.field(default=None, compare=False)

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
        if self.memory is not None and key in self.memory:
            value = self.memory[key]
        else:
            data = self.read("json", key)
            try:
                value = json.loads(data) if data is not None else None
            except ValueError:
                value = None
            if self.memory is not None:
                self.memory[key] = value
        try:
            return decode(value) if value is not None else None
        except Exception:  # noqa: BLE001 - any entry that does not fit is simply not used
            return None

    def save(self, key: str, value: object) -> None:
        """Store a JSON value under `key` (in memory only, for a live preview)."""
        if self.memory is not None:
            self.memory[key] = value
            return
        # Key order is kept: a reader may depend on it (MkDocs writes its search index in it).
        self.write("json", key, json.dumps(value).encode())

    def in_memory(self, memory: dict[str, Any]) -> Store:
        """This store for a live preview: JSON entries are read once, then kept in `memory`
        (which the preview keeps between rebuilds) and written only by `write_memory`."""
        return dataclasses.replace(self, memory=memory)

    def write_memory(self) -> None:
        """Write every entry kept in memory to the store; one that JSON would not give back
        unchanged (a date in a page's front matter, say) is written as absent."""
        for key, value in (self.memory or {}).items():
            try:
                text = json.dumps(value)
                if json.loads(text) != value:
                    text = "null"
            except (TypeError, ValueError):
                text = "null"
            self.write("json", key, text.encode())

    def prune(self, space: str, keep: Iterable[str]) -> int:
        """Delete the entries of `space` not in `keep`, so the store does not grow for ever."""
        if self.folder is None:
            return 0
        if self.held is not None:
            self.held.setdefault(space, set()).update(keep)
            return 0
        kept, removed = set(keep), 0
        for path in self._code_folder(space).glob("??/*"):
            if path.is_file() and path.name not in kept:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def holding_prunes(self) -> Store:
        """This store for several builds in a row (the core and its editions): each prune
        only notes what its build used, and `release` keeps what any of them used."""
        return dataclasses.replace(self, held={})

    def release(self) -> int:
        """Prune each space held, keeping the entries any of the builds used."""
        held, removed = self.held or {}, 0
        for space, keep in held.items():
            removed += dataclasses.replace(self, held=None).prune(space, keep)
        held.clear()
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
    """This user's secret for sealing entries, made on first use; random if it cannot be kept.

    A secret in $HANDBOOK_STORE_SECRET (of at least 32 characters) is used instead, so that
    machines given the same secret (CI's jobs) trust each other's entries, and no others."""
    shared = os.environ.get(SECRET_VARIABLE, "").strip().encode()
    if shared:
        return shared if len(shared) >= SECRET_LENGTH else os.urandom(32)
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
    return secret if len(secret) >= SECRET_LENGTH else os.urandom(32)
