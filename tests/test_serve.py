"""The live preview: `handbook serve` shows a saved change without a manual rebuild."""

from __future__ import annotations

import socket
import subprocess
import sys
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
def test_serve_rebuilds_when_a_chapter_is_saved(site_project: Path) -> None:
    config = site_project / "mkdocs.yml"
    hook = REPO / "generator" / "mkdocs_hook.py"
    config.write_text(config.read_text().replace("generator/mkdocs_hook.py", str(hook)))
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator.cli",
            "--root",
            str(site_project),
            "serve",
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/handbook/basics/welcome/"
        wait_for(url, "Schools improve together.")
        chapter = site_project / "content/handbook/basics/welcome.md"
        chapter.write_text(chapter.read_text() + "\nA sentence added while previewing.\n")
        wait_for(url, "A sentence added while previewing.")
    finally:
        server.terminate()
        server.wait(timeout=10)
