"""axe-core, pinned, as `./dev test` fetched it (`npm pack`) into .cache/ before pytest starts.

The copy bundled by axe-core-python (4.4) predates WCAG 2.2's rules, so we pin our own.
No test fetches anything: without the file the accessibility tests fail, naming the set-up.
"""

from __future__ import annotations

import functools

from conftest import REPO

#: ./dev reads the version from this line.
AXE_VERSION = "4.14.1"
SCRIPT = REPO / ".cache" / f"axe-core-{AXE_VERSION}" / "package" / "axe.min.js"


@functools.cache
def axe_script() -> str:
    """The text of axe.min.js, fetched by the set-up of `./dev test`."""
    if not SCRIPT.is_file():
        raise RuntimeError(f"{SCRIPT} is missing: run ./dev test (its set-up fetches axe-core)")
    return SCRIPT.read_text(encoding="utf-8")
