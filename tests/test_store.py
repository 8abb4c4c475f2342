"""The one cache (generator/store.py): keys follow every line of code, entries are data only,
and nothing a pull request can commit under build/cache/ is trusted or run."""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, write_project

from generator.cli.build import BuildOptions, build
from generator.cli.project import check, read_handbook
from generator.errors import ValidationFailed
from generator.export import export_all
from generator.store import CODE, Store, code_fingerprint
from generator.values import value_digest

EPOCH = 1_782_864_000
#: One module in each stage package: an edit to any of them must reach every key.
EDITED = {
    "load": "load/sources.py",
    "model": "model/objects.py",
    "check": "check/validate.py",
    "kinds": "kinds/chapter.py",
    "render": "render/markdown.py",
    "export": "export/pandoc.py",
    "site": "site/write.py",
    "gate": "gate/pages.py",
    "cli": "cli/build.py",
}


def other_machine(store: Store) -> Store:
    """The same store as another machine (or a pull request) would seal it."""
    return dataclasses.replace(store, secret=b"someone else's secret" * 2)


def test_every_stage_package_is_named() -> None:
    packages = {p.name for p in CODE.iterdir() if (p / "__init__.py").is_file()}
    assert packages == set(EDITED), "name one module of each stage package in EDITED"


@pytest.mark.parametrize("stage", sorted(EDITED))
def test_an_edit_to_any_stage_changes_the_fingerprint(
    stage: str, project: Path, tmp_path: Path
) -> None:
    package = tmp_path / "generator"
    shutil.copytree(CODE, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = code_fingerprint(project, package)
    with (package / EDITED[stage]).open("a", encoding="utf-8") as module:
        module.write("\n# an edit that changes nothing but the bytes\n")
    assert code_fingerprint(project, package) != before


def test_downloads_made_by_other_code_are_rebuilt(tmp_path: Path) -> None:
    """The bug this store fixes: after an edit outside export/, every download was served
    from the cache. Each stage's edit changes the fingerprint (above); here a changed
    fingerprint rebuilds every download, and an unchanged one rebuilds none."""
    handbook = read_handbook(write_project(tmp_path / "project"))[0]
    store = Store.at(tmp_path / "cache")
    out = tmp_path / "site" / "downloads"
    first = export_all(handbook, out, cache=store, epoch=EPOCH)
    assert first.built == len(first.entries) > 0
    assert export_all(handbook, out, cache=store, epoch=EPOCH).built == 0
    edited = dataclasses.replace(store, code=store.code + " after an edit")
    assert export_all(handbook, out, cache=edited, epoch=EPOCH).built == len(first.entries)
    assert export_all(handbook, out, cache=other_machine(store), epoch=EPOCH).built == len(
        first.entries
    ), "entries sealed elsewhere are not used"


def test_entries_that_do_not_verify_parse_or_fit_are_discarded(tmp_path: Path) -> None:
    store = Store.at(tmp_path)
    key = store.key("a test")
    store.save(key, {"n": 1})
    assert store.load(key, lambda v: v["n"]) == 1
    assert store.load(key, lambda v: v["missing"]) is None, "a shape that does not fit"
    assert other_machine(store).load(key, lambda v: v) is None, "sealed by someone else"
    path = next((tmp_path / "json").rglob(key))
    seal, _, _ = path.read_bytes().partition(b"\n")
    path.write_bytes(seal + b"\n{not json")
    assert store.load(key, lambda v: v) is None
    path.write_bytes(b"garbage")
    assert store.load(key, lambda v: v) is None
    assert store.read("json", "../../etc/passwd") is None


def test_a_lambda_cannot_silently_switch_a_memo_off() -> None:
    @dataclasses.dataclass(frozen=True)
    class Declared:
        build: Any

    named = value_digest(Declared(build=functools.partial(json.dumps, 1)))
    assert named == value_digest(Declared(build=functools.partial(json.dumps, 1)))
    with pytest.raises(TypeError, match="lambda"):
        value_digest(Declared(build=lambda: 1))
    with pytest.raises(TypeError, match="cannot digest"):
        value_digest(object())


HOSTILE = """\
    ---
    title: Welcome
    part: basics
    order: 1
    summary: Start here.
    ---

    <script>alert(1)</script>
    """


class Payload:
    """Unpickling this writes a marker file: what a hostile pickle would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.write_text, (self.marker, "ran"))


def plant_hostile_cache(root: Path, marker: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a pull request could force-add under build/cache: pickles, Jinja bytecode, and
    a checks table at the very keys this code uses, made by this code with the content
    policy switched off and sealed with the attacker's own secret."""
    cache = root / "build" / "cache"
    blob = pickle.dumps(Payload(marker))
    for name in ("pages.pickle", "incremental-mkdocs.pickle", "templates/__jinja2_x.cache"):
        (cache / name).parent.mkdir(parents=True, exist_ok=True)
        (cache / name).write_bytes(blob)
    (cache / "checks.json").write_text(json.dumps({"context": "", "entries": {}}))
    with monkeypatch.context() as forging:
        forging.setattr("generator.store.machine_secret", lambda: b"the attacker's" * 3)
        forging.setattr("generator.check.validate.check_markup", lambda *_: [])
        assert not check(root)[1], "the forged table says the hostile chapter is clean"
        forging.undo()
        forging.setattr("generator.store.machine_secret", lambda: b"the attacker's" * 3)
        assert not check(root)[1], "with the attacker's secret, the forgery would be used"


def test_a_committed_cache_is_neither_run_nor_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_project(tmp_path / "project", {"content/handbook/basics/welcome.md": HOSTILE})
    marker = tmp_path / "ran"
    plant_hostile_cache(root, marker, monkeypatch)
    with pytest.raises(ValidationFailed) as failure:
        build(root, BuildOptions(downloads=False))
    assert any(d.path.endswith("welcome.md") for d in failure.value.diagnostics)
    assert not marker.exists(), "nothing under build/cache/ may run"


def test_an_edit_to_a_copied_checkout_rebuilds_its_downloads(tmp_path: Path) -> None:
    """End to end, as the issue found it: a copy of the generator builds a project with
    downloads; one line added to render/markdown.py, and every download is made again."""
    copy = tmp_path / "checkout"
    shutil.copytree(CODE, copy / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    root = write_project(copy / "project")
    shutil.copytree(REPO / "theme", root / "theme")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "user")}
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import generator; assert generator.__file__.startswith(sys.argv[1]), generator;"
        "from generator.cli.build import build, BuildOptions; from pathlib import Path;"
        "r = build(Path(sys.argv[2]), BuildOptions(out=Path(sys.argv[3])));"
        "print(r.downloads, r.downloads_built)"
    )

    def run(out: str) -> list[int]:
        command = [sys.executable, "-c", script, str(copy), str(root), str(tmp_path / out)]
        done = subprocess.run(
            command, env=env, cwd=copy, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return [int(n) for n in done.stdout.split()]

    # Every exported download counts as built on a cold run; the offline pack is zipped from
    # the built site on every build, so it is listed but never counted as exported.
    count, built = first = run("first")
    assert 0 < built == count - 1
    assert run("second") == [count, 0]
    with (copy / "generator" / "render" / "markdown.py").open("a", encoding="utf-8") as module:
        module.write("\nEDITED = True\n")
    assert run("third") == first


def test_the_nothing_changed_shortcut_checks_the_published_tree(site_project: Path) -> None:
    from test_build import tree_digest

    build(site_project, BuildOptions(downloads=False))
    site = site_project / "site"
    published = tree_digest(site)
    assert build(site_project, BuildOptions(downloads=False)).skipped
    for tamper in (
        lambda: (site / "index.html").write_text("<script>alert(1)</script>"),
        lambda: (site / "404.html").unlink(),
        lambda: (site / "extra.html").write_text("<p>added</p>"),
    ):
        tamper()
        report = build(site_project, BuildOptions(downloads=False))
        assert not report.skipped
        assert tree_digest(site) == published
        assert build(site_project, BuildOptions(downloads=False)).skipped


def test_entries_of_other_code_are_dropped(tmp_path: Path) -> None:
    store = Store.at(tmp_path)
    older = dataclasses.replace(store, code="the code before an edit")
    for made_by in (store, older):
        made_by.save(made_by.key("entry"), [1])
        made_by.write("downloads", made_by.key("file"), b"bytes")
    store.forget_other_code()
    assert store.load(store.key("entry"), list) == [1]
    assert store.read("downloads", store.key("file")) == b"bytes"
    assert older.load(older.key("entry"), list) is None
    assert older.read("downloads", older.key("file")) is None
    assert len(list(tmp_path.rglob("*.*"))) == 0 and len(list(tmp_path.glob("*/*"))) == 2


def test_builds_run_together_keep_what_any_of_them_used(tmp_path: Path) -> None:
    """The core and its editions prune once, at the end: an edition's build must not throw
    away the core's downloads, or the next run would make them again."""
    store = Store.at(tmp_path).holding_prunes()
    core, edition, stale = (store.key(name) for name in ("core", "edition", "stale"))
    for key in (core, edition, stale):
        store.write("downloads", key, b"bytes")
    assert store.prune("downloads", {core}) == 0  # the core's build
    assert store.prune("downloads", {edition}) == 0  # an edition's build
    assert store.read("downloads", core) == b"bytes"
    assert store.release() == 1
    assert store.read("downloads", core) == store.read("downloads", edition) == b"bytes"
    assert store.read("downloads", stale) is None


def test_a_verdict_is_kept_for_the_text_that_was_checked(tmp_path: Path) -> None:
    """An edit saved while validation runs: the clean verdict belongs to the text read, so
    the next run checks the new bytes instead of trusting it."""
    from generator.check.validate import validate_corpus
    from generator.kinds import catalogue
    from generator.load.sources import load_corpus

    root = write_project(tmp_path / "project")
    corpus = load_corpus(root, catalogue.KINDS)
    write_project(root, {"content/handbook/basics/welcome.md": HOSTILE})  # saved meanwhile
    assert not any(d.severity == "error" for d in validate_corpus(corpus))
    again = check(root)[1]
    assert any(d.path.endswith("welcome.md") and d.severity == "error" for d in again)


def test_machines_given_one_secret_share_entries_and_refuse_any_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CI's jobs pass the same secret in HANDBOOK_STORE_SECRET: their entries verify on each
    other's machine; one sealed under another secret, or a secret too short, does not."""
    from generator.store import SECRET_VARIABLE, Store, machine_secret

    folder = tmp_path / "restored"
    monkeypatch.setenv(SECRET_VARIABLE, "s" * 40)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "first-machine"))
    Store(folder, "code", machine_secret()).write("json", "a" * 64, b"shared")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "second-machine"))
    assert Store(folder, "code", machine_secret()).read("json", "a" * 64) == b"shared"
    monkeypatch.setenv(SECRET_VARIABLE, "t" * 40)
    assert Store(folder, "code", machine_secret()).read("json", "a" * 64) is None
    monkeypatch.setenv(SECRET_VARIABLE, "s" * 20)
    assert machine_secret() != b"s" * 20
