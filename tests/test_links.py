"""The built-site link check: internal links and anchors resolve, external ones are listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.site.links import check_links, check_site


def page(site: Path, rel: str, body: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    page(
        root,
        "index.html",
        '<a href="guide/">Guide</a> <a href="guide/#step-2">Step</a>'
        ' <a href="https://www.gov.uk/">GOV.UK</a> <a href="mailto:a@b.org">Mail</a>',
    )
    page(
        root,
        "guide/index.html",
        '<h2 id="step-2">Step 2</h2><a href="../">Home</a>'
        ' <a href="#step-2">here</a> <a href="/guide/">abs</a>',
    )
    return root


def test_a_sound_site_has_no_broken_links(site: Path) -> None:
    report = check_site(site)
    assert report.broken == ()
    assert report.external == (("index.html", "https://www.gov.uk/"),)


def test_missing_page_and_missing_anchor_are_named(site: Path) -> None:
    page(site, "extra/index.html", '<a href="../nowhere/">x</a> <a href="../guide/#step-9">y</a>')
    assert check_site(site).broken == (
        ("extra/index.html", "../nowhere/"),
        ("extra/index.html", "../guide/#step-9"),
    )


def test_script_links_are_broken(site: Path) -> None:
    page(site, "bad/index.html", '<a href="javascript:alert(1)">x</a>')
    assert check_site(site).broken == (("bad/index.html", "javascript:alert(1)"),)


def test_check_links_fails_naming_page_and_link(site: Path, tmp_path: Path) -> None:
    page(site, "extra/index.html", '<a href="../guide/#step-9">y</a>')
    with pytest.raises(BuildError, match=r"extra/index.html: broken link '../guide/#step-9'"):
        check_links(site, tmp_path / "external-links.txt")
    assert (tmp_path / "external-links.txt").read_text() == "https://www.gov.uk/\tindex.html\n"


def test_a_site_served_under_a_path_reads_its_own_absolute_links_from_its_root(
    site: Path,
) -> None:
    page(site, "404.html", '<a href="/handbook/guide/#step-2">Guide</a>')
    assert check_site(site).broken == (("404.html", "/handbook/guide/#step-2"),)
    assert check_site(site, "/handbook/").broken == ()
    assert check_site(site, "/other/").broken == (("404.html", "/handbook/guide/#step-2"),)
