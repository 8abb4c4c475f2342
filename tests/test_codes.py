"""Diagnostic codes: one table, a declared code on every diagnostic, the same list in the docs.

A Diagnostic cannot be built without a code the table declares, with the severity it declares
(generator/errors.py), so every test that meets a diagnostic also checks its code. These tests
add what the suite would not see: the docs, the schemas' rules, checks no test reaches, and
the attack corpus read code by code.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
from attacks.content import ATTACKS, CHAPTER, WARNED, Attack
from conftest import FILES, REPO, write_project

from generator.check.forms import FORMS
from generator.check.validate import EXPLAIN, FIXED, RULE_CODES
from generator.cli.project import check
from generator.codes import CODE_PATTERN, CODES, RETIRED, markdown_table
from generator.errors import Diagnostic
from generator.kinds import catalogue

GROUPS = sorted({code.split(".")[0] for code in CODES})
#: A string literal in the generator that is written like a code of one of the groups.
LITERAL = re.compile(rf"""["']((?:{"|".join(GROUPS)})\.[a-z]+(?:-[a-z]+)*)["']""")
#: File names in the generator's text that are written like codes (timetable.py).
FILE_SUFFIXES = {"py", "yml", "md", "json"}
#: cerberus rules the validator explains in its own words, each with its own code.
EXPLAINED = set(FIXED) | set(EXPLAIN) | set(RULE_CODES)
#: Rules that only hold other rules, or carry notes, and so never fail on their own.
HOLDERS = {"schema", "keysrules", "valuesrules", "meta"}


def test_codes_are_group_dot_name_and_none_is_a_retired_one() -> None:
    assert [c for c in CODES if not re.fullmatch(CODE_PATTERN, c)] == []
    assert RETIRED.isdisjoint(CODES)
    assert all(entry.meaning and entry.severity in ("error", "warning") for entry in CODES.values())


def test_the_docs_list_every_code_as_declared() -> None:
    text = (REPO / "docs" / "source-formats.md").read_text(encoding="utf-8")
    section = text.split("\n## Diagnostic codes\n", 1)[1].split("\n## ", 1)[0]
    table = "\n".join(line for line in section.splitlines() if line.startswith("|"))
    assert table == markdown_table(), (
        "docs/source-formats.md is out of date: paste the output of `python -m generator.codes`"
    )


def test_every_code_a_check_uses_is_declared_and_every_declared_code_is_used() -> None:
    used: set[str] = set()
    for path in (REPO / "generator").rglob("*.py"):
        if path.name != "codes.py":
            used |= set(LITERAL.findall(path.read_text(encoding="utf-8")))
    used = {name for name in used if name.rsplit(".", 1)[1] not in FILE_SUFFIXES}
    assert sorted(used - CODES.keys()) == []
    assert sorted(CODES.keys() - used) == []


def test_a_diagnostic_cannot_be_made_without_a_declared_code() -> None:
    with pytest.raises(ValueError, match="'yaml.emptiness' is not declared"):
        Diagnostic("content/glossary.yml", 1, 1, "file is empty", code="yaml.emptiness")
    with pytest.raises(
        ValueError, match="date.weekend is declared with the severity warning, not error"
    ):
        Diagnostic("content/programme.yml", 1, 1, "a Saturday", code="date.weekend")


def test_every_rule_and_form_in_the_schemas_has_its_own_explanation() -> None:
    rules: set[str] = set()
    forms: set[str] = set()
    for schema in (kind.schema for kind in catalogue.KINDS if kind.schema):
        _collect(schema, rules, forms)
    assert rules - HOLDERS <= EXPLAINED
    assert forms <= FORMS.keys()
    assert all(form.code in CODES for form in FORMS.values())


def _collect(fields: dict[str, Any], rules: set[str], forms: set[str]) -> None:
    for field_rules in fields.values():
        _collect_rules(field_rules, rules, forms)


def _collect_rules(field_rules: dict[str, Any], rules: set[str], forms: set[str]) -> None:
    rules |= set(field_rules)
    if "form" in field_rules:
        forms.add(field_rules["form"])
    for holder in ("keysrules", "valuesrules"):
        if holder in field_rules:
            _collect_rules(field_rules[holder], rules, forms)
    inner = field_rules.get("schema")
    kind = field_rules.get("type")
    if isinstance(inner, dict) and "list" in (kind if isinstance(kind, list) else [kind]):
        _collect_rules(inner, rules, forms)
    elif isinstance(inner, dict):
        _collect(inner, rules, forms)


def attacked(tmp_path: Path, attack: Attack) -> list[Diagnostic]:
    base = textwrap.dedent(FILES.get(attack.file, FILES[CHAPTER]))
    text = (
        base + "\n" + attack.new + "\n"
        if attack.old is None
        else base.replace(attack.old, attack.new, 1)
    )
    return check(write_project(tmp_path / "p", {attack.file: text}))[1]


@pytest.mark.parametrize("attack", ATTACKS + WARNED, ids=lambda a: a.name)
def test_every_attack_is_reported_with_a_declared_code(tmp_path: Path, attack: Attack) -> None:
    found = attacked(tmp_path, attack)
    assert found
    for diagnostic in found:
        assert CODES[diagnostic.code].severity == diagnostic.severity
        assert diagnostic.format_text().splitlines()[0].endswith(f" [{diagnostic.code}]")


DAY = "    summary: The first day.\n"
MODULE = "content/modules/intro.yml"
PROGRAMME_FILE = "content/programme.yml"
#: One edit of the tiny project per check that the other tests do not reach, and its code.
EDITS = [
    (PROGRAMME_FILE, DAY, DAY + '    end: "10:00"\n', "timetable.needs-start"),
    (
        PROGRAMME_FILE,
        DAY,
        DAY + '    start: "09:00"\n    end: "10:00"\n    length: 60\n',
        "timetable.end-and-length",
    ),
    (
        PROGRAMME_FILE,
        DAY,
        DAY + '    start: "09:00"\n    end: "08:00"\n',
        "timetable.ends-before-start",
    ),
    (
        PROGRAMME_FILE,
        DAY,
        DAY + '    arrival: "09:30"\n    start: "09:00"\n    length: 60\n',
        "timetable.arrival-after-start",
    ),
    (
        PROGRAMME_FILE,
        DAY,
        DAY
        + '    start: "09:00"\n    length: 60\n    breaks:\n      - kind: morning\n        minutes: 15\n',
        "timetable.break-unplaced",
    ),
    (
        PROGRAMME_FILE,
        DAY,
        DAY
        + '    start: "09:00"\n    length: 75\n    breaks:\n      - kind: morning\n        at: "08:00"\n        minutes: 15\n',
        "timetable.break-before-start",
    ),
    (PROGRAMME_FILE, "language: en-GB", "language: English", "form.language"),
    (
        PROGRAMME_FILE,
        "language: en-GB",
        "language: en-GB\nwording:\n  Lines: x",
        "form.wording-key",
    ),
    (MODULE, "framework_links: [tiny/vision-1]", "framework_links: [vision-1]", "form.reference"),
    (MODULE, "objectives:", "prerequisites: [intro]\nobjectives:", "ref.self"),
    (MODULE, "title: Introduction", "title: |\n  Two\n  lines", "text.one-line"),
    (MODULE, "objectives:\n  - Explain the review cycle.", "objectives: []", "schema.too-few"),
    (MODULE, "duration: 60", "duration: 0x", "schema.type"),
    (
        MODULE,
        "summary: Meeting the partnership.",
        "? [a, b]\n: c\nsummary: Meeting the partnership.",
        "yaml.complex-key",
    ),
    ("frameworks/tiny.yml", 'version: "1.0"\n', 'version: "1.1"\n', "framework.change-log"),
]


@pytest.mark.parametrize(("rel", "old", "new", "code"), EDITS, ids=[e[3] for e in EDITS])
def test_each_check_reports_its_own_code(
    tmp_path: Path, rel: str, old: str, new: str, code: str
) -> None:
    source = textwrap.dedent(FILES[rel])
    assert old in source, old
    root = write_project(tmp_path / "p", {rel: source.replace(old, new, 1)})
    assert code in [d.code for d in check(root)[1]]
