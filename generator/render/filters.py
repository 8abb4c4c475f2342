"""The Jinja filters every template uses, site pages and print alike, registered once.

Shared filters say a thing the same way wherever it appears (a clock time, a length of time,
how to print a resource). Escaping filters differ by reader: `cell`, `plain` and `oneline`
write MkDocs Markdown for the site; the `md_` filters write pandoc Markdown for downloads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from generator.model.timetable import clock

if TYPE_CHECKING:
    from generator.model.resources import PrintHints
    from generator.model.wording import Wording


def oneline(text: str) -> str:
    """Text with its line breaks folded into spaces."""
    return " ".join(str(text).split())


def cell(text: str) -> str:
    """Text that is safe inside one Markdown table cell."""
    return oneline(text).replace("|", "\\|")


def plain(text: str) -> str:
    """Plain text on one line that Markdown shows as written: no emphasis, links or HTML."""
    escaped = re.sub(r"([\\`*_\[\]])", r"\\\1", oneline(text))
    return escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def duration(minutes: int, words: Wording) -> str:
    """A length of time in words: 150 -> '2 hours 30 minutes'."""
    hours, rest = divmod(minutes, 60)
    parts = [f"{hours} {words.hour if hours == 1 else words.hours}"] if hours else []
    if rest or not hours:
        parts.append(f"{rest} {words.minute if rest == 1 else words.minutes_in_words}")
    return " ".join(parts)


def print_advice(hints: PrintHints, words: Wording, copies: str = "") -> str:
    """How to print a resource as one sentence, a module's own `copies` taking precedence."""
    count = copies or hints.copies
    how = [f"{words.print_verb} {count}" if count else words.print_verb]
    how += [f"{words.print_on} {hints.paper}"] if hints.paper else []
    sides = {"single": words.single_sided, "double": words.double_sided}
    how += [sides[hints.sides]] if hints.sides in sides else []
    sentence = how[0] + (", " + ", ".join(how[1:]) if how[1:] else "")
    if hints.cut:
        sentence += f"; {words.print_cut}"
    if hints.page_per_section:
        sentence += f"; {words.print_page_per_section}"
    sentence = sentence[0].upper() + sentence[1:] + "."
    return f"{sentence} {hints.notes}" if hints.notes else sentence


def numbered(section: Any) -> str:
    """A domain or strand with its number as every output heads it: '1. Leadership',
    '1.1 Vision'. A number without a dot (a domain's) takes one, as in a numbered list."""
    number = str(section.number)
    return f"{number}{'' if '.' in number else '.'} {section.title}"


def block(text: str) -> str:
    """Editor's Markdown as one block of a printed document: no blank lines round it."""
    return text.strip("\n")


def md_lines(lines: Sequence[str]) -> str:
    """Lines of a paragraph, each ending in a hard line break but the last."""
    return "\\\n".join(line for line in lines if line)


def registry() -> tuple[dict[str, Callable[..., Any]], dict[str, Callable[..., Any]]]:
    """Every filter and every global function, by the names templates use."""
    # Imported here: the export package imports this module for its shared filters.
    from generator.render import markdown

    filters: dict[str, Callable[..., Any]] = {
        # shared by site pages and downloads
        "clock": clock,
        "duration": duration,
        "print_advice": print_advice,
        "numbered": numbered,
        # MkDocs Markdown, for the site
        "cell": cell,
        "oneline": oneline,
        "plain": plain,
        # pandoc Markdown, for downloads
        "block": block,
        "md_inline": markdown.inline,
        "md_plain": markdown.plain,
        "md_cell": markdown.table_cell,
        "md_chapter": markdown.chapter_markdown,
        "md_balanced": markdown.balanced_divs,
        "md_lines": md_lines,
    }
    return filters, {"md_rule": markdown.table_rule}
