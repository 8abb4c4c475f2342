"""Subcommands that build and preview: `handbook build` and `handbook serve`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import report


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the build-side subcommands."""
    build = commands.add_parser("build", help="validate, then build the site and downloads")
    build.add_argument("--out", type=Path, help="site folder (default: site/)")
    build.add_argument("--no-downloads", action="store_true", help="build the site only")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.set_defaults(run=run_build)
    serve = commands.add_parser("serve", help="live preview that rebuilds when a source changes")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    serve.set_defaults(run=run_serve)


def run_build(args: argparse.Namespace) -> int:
    """`handbook build`: the whole pipeline, with a one-line summary."""
    from .build import BuildOptions, build
    from .cli import project_root

    interactive = sys.stderr.isatty() and not os.environ.get("CI")
    options = BuildOptions(args.out, not args.no_downloads, args.strict, interactive)
    result = build(project_root(args), options)
    if result.warnings:
        print(report.as_text(result.warnings), file=sys.stderr)
    print(
        f"Built {result.pages} pages and {result.downloads} downloads in {result.seconds:.1f} s.",
        file=sys.stderr,
    )
    return 0


def run_serve(args: argparse.Namespace) -> int:
    """`handbook serve`: MkDocs' live server over the root mkdocs.yml and its hook."""
    from mkdocs.commands.serve import serve

    from .cli import project_root

    root = project_root(args)
    (root / "build" / "docs").mkdir(parents=True, exist_ok=True)
    os.chdir(root)
    serve(config_file=str(root / "mkdocs.yml"), dev_addr=args.dev_addr, livereload=True)
    return 0
