"""`handbook build --only PATH` and `--no-downloads`: quick builds that lose nothing."""

from __future__ import annotations

import dataclasses
import functools
import io
import zipfile
from pathlib import Path

import pytest

from generator.cli import only
from generator.cli.main import main
from generator.export.plan import Job

GUIDE = "downloads/modules/intro/facilitator-guide.pdf"
HANDOUTS = "downloads/modules/intro/handouts.docx"


def test_only_builds_the_one_download_asked_for(
    site_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "site"
    args = ["--root", str(site_project), "build", "--only", GUIDE, "--out", str(out)]
    assert main(args) == 0
    assert (out / GUIDE).read_bytes().startswith(b"%PDF")
    assert [p for p in out.rglob("*") if p.is_file()] == [out / GUIDE]
    assert f"Built {(out / GUIDE).as_posix()} (" in capsys.readouterr().err


def with_a_macro(data: bytes) -> bytes:
    """The Word file with a macro part added, which no exporter writes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for name in old.namelist():
            new.writestr(name, old.read(name))
        new.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0")
    return out.getvalue()


def tampered(jobs: tuple[Job, ...]) -> tuple[Job, ...]:
    """The jobs, with the handouts' Word file given a macro once built."""

    def build(job: Job) -> bytes:
        return with_a_macro(job.build())

    return tuple(
        dataclasses.replace(job, build=functools.partial(build, job))
        if f"downloads/{job.path}" == HANDOUTS
        else job
        for job in jobs
    )


def test_only_passes_the_one_download_through_the_gate_and_keeps_the_old_file(
    site_project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "site"
    args = ["--root", str(site_project), "build", "--only", HANDOUTS, "--out", str(out)]
    assert main(args) == 0
    good = (out / HANDOUTS).read_bytes()
    planned = only.plan_jobs
    monkeypatch.setattr(only, "plan_jobs", lambda *a, **k: tampered(planned(*a, **k)))
    capsys.readouterr()
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "the gate on the output stopped the build (1 finding); the previous file is left" in err
    assert (
        f"{HANDOUTS}: word/vbaProject.bin: a part that holds a program or a link to other data"
    ) in err
    assert (out / HANDOUTS).read_bytes() == good
    assert [p.name for p in (out / HANDOUTS).parent.iterdir()] == ["handouts.docx"]


def test_only_names_the_downloads_close_to_a_wrong_path(
    site_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--root", str(site_project), "build", "--only", "downloads/modules/intro/guide.pdf"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "no download is built at downloads/modules/intro/guide.pdf (did you mean " in err
    assert "modules/intro/facilitator-guide.pdf" in err


def test_a_build_without_downloads_keeps_the_last_ones_and_says_so(
    site_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(site_project), "build"]) == 0
    guide = site_project / "site" / GUIDE
    made = guide.read_bytes()
    source = site_project / "content/handbook/basics/welcome.md"
    source.write_text(source.read_text().replace("Schools improve", "Schools get better"))
    capsys.readouterr()
    assert main(["--root", str(site_project), "build", "--no-downloads"]) == 0
    assert guide.read_bytes() == made
    page = (site_project / "site/training/intro/index.html").read_text()
    assert "facilitator-guide.pdf" in page
    assert "kept the " in capsys.readouterr().err


def test_serve_says_when_a_save_fixes_the_last_error(
    site_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.cli.build import BuildOptions
    from generator.cli.preview import FIXED, Rebuilder

    options = BuildOptions(out=site_project / "build/preview", downloads=False)
    rebuild = Rebuilder(site_project, options)
    rebuild()
    assert FIXED not in capsys.readouterr().err
    module = site_project / "content/modules/intro.yml"
    good = module.read_text()
    module.write_text(good.replace("duration: 60", "duration: 65"))
    rebuild()
    assert "1 error found; nothing was published" in capsys.readouterr().err
    module.write_text(good)
    rebuild()
    assert capsys.readouterr().err.splitlines()[-1] == FIXED
    rebuild()
    assert FIXED not in capsys.readouterr().err
