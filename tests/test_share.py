"""Identical files of the sites built in one run are hard-linked, never changed in bytes."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from generator.site.share import Shared


def _site(folder: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def test_a_file_identical_to_one_built_earlier_becomes_a_link_to_it(tmp_path: Path) -> None:
    core = _site(tmp_path / "core", {"a.css": b"same", "b.pdf": b"core's own"})
    edition = _site(tmp_path / "edition", {"a.css": b"same", "b.pdf": b"edition's"})
    shared = Shared()
    shared.add_site(core)
    shared.add_site(edition)
    assert (edition / "a.css").samefile(core / "a.css")
    assert not (edition / "b.pdf").samefile(core / "b.pdf")
    assert (edition / "b.pdf").read_bytes() == b"edition's"
    assert (shared.linked, shared.saved) == (1, 4)
    assert sorted(p.name for p in edition.iterdir()) == ["a.css", "b.pdf"]  # nothing left over


def test_a_published_site_is_found_where_it_was_moved(tmp_path: Path) -> None:
    staged = _site(tmp_path / "staging", {"x.js": b"script"})
    shared = Shared()
    shared.add_site(staged)
    staged.rename(tmp_path / "site")
    shared.published(staged, tmp_path / "site")
    later = _site(tmp_path / "later", {"x.js": b"script"})
    shared.add_site(later)
    assert (later / "x.js").samefile(tmp_path / "site" / "x.js")


def test_editions_inside_the_cores_site_are_left_to_their_own_build(tmp_path: Path) -> None:
    core = _site(tmp_path / "core", {"a.css": b"same", "north/a.css": b"same"})
    Shared().add_site(core, leave_out=frozenset({"north"}))
    assert not (core / "north" / "a.css").samefile(core / "a.css")


def test_where_no_link_can_be_made_the_copy_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(source: object, target: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    core = _site(tmp_path / "core", {"a.css": b"same"})
    edition = _site(tmp_path / "edition", {"a.css": b"same"})
    monkeypatch.setattr(os, "link", refuse)
    shared = Shared()
    shared.add_site(core)
    shared.add_site(edition)
    assert not (edition / "a.css").samefile(core / "a.css")
    assert (edition / "a.css").read_bytes() == b"same"
    assert shared.linked == 0
    assert sorted(p.name for p in edition.iterdir()) == ["a.css"]


def test_templates_compiled_by_one_build_are_not_compiled_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jinja2

    from generator.site.engines import CompiledTemplates

    (tmp_path / "main.html").write_text("<p>{{ title }}</p>", encoding="utf-8")
    compiled = CompiledTemplates()
    compiles: list[str] = []
    real = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: str, *args: object, **kwargs: object) -> object:
        compiles.append(source)
        return real(self, source, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(jinja2.Environment, "compile", counted)

    def render(title: str) -> str:
        loader = jinja2.FileSystemLoader(str(tmp_path))
        env = jinja2.Environment(loader=loader, bytecode_cache=compiled)
        return env.get_template("main.html").render(title=title)

    assert render("Core") == "<p>Core</p>"
    assert render("North") == "<p>North</p>"  # a new environment, as each MkDocs build has
    assert len(compiles) == 1
    (tmp_path / "main.html").write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    assert render("South") == "<h1>South</h1>"  # an edited template is compiled again
    assert len(compiles) == 2
