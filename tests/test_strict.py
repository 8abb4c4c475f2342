"""One meaning of --strict, warnings shown by every entry point, and warnings silenced by code."""

from __future__ import annotations

import json
import logging
import textwrap
from pathlib import Path

import pytest
from conftest import FILES, with_site_look, write_project
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from generator.cli import mkdocs_hook
from generator.cli.build import BuildOptions
from generator.cli.main import main
from generator.cli.preview import preview
from generator.cli.project import check, read_handbook
from generator.errors import ValidationFailed

PROGRAMME = "content/programme.yml"
#: 26 September 2026 is a Saturday: a warning, not an error.
SATURDAY = "    date: 2026-09-26\n    venue: The hall, Test School\n"
WARNING = (
    "content/programme.yml:36:11: warning: training_days[0].date: 2026-09-26 is a Saturday "
    "[date.weekend]"
)
STRICT_FAILURE = "1 warning found, and --strict stops on warnings; nothing was published"


def programme(extra: str = "") -> str:
    source = textwrap.dedent(FILES[PROGRAMME])
    marker = "    summary: The first day.\n"
    return source.replace(marker, marker + SATURDAY) + extra


def saturday(tmp_path: Path, extra: str = "") -> Path:
    """The tiny project with its training day on a Saturday."""
    return write_project(tmp_path / "p", {PROGRAMME: programme(extra)})


def test_validate_passes_a_warning_and_strict_fails_it_saying_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = saturday(tmp_path)
    assert main(["--root", str(root), "validate"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == WARNING
    assert err == "0 errors and 1 warning in 1 file.\n"
    assert main(["--root", str(root), "validate", "--strict"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == WARNING
    assert err == "0 errors and 1 warning in 1 file; with --strict the warning fails too.\n"


def test_strict_json_counts_what_failed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = saturday(tmp_path)
    assert main(["--root", str(root), "validate", "--strict", "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert (payload["errors"], payload["warnings"], payload["failed"]) == (0, 1, 1)
    assert payload["strict"] is True
    assert payload["diagnostics"][0]["code"] == "date.weekend"


def test_build_strict_fails_on_a_warning_and_counts_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = saturday(tmp_path)
    assert main(["--root", str(root), "build", "--no-downloads", "--strict"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == WARNING
    assert err.splitlines() == [
        "0 errors and 1 warning in 1 file; with --strict the warning fails too.",
        f"error: {STRICT_FAILURE}",
    ]
    assert not (root / "site").exists()


def test_an_error_and_a_warning_under_strict_are_both_counted(tmp_path: Path) -> None:
    broken = programme().replace("kind: leadership", "kind: leadership-day")
    root = write_project(tmp_path / "p", {PROGRAMME: broken})
    with pytest.raises(ValidationFailed) as failure:
        read_handbook(root, strict=True)
    assert str(failure.value) == (
        "1 error and 1 warning found, and --strict stops on warnings; nothing was published"
    )
    with pytest.raises(ValidationFailed) as failure:
        read_handbook(root)
    assert str(failure.value) == "1 error found; nothing was published"


def test_build_shows_warnings_with_their_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = with_site_look(saturday(tmp_path))
    assert main(["--root", str(root), "build", "--no-downloads"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == WARNING
    assert "0 errors and 1 warning in 1 file." in err


def test_the_live_preview_shows_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = with_site_look(saturday(tmp_path))
    preview(root, BuildOptions(out=root / "build/preview", downloads=False))
    err = capsys.readouterr().err
    assert WARNING in err and "0 errors and 1 warning in 1 file." in err
    preview(root, BuildOptions(out=root / "build/other", downloads=False, strict=True))
    err = capsys.readouterr().err
    assert f"error: {STRICT_FAILURE}; the preview shows the last good build" in err


def test_plain_mkdocs_logs_warnings_and_strict_stops_on_them(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = with_site_look(saturday(tmp_path))
    (root / "build" / "docs").mkdir(parents=True)
    config = root / "mkdocs.yml"
    # The hook is called here directly: its file is in the repository, not in the project.
    config.write_text(config.read_text().replace("hooks:\n  - generator/cli/mkdocs_hook.py\n", ""))
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.handbook")
    mkdocs_hook.on_config(load_config(str(config)))
    assert [(r.levelname, r.getMessage()) for r in caplog.records][:2] == [
        (
            "WARNING",
            f"handbook: {WARNING}\n    hint: training days fall on school days; check the date",
        ),
        ("INFO", "handbook: 0 errors and 1 warning in 1 file."),
    ]
    with pytest.raises(PluginError, match=STRICT_FAILURE):
        mkdocs_hook.on_config(load_config(str(config), strict=True))


def test_a_warning_is_silenced_by_its_code(tmp_path: Path) -> None:
    root = saturday(tmp_path, "silence_warnings: [date.weekend]\n")
    assert check(root)[1] == []
    assert read_handbook(root, strict=True)[1] == []


def test_an_error_cannot_be_silenced(tmp_path: Path) -> None:
    root = saturday(tmp_path, "silence_warnings: [date.weekend, ref.unknown]\n")
    assert [d.format_text() for d in check(root)[1]] == [
        "content/programme.yml:38:34: error: silence_warnings[1]: 'ref.unknown' is an error, "
        "and errors cannot be silenced [settings.silenced-error]\n"
        "    hint: fix what it reports instead; only warnings can be listed here "
        "(see docs/source-formats.md)"
    ]


def test_an_unknown_code_gets_the_nearest_one(tmp_path: Path) -> None:
    root = saturday(tmp_path, "silence_warnings: [date.weekends]\n")
    assert [(d.code, d.message, d.hint) for d in check(root)[1]] == [
        (
            "schema.not-allowed",
            "'date.weekends' is not an allowed value",
            "did you mean 'date.weekend'?",
        )
    ]
