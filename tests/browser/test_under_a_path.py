"""The site served under a path, as a host such as GitHub Pages serves it: /handbook/.

A missing address answers with the site's 404 page, which must still find its stylesheet
and show the logo at its normal size: its links come from `site_url`, not from the address.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from generator.model.objects import Handbook

from .material import DESKTOP

pytestmark = pytest.mark.browser


class UnderAPath(SimpleHTTPRequestHandler):
    """Serves the site at `prefix` and its 404.html for any address it does not have."""

    prefix = "/handbook/"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = urlsplit(self.path).path
        if path.startswith(self.prefix):
            self.path = "/" + path.removeprefix(self.prefix)
            if Path(self.translate_path(self.path)).exists():
                return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@pytest.fixture
def under_a_path(site_dir: Path, handbook: Handbook) -> Iterator[str]:
    prefix = urlsplit(handbook.programme.site_url + "/").path
    assert prefix != "/", "the shipped site_url has no path to test"
    handler = functools.partial(
        type("Handler", (UnderAPath,), {"prefix": prefix}), directory=str(site_dir)
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}{prefix}"
    server.shutdown()
    server.server_close()


def test_a_missing_page_under_a_path_is_the_styled_404_page(
    browser: Browser, under_a_path: str
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    response = page.goto(under_a_path + "no/such/page/")
    assert response is not None and response.status == 404
    assert failed == [under_a_path + "no/such/page/"], "a stylesheet or script did not load"
    logo = page.locator(".md-header .md-logo img, .md-header .md-logo svg").first.bounding_box()
    assert logo is not None and logo["height"] <= 48
    # Material's header is coloured by its stylesheet; unstyled, it would be transparent.
    colour = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    home = page.locator(".md-header a.md-logo").get_attribute("href")
    assert home is not None and urlsplit(page.url).path.startswith(urlsplit(under_a_path).path)
    context.close()
