"""Print Markdown from theme/templates/print/, through the site's own Jinja environment.

Downloads are worded and joined by templates, like the site's pages, so both read the same
table of words (theme/wording.yml with the programme's `wording:`) and the same filters
(generator/render/filters.py). The templates write pandoc Markdown: plain text goes through the
`md_` filters, an editor's Markdown through `md_chapter`.
"""

from __future__ import annotations

from typing import Any

from generator.render import templates as render


def print_markdown(template: str, **context: Any) -> str:
    """theme/templates/print/`template` rendered with `context`: one document's body."""
    env = render.environment()
    return env.get_template(f"print/{template}").render(**context)
