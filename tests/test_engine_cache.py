"""Zensical keeps a cache of its own beside its configuration (build/.cache) and cannot be
told to keep it elsewhere; it is used only when the build's store vouches for it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator.site.engines import trusted_cache, vouch_for_cache
from generator.store import Store


def cache_of(tmp_path: Path) -> Path:
    folder = tmp_path / "build" / ".cache"
    (folder / "pages").mkdir(parents=True)
    (folder / "pages" / "index.json").write_text('{"html": "<p>kept</p>"}')
    return folder


def test_a_cache_no_build_of_this_code_vouched_for_is_removed(tmp_path: Path) -> None:
    folder = cache_of(tmp_path)  # as if committed to the repository or copied in
    trusted_cache(folder, Store.at(tmp_path / "store"))
    assert not folder.exists()


def test_the_cache_this_build_left_is_kept(tmp_path: Path) -> None:
    store, folder = Store.at(tmp_path / "store"), cache_of(tmp_path)
    vouch_for_cache(folder, store)
    trusted_cache(folder, store)
    assert (folder / "pages" / "index.json").is_file()


def test_a_cache_changed_since_is_removed(tmp_path: Path) -> None:
    store, folder = Store.at(tmp_path / "store"), cache_of(tmp_path)
    vouch_for_cache(folder, store)
    (folder / "pages" / "index.json").write_text('{"html": "<script>x</script>"}')
    trusted_cache(folder, store)
    assert not folder.exists()


def test_a_cache_left_by_other_code_is_removed(tmp_path: Path) -> None:
    store, folder = Store.at(tmp_path / "store"), cache_of(tmp_path)
    vouch_for_cache(folder, store)
    trusted_cache(folder, dataclasses.replace(store, code="edited generator"))
    assert not folder.exists()


def test_without_a_store_nothing_is_trusted(tmp_path: Path) -> None:
    folder = cache_of(tmp_path)
    vouch_for_cache(folder, Store.nowhere())
    trusted_cache(folder, Store.nowhere())
    assert not folder.exists()
