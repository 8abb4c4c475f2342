"""A new source kind is one registry entry plus its templates, and every stage takes it up.

The "case study" kind below lives only in this test and in tests/fixtures/case-study-kind/:
it is loaded, checked against its schema (with positions), cross-referenced, built into the
model, rendered as a page, listed in the navigation, exported as a JSON Schema and offered
by `handbook new`, without a line changed anywhere else.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO

from generator.check.crossref import Checker, Index, framework_link
from generator.check.jsonschema import write_schemas
from generator.check.schemas import REF_PATTERN, label, strings, text
from generator.cli.main import main
from generator.cli.project import check, read_handbook
from generator.kinds import catalogue
from generator.kinds.registry import Built, DeclaredId, Kinds, PageSpec, SourceKind, Starter
from generator.load.sources import SOURCE_ROOTS, SourceDocument, discover, load_corpus
from generator.model import wording
from generator.model.objects import Referrer
from generator.render.downloads import DownloadList
from generator.render.pages import site_nav
from generator.render.templates import SiteContext, render_site
from generator.theme import CHECKOUT

TEMPLATES = Path(__file__).parent / "fixtures" / "case-study-kind"


@dataclass(frozen=True)
class CaseStudy:
    """A school's story, told for training, that illustrates some criteria."""

    id: str
    title: str
    summary: str
    criteria: tuple[str, ...]
    body: str
    source: str


def _check(check: Checker, index: Index, root: Path) -> None:
    for i, ref in enumerate(check.doc.data.get("criteria") or []):
        framework_link(check, index, ("criteria", i), ref)


def _build(docs: list[SourceDocument], built: Built) -> tuple[CaseStudy, ...]:
    cases = (
        CaseStudy(
            id=doc.stem,
            title=doc.data["title"],
            summary=doc.data["summary"].strip(),
            criteria=tuple(doc.data.get("criteria") or ()),
            body=doc.body.strip(),
            source=doc.rel,
        )
        for doc in docs
    )
    return tuple(sorted(cases, key=lambda c: c.title.lower()))


def _links(case: CaseStudy) -> tuple[str, ...]:
    return case.criteria


def _ids(doc: SourceDocument) -> list[DeclaredId]:
    return [("case study", (), doc.stem)]


CASE_STUDY = SourceKind(
    name="case-study",
    folder="content/case-studies",
    pattern="*.md",
    reader="front-matter",
    front_matter_hint="start with a `---` line, the case study's title and summary, "
    "and another `---`",
    schema={
        "title": label("The case study's title"),
        "summary": text("What happened and what the case shows, in one or two sentences"),
        "criteria": strings(
            "Strands or criteria it illustrates, as framework-id/id", regex=REF_PATTERN
        ),
    },
    title="Case study front matter",
    ids=_ids,
    check=_check,
    build=_build,
    links=_links,
    page=PageSpec(
        template="case-study.md.j2",
        folder="training/case-studies",
        section="case_studies",
        name="case_study",
        tab="Training",
    ),
    starter=Starter(template="new/case-study.md.j2"),
    templates=TEMPLATES,
)

CASE = """\
    ---
    title: Sharing the vision at Oakfield Primary
    summary: >
      How a new headteacher wrote the school's vision with staff and pupils.
    criteria: [tiny/vision-1]
    ---

    The school and the people in it are fictional, invented for training.

    ## What the school did

    Staff met three times in the autumn term.
    """


#: The words the kind brings with it, beside its templates.
CASE_WORDS = {"case_studies": "Case studies"}


@pytest.fixture
def with_case_studies(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tiny project with one case study, and the kind registered: one entry.

    The kind's section heading is a word like any other: it goes in theme/wording.yml,
    which this fixture extends rather than editing the shipped table.
    """
    monkeypatch.setattr(catalogue, "KINDS", catalogue.KINDS.adding(CASE_STUDY))
    shipped = wording.theme_wording
    monkeypatch.setattr(wording, "theme_wording", lambda *a: {**shipped(*a), **CASE_WORDS})
    write(project, "oakfield.md", CASE)
    return project


def write(project: Path, name: str, source: str) -> None:
    path = project / "content" / "case-studies" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source), encoding="utf-8")


def problems(project: Path) -> list[tuple[object, ...]]:
    """Each diagnostic as (file, line, column, field, message, hint)."""
    return [(d.path, d.line, d.column, d.field, d.message, d.hint) for d in check(project)[1]]


def test_an_unregistered_kind_is_an_unknown_file(project: Path) -> None:
    write(project, "oakfield.md", CASE)
    assert [p[:5] for p in problems(project)] == [
        ("content/case-studies/oakfield.md", 1, 1, "", "unknown file in a source folder")
    ]


def test_the_registered_kind_is_loaded(with_case_studies: Path) -> None:
    docs = load_corpus(with_case_studies, catalogue.KINDS).of_kind("case-study")
    assert [(d.rel, d.data["criteria"]) for d in docs] == [
        ("content/case-studies/oakfield.md", ["tiny/vision-1"])
    ]
    assert problems(with_case_studies) == []


def test_a_bad_field_is_reported_at_its_line_and_column(with_case_studies: Path) -> None:
    bad = CASE.replace("criteria: [tiny/vision-1]", "criteria: tiny/vision-1\n    titel: Oakfield")
    write(with_case_studies, "oakfield.md", bad)
    assert problems(with_case_studies) == [
        (
            "content/case-studies/oakfield.md",
            5,
            11,
            "criteria",
            "must be a list, not text 'tiny/vision-1'",
            "write each item on its own line starting with '- ', or use [a, b]",
        ),
        (
            "content/case-studies/oakfield.md",
            6,
            1,
            "titel",
            "unknown field 'titel'",
            "did you mean 'title'?",
        ),
    ]


def test_a_missing_front_matter_gets_the_kinds_hint(with_case_studies: Path) -> None:
    write(with_case_studies, "plain.md", "# A case without front matter\n")
    assert problems(with_case_studies) == [
        (
            "content/case-studies/plain.md",
            1,
            1,
            "",
            "case-study has no front matter",
            "start with a `---` line, the case study's title and summary, and another `---`",
        )
    ]


def test_its_references_are_checked(with_case_studies: Path) -> None:
    write(with_case_studies, "oakfield.md", CASE.replace("tiny/vision-1", "tiny/vison-1"))
    assert problems(with_case_studies) == [
        (
            "content/case-studies/oakfield.md",
            5,
            12,
            "criteria[0]",
            "unknown strand or criterion of tiny 'vison-1'",
            "did you mean 'vision-1'?",
        )
    ]


def test_its_file_names_follow_the_id_rule(with_case_studies: Path) -> None:
    write(with_case_studies, "Oak Field.md", CASE)
    assert [p[4] for p in problems(with_case_studies)] == [
        "file name 'Oak Field.md' is not allowed"
    ]


def test_it_is_built_into_the_model_with_back_links(with_case_studies: Path) -> None:
    handbook, _ = read_handbook(with_case_studies)
    (case,) = handbook.collection("case-study")
    assert isinstance(case, CaseStudy)
    assert case.title == "Sharing the vision at Oakfield Primary"
    assert Referrer(kind="case-study", id="oakfield") in handbook.referrers["tiny/vision-1"]


def test_it_is_rendered_as_a_page_in_the_navigation(with_case_studies: Path) -> None:
    handbook, _ = read_handbook(with_case_studies)
    site = SiteContext(dates={}, manifest=DownloadList(()), edit_base="https://e.org/edit")
    page = render_site(handbook, site)["training/case-studies/oakfield.md"]
    assert "title: Sharing the vision at Oakfield Primary" in page
    assert "edit_url: https://e.org/edit/content/case-studies/oakfield.md" in page
    link = "[Leaders share a clear vision.](../../frameworks/tiny/leadership.md#vision-1)"
    assert f"- Illustrates {link}\n" in page
    assert "Staff met three times in the autumn term." in page
    training = next(tab["Training"] for tab in site_nav(handbook) if "Training" in tab)
    assert {"Case studies": ["training/case-studies/oakfield.md"]} in training


def test_its_json_schema_is_written(with_case_studies: Path, tmp_path: Path) -> None:
    written = write_schemas(tmp_path / "schemas", catalogue.KINDS)
    assert tmp_path / "schemas" / "case-study.schema.json" in written
    schema = json.loads((tmp_path / "schemas" / "case-study.schema.json").read_text())
    assert schema["title"] == "Case study front matter"
    assert schema["required"] == ["title", "summary"]


def test_handbook_new_offers_it_and_the_file_validates(with_case_studies: Path) -> None:
    assert "case-study" in catalogue.KINDS.starter_names()
    assert main(["--root", str(with_case_studies), "new", "case-study", "riverside-maths"]) == 0
    written = with_case_studies / "content" / "case-studies" / "riverside-maths.md"
    assert written.read_text(encoding="utf-8").startswith("---\ntitle: Riverside maths\n")
    assert problems(with_case_studies) == []


def test_every_registered_kind_is_whole() -> None:
    names = [kind.name for kind in catalogue.KINDS]
    assert len(names) == len(set(names))
    for kind in catalogue.KINDS:
        assert kind.folder.split("/")[0] in SOURCE_ROOTS, kind.name
        folders = (CHECKOUT.templates, *([kind.templates] if kind.templates else []))
        templates = [kind.starter.template] if kind.starter else []
        templates += [kind.page.template] if kind.page else []
        for name in templates:
            assert any((folder / name).is_file() for folder in folders), (kind.name, name)
        assert kind.reader != "front-matter" or kind.front_matter_hint, kind.name


#: Where each kind's files were found before the registry: (folder, pattern, kind).
LAYOUT_BEFORE = (
    ("content", "programme.yml", "programme"),
    ("content", "glossary.yml", "glossary"),
    ("content/modules", "*.yml", "module"),
    ("content/handouts", "*.md", "handout"),
    ("content/resources", "*.md", "resource"),
    ("content/handbook", "**/*.md", "chapter"),
    ("frameworks", "*.yml", "framework"),
    ("frameworks/archive", "*/*.yml", "framework-archive"),
)


def test_the_shipped_files_are_classified_as_before() -> None:
    expected = {}
    for folder, pattern, name in LAYOUT_BEFORE:
        for path in (REPO / folder).glob(pattern):
            expected[path.relative_to(REPO).as_posix()] = name
    found = {
        path.relative_to(REPO).as_posix(): name for name, path in discover(REPO, catalogue.KINDS)[0]
    }
    assert {rel: found.get(rel) for rel in expected} == expected
    assert {rel for rel, name in found.items() if name != "image"} == set(expected)


@pytest.mark.parametrize(
    ("change", "refusal"),
    [
        ({"ids": lambda doc: []}, "'case-study': ids: '<lambda>' is not a function declared"),
        ({"folder": "docs/case-studies"}, "folder 'docs/case-studies' is not inside content/"),
        ({"folder": "content/../secrets"}, "folder 'content/../secrets' is not inside"),
        ({"name": "chapter"}, "'chapter' is declared twice"),
    ],
)
def test_kinds_refuse_what_would_break_a_stage_or_a_cache(
    change: dict[str, object], refusal: str
) -> None:
    import dataclasses

    with pytest.raises(ValueError, match=re.escape(refusal)):
        catalogue.KINDS.adding(dataclasses.replace(CASE_STUDY, **change))  # type: ignore[arg-type]
    assert isinstance(catalogue.KINDS.adding(CASE_STUDY), Kinds)


def test_a_programme_adds_a_kind_through_build_options(project: Path) -> None:
    """No edit to the package and no patching: the kind is handed to the build, and its
    section heading goes in the project's own theme/wording.yml."""
    from generator.cli.build import BuildOptions, build

    (project / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(), encoding="utf-8")
    shutil.copytree(REPO / "theme", project / "theme")
    with (project / "theme" / "wording.yml").open("a", encoding="utf-8") as words:
        words.write("".join(f"\n{key}: {value}\n" for key, value in CASE_WORDS.items()))
    write(project, "oakfield.md", CASE)
    kinds = catalogue.KINDS.adding(CASE_STUDY)
    build(project, BuildOptions(downloads=False, kinds=kinds))
    page = project / "site" / "training" / "case-studies" / "oakfield" / "index.html"
    assert "Sharing the vision at Oakfield Primary" in page.read_text(encoding="utf-8")
