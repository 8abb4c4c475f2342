"""VS Code's view of the sources: the YAML language server run over them with our settings.

The server is the one inside VS Code's YAML extension (npm package yaml-language-server),
installed by `./dev test` into .cache/. Each test speaks the Language Server Protocol to it
over stdin and stdout, as the editor does: no false alarm on any shipped file, an error on
each known mistake, and completion offering the project's own ids.
"""

from __future__ import annotations

import fnmatch
import json
import queue
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO

from generator.check.jsonschema import refresh_schemas
from generator.cli.project import programme_vocabularies
from generator.kinds.catalogue import KINDS

SERVER = REPO / ".cache/yaml-language-server/node_modules/yaml-language-server/bin"
SETTINGS = REPO / ".vscode" / "settings.json"
SHIPPED = sorted([*REPO.glob("frameworks/**/*.yml"), *REPO.glob("content/**/*.yml")])
WAIT = 60.0


class LanguageServer:
    """A yaml-language-server process, spoken to as an editor would."""

    def __init__(self, root: Path, settings: dict[str, Any]) -> None:
        if shutil.which("node") is None or not (SERVER / "yaml-language-server").is_file():
            pytest.fail("yaml-language-server is missing: run `./dev test`, which installs it")
        self.settings = settings
        self.process = subprocess.Popen(
            ["node", str(SERVER / "yaml-language-server"), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.inbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.counter = 0
        threading.Thread(target=self._read_all, daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {"completion": {"completionItem": {"snippetSupport": False}}},
                },
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    def _read_all(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            self.inbox.put(json.loads(stream.read(length)))

    def _send(self, payload: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **payload}).encode()
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        """Send a notification, which has no answer."""
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        """Send a request and return its result, answering the server's own requests meanwhile."""
        self.counter += 1
        self._send({"id": self.counter, "method": method, "params": params})
        while True:
            message = self._next()
            if message.get("id") == self.counter and "method" not in message:
                return message.get("result")

    def _next(self) -> dict[str, Any]:
        message = self.inbox.get(timeout=WAIT)
        method = message.get("method")
        if method == "textDocument/publishDiagnostics":
            self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
        elif method == "workspace/configuration":
            items = message["params"]["items"]
            answer = [self.settings.get(i.get("section", ""), self.settings) for i in items]
            self._send({"id": message["id"], "result": answer})
        elif "id" in message and method:
            self._send({"id": message["id"], "result": None})
        return message

    def open(self, path: Path) -> str:
        """Open a file as the editor does; returns its URI."""
        uri = path.as_uri()
        self.diagnostics.pop(uri, None)
        text = path.read_text(encoding="utf-8")
        document = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": document})
        return uri

    def problems(self, path: Path, expected: str = "") -> list[str]:
        """The messages the editor would underline in a file, once the server has checked it.

        A server still taking in its settings may check the file before it knows the
        schemas and check it again after: with `expected`, wait (up to WAIT) for a check
        that finds it, and answer with the last check when none does."""
        uri = self.open(path)
        while uri not in self.diagnostics:
            self._next()
        found = [d["message"] for d in self.diagnostics[uri]]
        while expected and not any(expected in message for message in found):
            try:
                self._next()
            except queue.Empty:
                break
            found = [d["message"] for d in self.diagnostics[uri]]
        return found

    def completions(self, path: Path, line: int, character: int) -> list[str]:
        """What completion offers at a position (both counted from 0)."""
        uri = self.open(path)
        place = {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}
        result = self.request("textDocument/completion", place) or {}
        items = result.get("items", []) if isinstance(result, dict) else result
        return [str(item["label"]) for item in items]

    def close(self) -> None:
        """Shut the server down."""
        self.process.terminate()
        self.process.wait(timeout=10)


def editor_settings(root: Path) -> dict[str, Any]:
    """.vscode/settings.json as the server receives it, schema paths made absolute."""
    text = re.sub(r"^\s*//.*$", "", SETTINGS.read_text(encoding="utf-8"), flags=re.M)
    flat = json.loads(text)
    yaml_settings: dict[str, Any] = {}
    for key, value in flat.items():
        if key.startswith("yaml."):
            yaml_settings[key.removeprefix("yaml.")] = value
    yaml_settings["schemas"] = {
        (root / schema).resolve().as_uri(): globs for schema, globs in flat["yaml.schemas"].items()
    }
    return {"yaml": yaml_settings}


@pytest.fixture
def project(tmp_path: Path) -> Iterator[tuple[Path, LanguageServer]]:
    """A copy of the shipped sources with their schemas made as the build makes them (the
    committed ones may lag a valid edit until the next build), with a language server over it."""
    root = tmp_path / "handbook"
    for name in ("content", "frameworks", "schemas"):
        shutil.copytree(REPO / name, root / name)
    refresh_schemas(root / "schemas", KINDS, programme_vocabularies(root))
    server = LanguageServer(root, editor_settings(root))
    try:
        yield root, server
    finally:
        server.close()


def test_the_settings_map_a_schema_to_every_yaml_source() -> None:
    schemas = json.loads(SETTINGS.read_text(encoding="utf-8"))["yaml.schemas"]
    for schema in schemas:
        assert (REPO / schema).is_file(), schema
    for path in SHIPPED:
        rel = path.relative_to(REPO).as_posix()
        assert any(fnmatch.fnmatch(rel, g) for globs in schemas.values() for g in globs), rel


def test_no_shipped_yaml_file_gets_a_false_alarm(
    project: tuple[Path, LanguageServer],
) -> None:
    root, server = project
    for path in SHIPPED:
        copy = root / path.relative_to(REPO)
        assert server.problems(copy) == [], copy.relative_to(root)


def first_module(root: Path) -> Path:
    return sorted((root / "content/modules").glob("*.yml"))[0]


def edit(path: Path, old: str, new: str) -> Path:
    """Change the first `old` in a file (a regular expression) to `new`."""
    text = path.read_text(encoding="utf-8")
    changed = re.sub(old, new, text, count=1, flags=re.M)
    assert changed != text, old
    path.write_text(changed, encoding="utf-8")
    return path


KNOWN_BAD = {
    "a misspelt field": ("module", r"^summary:", "sumary:", "Property sumary is not allowed."),
    "an unknown training day": ("module", r"^day: .*$", "day: day-99", "Value is not accepted."),
    "markup in a title": (
        "module",
        r"^title: .*$",
        "title: A <b>bold</b> title",
        'plain text: no < > " ` { } [ ] \\ * _ | or tabs',
    ),
    "a time without quotes": (
        "programme",
        r'^(\s+)at: "(\d\d:\d\d)"',
        r"\1at: \2",
        "Incorrect type. Expected",
    ),
}


@pytest.mark.parametrize("mistake", sorted(KNOWN_BAD))
def test_each_known_mistake_is_underlined(
    project: tuple[Path, LanguageServer], mistake: str
) -> None:
    root, server = project
    which, old, new, expected = KNOWN_BAD[mistake]
    path = first_module(root) if which == "module" else root / "content/programme.yml"
    found = server.problems(edit(path, old, new), expected)
    assert any(expected in message for message in found), found


def test_a_fact_in_a_title_is_no_alarm(project: tuple[Path, LanguageServer]) -> None:
    root, server = project
    path = edit(first_module(root), r"^title: .*$", "title: Reviews in teams of {{ team-size }}")
    assert server.problems(path) == []


def line_of(path: Path, pattern: str) -> tuple[int, int]:
    """(line, character) just after the first match of `pattern`, both from 0."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        match = re.match(pattern, line)
        if match:
            return number, match.end()
    raise AssertionError(pattern)


#: A module being written: each empty value is where completion is asked for.
NEW_MODULE = (
    "# yaml-language-server: $schema=../../schemas/module.schema.json\n"
    "id: new-one\n"
    "day: \n"
    "prerequisites:\n"
    "  - \n"
    "framework_links:\n"
    "  - \n"
    "materials:\n"
    "  - resource: \n"
)


def test_completion_offers_the_projects_days_modules_links_and_resources(
    project: tuple[Path, LanguageServer],
) -> None:
    root, server = project
    module = root / "content/modules/new-one.yml"
    module.write_text(NEW_MODULE, encoding="utf-8")
    programme = yaml.safe_load((root / "content/programme.yml").read_text(encoding="utf-8"))
    offered = server.completions(module, *line_of(module, r"^day: "))
    assert set(offered) == {day["id"] for day in programme["training_days"]}
    modules = {p.stem for p in (root / "content/modules").glob("*.yml")}
    assert modules - {"new-one"} <= set(server.completions(module, 4, 4))
    links = server.completions(module, 6, 4)
    framework = yaml.safe_load(sorted((root / "frameworks").glob("*.yml"))[0].read_text())
    first = framework["domains"][0]["strands"][0]["criteria"][0]["id"]
    assert f"{framework['id']}/{first}" in links
    resources = {p.stem for p in (root / "content/resources").glob("*.md")}
    assert resources <= set(server.completions(module, *line_of(module, r"^  - resource: ")))
