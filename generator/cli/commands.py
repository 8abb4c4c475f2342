"""Subcommands that build and preview: `handbook build` and `handbook serve`."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from generator.cli import report
from generator.cli.project import project_root
from generator.kinds import catalogue


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the build-side subcommands."""
    build = commands.add_parser("build", help="validate, then build the site and downloads")
    build.add_argument("--out", type=Path, help="site folder (default: site/)")
    build.add_argument(
        "--no-downloads",
        action="store_true",
        help="build the site only, keeping the downloads of the last full build",
    )
    build.add_argument(
        "--only",
        metavar="PATH",
        help="build just this download, e.g. downloads/modules/lines-of-enquiry/"
        "facilitator-guide.pdf (its path under downloads/)",
    )
    build.add_argument("--strict", action="store_true", help=STRICT_BUILD)
    build.add_argument("--edition", metavar="ID", help="build one partnership edition (site/ID/)")
    build.add_argument(
        "--all-editions",
        action="store_true",
        help="build the core at the site folder and each edition in a folder of its own inside",
    )
    build.add_argument(
        "--editing",
        action="store_true",
        help="show each page's edit link and source path, for editors (`serve` always does)",
    )
    _add_engine(build)
    build.set_defaults(run=run_build)
    serve = commands.add_parser("serve", help="live preview that rebuilds when a source changes")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    serve.add_argument("--strict", action="store_true", help=STRICT_BUILD)
    serve.add_argument("--edition", metavar="ID", help="preview one partnership edition")
    _add_engine(serve)
    serve.set_defaults(run=run_serve)
    _add_authoring(commands)
    editions = commands.add_parser("editions", help="list the partnership editions, for CI")
    editions.add_argument("--format", choices=("text", "json"), default="text")
    editions.set_defaults(run=run_editions)


def run_editions(args: argparse.Namespace) -> int:
    """`handbook editions`: each edition's id, title and path under the published site."""
    from generator.cli.editions import as_json, as_text, listing

    found = listing(project_root(args))
    print(as_json(found) if args.format == "json" else as_text(found))
    return 0


#: --strict for the commands that build: the same as `handbook validate --strict`, and the
#: site engine's warnings and links that lead nowhere fail too.
STRICT_BUILD = "fail on warnings as on errors: the sources', the site engine's and broken links"


def _add_engine(command: argparse.ArgumentParser) -> None:
    from generator.site.engines import ENGINES

    command.add_argument(
        "--engine", choices=ENGINES, default=ENGINES[0], help="site engine (default: mkdocs)"
    )


def _add_authoring(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    new = commands.add_parser("new", help="write a valid starting file for a new source")
    new.add_argument("kind", choices=(*catalogue.KINDS.starter_names(), "edition"))
    new.add_argument("name", help="the new source's id, e.g. reading-for-pleasure")
    new.add_argument("--part", help="for a chapter: the part id (default: the first part)")
    new.add_argument("--day", help="for a module: the training day id (default: the first day)")
    new.set_defaults(run=run_new)
    diff = commands.add_parser("diff", help="what changed between two versions of a framework")
    diff.add_argument("old", help="a framework file, or a git revision such as HEAD~1 or v2.1")
    diff.add_argument(
        "new",
        nargs="?",
        help="a framework file, or a git revision (default: the files as they are now, "
        "so `handbook diff HEAD` shows uncommitted changes)",
    )
    diff.add_argument("--framework", help="framework id, when comparing git revisions")
    diff.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    diff.set_defaults(run=run_diff)


def run_new(args: argparse.Namespace) -> int:
    """`handbook new`: write a starting file and say where it is."""
    from generator.cli.authoring import new_source

    root = project_root(args)
    path, placed = new_source(root, args.kind, args.name, args.part, args.day)
    print(f"Wrote {path.relative_to(root).as_posix()}; edit it, then run `handbook validate`.")
    if "day" in placed:
        print(_day_note(str(placed["day"]), args.day is not None))
    return 0


def _day_note(day: str, asked: bool) -> str:
    """Where `handbook new module` put the module, and what that means for its day."""
    if not day:
        return (
            "It is on no training day yet: every timed day is full. Give it a `day:` once "
            "that day has room (a later `end`, or shorter sessions or breaks)."
        )
    if asked:
        return f"It is on {day}; `handbook validate` says whether {day} still fits its times."
    return f"It is on {day}, which has no times yet, so it has room."


def run_diff(args: argparse.Namespace) -> int:
    """`handbook diff`: criteria added, removed, reworded and moved between two versions."""
    from generator.cli.versions import compared_versions
    from generator.model import diff

    root = project_root(args)
    formats = {"text": diff.as_text, "json": diff.as_json, "markdown": diff.as_markdown}
    for old, new in compared_versions(root, args.old, args.new, args.framework):
        print(formats[args.format](diff.diff_frameworks(old, new)))
    return 0


def run_build(args: argparse.Namespace) -> int:
    """`handbook build`: the whole pipeline, with a one-line summary."""
    from generator.cli.build import BuildOptions, build

    if args.only:
        return _build_only(args)
    interactive = sys.stderr.isatty() and not os.environ.get("CI")
    options = BuildOptions(
        args.out,
        not args.no_downloads,
        args.strict,
        interactive,
        engine=args.engine,
        editing=args.editing,
    )
    root = project_root(args)
    if args.all_editions:
        from generator.cli.all_editions import build_all

        return build_all(root, options)
    result = build(root, replace(options, edition=args.edition))
    _refresh_schemas(root)
    if result.skipped:
        print("Nothing has changed since the last build; the site is up to date.", file=sys.stderr)
        return 0
    if result.warnings:
        print(report.as_text(result.warnings), file=sys.stderr)
        print(report.summary(result.warnings), file=sys.stderr)
    made = (
        f"kept the {result.downloads} downloads of the last full build, which may be out of "
        "date (build without --no-downloads to remake them)"
        if args.no_downloads
        else f"{result.downloads} downloads ({result.downloads_built} rebuilt)"
    )
    print(
        f"Built {result.pages} pages ({result.pages_changed} changed) and {made} "
        f"in {result.seconds:.1f} s.",
        file=sys.stderr,
    )
    return 0


def _build_only(args: argparse.Namespace) -> int:
    """`handbook build --only PATH`: one download, into the site folder, nothing else."""
    from generator.cli.only import build_one

    root = project_root(args)
    out = (args.out or root / "site").resolve()
    target = build_one(root, args.only, out)
    shown = target.relative_to(root) if target.is_relative_to(root) else target
    print(f"Built {shown.as_posix()} ({target.stat().st_size:,} bytes).", file=sys.stderr)
    return 0


def _refresh_schemas(root: Path) -> None:
    """Bring the project's schemas/ (if it keeps one) up to date with the sources."""
    from generator.check.jsonschema import refresh_schemas
    from generator.cli.project import programme_vocabularies

    if (root / "schemas").is_dir():
        vocabularies = programme_vocabularies(root)
        for path in refresh_schemas(root / "schemas", catalogue.KINDS, vocabularies):
            rel = path.relative_to(root).as_posix()
            print(f"Updated {rel} for the sources' current ids; commit it.", file=sys.stderr)


def run_serve(args: argparse.Namespace) -> int:
    """`handbook serve`: a live preview that rebuilds what a saved change touches."""
    from generator.cli.preview import serve

    serve(project_root(args), args.dev_addr, args.engine, args.strict, args.edition)
    return 0
