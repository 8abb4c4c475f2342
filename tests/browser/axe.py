"""axe-core, pinned, as `./dev test` fetched it (`npm pack`) into .cache/ before pytest starts.

The copy bundled by axe-core-python (4.4) predates WCAG 2.2's rules, so we pin our own.
No test fetches anything: without the file the accessibility tests fail, naming the set-up.
"""

from __future__ import annotations

from pathlib import Path

from conftest import REPO

#: ./dev reads the version from this line.
AXE_VERSION = "4.14.1"
SCRIPT = REPO / ".cache" / f"axe-core-{AXE_VERSION}" / "package" / "axe.min.js"


#: Where the test servers serve SCRIPT (no site has this path): a page loads it as a script
#: of its own, from the local server, instead of receiving its 560 KB through Playwright on
#: every run, which cost about 0.3 CPU seconds a page.
ADDRESS = "/.tests/axe-core/axe.min.js"


def served(path: str) -> Path | None:
    """The file a test server gives for a request path that is not the site's: axe-core."""
    if path.split("?")[0] != ADDRESS:
        return None
    if not SCRIPT.is_file():
        raise RuntimeError(f"{SCRIPT} is missing: run ./dev test (its set-up fetches axe-core)")
    return SCRIPT
