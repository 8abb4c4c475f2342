"""Load one version of a framework, from a file or from a git revision, for comparison."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from generator.check.schemas import ID_PATTERN
from generator.cli.alone import Alone
from generator.cli.build import BuildOptions, Run, run_phases
from generator.errors import UsageError
from generator.kinds import framework
from generator.kinds.framework import check_levels
from generator.kinds.framework_model import framework_from
from generator.model.objects import Framework
from generator.store import Store


def framework_from_text(text: str, rel: str) -> Framework:
    """A framework model from YAML text, through the build loop's load, check and model
    phases (cli/alone.py); raises ValidationFailed if the text is not valid."""
    alone = Alone(framework.KIND, rel, text, check_levels, framework_from)
    run = Run(Path(), BuildOptions(), Store.nowhere(), alone=alone)
    model: Framework = run_phases(run, until="model").result("model")
    return model


def resolve_version(root: Path, spec: str, framework_id: str | None) -> Framework:
    """A framework from a file path, or from a git revision such as HEAD~3 or v2.1."""
    path = Path(spec)
    if path.is_file():
        rel = (
            path.resolve().relative_to(root).as_posix()
            if path.resolve().is_relative_to(root)
            else spec
        )
        return framework_from_text(path.read_text(encoding="utf-8"), rel)
    check_revision(spec)
    rel = f"frameworks/{check_framework_id(framework_id or only_framework(root))}.yml"
    return framework_from_text(show_revision(root, spec, rel), f"{spec}:{rel}")


def compared_versions(
    root: Path, old: str, new: str | None, framework_id: str | None
) -> list[tuple[Framework, Framework]]:
    """The pairs of versions `handbook diff OLD [NEW]` compares.

    Without NEW, OLD is a revision compared with the working tree: every framework that
    exists in both (or the one named by --framework).
    """
    if new is not None:
        return [
            (resolve_version(root, old, framework_id), resolve_version(root, new, framework_id))
        ]
    if Path(old).is_file():
        raise UsageError(f"give a second framework file to compare {old} with")
    check_revision(old)
    ids = [check_framework_id(framework_id)] if framework_id else _framework_ids(root)
    pairs = []
    for fid in ids:
        rel = f"frameworks/{fid}.yml"
        current = root / rel
        if not current.is_file():
            raise UsageError(f"no framework {rel} in the working tree")
        if framework_id or _exists_at(root, old, rel):
            before = framework_from_text(show_revision(root, old, rel), f"{old}:{rel}")
            pairs.append((before, framework_from_text(current.read_text(encoding="utf-8"), rel)))
    if not pairs:
        raise UsageError(f"'{old}' is not a git revision holding any of {', '.join(ids)}")
    return pairs


def _framework_ids(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "frameworks").glob("*.yml"))


def _exists_at(root: Path, revision: str, rel: str) -> bool:
    """Whether a file exists at a revision (a framework added since is not compared)."""
    result = subprocess.run(
        ["git", "cat-file", "-e", "--end-of-options", f"{check_revision(revision)}:{rel}"],
        cwd=root,
        capture_output=True,
        check=False,
    )
    return result.returncode == 0


def check_revision(revision: str) -> str:
    """A git revision from the command line; one that git could read as an option is refused."""
    if revision.startswith("-") or not revision.strip():
        raise UsageError(
            f"'{revision}' is not a file or a git revision: a revision cannot start with '-' "
            "(give a branch, tag or commit such as HEAD~1 or v2.1)"
        )
    return revision


def check_framework_id(framework_id: str) -> str:
    """A framework id from the command line: lower-case words joined by hyphens, nothing else."""
    if re.fullmatch(ID_PATTERN, framework_id) is None:
        raise UsageError(
            f"--framework '{framework_id}' is not a framework id "
            "(lower-case letters, digits and hyphens, e.g. peer-review-framework)"
        )
    return framework_id


def only_framework(root: Path) -> str:
    """The id of the project's single framework; asks for --framework when there are several."""
    found = sorted(p.stem for p in (root / "frameworks").glob("*.yml"))
    if len(found) != 1:
        raise UsageError(f"name the framework with --framework (one of: {', '.join(found)})")
    return found[0]


def show_revision(root: Path, revision: str, rel: str) -> str:
    """The text of a file at a git revision."""
    try:
        result = subprocess.run(
            # --end-of-options: whatever the revision says, git reads it as a revision.
            ["git", "show", "--end-of-options", f"{check_revision(revision)}:{rel}"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as error:
        raise UsageError(f"git is needed to read revision '{revision}': {error}") from error
    if result.returncode != 0:
        message = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "unknown"
        raise UsageError(
            f"'{revision}' is neither a file nor a git revision holding {rel} ({message})"
        )
    return result.stdout
