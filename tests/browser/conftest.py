"""Browser fixtures: the shipped site as each engine publishes it, a local server, one
Chromium with one tab per worker.

Every test that opens the site runs once against each engine's output (MkDocs with Material,
and Zensical): the session's shared builds with every download, so the pages tested are the
pages published.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Literal

import pytest
from conftest import prebuilt
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from generator.cli.build import BuildOptions
from generator.cli.project import read_handbook
from generator.model.objects import Handbook
from generator.site.engines import ENGINES

from . import axe
from .material import DESKTOP, Visit, empty, page_addresses

#: Debian's Chromium; Playwright's own browser download does not work offline.
CHROMIUM = Path("/usr/bin/chromium")
Scheme = Literal["light", "dark"]


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the built site, and axe-core for the accessibility tests (axe.ADDRESS),
    without logging every request to the terminal."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        script = axe.served(path)
        return str(script) if script is not None else super().translate_path(path)


@pytest.fixture(scope="session")
def handbook(shipped_sources: Path) -> Handbook:
    """The model of the shipped content, where tests take their expectations from."""
    return read_handbook(shipped_sources)[0]


@pytest.fixture(scope="session", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """The engine whose output the test reads."""
    return str(request.param)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, engine: str, shipped_project: Path) -> Path:
    """The shipped content as `engine` publishes it, with every download and the offline
    pack, in a folder every xdist worker shares: what readers get.

    MkDocs' is the session's shared strict build; Zensical builds a copy once per session,
    seeded with that build's store, so only its pages and offline pack are new."""
    if engine == BuildOptions.engine:
        return shipped_project / "site"
    return prebuilt(tmp_path_factory, f"offline-{engine}") / "project" / "site"


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


class Tab:
    """The one tab a worker's tests take turns in, emptied before each visit.

    A new tab (or browser context) starts a renderer process: on this 2-core machine a page
    load in a new context cost about 1.2 CPU seconds of the machine, against 0.4 in a tab
    used again (`bench/browser_tab.py SITE`). Everything a page can leave behind is cleared
    before the next visit: the cookies, the site's storage, the HTTP cache, the viewport,
    the emulated media and colour scheme, and the listeners of the visit before. A tab that
    cannot be emptied (a test left it crashed or closed) is replaced by a new context.
    """

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.page: Page | None = None

    def _new(self) -> Page:
        if self.page is not None:
            with contextlib.suppress(PlaywrightError):
                self.page.context.close()
        self.page = self.browser.new_context().new_page()
        return self.page

    def emptied(self, origin: str, viewport: dict[str, int], scheme: Scheme) -> Page:
        """The tab on a blank page, with nothing of an earlier visit left in it."""
        page = self.page if self.page is not None and not self.page.is_closed() else self._new()
        try:
            empty(page, origin)
        except PlaywrightError:
            page = self._new()
        page.set_viewport_size(viewport)  # type: ignore[arg-type]
        page.emulate_media(media="null", color_scheme=scheme, reduced_motion="null")
        page.set_default_timeout(10_000)
        return page

    def close(self) -> None:
        if self.page is not None:
            self.page.context.close()


@pytest.fixture(scope="session")
def tab(browser: Browser) -> Iterator[Tab]:
    """One tab per worker for every visit (see `Tab`)."""
    reused = Tab(browser)
    yield reused
    reused.close()


@pytest.fixture
def visit(tab: Tab, base_url: str) -> Iterator[Callable[..., Visit]]:
    """Opens an address in the worker's emptied tab, recording requests and console errors."""
    listening: list[tuple[Page, str, Callable[..., None]]] = []

    def stop_listening() -> None:
        while listening:
            page, event, handler = listening.pop()
            with contextlib.suppress(PlaywrightError):
                page.remove_listener(event, handler)

    def open_page(
        address: str, viewport: dict[str, int] = DESKTOP, scheme: Scheme = "light"
    ) -> Visit:
        # The tab is shared: a second visit in one test ends the first, whose records stop.
        stop_listening()
        page = tab.emptied(base_url.rstrip("/"), viewport, scheme)
        opened = Visit(page, base_url)
        handlers: dict[str, Callable[..., None]] = {
            "request": lambda request: opened.requests.append(request.url),
            "console": opened.record_console,
            "pageerror": lambda error: opened.errors.append(f"uncaught: {error}"),
        }
        for event, handler in handlers.items():
            page.on(event, handler)  # type: ignore[call-overload]
            listening.append((page, event, handler))
        page.goto(base_url + address)
        return opened

    yield open_page
    stop_listening()
