"""The build matrix of .github/workflows/editions.yml: the core, then every edition.

Reads the output of `handbook editions --format json` and prints the `editions=` line a
workflow step appends to $GITHUB_OUTPUT.
"""

from __future__ import annotations

import json
import sys


def matrix(editions: list[dict[str, str]]) -> list[dict[str, str]]:
    """The core (published at the site's root) and each edition at its own path."""
    return [{"id": "core", "title": "core", "path": ""}, *editions]


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as listing:
        print("editions=" + json.dumps(matrix(json.load(listing))))
