"""What a page load costs the machine in a new browser context against a tab used again.

    .venv/bin/python bench/browser_tab.py SITE [--loads 12] [--runs 3]

SITE is a built site (`handbook build`'s site/ folder). Each run opens three of its pages
in turn, `--loads` times each way, alternating the two ways: in a new context per load (as
the browser tests did), and in one tab emptied before each load as tests/browser/conftest.py
empties it (cookies, storage and HTTP cache cleared). Prints the CPU seconds of the whole
machine per load (Chromium's processes are not this script's children, so only /proc/stat
sees them) and the ratio; nothing else should run meanwhile.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import statistics
import sys
import threading
import time
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.browser.material import empty  # noqa: E402  (what the browser tests do)

CHROMIUM = "/usr/bin/chromium"
PAGES = ("", "handbook/", "glossary/")


class Quiet(SimpleHTTPRequestHandler):
    """Serves the site without a line per request."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def handle(self) -> None:
        # A context closed mid-request (the search index, say) is no error here.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().handle()


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:9]]
    return (sum(fields) - fields[3] - fields[4]) / 100


def per_load(loads: int, load: Callable[[int], None]) -> tuple[float, float]:
    """Machine CPU seconds and wall seconds per load."""
    cpu, wall = busy_seconds(), time.perf_counter()
    for number in range(loads):
        load(number)
    return (busy_seconds() - cpu) / loads, (time.perf_counter() - wall) / loads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--loads", type=int, default=12)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(args.site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    with sync_playwright() as playwright:
        browser: Browser = playwright.chromium.launch(executable_path=CHROMIUM)

        def new_context(number: int) -> None:
            context = browser.new_context()
            context.new_page().goto(url + PAGES[number % len(PAGES)])
            context.close()

        tab = browser.new_context().new_page()

        def emptied_tab(number: int) -> None:
            empty(tab, url[:-1])
            tab.goto(url + PAGES[number % len(PAGES)])

        new_context(0)  # the browser's own start-up is in neither figure
        results: dict[str, list[tuple[float, float]]] = {"new context": [], "emptied tab": []}
        for _ in range(args.runs):
            results["new context"].append(per_load(args.loads, new_context))
            results["emptied tab"].append(per_load(args.loads, emptied_tab))
        browser.close()
    server.shutdown()
    print("| a page load in | CPU s (machine) | wall s |\n| --- | ---: | ---: |")
    medians = {}
    for name, figures in results.items():
        medians[name] = statistics.median(c for c, _ in figures)
        wall = statistics.median(w for _, w in figures)
        print(f"| {name} | {medians[name]:.2f} | {wall:.2f} |")
    print(f"\nemptied tab / new context: {medians['emptied tab'] / medians['new context']:.2f}")


if __name__ == "__main__":
    main()
