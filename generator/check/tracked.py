"""Stage 2, check: nothing git tracks may sit in a folder the build writes.

build/ holds caches and the staging docs tree, site/ the published site. Both are ignored by
.gitignore, but a pull request can still add a file there by force (`git add -f`): a cache
entry saying a hostile chapter was already checked, or a page the build would keep. So a
tracked file in an output folder is an error, which fails the workflow before any build
reads it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from generator.errors import Diagnostic

#: Folders the generator writes, relative to the project; mkdocs.yml's site_dir is added.
OUTPUT_FOLDERS = ("build", "site")
#: The one tracked file an output folder may hold: empty, it keeps build/docs (mkdocs.yml's
#: docs_dir) on a fresh clone, which plain `mkdocs build` needs before any hook runs.
PLACEHOLDERS = ("build/docs/.gitkeep",)
#: git's name for an empty file (SHA-1 and SHA-256 repositories).
EMPTY_BLOBS = (
    "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391",
    "473a0f4c3be8a93681a267e3b1e9a7dcda1185436fe141f7749120a303721813",
)
#: Tracked files named one by one before the rest are counted.
MAX_NAMED = 20


def output_folders(root: Path) -> list[str]:
    """The folders of a project that builds write: build/, site/ and mkdocs.yml's site_dir."""
    folders = list(OUTPUT_FOLDERS)
    config = root / "mkdocs.yml"
    if config.is_file():
        settings = yaml.load(config.read_text(encoding="utf-8"), Loader=_IgnoreTags)
        site_dir = (settings or {}).get("site_dir") if isinstance(settings, dict) else None
        if isinstance(site_dir, str) and site_dir.strip("./") and site_dir not in folders:
            folders.append(site_dir.strip("/"))
    return folders


def tracked_in(root: Path, folders: list[str]) -> list[str]:
    """Files git tracks (or has staged) under `folders`; none when `root` is not in git."""
    command = ["git", "-C", str(root), "ls-files", "-z", "--stage", "--", *folders]
    try:
        result = subprocess.run(command, capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return []
    if result.returncode != 0:
        return []  # not a git work tree, or git is missing: nothing can be tracked
    found = []
    for entry in result.stdout.decode("utf-8", "replace").split("\0"):
        if not entry:
            continue
        details, _, name = entry.partition("\t")
        blob = (details.split(" ") + ["", ""])[1]
        if name in PLACEHOLDERS and blob in EMPTY_BLOBS:
            continue
        found.append(name)
    return sorted(found)


def check_tracked_outputs(root: Path) -> list[Diagnostic]:
    """An error for each tracked file in an output folder, naming it and how to untrack it."""
    folders = output_folders(root)
    tracked = tracked_in(root, folders)
    found = []
    for name in tracked[:MAX_NAMED]:
        folder = name.split("/", 1)[0]
        message = (
            f"git tracks this file, but {folder}/ is written by the build: nothing in it may "
            "come from the repository"
        )
        hint = f"untrack it with `git rm --cached -r {folder}/` (the files stay on disk)"
        found.append(Diagnostic(name, 1, 1, message, hint=hint, code="file.tracked-output"))
    if len(tracked) > MAX_NAMED:
        rest = len(tracked) - MAX_NAMED
        message = f"and {rest} more tracked file{'s' * (rest != 1)} in {', '.join(folders)}"
        hint = "untrack them with `git rm --cached -r " + " ".join(f"{f}/" for f in folders) + "`"
        first = tracked[MAX_NAMED]
        found.append(Diagnostic(first, 1, 1, message, hint=hint, code="file.tracked-output"))
    return found


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!!python/name:` and `!ENV` tags are left as plain values."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)
