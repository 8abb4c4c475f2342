"""Run the gate on a built site: `python -m generator.gate SITE [DOCS]`.

Prints each finding and how long the gate took; exits 1 when there are findings. Use it
after changing the theme to see what theme/known-markup.yml is missing.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from generator.gate import check_output


def main(argv: list[str]) -> int:
    """Check the site named on the command line."""
    if not argv or len(argv) > 2:
        print("usage: python -m generator.gate SITE [DOCS]", file=sys.stderr)
        return 2
    started = time.perf_counter()
    findings = check_output(Path(argv[0]), Path(argv[1]) if len(argv) > 1 else None)
    for finding in findings:
        print(finding.format_text())
    files = sum(1 for p in Path(argv[0]).rglob("*") if p.is_file())
    seconds = time.perf_counter() - started
    print(f"{len(findings)} findings in {files} files, {seconds:.2f} s", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
