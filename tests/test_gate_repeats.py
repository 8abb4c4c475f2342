"""The gate judges an element repeated across pages once, and still reports it on every page."""

from __future__ import annotations

from generator.gate.pages import KnownMarkup, check_page

PAGE = b"""<!DOCTYPE html><html><body><nav><a href="../a/">A</a>
<a href="javascript:alert(1)">B</a><img src="x.png" onerror="alert(2)"></nav></body></html>"""


def test_a_repeated_unsafe_element_is_reported_on_every_page() -> None:
    known = KnownMarkup.load()
    first = check_page(PAGE, "one/index.html", known)
    second = check_page(PAGE, "two/index.html", known)
    assert first == second
    assert any("javascript" in finding for finding in first)
    assert any("onerror" in finding for finding in first)


def test_judgements_follow_the_known_list_they_were_made_with() -> None:
    known = KnownMarkup.load()
    styled = b'<!DOCTYPE html><html><body><p style="color: red">x</p></body></html>'
    assert check_page(styled, "index.html", known)
    allowing = KnownMarkup(
        known.scripts,
        known.inline_scripts,
        known.forms,
        {"color: red": frozenset({"p"})},
        known.link_rels,
    )
    assert check_page(styled, "index.html", allowing) == []
