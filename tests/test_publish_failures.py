"""A download that fails, or that the gate refuses, leaves the published site as it was.

A tiny project is built and published with every download, once per engine. Then its chapter
is edited (so the pages and the downloads that show it are made again) and the build is made
to fail while exporting: pandoc exits with an error, Typst refuses its markup, or a PDF comes
out holding JavaScript, which only the gate on the output can see. Each time the build must
stop with its own error, and site/ (pages, downloads and manifest.json) must keep every byte.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import with_site_look, write_project
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from generator.cli.build import BuildOptions, build
from generator.errors import ToolError
from generator.export import pandoc, typst_pdf
from generator.gate import GateClosed
from generator.site.engines import ENGINES

pytestmark = pytest.mark.slow

CHAPTER = "content/handbook/basics/welcome.md"
Injection = Callable[[pytest.MonkeyPatch, Path], None]


def failing_pandoc(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> None:
    """pandoc exits with an error, as it does on a crash or a broken filter."""
    fake = tmp / "pandoc"
    fake.write_text("#!/bin/sh\necho 'pandoc: injected failure' >&2\nexit 83\n")
    fake.chmod(0o755)
    monkeypatch.setattr(pandoc, "executable", lambda: str(fake))


def failing_typst(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> None:
    """Typst is given markup it refuses (compiled in the export's worker processes)."""
    to_typst = pandoc.to_typst

    def refused(*args: object, **kwargs: object) -> str:
        return to_typst(*args, **kwargs) + '\n#panic("injected failure")\n'  # type: ignore[arg-type]

    monkeypatch.setattr(pandoc, "to_typst", refused)


def scripted_pdf(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> None:
    """Every PDF comes out holding JavaScript: nothing but the gate looks inside."""
    compile_pdf = typst_pdf.compile_pdf

    def with_script(markup: str, root: Path, epoch: int) -> bytes:
        writer = PdfWriter(clone_from=io.BytesIO(compile_pdf(markup, root, epoch)))
        script = {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert(1)"),
        }
        writer.root_object[NameObject("/OpenAction")] = DictionaryObject(script)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    monkeypatch.setattr(typst_pdf, "compile_pdf", with_script)


INJECTIONS: dict[str, tuple[Injection, type[Exception], str]] = {
    "pandoc-fails": (failing_pandoc, ToolError, "injected failure"),
    "typst-fails": (failing_typst, ToolError, "injected failure"),
    "gate-finds-script-in-a-pdf": (scripted_pdf, GateClosed, "JavaScript"),
}


@pytest.fixture(scope="module", params=ENGINES)
def published(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """The tiny project published with every download by one engine; tests copy it."""
    engine = str(request.param)
    root = with_site_look(write_project(tmp_path_factory.mktemp(engine) / "project"))
    build(root, BuildOptions(engine=engine))
    (root / "engine").write_text(engine)
    return root


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.mark.parametrize("injection", INJECTIONS)
def test_a_failed_export_leaves_the_published_site_unchanged(
    published: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, injection: str
) -> None:
    root = tmp_path / "project"
    shutil.copytree(published, root, symlinks=True)
    engine = (root / "engine").read_text()
    chapter = root / CHAPTER
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA new paragraph.\n")
    before = files(root / "site")
    assert "downloads/manifest.json" in before
    assert "downloads/handbook/test-partnership.pdf" in before

    inject, error, message = INJECTIONS[injection]
    inject(monkeypatch, tmp_path)
    with pytest.raises(error) as stopped:
        build(root, BuildOptions(engine=engine))

    assert message in str(stopped.value)
    assert files(root / "site") == before
