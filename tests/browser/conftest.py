"""Browser fixtures: the shipped site built once per engine, a local server, one Chromium.

Every test that opens the site runs once against each engine's output (MkDocs with Material,
and Zensical); each engine builds the site once per session.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Literal

import pytest
from conftest import prebuilt
from playwright.sync_api import Browser, sync_playwright

from generator.cli.project import read_handbook
from generator.model.objects import Handbook
from generator.site.engines import ENGINES

from .material import DESKTOP, Visit, page_addresses

#: Debian's Chromium; Playwright's own browser download does not work offline.
CHROMIUM = Path("/usr/bin/chromium")
Scheme = Literal["light", "dark"]


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the built site without logging every request to the terminal."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def handbook(shipped_sources: Path) -> Handbook:
    """The model of the shipped content, where tests take their expectations from."""
    return read_handbook(shipped_sources)[0]


@pytest.fixture(scope="session", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """The engine whose output the test reads."""
    return str(request.param)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, engine: str) -> Path:
    """The shipped content built once per engine, without downloads, into a temporary folder
    that every xdist worker shares."""

    return prebuilt(tmp_path_factory, f"browser-{engine}") / "project" / "site"


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 at a free port."""
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run ./dev test, or deselect with -m 'not browser'")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def addresses(handbook: Handbook) -> dict[str, str]:
    """The address of one page of each type, keyed by type."""
    return page_addresses(handbook)


@pytest.fixture
def visit(browser: Browser, base_url: str) -> Iterator[Callable[..., Visit]]:
    """Opens an address in a fresh browser context that records requests and console errors."""
    contexts = []

    def open_page(
        address: str, viewport: dict[str, int] = DESKTOP, scheme: Scheme = "light"
    ) -> Visit:
        context = browser.new_context(viewport=viewport, color_scheme=scheme)
        context.set_default_timeout(10_000)
        contexts.append(context)
        opened = Visit(context.new_page(), base_url)
        opened.page.on("request", lambda request: opened.requests.append(request.url))
        opened.page.on("console", opened.record_console)
        opened.page.on("pageerror", lambda error: opened.errors.append(f"uncaught: {error}"))
        opened.page.goto(base_url + address)
        return opened

    yield open_page
    for context in contexts:
        context.close()
