"""`handbook build --only PATH`: build one download, for checking a change to it quickly."""

from __future__ import annotations

import difflib
from pathlib import Path, PurePosixPath

from generator.cli.project import read_handbook
from generator.errors import UsageError
from generator.export import typst_pdf
from generator.export.plan import Job, plan_jobs
from generator.gate import enforce_download
from generator.model.dates import source_epoch
from generator.theme import of_project, using


def build_one(root: Path, wanted: str, out: Path) -> Path:
    """Build the download at `wanted` (its path under downloads/) into `out`; return the file.

    The site and the other downloads are left as they are; a training-day pack, which bundles
    other downloads, needs a full build. The download passes the same gate as in a full build
    before it replaces the old file, which stays as it was when the gate refuses.
    """
    with using(of_project(root)):
        handbook, _ = read_handbook(root)
        epoch = source_epoch(root, handbook.sources)
        jobs = plan_jobs(handbook, epoch - epoch % 86_400)
        job = _find(jobs, _under_downloads(wanted))
        with typst_pdf.workers():
            data = job.build()
    enforce_download(f"downloads/{job.path}", data)
    target = out / "downloads" / job.path
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(f".{target.name}.new")
    staged.write_bytes(data)
    staged.replace(target)
    return target


def _under_downloads(wanted: str) -> str:
    """The path below downloads/, whether given from the project, the site or downloads/."""
    parts = PurePosixPath(wanted.replace("\\", "/")).parts
    if "downloads" in parts:
        parts = parts[parts.index("downloads") + 1 :]
    return "/".join(parts)


def _find(jobs: tuple[Job, ...], path: str) -> Job:
    found = next((job for job in jobs if job.path == path), None)
    if found is not None:
        return found
    paths = sorted(job.path for job in jobs)
    close = difflib.get_close_matches(path, paths, n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}?" if close else "see site/downloads/manifest.json"
    raise UsageError(f"no download is built at downloads/{path} ({hint})")
