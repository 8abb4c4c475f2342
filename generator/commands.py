"""Subcommands that build and preview; registered by the CLI."""

from __future__ import annotations

import argparse


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register build-side subcommands (filled in as the site and exports land)."""
