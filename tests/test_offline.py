"""The offline pack: listed in the manifest, the same bytes every build, pages that open files."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import with_site_look, write_project
from test_incremental import edit, full_builds

from generator.cli.build import BuildOptions, build
from generator.export.outputs import OUTPUTS
from generator.site.offline import LUNR, WORKER_SCRIPT, file_address, file_links, unloaded

pytestmark = pytest.mark.slow

PACK = "downloads/offline/test-partnership.zip"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny project built once with every download, the pack among them."""
    root = with_site_look(write_project(tmp_path_factory.mktemp("offline") / "project"))
    build(root, BuildOptions())
    return root


def manifest(site: Path) -> dict[str, Any]:
    return dict(json.loads((site / "downloads/manifest.json").read_text(encoding="utf-8")))


def members(site: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(site / PACK) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_pack_is_listed_in_the_manifest_with_its_size_and_digest(built: Path) -> None:
    listed = manifest(built / "site")
    (entry,) = [e for e in listed["entries"] if e["kind"] == "offline"]
    data = (built / "site" / entry["path"]).read_bytes()
    assert entry["path"] == PACK and entry["format"] == "zip"
    assert entry["bytes"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert entry["title"] == "Offline copy of the site: Test Partnership"
    assert "planned" not in listed
    kinds = [e["kind"] for e in listed["entries"]]
    assert kinds == sorted(kinds, key=OUTPUTS.kinds.index)


def test_two_builds_give_the_same_pack_in_sorted_dated_entries(built: Path, tmp_path: Path) -> None:
    build(built, BuildOptions(out=tmp_path / "again"))
    assert (tmp_path / "again" / PACK).read_bytes() == (built / "site" / PACK).read_bytes()
    with zipfile.ZipFile(built / "site" / PACK) as archive:
        infos = archive.infolist()
    names = [info.filename for info in infos]
    assert names == sorted(names)
    assert len({info.date_time for info in infos}) == 1


def test_the_pack_holds_the_site_but_not_itself(built: Path) -> None:
    site = built / "site"
    inside = members(site)
    published = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert PACK not in inside
    files = {name: (site / name).read_bytes() for name in published}
    assert published - set(inside) == {PACK} | unloaded(files)
    assert set(inside) - published == {WORKER_SCRIPT, "search/search_index.js"}
    listed = json.loads(inside["downloads/manifest.json"])
    assert [e for e in listed["entries"] if e["kind"] == "offline"] == []


def test_the_downloads_page_links_the_pack_with_its_size(built: Path) -> None:
    page = (built / "site/downloads/index.html").read_text(encoding="utf-8")
    size = manifest(built / "site")["entries"][-1]["bytes"]
    kilobytes = f"{round(size / 1024)} KB" if size < 1024 * 1024 else f"{size / 2**20:.1f} MB"
    link = re.search(r'<a href="offline/test-partnership\.zip">([^<]*)</a>', page)
    assert (
        link and link.group(1) == f"Offline copy of the site: Test Partnership (ZIP, {kilobytes})"
    )
    inside = members(built / "site")["downloads/index.html"].decode()
    assert 'href="offline/test-partnership.zip"' not in inside  # not in the ZIP, so not a link


def test_pages_in_the_pack_link_files_and_load_our_search_script_first(built: Path) -> None:
    inside = members(built / "site")
    page = inside["handbook/basics/welcome/index.html"].decode()
    hrefs = re.findall(r'<a [^>]*href="([^"]*)"', page)
    internal = [h for h in hrefs if not re.match(r"[a-z]+:|#", h)]
    assert internal and all(
        h.split("#")[0].endswith((".html", ".pdf", ".docx", ".zip", ".ics", ".xlsx", ".pptx"))
        for h in internal
    ), internal
    scripts = re.findall(r'<script src="([^"]*)"', page)
    assert scripts[-2:] == ["../../../assets/javascripts/offline-search.js", scripts[-1]]
    assert "/bundle." in scripts[-1]
    script = inside["search/search_index.js"]
    assert script.startswith(b"var __index = {") and script.endswith(b"};\n")
    index = json.loads(script.removeprefix(b"var __index = ").removesuffix(b";\n"))
    assert all(d["location"].split("#")[0].endswith(".html") for d in index["docs"])
    published = json.loads((built / "site/search/search_index.json").read_bytes())
    assert [d["text"] for d in index["docs"]] == [d["text"] for d in published["docs"]]


def test_the_pack_leaves_out_what_no_page_loads_and_the_site_keeps_it(built: Path) -> None:
    site = built / "site"
    inside = set(members(site))
    published = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    maps = {name for name in published if name.endswith(".map")}
    languages = {name for name in published if name.startswith(LUNR)}
    assert maps and languages and "search/search_index.json" in published  # the site keeps them
    assert [name for name in inside if name.endswith(".map")] == []
    assert [name for name in inside if name.startswith(LUNR)] == []  # English needs none
    assert {"search/search_index.json", "sitemap.xml", "404.html"}.isdisjoint(inside)


@pytest.mark.parametrize(
    ("languages", "scripts"),
    [
        (["en"], set()),
        (["de"], {"min/lunr.stemmer.support.min.js", "min/lunr.de.min.js"}),
        (
            ["en", "ja"],
            {
                "min/lunr.stemmer.support.min.js",
                "min/lunr.ja.min.js",
                "tinyseg.js",
                "min/lunr.multi.min.js",
            },
        ),
        (["th"], {"min/lunr.stemmer.support.min.js", "min/lunr.th.min.js", "wordcut.js"}),
    ],
)
def test_a_search_language_keeps_the_scripts_materials_worker_imports_for_it(
    languages: list[str], scripts: set[str]
) -> None:
    names = [LUNR + name for name in ("min/lunr.de.min.js", "wordcut.js", "tinyseg.js")]
    names += [LUNR + f"min/lunr.{name}.min.js" for name in ("ja", "th", "multi")]
    names += [LUNR + "min/lunr.stemmer.support.min.js"]
    index = json.dumps({"config": {"lang": languages}, "docs": []}).encode()
    files = {name: b"" for name in names} | {"search/search_index.json": index}
    kept = set(files) - unloaded(files) - {"search/search_index.json"}
    assert kept == {LUNR + name for name in scripts}


@pytest.mark.parametrize(
    ("href", "page", "address"),
    [
        ("../", "handbook/basics/welcome/index.html", "../index.html"),
        ("..", "handbook/basics/welcome/index.html", "../index.html"),
        (".", "handbook/index.html", "index.html"),
        ("basics/welcome/#why", "handbook/index.html", "basics/welcome/index.html#why"),
        ("#why", "handbook/index.html", "#why"),
        ("https://example.org/", "index.html", "https://example.org/"),
        ("../downloads/a.pdf", "handbook/index.html", "../downloads/a.pdf"),
        ("missing/", "index.html", "missing/"),
    ],
)
def test_a_link_to_a_folder_opens_its_index_page(href: str, page: str, address: str) -> None:
    folders = {"", "handbook", "handbook/basics", "handbook/basics/welcome"}
    assert file_address(href, page, folders) == address


def test_a_body_edit_rebuilds_one_page_and_the_pack_a_clean_build_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = with_site_look(write_project(tmp_path / "project"))
    build(project, BuildOptions())
    before = members(project / "site")
    fulls = full_builds(monkeypatch)
    edit(project, "Schools improve together.", "Schools improve together, every year.")
    build(project, BuildOptions())
    assert fulls == [], "the pack must not turn the next build into a full one"
    after = members(project / "site")
    assert b"every year" in after["handbook/basics/welcome/index.html"]
    assert b"every year" not in before["handbook/basics/welcome/index.html"]
    assert (
        manifest(project / "site")["entries"][-1]["sha256"]
        == hashlib.sha256((project / "site" / PACK).read_bytes()).hexdigest()
    )
    build(project, BuildOptions(out=tmp_path / "clean"))
    assert (tmp_path / "clean" / PACK).read_bytes() == (project / "site" / PACK).read_bytes()
    page = (tmp_path / "clean/downloads/index.html").read_bytes()
    assert page == (project / "site/downloads/index.html").read_bytes()


def test_only_tags_are_rewritten_not_text_scripts_or_comments() -> None:
    folders = {"", "handbook"}
    page = (
        '<a class="x" href="handbook/">H</a><link rel="next" href="handbook/">'
        '<code>&lt;a href="handbook/"&gt;</code><!-- <a href="handbook/"> -->'
        '<script>var s = \'<a href="handbook/">\';</script><a href="handbook/a.pdf">'
    )
    assert file_links(page, "index.html", folders) == page.replace(
        '<a class="x" href="handbook/">', '<a class="x" href="handbook/index.html">', 1
    ).replace('<link rel="next" href="handbook/">', '<link rel="next" href="handbook/index.html">')


def test_a_build_without_downloads_makes_no_pack(tmp_path: Path) -> None:
    project = with_site_look(write_project(tmp_path / "project"))
    build(project, BuildOptions())
    build(project, BuildOptions(downloads=False))
    listed = manifest(project / "site")
    assert not (project / "site" / PACK).exists()
    assert "planned" not in listed and "offline" not in {e["kind"] for e in listed["entries"]}
    assert b"offline/" not in (project / "site/downloads/index.html").read_bytes()
    build(project, BuildOptions())  # the next full build makes it again
    assert (project / "site" / PACK).stat().st_size == manifest(project / "site")["entries"][-1][
        "bytes"
    ]
