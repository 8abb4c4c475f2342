"""The package as a user installs it: a wheel, not this checkout, builds the shipped content.

An editable install reads every file from the checkout, so a file the wheel leaves out (say
a Lua filter pandoc needs) is missed by every other test. This one builds the wheel from a
copy of the package, installs it into a new virtual environment with only the dependencies
pyproject.toml declares, offline from uv's cache, which `./dev test` filled when it installed
them (no index is asked, so a dependency used but not declared fails here), and runs its
`handbook build` on a copy
of the project folder, where no generator/ folder is in sight. Its downloads are those of
the editable build, file for file and byte for byte.

The copy starts with the editable build's store. Every key holds the fingerprint of the
generator package's files, so the wheel's build finds those entries only if it installed
exactly the files of the checkout's package; the smallest file of each format is taken out
of the store first, so the wheel's own code makes one of each (pandoc with its filters,
Typst, the Office writers) and every other file is checked against the store's bytes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, SHIPPED_EPOCH
from pypdf import PdfReader

from generator.store import FOLDER

pytestmark = [pytest.mark.slow, pytest.mark.wheel]

#: What a user copies to start a project: the sources, the look and the site settings.
PROJECT = ("content", "frameworks", "theme", "docs", "mkdocs.yml")
#: What the wheel is built from: the package and its metadata, nothing else of the checkout.
PACKAGE = ("generator", "pyproject.toml", "README.md")
FORMATS = {"pdf", "docx", "xlsx", "pptx", "ics", "zip"}
#: uv, pinned in the test extra: `./dev test` installed every dependency with it, so its cache
#: holds them all and it can install the wheel's again with the network turned off.
UV = Path(sys.executable).parent / "uv"
PIP = (sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input")


def run(command: list[str | Path], cwd: Path, **env: str) -> str:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def copy(names: tuple[str, ...], target: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in names:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    return target


def wheel(tmp: Path) -> Path:
    """The wheel, built with this environment's setuptools: nothing is fetched."""
    source = copy(PACKAGE, tmp / "source")
    command = [*PIP, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q"]
    run([*command, "-w", tmp / "dist", "."], cwd=source)
    return next((tmp / "dist").glob("handbook_generator-*.whl"))


def environment(tmp: Path, package: Path) -> Path:
    """A new virtual environment holding the wheel and its declared dependencies only."""
    if not UV.is_file():
        pytest.fail(f"{UV} is missing: run ./dev test (its set-up installs uv)")
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp)
    python = venv / "bin" / "python"
    run([UV, "pip", "install", "--offline", "-q", "--python", python, package], cwd=tmp)
    return venv


def forget_one_of_each_format(store: Path, site: Path) -> list[str]:
    """Take the smallest download of each format out of `store` (every entry holding its
    bytes: its own and a typeset document's); the paths of those downloads."""
    smallest: dict[str, dict[str, object]] = {}
    for entry in entries(site):
        kept = smallest.get(str(entry["format"]))
        if kept is None or int(str(entry["bytes"])) < int(str(kept["bytes"])):
            smallest[str(entry["format"])] = entry
    wanted = {(site / str(entry["path"])).read_bytes() for entry in smallest.values()}
    forgotten = 0
    for path in (store / "downloads").rglob("*"):
        if path.is_file() and path.read_bytes().partition(b"\n")[2] in wanted:
            path.unlink()
            forgotten += 1
    assert forgotten >= len(wanted)
    return sorted(str(entry["path"]) for entry in smallest.values())


def entries(site: Path) -> list[dict[str, object]]:
    manifest = json.loads((site / "downloads" / "manifest.json").read_text(encoding="utf-8"))
    return list(manifest["entries"])


def test_the_installed_wheel_builds_the_shipped_content_with_every_download(
    tmp_path: Path, shipped_project: Path
) -> None:
    package = wheel(tmp_path)
    # Every file the generator reads from its own package, not only its Python modules.
    data = {
        path.relative_to(REPO).as_posix()
        for path in (REPO / "generator").rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc")
    }
    assert data and data <= set(zipfile.ZipFile(package).namelist())
    venv = environment(tmp_path, package)
    project = copy(PROJECT, tmp_path / "project")
    where = run([venv / "bin/python", "-c", "import generator; print(generator.__file__)"], project)
    assert Path(where.strip()).is_relative_to(venv), where
    # Only what pyproject.toml declares is installed: none of the tests' own packages.
    test_only = subprocess.run([venv / "bin/python", "-c", "import pytest"], check=False)
    assert test_only.returncode != 0

    shutil.copytree(shipped_project / FOLDER, project / FOLDER)
    remade = forget_one_of_each_format(project / FOLDER, shipped_project / "site")
    said = run(
        [venv / "bin/handbook", "build", "--strict"], project, SOURCE_DATE_EPOCH=str(SHIPPED_EPOCH)
    )

    # The wheel's code made the files taken out, and found every other in the store.
    assert f"downloads ({len(remade)} rebuilt)" in said, (remade, said)
    built = entries(project / "site")
    assert {entry["format"] for entry in built} == FORMATS
    for entry in built:
        path = project / "site" / str(entry["path"])
        assert path.stat().st_size == entry["bytes"], entry["path"]
    # The same sources on the same date make the same files as the editable build.
    assert built == entries(shipped_project / "site")
    handbook = next(e for e in built if e["kind"] == "handbook" and e["format"] == "pdf")
    assert len(PdfReader(project / "site" / str(handbook["path"])).pages) > 20
