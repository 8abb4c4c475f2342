"""Swapping a new site in: readers see the old site or the new one, and the old one goes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.site import retire
from generator.site.retire import swap_and_retire


def site(folder: Path, text: str) -> Path:
    (folder / "page").mkdir(parents=True)
    (folder / "page" / "index.html").write_text(text, encoding="utf-8")
    return folder


def gone(paths: list[Path], seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(path.exists() for path in paths):
            return True
        time.sleep(0.05)
    return False


def test_the_new_site_replaces_the_old_and_the_old_is_removed(tmp_path: Path) -> None:
    target = site(tmp_path / "site", "old")
    swap_and_retire(site(tmp_path / ".site-new", "new"), target)
    assert (target / "page" / "index.html").read_text(encoding="utf-8") == "new"
    assert gone(list(tmp_path.glob(".site.retired-*")))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_first_site_is_moved_into_place(tmp_path: Path) -> None:
    swap_and_retire(site(tmp_path / ".site-new", "new"), tmp_path / "site")
    assert (tmp_path / "site" / "page" / "index.html").read_text(encoding="utf-8") == "new"


def test_sites_left_by_an_interrupted_build_are_removed(tmp_path: Path) -> None:
    left = site(tmp_path / ".site.retired-1-2", "left over")
    target = site(tmp_path / "site", "old")
    swap_and_retire(site(tmp_path / ".site-new", "new"), target)
    assert gone([left, *tmp_path.glob(".site.retired-*")])


def test_without_rm_the_old_site_is_removed_before_returning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(retire.shutil, "which", lambda name: None)
    target = site(tmp_path / "site", "old")
    swap_and_retire(site(tmp_path / ".site-new", "new"), target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_when_the_new_site_cannot_be_moved_in_the_old_one_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = site(tmp_path / "site", "old")
    missing = tmp_path / ".site-never-made"
    with pytest.raises(OSError):
        swap_and_retire(missing, target)
    assert (target / "page" / "index.html").read_text(encoding="utf-8") == "old"
