"""What changed between two versions of a framework, criterion by criterion.

Criteria are matched by id, which editors keep stable: a criterion with the same id is the
same criterion, wherever it moved and however it was reworded.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from generator.load.sources import ID_PATTERN
from generator.model.objects import Criterion, Framework

ChangeKind = Literal["added", "removed", "reworded", "moved"]
KINDS: tuple[ChangeKind, ...] = ("added", "removed", "reworded", "moved")


@dataclass(frozen=True)
class CriterionChange:
    """One criterion that differs between two versions."""

    kind: ChangeKind
    criterion: Criterion
    detail: str
    #: For a rewording: each changed text as (what it is, before, after).
    rewordings: tuple[tuple[str, str, str], ...] = field(default=())


@dataclass(frozen=True)
class FrameworkDiff:
    """Every criterion change from one version of a framework to another."""

    old: Framework
    new: Framework
    changes: tuple[CriterionChange, ...]

    def of_kind(self, kind: ChangeKind) -> tuple[CriterionChange, ...]:
        """The changes of one kind, in the newer version's order."""
        return tuple(change for change in self.changes if change.kind == kind)

    def summary(self) -> str:
        """A count per kind: '3 added, 1 removed, 2 reworded, 0 moved'."""
        return ", ".join(f"{len(self.of_kind(kind))} {kind}" for kind in KINDS)

    def version_hint(self) -> str:
        """A reminder when criteria changed but the version did not; empty otherwise."""
        if not self.changes or self.old.version != self.new.version:
            return ""
        return (
            f"the criteria changed but the version is still {self.old.version}: a change to "
            "what a criterion asks of schools needs a new version (see 'Versions of a "
            "framework' in docs/editors-guide.md); a spelling correction does not"
        )


def diff_frameworks(old: Framework, new: Framework) -> FrameworkDiff:
    """The criteria added, removed, reworded and moved from `old` to `new`."""
    before = {c.id: c for c in old.criteria}
    after = {c.id: c for c in new.criteria}
    changes = [CriterionChange("added", c, "") for c in new.criteria if c.id not in before]
    changes += [CriterionChange("removed", c, "") for c in old.criteria if c.id not in after]
    for criterion in new.criteria:
        if criterion.id in before:
            changes += _compare(old, new, before[criterion.id], criterion)
    order = {kind: n for n, kind in enumerate(KINDS)}
    changes.sort(key=lambda change: order[change.kind])
    return FrameworkDiff(old, new, tuple(changes))


def _compare(
    old: Framework, new: Framework, was: Criterion, now: Criterion
) -> list[CriterionChange]:
    found = []
    reworded = _reworded_fields(was, now)
    if reworded:
        texts = _rewordings(was, now)
        found.append(CriterionChange("reworded", now, ", ".join(reworded), texts))
    if (was.domain_id, was.strand_id) != (now.domain_id, now.strand_id):
        detail = f"from {_strand_name(old, was)} to {_strand_name(new, now)}"
        found.append(CriterionChange("moved", now, detail))
    return found


def _reworded_fields(was: Criterion, now: Criterion) -> list[str]:
    fields = []
    if was.statement != now.statement:
        fields.append("statement")
    old_text = {level.id: text for level, text in was.descriptors}
    levels = [level.label for level, text in now.descriptors if old_text.get(level.id) != text]
    if levels:
        fields.append(f"descriptors ({', '.join(levels)})")
    if was.evidence != now.evidence:
        fields.append("evidence sources")
    if was.questions != now.questions:
        fields.append("lines of enquiry")
    return fields


def _rewordings(was: Criterion, now: Criterion) -> tuple[tuple[str, str, str], ...]:
    """The statement and descriptors whose wording changed, each before and after."""
    texts = [("statement", was.statement, now.statement)] if was.statement != now.statement else []
    old_text = {level.id: text for level, text in was.descriptors}
    texts += [
        (level.label, old_text.get(level.id, ""), text)
        for level, text in now.descriptors
        if old_text.get(level.id) != text
    ]
    return tuple(texts)


def redline(before: str, after: str) -> str:
    """A word-level comparison: removed words as [-...-], added words as {+...+}."""
    old, new = before.split(), after.split()
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.extend(old[i1:i2])
            continue
        if i2 > i1:
            parts.append(f"[-{' '.join(old[i1:i2])}-]")
        if j2 > j1:
            parts.append(f"{{+{' '.join(new[j1:j2])}+}}")
    return " ".join(parts)


def _strand_name(framework: Framework, criterion: Criterion) -> str:
    group_id = criterion.strand_id or criterion.domain_id
    group = next(g for g in framework.groups if g.id == group_id)
    return f"{group.number} {group.title}"


def as_text(diff: FrameworkDiff) -> str:
    """The report `handbook diff` prints."""
    lines = [f"{diff.new.title}: version {diff.old.version} -> {diff.new.version}"]
    for change in diff.changes:
        criterion = change.criterion
        detail = f" ({change.detail})" if change.detail else ""
        lines.append(
            f"  {change.kind:<9} {criterion.number} {criterion.id}: {criterion.statement}{detail}"
        )
        lines += [f"{'':12}{what}: {redline(a, b)}" for what, a, b in change.rewordings]
    lines.append(diff.summary())
    if diff.version_hint():
        lines.append(f"    hint: {diff.version_hint()}")
    # A terminal obeys escape sequences: a statement's control characters are shown instead.
    return "\n".join(_visible(line) for line in lines)


def as_json(diff: FrameworkDiff) -> str:
    """The report as JSON, for tools."""
    changes = [
        {
            "kind": c.kind,
            "id": c.criterion.id,
            "number": c.criterion.number,
            "statement": c.criterion.statement,
            "detail": c.detail,
            "rewordings": [
                {"text": what, "before": before, "after": after}
                for what, before, after in c.rewordings
            ],
        }
        for c in diff.changes
    ]
    payload = {
        "framework": diff.new.id,
        "from": diff.old.version,
        "to": diff.new.version,
        "changes": changes,
        "hint": diff.version_hint(),
    }
    return json.dumps(payload, indent=2)


def as_markdown(diff: FrameworkDiff) -> str:
    """The report as Markdown, for a pull request's summary page; every value is escaped."""
    lines = [
        f"### {markdown_text(diff.new.title)}: version {markdown_text(diff.old.version)} to "
        f"{markdown_text(diff.new.version)}",
        "",
        f"{diff.summary()}.",
        "",
    ]
    if diff.version_hint():
        lines += [f"Hint: {markdown_text(diff.version_hint())}.", ""]
    if diff.changes:
        lines += [
            "| Change | Criterion | Detail | Before | After |",
            "| --- | --- | --- | --- | --- |",
        ]
        lines += [_markdown_row(change) for change in diff.changes]
    return "\n".join(lines) + "\n"


def _markdown_row(change: CriterionChange) -> str:
    """One table row; a rewording shows each changed text before and after, labelled."""
    criterion = change.criterion
    before = " — ".join(f"{what}: {old}" for what, old, _ in change.rewordings)
    after = " — ".join(f"{what}: {new}" for what, _, new in change.rewordings)
    return (
        f"| {change.kind} | {markdown_text(criterion.number)} {_code(criterion.id)}: "
        f"{markdown_text(criterion.statement)} | {markdown_text(change.detail)} | "
        f"{markdown_text(before)} | {markdown_text(after)} |"
    )


# Values always sit inside a line, so only inline syntax needs escaping: the marks that open
# emphasis, code, links, images, maths ($) and strikethrough, `#`, and `|`, which ends a table
# cell. `<`, `>` and `&` become entities so no tag, comment or entity of the editor's survives.
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_PUNCTUATION = re.compile(r"[\\`*_\[\]()!#|~$<>&{}]")


def markdown_text(value: str) -> str:
    """Text that GitHub's Markdown shows as written, on one line, inside a table cell too.

    A statement cannot start a heading, close a table cell, open a code span, link or HTML
    comment, or hide behind invisible characters: line breaks become spaces, and control,
    bidirectional and zero-width characters are shown as their code points.
    """
    text = _visible(" ".join(value.split()))
    return _PUNCTUATION.sub(lambda m: _ENTITIES.get(m.group(), "\\" + m.group()), text)


def _visible(value: str) -> str:
    """`value` with control, bidi and zero-width characters written as their code points."""
    return "".join(
        f"\u27e8U+{ord(char):04X}\u27e9"
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")
        else char
        for char in value
    )


def _code(identifier: str) -> str:
    """An id as inline code; anything but a well-formed id is shown as escaped text."""
    if re.fullmatch(ID_PATTERN, identifier):
        return f"`{identifier}`"
    return markdown_text(identifier)
