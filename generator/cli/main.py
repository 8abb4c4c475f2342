"""The `handbook` command: validate, check, build, serve, schema, new and diff."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.cli import report
from generator.cli.interrupt import Interrupted, stopped_by_signals
from generator.cli.project import check, programme_vocabularies, project_root
from generator.errors import Diagnostic, HandbookError, UsageError, ValidationFailed, failed
from generator.kinds import catalogue
from generator.load.sources import Corpus

FORMATS = ("github", "json", "text")
#: What --strict means, for every command that takes it.
STRICT_HELP = "fail on warnings as on errors (warnings are printed as warnings)"


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code (0 ok, 1 content errors, 2 usage)."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        with stopped_by_signals():
            return int(args.run(args))
    except Interrupted as stop:
        print(f"handbook: {stop}; nothing was published", file=sys.stderr)
        return 128 + stop.signum
    except ValidationFailed as failure:
        _print_diagnostics(failure.diagnostics, "text", failure.strict)
        print(f"error: {failure}", file=sys.stderr)
        return 1
    except UsageError as error:
        print(f"handbook: error: {error}", file=sys.stderr)
        return 2
    except HandbookError as error:
        print(f"handbook: error: {error}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="handbook", description=__doc__)
    parser.add_argument("--root", type=Path, help="project folder (default: found from here)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_validate(commands)
    _add_check(commands)
    _add_schema(commands)
    from generator.cli.commands import add_commands

    add_commands(commands)
    return parser


def _add_validate(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser("validate", help="check every source and report all problems")
    command.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="the files or folders changed: the whole project is checked, and problems "
        "elsewhere are reported too, marked as such",
    )
    command.add_argument("--format", choices=FORMATS, default="text")
    command.add_argument("--strict", action="store_true", help=STRICT_HELP)
    command.set_defaults(run=run_validate)


def _add_check(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "check", help="reports on the sources beyond validation: --consistency"
    )
    command.add_argument(
        "--consistency",
        action="store_true",
        required=True,
        help="every rule (fact) with where it is used, stated by hand and contradicted",
    )
    command.add_argument("--format", choices=("text", "json"), default="text")
    command.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    """`handbook check --consistency`: the rules and where texts restate them (a report: it
    exits 0; contradictions are also warnings of `handbook validate`)."""
    from generator.check.consistency import as_json, as_text, consistency

    corpus, _ = check(project_root(args))
    report = consistency(corpus)
    print(as_json(report) if args.format == "json" else as_text(report))
    return 0


def _add_schema(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser("schema", help="write a JSON Schema per source kind")
    command.add_argument("--out", type=Path, default=None, help="folder (default: schemas/)")
    command.set_defaults(run=run_schema)


def run_validate(args: argparse.Namespace) -> int:
    """`handbook validate`: print every problem; exit 1 if any is an error (or, strict, any)."""
    root = project_root(args)
    prefixes = [_relative(root, path) for path in args.paths]
    corpus, diagnostics = check(root)
    diagnostics = diagnostics + _edition_problems(root, corpus, diagnostics)
    elsewhere = frozenset(
        d for d in diagnostics if prefixes and not any(_under(d.path, p) for p in prefixes)
    )
    named = [d for d in diagnostics if d not in elsewhere]
    _print_diagnostics(named + sorted(elsewhere), args.format, args.strict, elsewhere)
    return 1 if failed(diagnostics, args.strict) else 0


def _edition_problems(root: Path, corpus: Corpus, core: list[Diagnostic]) -> list[Diagnostic]:
    """What each partnership edition under editions/ adds to the core's problems."""
    from generator.cli.editions import check_editions

    return check_editions(root, corpus, core)


def _relative(root: Path, path: Path) -> str:
    resolved = path.resolve()
    if not resolved.exists():
        raise UsageError(f"no such file or folder: {path}")
    if not resolved.is_relative_to(root):
        raise UsageError(f"{path} is outside the project at {root}")
    rel = resolved.relative_to(root).as_posix()
    return "" if rel == "." else rel


def _under(path: str, prefix: str) -> bool:
    return not prefix or path == prefix or path.startswith(prefix + "/")


def _print_diagnostics(
    diagnostics: list[Diagnostic],
    fmt: str,
    strict: bool,
    elsewhere: frozenset[Diagnostic] = frozenset(),
) -> None:
    """Print in the chosen format; those in `elsewhere` are marked as outside the named files."""
    if fmt == "json":
        print(report.as_json(diagnostics, strict, elsewhere))
    elif fmt == "github" and diagnostics:
        print(report.as_github(diagnostics, elsewhere))
    elif diagnostics:
        named = [d for d in diagnostics if d not in elsewhere]
        print(report.as_text_split(named, [d for d in diagnostics if d in elsewhere]))
    if fmt == "text":
        print(report.summary(diagnostics, strict), file=sys.stderr)


def run_schema(args: argparse.Namespace) -> int:
    """`handbook schema`: write the JSON Schemas editors' tools read."""
    from generator.check.jsonschema import write_schemas

    root = project_root(args)
    out = args.out or root / "schemas"
    from generator.kinds.edition import KIND as EDITION

    kinds = (*catalogue.KINDS, EDITION)
    for path in write_schemas(out, kinds, programme_vocabularies(root)):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
