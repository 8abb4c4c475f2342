"""Makes the test session's shared builds ahead of the workers that read them.

Started by tests/conftest.py in the controller of a parallel run of the whole suite, with the
folder the workers' temporary folders go in. Each build takes the same file lock a worker
would, so whichever comes first makes it and the other waits; a build that fails here is
simply made again by the first worker that needs it, which reports the failure.
"""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import PREBUILT, made_once


def main(base: Path) -> None:
    """Make every shared build under `base`, longest first."""
    for name, make in PREBUILT.items():
        made_once(base / f"shared-{name}", make)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
