"""A fingerprint of everything a build reads, so an unchanged project is not built twice.

"Nothing has changed" means nothing in the sources, the settings, the code (the store's
fingerprint: the generator package, the theme, mkdocs.yml and the tools' versions) *and*
the published tree: a build records the digest of every file it published, and the shortcut
is taken only when the output folder still holds exactly those files with those bytes. A
page tampered with or deleted in site/ is therefore built and published again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.store import FileDigests, Store, digest, files_digest

#: The project's folders and files whose every byte can change the output.
INPUTS = ("content", "frameworks", "docs", "mkdocs.yml")


def fingerprint(root: Path, settings: Mapping[str, object], store: Store) -> str:
    """A hash of every input file, the build settings and the store's code fingerprint."""
    inputs = [files_digest(root / name) for name in INPUTS]
    return store.key("inputs", json.dumps(settings, sort_keys=True, default=str), *inputs)


def published(
    out: Path, nested: frozenset[str] = frozenset(), digests: FileDigests | None = None
) -> dict[str, str]:
    """Every file in the published tree, by path, with the digest of its bytes.

    `nested` names top-level folders published by builds of their own (the editions), left
    out; `digests` are those a live preview keeps, so it reads only files it has not seen.
    """
    of = digests.of if digests is not None else lambda path: digest(path.read_bytes())
    return {
        path.relative_to(out).as_posix(): of(path)
        for path in sorted(out.rglob("*"))
        if (path.is_file() or path.is_symlink()) and path.relative_to(out).parts[0] not in nested
    }


def _key(store: Store, out: Path) -> str:
    return store.key("published", str(out.resolve()))


def _tree(out: Path, nested: frozenset[str], digests: FileDigests | None) -> str:
    """One digest of every published file's digest: what `record` keeps, `unchanged` checks."""
    return digest(json.dumps(published(out, nested, digests), sort_keys=True))


def unchanged(
    store: Store,
    out: Path,
    print_: str,
    nested: frozenset[str] = frozenset(),
    digests: FileDigests | None = None,
) -> bool:
    """True when `out` holds, byte for byte, what a build with this fingerprint published."""
    if not out.is_dir():
        return False
    recorded = store.load(_key(store, out), _record)
    if recorded is None or recorded[0] != print_:
        return False
    try:
        return recorded[1] == _tree(out, nested, digests)
    except OSError:
        return False


def record(
    store: Store,
    out: Path,
    print_: str,
    nested: frozenset[str] = frozenset(),
    digests: FileDigests | None = None,
) -> None:
    """Remember that `out` now holds the build with this fingerprint, and its files' digests."""
    store.save(_key(store, out), {"fingerprint": print_, "tree": _tree(out, nested, digests)})


def _record(value: Any) -> tuple[str, str]:
    return str(value["fingerprint"]), str(value["tree"])
