"""Hostile Markdown against the site's own renderer: refused at the door, or inert when built.

A small grammar writes the tricks an attacker would try in a chapter: raw tags and
attributes, entities, attr_list blocks, pandoc raw attributes, and script links in every
spelling. Each document is read by the input checks (`generator.cli.project.check`); whatever
they let through is rendered by Python-Markdown with the extensions in mkdocs.yml, and the
gate's reading of that HTML must find nothing. The corpus below keeps each known trick by
name, as documentation of the policy.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from attacks import published as attacks_published
from conftest import FILES, REPO, with_site_look, write_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check.facts import substitute
from generator.cli.build import BuildOptions, build
from generator.cli.project import check
from generator.export import pandoc
from generator.gate.pages import KnownMarkup, check_page

CHAPTER = "content/handbook/basics/welcome.md"
PAGE = "handbook/basics/welcome/index.html"
BODY = "<p>Schools improve together.</p>"
HEAD = textwrap.dedent(FILES[CHAPTER])
#: Snippets reads files from the build folder, which the property test has none of.
NOT_RENDERED_HERE = {"pymdownx.snippets"}


def site_extensions() -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The Markdown extensions and their settings, from the repository's mkdocs.yml."""
    names, configs = [], {}
    for entry in yaml.safe_load((REPO / "mkdocs.yml").read_text())["markdown_extensions"]:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        if name not in NOT_RENDERED_HERE:
            names.append(name)
            configs[name] = config or {}
    return names, configs


EXTENSIONS, CONFIGS = site_extensions()
KNOWN = KnownMarkup.load()


def render(text: str) -> str:
    """The HTML Python-Markdown makes of a chapter body, as the site build does."""
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS).convert(text)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny project, built once without downloads; the chapter is rewritten per example."""
    root = with_site_look(write_project(tmp_path_factory.mktemp("hostile") / "project"))
    build(root, BuildOptions(downloads=False))
    return root


class BuiltPage:
    """A built page, kept out of hypothesis' reports (it is 30 kB)."""

    def __init__(self, html: str) -> None:
        self.html = html

    def __repr__(self) -> str:
        return f"BuiltPage({len(self.html)} characters)"


@pytest.fixture(scope="module")
def page(project: Path) -> BuiltPage:
    """The built chapter page with the theme around it, its body marked for replacing."""
    html = (project / "site" / PAGE).read_text(encoding="utf-8")
    assert BODY in html
    return BuiltPage(html)


def refused(project: Path, body: str) -> bool:
    """Whether the input checks report an error for a chapter with this body."""
    (project / CHAPTER).write_text(HEAD + "\n" + body + "\n", encoding="utf-8")
    return any(d.severity == "error" for d in check(project)[1])


def page_findings(page: BuiltPage, body: str) -> list[str]:
    """What the gate finds in the built page when the chapter's body renders as `body` does."""
    return check_page(page.html.replace(BODY, render(body)).encode(), PAGE, KNOWN)


def published_findings(project: Path, page: BuiltPage, body: str) -> list[str]:
    """What the gate finds in the chapter page, when the input checks let the body through."""
    return [] if refused(project, body) else page_findings(page, body)


# The grammar -----------------------------------------------------------------------------

SCRIPT = "window.__pwned=1"
schemes = st.sampled_from(
    [
        "javascript:",
        "JavaScript:",
        "jav&#x09;ascript:",
        "&#106;avascript:",
        "javascript&#58;",
        "javascript&colon;",
        " javascript:",
        "java\tscript:",
        "vbscript:",
        "data:text/html,",
    ]
)
script_urls = st.builds(lambda scheme: f"{scheme}{SCRIPT}", schemes)
handlers = st.sampled_from(
    ["onerror", "onclick", "onmouseover", "onfocus", "ONLOAD", "onanimationstart"]
)
quotes = st.sampled_from(['"{}"', "'{}'", "{}"])
tags = st.sampled_from(
    ["img", "a", "svg", "details", "p", "iframe", "IMG", "video", "math", "input"]
)
separators = st.sampled_from([" ", "/", "\n", "\t", " /"])


@st.composite
def raw_tags(draw: st.DrawFn) -> str:
    tag, sep = draw(tags), draw(separators)
    handler = f"{draw(handlers)}={draw(quotes).format(SCRIPT)}"
    url = f"src={draw(quotes).format(draw(script_urls))}"
    attrs = draw(
        st.lists(st.sampled_from([handler, url, "autofocus", "open", "src=x"]), min_size=1)
    )
    return f"<{tag}{sep}{' '.join(attrs)}>"


@st.composite
def attr_lists(draw: st.DrawFn) -> str:
    attr = draw(
        st.sampled_from(
            [
                f'{draw(handlers)}="{SCRIPT}"',
                f"{draw(handlers)}={SCRIPT.replace('=', '')}",
                'style="position:fixed;inset:0"',
                f'href="{draw(script_urls)}"',
                "#__config",
                "autofocus",
            ]
        )
    )
    opener = draw(st.sampled_from(["{: ", "{ ", "{:"]))
    block = draw(
        st.sampled_from(
            [
                "A paragraph.\n{o}{a} }}",
                "[a link](page.md){o}{a} }}",
                "![a picture](missing.png){o}{a} }}",
                "## A heading {o}{a} }}",
                "Term\n:   Definition.\n    {o}{a} }}",
            ]
        )
    )
    return block.format(o=opener, a=attr)


@st.composite
def links(draw: st.DrawFn) -> str:
    url = draw(script_urls)
    form = draw(
        st.sampled_from(
            [
                "[click]({u})",
                "[click](<{u}>)",
                "![x]({u})",
                "[click][r]\n\n[r]: {u}",
                "<{u}>",
                '[click](https://example.org "{u}")',
            ]
        )
    )
    return form.format(u=url)


raw_attributes = st.builds(lambda tag: f"`{tag}`{{=html}}", raw_tags())
in_code = st.builds(lambda tag: f"Write `{tag}` in code.", raw_tags())
html_blocks = st.builds(lambda tag: f'<div markdown="1">\n{tag}\n</div>', raw_tags())
blocks = st.one_of(raw_tags(), attr_lists(), links(), raw_attributes, in_code, html_blocks)
documents = st.lists(blocks, min_size=1, max_size=3).map("\n\n".join)


# The property ----------------------------------------------------------------------------

#: Holes the property below found in the first release's input checks: each passed validation
#: and rendered to live script or covering style. The content policy (generator/check/markup.py)
#: now refuses every one, and the gate would stop each at build time as well.
HOLES = {
    "space and slash before a handler": '<img /onerror="window.__pwned=1">',
    "unquoted handler holding '='": "<video onerror=window.__pwned=1>",
    "unquoted script address holding '='": "<video src=javascript:window.__pwned=1>",
    "tab entity in a link": "[click](jav&#x09;ascript:window.__pwned=1)",
    "tab entity in an angle-bracket link": "[click](<jav&#x09;ascript:window.__pwned=1>)",
    "attr_list handler on a paragraph": 'A paragraph.\n{: onclick="window.__pwned=1" }',
    "attr_list handler on a link": '[a link](https://example.org){: onfocus="window.__pwned=1" autofocus }',
    "attr_list handler on a heading": '## A heading {: onmouseover="window.__pwned=1" }',
    "attr_list style covering the page": 'A paragraph.\n{: style="position:fixed;inset:0" }',
    "attr_list script link": '[a link](page.md){: href="javascript:window.__pwned=1" }',
    "reference-style script link": "[click][r]\n\n[r]: javascript:window.__pwned=1",
    "entity-encoded script link": "[click](&#106;avascript:window.__pwned=1)",
    "attr_list theme id": "A paragraph.\n{: #__config }",
}
#: Tricks the input checks refuse today.
REFUSED = {
    "script element": "<script>window.__pwned=1</script>",
    "inline handler": '<img src="x" onerror="window.__pwned=1">',
    "script link": "[click](javascript:window.__pwned=1)",
    "script link in angle brackets": "[click](<javascript:window.__pwned=1>)",
    "iframe": '<iframe src="https://example.org"></iframe>',
}


@pytest.mark.parametrize("body", REFUSED.values(), ids=REFUSED.keys())
def test_input_checks_refuse(project: Path, body: str) -> None:
    assert refused(project, body)


@pytest.mark.parametrize("body", HOLES.values(), ids=HOLES.keys())
def test_known_hole_is_refused_or_inert(project: Path, page: BuiltPage, body: str) -> None:
    assert published_findings(project, page, body) == []


@pytest.mark.parametrize("body", HOLES.values(), ids=HOLES.keys())
def test_the_gate_sees_every_known_hole(page: BuiltPage, body: str) -> None:
    assert page_findings(page, body) != []


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=documents)
def test_hostile_markdown_is_refused_or_renders_inert(
    project: Path, page: BuiltPage, body: str
) -> None:
    assert published_findings(project, page, body) == []


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(body=documents)
def test_the_gate_reads_any_rendered_page_without_error(page: BuiltPage, body: str) -> None:
    assert isinstance(page_findings(page, body), list)


# Facts in the grammar (issue 18) ---------------------------------------------------------
# A fact is put in place before any check reads the text, so a placeholder can carry nothing
# the text itself may not: wherever `{{ f }}` stands (inside an attribute list, after a link
# or a picture, opening a div, as a raw attribute's format, many times over) and whatever the
# fact says, the chapter is refused or its published text renders inert, on the site and in
# pandoc (no key=value attribute reaches a writer).

PROGRAMME = "content/programme.yml"
fact_values = st.one_of(
    st.sampled_from(
        [
            "x srcset=https://beacon.invalid/x.png",
            "y ping=https://beacon.invalid/",
            f"z onclick={SCRIPT.replace('=', '')}",
            "w typst:text:fill=red typst:text:size=40pt",
            'v custom-style="Title"',
            "hidden",
            "=html",
            "=typst",
            ".note title=x",
            "next-steps",
        ]
    ),
    st.text(st.characters(codec="ascii", exclude_categories=["Cc"]), min_size=1, max_size=40),
    st.integers(1, 500).map(lambda n: "w" * n),
)
fact_positions = st.sampled_from(attacks_published.FACT_POSITIONS)


@st.composite
def fact_documents(draw: st.DrawFn) -> tuple[str, str]:
    """A chapter body using the fact `f` in one to three hostile places, and the fact."""
    places = draw(st.lists(fact_positions, min_size=1, max_size=3))
    repeat = draw(st.sampled_from([1, 1, 1, 40]))
    return "\n\n".join(places) * repeat, draw(fact_values)


def refused_with_fact(project: Path, body: str, fact: str) -> bool:
    """Whether the checks refuse the chapter when programme.yml states `fact` as `f`."""
    programme = project / PROGRAMME
    original = programme.read_text(encoding="utf-8")
    try:
        programme.write_text(original + "facts:\n  f: " + json.dumps(fact) + "\n", "utf-8")
        return refused(project, body)
    finally:
        programme.write_text(original, encoding="utf-8")


def pandoc_attributes(text: str) -> list[Any]:
    """Every key=value attribute pandoc reads in `text` (the downloads' reader)."""
    tree = json.loads(pandoc.run(["--to=json"], text.encode("utf-8")))
    found: list[Any] = []

    def walk(node: Any) -> None:
        if isinstance(node, list):
            is_attr = len(node) == 3 and isinstance(node[0], str) and isinstance(node[1], list)
            if is_attr and isinstance(node[2], list) and node[2]:
                found.append(node)
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for item in node.values():
                walk(item)

    walk(tree)
    return found


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=fact_documents())
def test_a_fact_carries_nothing_the_text_may_not(
    project: Path, page: BuiltPage, document: tuple[str, str]
) -> None:
    body, fact = document
    if refused_with_fact(project, body, fact):
        return
    published = substitute(body, {"f": fact}, markdown=True)
    assert page_findings(page, published) == []
    assert pandoc_attributes(published) == []
