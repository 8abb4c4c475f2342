"""A chapter written to run script in readers' browsers: no script runs on the published site.

The payloads fire on their own when a page loads (an image that fails to load). The test
first proves they are live: spliced into a built page by hand (rendered with the site's own
Markdown extensions), Chromium runs them. The input checks refuse them today; so to reach
the gate, the second test opens a hole in the input checks (their Markdown policy is
switched off), as a new trick would. The build must then stop at the gate on the built
output, leave the published site byte for byte as it was, and nothing may run there.
"""

from __future__ import annotations

import functools
import shutil
import tempfile
import textwrap
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import FILES, with_site_look, write_project
from playwright.sync_api import Browser
from test_gate_markdown import render

from generator.check import validate
from generator.cli.build import BuildOptions, build
from generator.errors import ValidationFailed
from generator.gate import GateClosed

from .conftest import QuietHandler

pytestmark = pytest.mark.browser

CHAPTER = "content/handbook/basics/welcome.md"
PAGE = "handbook/basics/welcome/"
BODY = "<p>Schools improve together.</p>"
#: Each sets window.__pwned and logs "pwned" and its name if it runs.
PAYLOADS = textwrap.dedent(
    """\
    Schools improve together.

    <img /src="missing.png" onerror="window.__pwned='slash';console.log('pwned','slash')">

    <video src=missing.mp4 onerror=console.log('pwned',window.__pwned='video')></video>
    """
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny project, built once with a harmless chapter: the site readers have now."""
    root = with_site_look(write_project(tmp_path_factory.mktemp("hostile") / "project"))
    build(root, BuildOptions(downloads=False))
    return root


@pytest.fixture(scope="module")
def served(project: Path) -> Iterator[str]:
    """The folder holding the project on a local web server, copies of it beside it."""
    handler = functools.partial(QuietHandler, directory=str(project.parent))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def hostile(project: Path) -> Path:
    """A copy of the built project (caches too) beside it, its chapter given the payloads.

    Each test has its own, so none sees what another did, in any order.
    """
    root = Path(tempfile.mkdtemp(dir=project.parent)) / "project"
    shutil.copytree(project, root, symlinks=True)
    chapter = root / CHAPTER
    chapter.write_text(textwrap.dedent(FILES[CHAPTER]) + "\n" + PAYLOADS, encoding="utf-8")
    return root


def address(served: str, root: Path, page: str = PAGE) -> str:
    """The address of a page of the site published under `root`."""
    return f"{served}{root.relative_to(root.parent.parent).as_posix()}/site/{page}"


def script_ran(browser: Browser, address: str) -> tuple[object, list[str]]:
    """window.__pwned after the page loaded, and what the page logged."""
    context = browser.new_context()
    try:
        page = context.new_page()
        logged: list[str] = []
        page.on("console", lambda message: logged.append(message.text))
        page.goto(address, wait_until="load")
        page.wait_for_timeout(300)
        return page.evaluate("window.__pwned"), [text for text in logged if "pwned" in text]
    finally:
        context.close()


def test_the_payloads_run_when_nothing_stops_them(
    hostile: Path, served: str, browser: Browser
) -> None:
    page = hostile / "site" / PAGE / "index.html"
    html = page.read_text(encoding="utf-8").replace(BODY, render(PAYLOADS))
    page.write_text(html, encoding="utf-8")
    pwned, logged = script_ran(browser, address(served, hostile))
    assert pwned in {"slash", "video"}
    assert set(logged) == {"pwned slash", "pwned video"}


def published(site: Path) -> dict[str, bytes]:
    """Every file of a published site, by its path."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_the_input_checks_refuse_the_payloads(hostile: Path) -> None:
    with pytest.raises(ValidationFailed) as stopped:
        build(hostile, BuildOptions(downloads=False))
    assert {d.code for d in stopped.value.diagnostics} == {"markup.raw-html"}


def test_no_script_runs_on_the_site_when_only_the_gate_stands(
    hostile: Path, served: str, browser: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(validate, "check_markup", lambda *args: [])
    before = published(hostile / "site")
    with pytest.raises(GateClosed) as stopped:
        build(hostile, BuildOptions(downloads=False))
    message = str(stopped.value)
    assert "handbook/basics/welcome/index.html" in message
    assert "<img> has an event handler attribute 'onerror'" in message
    assert "<video> has an event handler attribute 'onerror'" in message
    assert published(hostile / "site") == before
    assert script_ran(browser, address(served, hostile)) == (None, [])
