"""axe-core finds no serious or critical WCAG 2.x A/AA problems, in light or dark colours."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from .axe import ADDRESS, AXE_VERSION
from .material import Visit, colour_scheme, search

pytestmark = pytest.mark.browser

#: WCAG 2.0, 2.1 and 2.2 at levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
SCHEMES = {"light": "default", "dark": "slate"}
#: Page types checked; "search" is the home page with search open and results listed.
CHECKED = ("home", "chapter", "domain", "module", "glossary", "search", "day", "calendar")


def run_axe(opened: Visit) -> list[dict[str, Any]]:
    """The serious and critical violations axe-core reports for the open page."""
    page = opened.page
    page.add_script_tag(url=opened.base_url.rstrip("/") + ADDRESS)
    assert page.evaluate("axe.version") == AXE_VERSION
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = page.evaluate("options => axe.run(document, options)", options)
    return [v for v in results["violations"] if v["impact"] in BLOCKING]


def describe(violations: list[dict[str, Any]]) -> str:
    """Each violation's rule, impact, help text and the elements it was found on."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines += [f"    {node['target']}: {node['failureSummary']}" for node in violation["nodes"]]
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", CHECKED)
def test_no_serious_violations(
    visit: Callable[..., Visit], addresses: dict[str, str], kind: str, scheme: str
) -> None:
    opened = visit(addresses.get(kind, addresses["home"]), scheme=scheme)
    assert colour_scheme(opened.page) == SCHEMES[scheme], "the page ignored the colour scheme"
    if kind == "search":
        search(opened.page, "peer review")
    violations = run_axe(opened)
    assert not violations, f"{kind} page, {scheme} scheme:\n{describe(violations)}"
