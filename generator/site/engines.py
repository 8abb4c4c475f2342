"""The site engines: MkDocs with Material (the default) and Zensical, behind one interface.

Each engine takes the generated build/mkdocs.yml and its docs tree and builds the site into a
folder: `build_site(engine, config, site_dir, strict, previous)`. `previous` is the site the
last build published; an engine may reuse it when only page bodies changed, and must then give
the same bytes a full build would. Neither engine sees a hook or plugin of ours.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from generator.errors import ToolError, UsageError
from generator.site.split import COMPILED
from generator.store import Store, files_digest

ENGINES = ("mkdocs", "zensical")
#: Where Zensical writes the site: it accepts only a folder beside its configuration.
ZENSICAL_SITE = "site"
#: Where Zensical keeps its own cache: beside its configuration too, with no setting to move
#: it, so the store vouches for it instead (`trusted_cache`).
ZENSICAL_CACHE = ".cache"


def build_site(
    engine: str,
    config_file: Path,
    site_dir: Path,
    strict: bool,
    previous: Path | None = None,
    store: Store | None = None,
    compiled: CompiledTemplates | None = None,
    linked: bool = False,
) -> None:
    """Build the site with `engine` into `site_dir`, reusing `previous` where it is safe.

    `store` is the build's cache, where MkDocs' record of the pages is kept; without one
    every build is a full one. `compiled` holds the theme's templates compiled by earlier
    builds in this process (the core's and its editions' in one run). `linked`: `site_dir`
    already holds hard links to `previous`'s files (site/incremental.py `LinkedAhead`)."""
    builders: dict[str, Callable[..., None]] = {
        "mkdocs": functools.partial(build_with_mkdocs, compiled=compiled, linked=linked),
        "zensical": build_with_zensical,
    }
    if engine not in builders:
        raise UsageError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    builders[engine](config_file, site_dir, strict, previous, store or Store.nowhere())


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's Jinja templates as MkDocs compiled and listed them, kept in memory for
    the builds of one run (the core's and its editions'), so each edition's MkDocs neither
    compiles Material's templates again nor filters its thousands of files again.

    Jinja uses compiled code only for the very source it was compiled from (it compares a
    checksum). The listing is of the theme's folders, which a run does not change; it is
    MkDocs' list of the theme files to copy, whose filter reads only a file's name and the
    theme's static templates, both in the key."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}
        self.listed: dict[tuple[object, ...], list[str]] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()

    def environment(self, env: jinja2.Environment, theme: Any) -> jinja2.Environment:
        """`env`, MkDocs' environment for `theme`, using what earlier builds made."""
        env.bytecode_cache = self
        listing = env.list_templates
        key = (tuple(theme.dirs), tuple(theme.static_templates))

        def list_templates(
            extensions: Any = None, filter_func: Callable[[str], bool] | None = None
        ) -> list[str]:
            if extensions is not None or not _theme_files_filter(filter_func):
                return listing(extensions, filter_func)
            if key not in self.listed:
                self.listed[key] = listing(filter_func=filter_func)
            return list(self.listed[key])

        env.list_templates = list_templates  # type: ignore[method-assign]
        return env


def _theme_files_filter(filter_func: Callable[[str], bool] | None) -> bool:
    """Whether `filter_func` is MkDocs' own filter of the theme files to copy."""
    name = getattr(filter_func, "__qualname__", "")
    module = getattr(filter_func, "__module__", "")
    return module == "mkdocs.structure.files" and name.startswith("Files.add_files_from_theme.")


def _with_compiled(compiled: CompiledTemplates) -> Any:
    """A plugin that makes each template environment of MkDocs' theme use `compiled`."""
    from mkdocs.plugins import BasePlugin

    class Compiled(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        def on_config(self, config: Any) -> Any:
            theme = config.theme
            make = theme.get_env
            if not getattr(make, "compiled", False):
                environment = functools.partial(compiled.environment, theme=theme)
                get_env = functools.update_wrapper(lambda: environment(make()), make)
                get_env.compiled = True  # type: ignore[attr-defined]
                theme.get_env = get_env
            return config

    return Compiled()


def build_with_mkdocs(
    config_file: Path,
    site_dir: Path,
    strict: bool,
    previous: Path | None,
    store: Store,
    compiled: CompiledTemplates | None = None,
    linked: bool = False,
) -> None:
    """MkDocs and Material, in this process: only changed pages when the structure held."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from generator.site.incremental import build_changed_pages, build_everything

    with captured_log() as messages:
        try:
            config = load_config(
                config_file=str(config_file), site_dir=str(site_dir), strict=strict
            )
            if compiled is not None:
                config.plugins[COMPILED] = _with_compiled(compiled)
            if (
                strict
                or previous is None
                or not build_changed_pages(config, previous, store, linked)
            ):
                if linked:  # a full build starts from an empty folder, not the links
                    shutil.rmtree(site_dir)
                    site_dir.mkdir()
                build_everything(config, store)
        except (MkDocsException, OSError) as error:
            detail = "\n".join([*messages, str(error)])
            raise ToolError("MkDocs", f"mkdocs build -f {config_file}", detail) from error


def build_with_zensical(
    config_file: Path, site_dir: Path, strict: bool, previous: Path | None, store: Store
) -> None:
    """Zensical, in a process of its own; its cache in build/.cache makes rebuilds cheaper.

    Zensical writes only inside its configuration's folder, so the site is built into
    build/site and then moved to `site_dir`. Its cache is used only when the store vouches
    for it (`trusted_cache`), and vouched for again once the build has succeeded.
    """
    del previous  # Zensical's own cache plays that part
    built = config_file.parent / ZENSICAL_SITE
    cache = config_file.parent / ZENSICAL_CACHE
    shutil.rmtree(built, ignore_errors=True)
    trusted_cache(cache, store)
    command = [sys.executable, "-m", "zensical", "build", "-f", str(config_file)]
    if strict:
        command.append("--strict")
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not built.is_dir():
        detail = (result.stdout + result.stderr).strip()
        raise ToolError("Zensical", " ".join(command[2:]), detail)
    if site_dir.exists():
        os.rmdir(site_dir)  # the empty staging folder the caller made
    shutil.move(built, site_dir)
    vouch_for_cache(cache, store)


def trusted_cache(folder: Path, store: Store) -> None:
    """Remove an engine's own cache folder unless this machine's store vouches for it.

    The store keeps, sealed and keyed with the code's fingerprint, the digest of the folder
    as the last successful build of this code left it. A cache committed to the repository,
    restored from elsewhere, left by other code or a failed build, or changed since, does
    not match and is removed, so the engine starts afresh."""
    vouched = store.load(store.key("engine-cache", folder.name), _digest_text)
    if vouched is None or vouched != files_digest(folder):
        shutil.rmtree(folder, ignore_errors=True)


def vouch_for_cache(folder: Path, store: Store) -> None:
    """Record the digest of an engine's cache folder as this build left it."""
    store.save(store.key("engine-cache", folder.name), files_digest(folder))


def _digest_text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not a digest")
    return value


@contextmanager
def captured_log() -> Iterator[list[str]]:
    """Collect MkDocs' warnings so a failure can show them; keep its chatter off the terminal."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                messages.append(f"{record.levelname}: {record.getMessage()}")

    logger = logging.getLogger("mkdocs")
    handler, level, propagate = Collect(), logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


@contextmanager
def build_epoch(epoch: int) -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH while MkDocs runs, so its dates are the sources' own."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
