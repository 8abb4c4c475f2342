"""The package as a user installs it: a wheel, not this checkout, builds the shipped content.

An editable install reads every file from the checkout, so a file the wheel leaves out (say
a Lua filter pandoc needs) is missed by every other test. This one builds the wheel from a
copy of the package, installs it into a new virtual environment and runs its `handbook
build` on a copy of the project folder, where no generator/ folder is in sight.

The new environment reaches the pinned dependencies already installed for the tests (a .pth
line naming this environment's site-packages) rather than installing them again, which
would copy some 400 MB; the wheel itself is installed without dependencies.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import REPO
from pypdf import PdfReader

pytestmark = [pytest.mark.slow, pytest.mark.wheel]

#: What a user copies to start a project: the sources, the look and the site settings.
PROJECT = ("content", "frameworks", "theme", "docs", "mkdocs.yml")
#: What the wheel is built from: the package and its metadata, nothing else of the checkout.
PACKAGE = ("generator", "pyproject.toml", "README.md")
FORMATS = {"pdf", "docx", "xlsx", "pptx", "ics", "zip"}
EPOCH = "1782864000"


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
    return result.stdout


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
    source = copy(PACKAGE, tmp / "source")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    run([*pip, "wheel", "--no-deps", "-q", "-w", tmp / "dist", "."], cwd=source)
    return next((tmp / "dist").glob("handbook_generator-*.whl"))


def environment(tmp: Path, package: Path) -> Path:
    """A new virtual environment holding the wheel, with this one's dependencies in reach."""
    venv = tmp / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp)
    python = venv / "bin" / "python"
    purelib = run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp)
    ours = sysconfig.get_paths()
    lines = sorted({ours["purelib"], ours["platlib"]})
    (Path(purelib.strip()) / "dependencies.pth").write_text("\n".join(lines) + "\n")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    run([*pip, "--python", python, "install", "--no-deps", "-q", package], cwd=tmp)
    return venv


def test_the_installed_wheel_builds_the_shipped_content_with_every_download(
    tmp_path: Path,
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

    run([venv / "bin/handbook", "build"], cwd=project, SOURCE_DATE_EPOCH=EPOCH)

    downloads = project / "site" / "downloads"
    manifest = json.loads((downloads / "manifest.json").read_text(encoding="utf-8"))
    entries = manifest["entries"]
    assert {entry["format"] for entry in entries} == FORMATS
    for entry in entries:
        path = project / "site" / entry["path"]
        assert path.stat().st_size == entry["bytes"], entry["path"]
    handbook = next(e for e in entries if e["kind"] == "handbook" and e["format"] == "pdf")
    assert len(PdfReader(project / "site" / handbook["path"]).pages) > 20
