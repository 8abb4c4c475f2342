"""Both site engines side by side: whole builds, edits, the live preview and plain builds.

For each engine: a cold site build, a build with nothing changed, a build after editing one
chapter and one framework, the time from saving a chapter to the preview telling the open
page to reload, and peak memory; beside them plain `mkdocs build` and `zensical build` of the
same generated tree, the floor each engine sets.
"""

from __future__ import annotations

import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from memory import watch

HANDBOOK = [sys.executable, "-m", "generator.cli.main"]
#: One real edit each: (label, file pattern, text to find, replacement).
EDITS = (
    (
        "one chapter",
        "content/handbook/*/*.md",
        "\n## ",
        "\nA sentence added for the benchmark.\n\n## ",
    ),
    ("one framework", "frameworks/*.yml", "statement: ", "statement: Revised "),
)


#: CPU seconds (user and system) of the last command `timed` ran, with the children it waited
#: for: on a shared machine, a steadier measure than wall time. A site retired in the
#: background (generator/site/retire.py) is removed by a process nobody waits for, not counted.
LAST_CPU = [0.0]


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, int, int]:
    """Wall time and peak memory (all processes, largest one) in MiB of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, stop = watch(process.pid)
    _, errors = process.communicate()
    stop.set()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors.decode()}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    LAST_CPU[0] = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return time.perf_counter() - started, peak.total, peak.single


def handbook_build(root: Path, engine: str, *extra: str) -> tuple[float, int, int]:
    """One `handbook build --no-downloads` with this engine."""
    return timed(
        [*HANDBOOK, "--root", str(root), "build", "--no-downloads", "--engine", engine, *extra]
    )


def clean(root: Path) -> None:
    """Forget every earlier build: the site, the records and Zensical's cache."""
    shutil.rmtree(root / "site", ignore_errors=True)
    for name in ("cache", ".cache", "site", "preview"):
        shutil.rmtree(root / "build" / name, ignore_errors=True)


def median_of(runs: int, action: Callable[[], float]) -> float:
    return statistics.median(action() for _ in range(runs))


def plain_build(root: Path, engine: str) -> float:
    """`mkdocs build` or `zensical build` of the generated build/mkdocs.yml, nothing of ours."""
    config = root / "build" / "mkdocs.yml"
    if engine == "mkdocs":
        with tempfile.TemporaryDirectory(prefix="bench-plain-") as site:
            command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", site]
            return timed(command)[0]
    shutil.rmtree(root / "build" / ".cache", ignore_errors=True)
    return timed([sys.executable, "-m", "zensical", "build", "-f", str(config)])[0]


def edit_build(
    root: Path, engine: str, pattern: str, find: str, replace: str, runs: int
) -> tuple[float, float]:
    """Median wall and CPU time of a build after a real edit, alternating edit and original."""
    path = sorted(root.glob(pattern))[0]
    original = path.read_text(encoding="utf-8")
    edited = original.replace(find, replace, 1)
    times, cpus = [], []
    try:
        for run in range(runs):
            path.write_text(edited if run % 2 == 0 else original, encoding="utf-8")
            times.append(handbook_build(root, engine)[0])
            cpus.append(LAST_CPU[0])
    finally:
        path.write_text(original, encoding="utf-8")
        handbook_build(root, engine)
    return statistics.median(times), statistics.median(cpus)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str, timeout: float = 120) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return str(response.read().decode("utf-8"))


def serve_reload(root: Path, engine: str) -> float:
    """Seconds from saving a chapter to the preview telling an open page to reload."""
    port = free_port()
    server = subprocess.Popen(
        [
            *HANDBOOK,
            "--root",
            str(root),
            "serve",
            "--engine",
            engine,
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    path = sorted(root.glob("content/handbook/*/*.md"))[0]
    original = path.read_text(encoding="utf-8")
    try:
        html = _wait_for_page(f"http://127.0.0.1:{port}/")
        epoch, request = re.search(r"livereload\((\d+),\s*(\d+)\)", html).groups()  # type: ignore[union-attr]
        time.sleep(1)  # let the watcher take its first look at the files
        reloaded: list[float] = []
        poll = f"http://127.0.0.1:{port}/livereload/{epoch}/{request}"
        answers: list[str] = []

        def wait() -> None:
            answers.append(fetch(poll))
            reloaded.append(time.perf_counter())

        waiter = threading.Thread(target=wait)
        waiter.start()
        saved = time.perf_counter()
        path.write_text(
            original.replace("\n## ", "\nA sentence saved while previewing.\n\n## ", 1),
            encoding="utf-8",
        )
        waiter.join(timeout=120)
        if not reloaded or int(answers[0]) <= int(epoch):
            return float("nan")  # the poll timed out after 60 s: no reload was seen
        return reloaded[0] - saved
    finally:
        path.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)


def _wait_for_page(url: str) -> str:
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        try:
            return fetch(url, timeout=5)
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the preview at {url} never answered")


def engine_rows(root: Path, engine: str, runs: int) -> list[tuple[str, float, str]]:
    """Whole builds, edits, the preview and the plain engine build, for one engine."""
    colds, cold_cpus, total, single = [], [], 0, 0
    for _ in range(runs):
        clean(root)
        seconds, all_processes, largest = handbook_build(root, engine)
        colds.append(seconds)
        cold_cpus.append(LAST_CPU[0])
        total, single = max(total, all_processes), max(single, largest)
    cold, cold_cpu = statistics.median(colds), statistics.median(cold_cpus)
    rows = [
        (
            f"{engine}: cold site build",
            cold,
            f"peak {total} MiB in all, largest process {single} MiB; CPU {cold_cpu:.2f} s",
        )
    ]
    unchanged = median_of(runs, lambda: handbook_build(root, engine)[0])
    rows.append((f"{engine}: nothing changed", unchanged, f"{unchanged / cold:.1%} of cold"))
    for label, pattern, find, replace in EDITS:
        seconds, cpu = edit_build(root, engine, pattern, find, replace, runs)
        note = f"{seconds / cold:.0%} of cold; CPU {cpu:.2f} s, {cpu / cold_cpu:.0%} of cold's"
        rows.append((f"{engine}: after editing {label}", seconds, note))
    reload = median_of(runs, lambda: serve_reload(root, engine))
    rows.append((f"{engine}: serve, save to reload", reload, "one chapter edited"))
    plain = median_of(runs, lambda: plain_build(root, engine))
    rows.append(
        (
            f"plain `{engine} build` of the same tree",
            plain,
            f"cold site build is {cold / plain:.2f}x this",
        )
    )
    return rows
