"""Warnings a programme chose not to see: `silence_warnings:` in content/programme.yml.

A warning is silenced by its code (generator/codes.py) everywhere in the project. An error
cannot be: naming one in the list is an error itself, so nothing that stops publication
can be hidden.
"""

from __future__ import annotations

from generator.check.crossref import Checker
from generator.codes import CODES
from generator.errors import Diagnostic
from generator.load.sources import SourceDocument

FIELD = "silence_warnings"


def silence_warnings(docs: list[SourceDocument], found: list[Diagnostic]) -> list[Diagnostic]:
    """`found` less the warnings programme.yml silences, and an error for each error it names.

    `docs` are the documents that passed their schema, so the list holds declared codes.
    """
    programme = next((doc for doc in docs if doc.kind == "programme"), None)
    codes = (programme.data.get(FIELD) or []) if programme is not None else []
    silenced = {code for code in codes if CODES[code].severity == "warning"}
    kept = [d for d in found if d.code not in silenced]
    if programme is not None:
        _refuse_errors(Checker(programme, kept), codes)
    return kept


def _refuse_errors(check: Checker, codes: list[str]) -> None:
    for index, code in enumerate(codes):
        if CODES[code].severity == "error":
            check.error(
                (FIELD, index),
                f"'{code}' is an error, and errors cannot be silenced",
                "fix what it reports instead; only warnings can be listed here "
                "(see docs/source-formats.md)",
                code="settings.silenced-error",
            )
