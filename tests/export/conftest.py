"""One export of the shipped content per test session: exporting every download is slow."""

from __future__ import annotations

import pickle
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import SHIPPED_EPOCH, shared_folder

from generator.cli.project import read_handbook
from generator.export import Manifest, export_all, typst_pdf
from generator.export.document import Cover
from generator.model.objects import Handbook
from generator.store import FOLDER, Store, machine_secret

REPO = Path(__file__).resolve().parents[2]
EPOCH = SHIPPED_EPOCH  # 1 July 2026, 00:00 UTC


@dataclass(frozen=True)
class Export:
    """Where the session's export went and what it reported."""

    site: Path
    cache: Path
    manifest: Manifest
    #: The fingerprint of the code the entries in `cache` were made by (the shared build's).
    code: str

    def store(self, folder: Path) -> Store:
        """A copy of the export's store in `folder`, for exporting again from it."""
        shutil.copytree(self.cache, folder)
        return Store(folder, self.code, machine_secret())

    @property
    def downloads(self) -> Path:
        """The downloads folder inside the site."""
        return self.site / "downloads"

    def file(self, kind: str, source: str, format: str) -> Path:
        """The file of one manifest entry."""
        return self.site / self.manifest.entry(kind, source, format).path


@pytest.fixture(scope="session", autouse=True)
def typst_workers() -> Iterator[None]:
    """Worker processes for the PDFs that tests typeset one at a time, as an export has.

    Without them each would compile in the test process, which would keep Typst's cache.
    """
    with typst_pdf.workers():
        yield


@pytest.fixture(scope="session")
def handbook(shipped_sources: Path) -> Handbook:
    """The model of the shipped content."""
    return read_handbook(shipped_sources)[0]


@pytest.fixture(scope="session")
def exported(
    handbook: Handbook, shipped_project: Path, tmp_path_factory: pytest.TempPathFactory
) -> Export:
    """Every download of the shipped content, exported on its own, for every xdist worker.

    The export reads the session's shared build's store, so it makes nothing that build made
    (test_store.py shows a cold export making every file; test_differential.py that a build
    from the store gives the bytes of a clean one).
    Read it, never change it: export again from `Export.store`, a copy.
    """
    code = Store.of_project(shipped_project).code

    def make(root: Path) -> None:
        shutil.copytree(shipped_project / FOLDER, root / "cache")
        store = Store(root / "cache", code, machine_secret())
        manifest = export_all(handbook, root / "site" / "downloads", cache=store, epoch=EPOCH)
        assert manifest.built == 0, "the shared build's store should hold every download"
        # The run's statistics (how many were built) are not in manifest.json.
        (root / "manifest.pickle").write_bytes(pickle.dumps(manifest))

    root = shared_folder(tmp_path_factory, "export", make)
    manifest = pickle.loads((root / "manifest.pickle").read_bytes())
    return Export(root / "site", root / "cache", manifest, code)


def cover(organisation: str = "Test Network") -> Cover:
    """A cover with the theme's wording, for calling one builder on its own."""
    return Cover(organisation, "2026/27", "CC BY-SA 4.0", "1 July 2026", "en-GB")


SOFFICE = shutil.which("soffice")


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice, which `./dev test` installs: without it the tests that need it fail."""
    if SOFFICE is None:
        pytest.fail("LibreOffice (soffice) is missing: run ./dev test, which installs it")
    return SOFFICE


def libreoffice_pdfs(sources: list[Path], out: Path, timeout: int = 300) -> Path:
    """PDFs of office files made by LibreOffice headless, in a throwaway profile, into `out`."""
    profile = out.parent / f"{out.name}-profile"
    command = [
        str(SOFFICE),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        *map(str, sources),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    missing = [s for s in sources if not (out / s.with_suffix(".pdf").name).is_file()]
    assert not missing, f"{' '.join(command)}\n{result.stdout}\n{result.stderr}"
    return out
