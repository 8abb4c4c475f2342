"""The live preview: `handbook serve` shows a saved change and the open page reloads itself."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def fetch_slowly(url: str) -> str:
    """A live-reload poll, which the server answers once a rebuild has finished."""
    with urllib.request.urlopen(url, timeout=60) as response:
        return str(response.read().decode("utf-8"))


def wait_for(url: str, text: str, seconds: float = 40) -> str:
    deadline, page = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            page = fetch(url)
        except OSError:
            page = ""
        if text in page:
            return page
        time.sleep(0.5)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds} s")


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_serve_rebuilds_when_a_chapter_is_saved(site_project: Path, engine: str) -> None:
    config = site_project / "mkdocs.yml"
    hook = REPO / "generator" / "cli" / "mkdocs_hook.py"
    config.write_text(config.read_text().replace("generator/cli/mkdocs_hook.py", str(hook)))
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator.cli.main",
            "--root",
            str(site_project),
            "serve",
            "--engine",
            engine,
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/handbook/basics/welcome/"
        page = wait_for(url, "Schools improve together.")
        found = re.search(r"livereload\((\d+),\s*(\d+)\)", page)
        assert found, "the preview page carries no live-reload script"
        poll = f"http://127.0.0.1:{port}/livereload/{found[1]}/{found[2]}"
        answers: list[str] = []
        waiter = threading.Thread(target=lambda: answers.append(fetch_slowly(poll)))
        waiter.start()
        # Save until the open page is told to reload: a save made before the watcher's first
        # look at the files is no change to it, and no fixed wait is long enough on a busy machine.
        chapter = site_project / "content/handbook/basics/welcome.md"
        original, deadline, saves = chapter.read_text(), time.monotonic() + 60, 0
        while waiter.is_alive() and time.monotonic() < deadline:
            saves += 1
            chapter.write_text(original + f"\nA sentence added while previewing ({saves}).\n")
            waiter.join(timeout=2)
        assert answers and int(answers[0]) > int(found[1]), "the open page was not told to reload"
        wait_for(url, "A sentence added while previewing (")
    finally:
        server.terminate()
        server.wait(timeout=10)
