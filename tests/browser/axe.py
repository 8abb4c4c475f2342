"""axe-core, pinned, fetched once from the npm registry with `npm pack` into .cache/.

The copy bundled by axe-core-python (4.4) predates WCAG 2.2's rules, so we pin our own.
"""

from __future__ import annotations

import functools
import subprocess
import tarfile

from conftest import REPO

AXE_VERSION = "4.14.1"
CACHE = REPO / ".cache" / f"axe-core-{AXE_VERSION}"


@functools.cache
def axe_script() -> str:
    """The text of axe.min.js, fetching the pinned package the first time."""
    script = CACHE / "package" / "axe.min.js"
    if not script.is_file():
        _fetch()
    return script.read_text(encoding="utf-8")


def _fetch() -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["npm", "pack", f"axe-core@{AXE_VERSION}", "--pack-destination", str(CACHE), "--silent"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"npm pack axe-core@{AXE_VERSION} failed:\n{result.stderr}")
    archive = CACHE / f"axe-core-{AXE_VERSION}.tgz"
    with tarfile.open(archive) as tar:
        tar.extractall(
            CACHE,
            members=[m for m in tar.getmembers() if m.name == "package/axe.min.js"],
            filter="data",
        )
