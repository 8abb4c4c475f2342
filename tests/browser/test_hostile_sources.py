"""A chapter written to run script in readers' browsers: no script runs on the published site.

The payloads fire on their own when a page loads (an image that fails to load), in forms
that today's input checks let through. The test first proves they are live: spliced into a
built page by hand (rendered with the site's own Markdown extensions), Chromium runs them. Then it builds the project with them, which must
stop (at the input checks or at the gate on the output), and loads the published page,
where nothing may have run.
"""

from __future__ import annotations

import functools
import shutil
import textwrap
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import FILES, with_site_look, write_project
from playwright.sync_api import Browser
from test_gate_markdown import render

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
    """The project folder on a local web server (published site and hand-made copy)."""
    handler = functools.partial(QuietHandler, directory=str(project))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


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
    project: Path, served: str, browser: Browser
) -> None:
    unguarded = project / "unguarded"
    shutil.copytree(project / "site", unguarded, dirs_exist_ok=True)
    page = unguarded / PAGE / "index.html"
    html = page.read_text(encoding="utf-8").replace(BODY, render(PAYLOADS))
    page.write_text(html, encoding="utf-8")
    pwned, logged = script_ran(browser, f"{served}unguarded/{PAGE}")
    assert pwned in {"slash", "video"}
    assert set(logged) == {"pwned slash", "pwned video"}


def test_no_script_runs_on_the_site_published_from_hostile_sources(
    project: Path, served: str, browser: Browser
) -> None:
    chapter = project / CHAPTER
    chapter.write_text(textwrap.dedent(FILES[CHAPTER]) + "\n" + PAYLOADS, encoding="utf-8")
    # Today the gate stops it; once the input checks refuse these forms, validation will.
    with pytest.raises((ValidationFailed, GateClosed)) as stopped:
        build(project, BuildOptions(downloads=False))
    assert "event handler attribute 'onerror'" in str(stopped.value) or isinstance(
        stopped.value, ValidationFailed
    )
    assert script_ran(browser, f"{served}site/{PAGE}") == (None, [])
