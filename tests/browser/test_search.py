"""Search finds criteria by their descriptors, glossary terms and sessions, on both engines."""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

from generator.model.objects import Criterion, Handbook
from generator.render import pages as docs

from .material import Visit, is_zensical, result_links, search, site_address

pytestmark = pytest.mark.browser

PHRASE_WORDS = 2


@dataclass(frozen=True)
class Entry:
    """One entry of the site's search index: a page or one section of it."""

    location: str
    text: str
    title_words: tuple[str, ...]
    text_words: tuple[str, ...]


def words_of(text: str) -> tuple[str, ...]:
    """The words of a text, split and cleaned as search splits them, sorted, each once."""
    words = {re.sub(r"\W", "", w).lower() for w in re.split(r"[\s\-]+", text)} - {""}
    return tuple(sorted(words))


def has_prefix(words: tuple[str, ...], keyword: str) -> bool:
    """True when a word starts with `keyword`, as Material's prefix search matches. `words`
    is sorted, so the first word not before `keyword` is the only one to look at."""
    at = bisect.bisect_left(words, keyword)
    return at < len(words) and words[at].startswith(keyword)


def index_entries(site_dir: Path) -> list[dict[str, str]]:
    """The entries of a site's search index: Material's or Zensical's (whose texts keep their
    HTML tags), as JSON in a site or as the script an offline pack holds instead."""
    for name, key in (("search/search_index", "docs"), ("search", "items")):
        if (site_dir / f"{name}.json").is_file():
            return list(json.loads((site_dir / f"{name}.json").read_bytes())[key])
        if (site_dir / f"{name}.js").is_file():
            script = (site_dir / f"{name}.js").read_bytes()
            return list(json.loads(script.removeprefix(b"var __index = ").rstrip(b";\n"))[key])
    raise AssertionError(f"no search index in {site_dir}")


class SearchIndex:
    """The built site's search index, and how many entries a word would match."""

    def __init__(self, site_dir: Path) -> None:
        self.entries = []
        for e in index_entries(site_dir):
            text = re.sub(r"<[^>]+>", " ", e["text"])
            self.entries.append(
                Entry(
                    e["location"],
                    " ".join(text.split()).lower(),
                    words_of(e["title"]),
                    words_of(text),
                )
            )
        self.in_texts = cache(lambda k: sum(has_prefix(e.text_words, k) for e in self.entries))
        self.in_titles = cache(lambda k: sum(has_prefix(e.title_words, k) for e in self.entries))

    def section(self, anchor: str) -> Entry:
        """The one entry for the section with this anchor."""
        (entry,) = [e for e in self.entries if e.location.endswith(f"#{anchor}")]
        return entry

    def is_distinctive(self, phrase: str, own: Entry) -> bool:
        """True when the phrase is in `own` and its words are rare in the rest of the site.

        Every word is longer than four letters, is in at most two other entries and in no other
        entry's title, and one of them is in `own` alone, so search ranks `own` first.
        """
        keywords = [w.lower() for w in phrase.split() if len(w) > 4]
        # Search matches every word as a prefix and ranks title matches first, so a short word
        # such as "the" can match another section's title and outrank the rare words.
        if len(keywords) < len(phrase.split()) or phrase.lower() not in own.text:
            return False
        elsewhere = [self.in_texts(k) - has_prefix(own.text_words, k) for k in keywords]
        in_titles = sum(self.in_titles(k) - has_prefix(own.title_words, k) for k in keywords)
        return max(elsewhere) <= 2 and min(elsewhere) == 0 and in_titles == 0


def word_runs(text: str, length: int) -> Iterator[str]:
    """Runs of `length` consecutive plain words (no punctuation) from `text`."""
    words = text.split()
    for start in range(len(words) - length + 1):
        run = words[start : start + length]
        if all(word.isalpha() for word in run):
            yield " ".join(run)


def distinctive_phrase(handbook: Handbook, index: SearchIndex) -> tuple[Criterion, str]:
    """The first criterion with a descriptor phrase that search should rank that criterion for."""
    for framework in handbook.frameworks:
        for criterion in framework.criteria:
            own = index.section(criterion.id)
            for _, text in criterion.descriptors:
                for phrase in word_runs(text, PHRASE_WORDS):
                    if index.is_distinctive(phrase, own):
                        return criterion, phrase
    raise AssertionError("no descriptor has a phrase that search would find only in its criterion")


def unique_session(handbook: Handbook) -> tuple[str, str]:
    """A session title used by exactly one module, with the address of that session."""
    sessions = [(s.title, m, n) for m in handbook.modules for n, s in enumerate(m.sessions, 1)]
    titles = [title.lower() for title, _, _ in sessions]
    for title, module, number in sessions:
        if titles.count(title.lower()) == 1:
            return title, f"{site_address(docs.module_path(module))}#session-{number}"
    raise AssertionError("every session title is shared by several modules")


def result_targets(results: Page | Locator) -> list[str]:
    """Where each listed search result leads: site paths with anchors, without the highlight."""
    targets = []
    for link in result_links(results).all():
        parts = urlsplit(link.get_attribute("href") or "")
        targets.append(parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else ""))
    return targets


def test_descriptor_phrase_leads_to_its_criterion(
    visit: Callable[..., Visit], handbook: Handbook, site_dir: Path
) -> None:
    criterion, phrase = distinctive_phrase(handbook, SearchIndex(site_dir))
    domain = site_address(docs.domain_path(criterion.framework_id, criterion.domain_id))
    page = visit("").page
    results = search(page, phrase)
    wanted = f"{domain}#{criterion.id}"
    if is_zensical(page):  # one result per section, the criterion's first
        assert result_targets(page)[:1] == [wanted], (
            f"searching {phrase!r} should first list criterion {criterion.number} on {domain}"
        )
        results.first.click()
    else:  # Material lists the page, then its matching sections
        first = results.first
        assert result_targets(first)[:2] == [domain, wanted], (
            f"searching {phrase!r} should first list criterion {criterion.number} on {domain}"
        )
        first.locator("a.md-search-result__link").nth(1).click()
    page.wait_for_url(lambda url: url.endswith(f"#{criterion.id}"))
    assert urlsplit(page.url).path == f"/{domain}"
    heading = page.locator(f"h3[id='{criterion.id}']")
    expect(heading).to_contain_text(f"{criterion.number} {criterion.statement.split()[0]}")
    expect(heading).to_be_in_viewport()
    header = page.locator(".md-header").bounding_box()
    box = heading.bounding_box()
    assert header and box and box["y"] >= header["y"] + header["height"] - 1, (
        f"criterion heading at y={box} is hidden under the sticky header {header}"
    )


@pytest.mark.parametrize("kind", ["glossary", "session"])
def test_search_finds_glossary_terms_and_sessions(
    visit: Callable[..., Visit], handbook: Handbook, kind: str
) -> None:
    if kind == "glossary":
        term = handbook.glossary[0]
        query, target = term.term, f"{site_address(docs.GLOSSARY)}#{term.id}"
    else:
        query, target = unique_session(handbook)
    page = visit("").page
    search(page, query)
    targets = result_targets(page)
    assert target in targets, f"searching {query!r} should list {target}, listed {targets}"
