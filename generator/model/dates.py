"""Last-updated dates from git, with fallbacks so builds stay reproducible without history."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from generator.model.schoolyear import format_date
from generator.model.wording import Wording, wording


def source_epoch(root: Path, sources: tuple[str, ...]) -> int:
    """SOURCE_DATE_EPOCH if set, else the newest commit, else the newest source file."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    commits = commit_times(root)
    if commits:
        return max(commits.values())
    return max((int((root / s).stat().st_mtime) for s in sources), default=0)


def commit_times(root: Path) -> dict[str, int]:
    """The time of the last commit touching each file under content/ and frameworks/.

    Paths are relative to `root` (`--relative`), as the sources name them, also when the
    project sits in a subfolder of its repository; unquoted, so any file name matches.
    """
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotePath=false", "log", "--format=@%ct", "--name-only"]
            + ["--relative", "--", "content", "frameworks"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return {}
    times: dict[str, int] = {}
    current = 0
    for line in result.stdout.splitlines():
        if line.startswith("@"):
            current = int(line[1:])
        elif line.strip():
            times.setdefault(line.strip(), current)
    return times


def source_dates(
    root: Path, sources: tuple[str, ...], epoch: int, words: Wording | None = None
) -> dict[str, str]:
    """A display date ('25 November 2026') per source: its last commit, else the build epoch."""
    commits = commit_times(root)
    return {source: display_date(commits.get(source, epoch), words) for source in sources}


def display_date(epoch: int, words: Wording | None = None) -> str:
    """A date as the theme writes it: '25 November 2026'."""
    moment = datetime.fromtimestamp(epoch, tz=UTC).date()
    return format_date(moment, (words if words is not None else wording({})).date_format)
