"""SIGTERM or Ctrl-C during a build ends every child process and publishes nothing.

A build runs Typst workers, export workers, pandoc and the site engine as child processes.
Stopped by a signal, it must leave none of them running (an orphaned Typst worker holds
gigabytes) and must leave the previous site as it was.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import with_site_look, write_project

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

PREVIOUS = "<!doctype html><title>the previous site</title>"


def descendants(pid: int) -> set[int]:
    """Every live process below `pid`, read from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_a_signal_during_a_build_ends_every_child_and_keeps_the_previous_site(
    tmp_path: Path, signum: int
) -> None:
    project = with_site_look(write_project(tmp_path / "project"))
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text(PREVIOUS, encoding="utf-8")
    handbook = Path(sys.executable).with_name("handbook")
    build = subprocess.Popen(
        [str(handbook), "--root", str(project), "build"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    children: set[int] = set()
    deadline = time.monotonic() + 240
    while len(children) < 2 and build.poll() is None and time.monotonic() < deadline:
        children |= descendants(build.pid)
        time.sleep(0.05)
    assert build.poll() is None, "the build ended before it started any child process"
    assert children, "no child process seen"
    time.sleep(0.5)  # let the children get to work
    children |= descendants(build.pid)
    build.send_signal(signum)
    _, stderr = build.communicate(timeout=120)
    assert build.returncode == 128 + signum, stderr.decode()
    assert b"Traceback" not in stderr, stderr.decode()
    assert b"nothing was published" in stderr
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in children if alive(pid)]
    assert (site / "index.html").read_text(encoding="utf-8") == PREVIOUS
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []
