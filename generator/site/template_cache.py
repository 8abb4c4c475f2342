"""Compiled templates kept between runs, so a small rebuild does not compile every template.

Compiling the generator's page templates and Material's (with the navigation macros) costs
about as much as rendering a changed page at scale 10. Jinja's bytecode cache stores each
compiled template under its name and the digest of its source, so an edited template is
compiled again; the output does not depend on whether a template came from the cache.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

#: Beside the other caches in build/cache.
FOLDER = Path("cache") / "templates"


def keep_compiled(env: jinja2.Environment, build: Path) -> jinja2.Environment:
    """Give `env` a bytecode cache under `build` (the project's build folder)."""
    folder = build / FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return env
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env
