"""Terms, rules and prose hygiene, read in the text as published (facts in place)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import FILES, write_project

from generator.check.consistency import consistency
from generator.check.prose import doubled_runs, inside_one_fact, quote_mask, starts_sentence
from generator.check.published import published_text
from generator.check.subjects import counted, numbers_counted, same_subject, subject_pattern
from generator.cli.main import main
from generator.cli.project import check
from generator.kinds.catalogue import KINDS
from generator.load.sources import load_corpus

PROGRAMME = "content/programme.yml"
GLOSSARY = "content/glossary.yml"
CHAPTER = "content/handbook/basics/welcome.md"
MODULE = "content/modules/intro.yml"

RULES = """\
terminology:
  - use: SENCo
    avoid: [SENCO, Senco]
facts:
  finding-evidence: at least three kinds of evidence
  review-team:
    text: two or three reviewers, including the review lead
    contradicts: [at least one reviewer, a single reviewer]
"""

REVIEW_LEAD = """\
  - id: review-lead
    term: Review lead
    definition: The reviewer who leads a review team.
    avoid: [lead reviewer, lead-reviewer]
"""


def project(tmp_path: Path, chapter: str = "", module: tuple[str, str] = ("", "")) -> Path:
    files = {
        PROGRAMME: textwrap.dedent(FILES[PROGRAMME]) + RULES,
        GLOSSARY: textwrap.dedent(FILES[GLOSSARY]) + REVIEW_LEAD,
        CHAPTER: textwrap.dedent(FILES[CHAPTER]) + chapter,
    }
    if module[0]:
        files[MODULE] = textwrap.dedent(FILES[MODULE]).replace(*module)
    return write_project(tmp_path / "p", files)


def found(root: Path) -> list[str]:
    return [d.format_text() for d in check(root)[1]]


def test_a_variant_to_avoid_is_reported_with_the_term_to_write(tmp_path: Path) -> None:
    root = project(tmp_path, "\nAsk the Lead-Reviewer, then the\nlead   reviewer.\n")
    assert found(root) == [
        f"{CHAPTER}:15:9: warning: 'Lead-Reviewer' is not the programme's term: write "
        "'Review lead' [term.avoid]\n"
        f"    hint: the term is set in {GLOSSARY}:14; quote it (“Lead-Reviewer”) to mention the word",
        f"{CHAPTER}:16:1: warning: 'lead reviewer' is not the programme's term: write "
        "'review lead' [term.avoid]\n"
        f"    hint: the term is set in {GLOSSARY}:14; quote it (“lead reviewer”) to mention the word",
    ]


def test_a_variant_glued_to_an_apostrophe_or_hyphen_is_still_found(tmp_path: Path) -> None:
    # The quick test of which texts may hold a phrase splits words at ’ and -, as the
    # pattern's word boundaries do: "lead-reviewer’s" holds the variant "lead-reviewer".
    root = project(tmp_path, "\nThe lead-reviewer’s notes and the SENCO’s plan.\n")
    assert [line.split(" [")[0] for line in found(root)] == [
        f"{CHAPTER}:15:5: warning: 'lead-reviewer' is not the programme's term: write "
        "'review lead'",
        f"{CHAPTER}:15:35: warning: 'SENCO' is not the programme's term: write 'SENCo'",
    ]


def test_quoted_text_and_code_are_not_checked_for_terms(tmp_path: Path) -> None:
    chapter = '\nNever write “lead reviewer”, "SENCO" or `Senco`; ask the SENCo.\n'
    assert found(project(tmp_path, chapter)) == []


def test_a_house_rule_matches_the_variant_but_not_the_term_itself(tmp_path: Path) -> None:
    root = project(tmp_path, "\nThe SENCo and the SENCO met.\n")
    assert [line.split(" [")[0] for line in found(root)] == [
        f"{CHAPTER}:15:19: warning: 'SENCO' is not the programme's term: write 'SENCo'"
    ]


def test_terms_are_checked_in_fields_and_titles_with_their_line_and_column(tmp_path: Path) -> None:
    old = "facilitator_notes: Keep it short."
    new = "facilitator_notes: >-\n      Keep it short and let the\n      lead reviewer speak."
    root = project(tmp_path, module=(old, new))
    title = project(tmp_path / "t", module=("title: Welcome", "title: The lead reviewer"))
    assert [line.split(": warning")[0] for line in found(root)] == [f"{MODULE}:17:7"]
    assert [line.split(": warning")[0] for line in found(title)] == [f"{MODULE}:11:16"]


def test_a_contradicting_phrase_names_the_fact_to_use(tmp_path: Path) -> None:
    root = project(tmp_path, "\nA visit needs at least one reviewer.\n")
    assert found(root) == [
        f"{CHAPTER}:15:15: warning: 'at least one reviewer' contradicts the fact 'review-team' "
        "[rule.contradicts]\n"
        "    hint: write {{ review-team }} instead, so the rule is stated once "
        f"({PROGRAMME}:43)"
    ]


def test_a_doubled_word_a_fact_creates_is_reported_at_the_fact(tmp_path: Path) -> None:
    root = project(tmp_path, "\nA finding needs at least {{ finding-evidence }}.\n")
    assert found(root) == [
        f"{CHAPTER}:15:17: warning: 'at least' is written twice, where "
        "{{ finding-evidence }} is put in [prose.doubled-word]\n"
        f"    hint: delete one 'at least'; the fact 'finding-evidence' ({PROGRAMME}:40) reads "
        "“at least three kinds of evidence”"
    ]


def test_a_doubled_word_across_a_line_break_is_found_but_not_across_a_sentence() -> None:
    text = "the the cat. Cat cat\nsat. End. End of at least at\nleast one"
    assert [words for _, _, words in doubled_runs(text)] == ["the", "Cat", "at least"]
    text = "of the host, the host head the host head. One two three one two three"
    assert [words for _, _, words in doubled_runs(text)] == ["the host head", "One two three"]
    assert list(doubled_runs("the host\n\nthe host, the. the")) == []


def test_a_lower_case_fact_that_opens_a_sentence_is_reported(tmp_path: Path) -> None:
    chapter = "\nSchools agree.\n{{ finding-evidence }} backs a finding, as does\n{{ finding-evidence }}.\n"
    assert [line.split(" [")[0] for line in found(project(tmp_path, chapter))] == [
        f"{CHAPTER}:16:1: warning: the sentence starts with {{{{ finding-evidence }}}}, which "
        "reads “at least three kinds of evidence”"
    ]


def test_sentence_starts_are_paragraphs_list_items_and_after_full_stops() -> None:
    text = "Intro.\n{{ a }} x\n- {{ b }}\nand {{ c }}\ne.g. {{ d }}\n\n{{ e }}. {{ f }}"
    opens = {name: starts_sentence(text, text.index("{{ " + name)) for name in "abcdef"}
    assert opens == {"a": True, "b": True, "c": False, "d": False, "e": True, "f": True}


def test_unbalanced_brackets_and_quotes_are_reported_per_paragraph(tmp_path: Path) -> None:
    chapter = "\nOne (two [three] four.\n\nA “quote that ends.\n\nFine (a) “b” [c].\n\nb) item\n"
    assert [line.split(" [")[0] for line in found(project(tmp_path, chapter))] == [
        f"{CHAPTER}:15:5: warning: '(' is never closed in this paragraph",
        f"{CHAPTER}:17:3: warning: '“' opens a quotation never closed in this paragraph",
    ]


def test_single_curly_quotes_pair_but_apostrophes_are_not_flagged(tmp_path: Path) -> None:
    chapter = (
        "\nIt’s the schools’ plan from the ’90s; ‘review’ and ‘the heads’ view’.\n"
        "\nA ‘quote that never ends, and it’s long.\n"
        "\nA stray ’ closes nothing.\n"
    )
    hint = (
        "    hint: pair every ‘ with a ’ in the same paragraph (a ’ after a letter or between "
        "letters is read as an apostrophe)"
    )
    assert found(project(tmp_path, chapter)) == [
        f"{CHAPTER}:17:3: warning: '‘' opens a quotation never closed in this paragraph "
        f"[prose.unbalanced-quote]\n{hint}",
        f"{CHAPTER}:19:9: warning: '’' closes no quotation in this paragraph "
        f"[prose.unbalanced-quote]\n{hint}",
    ]


def test_a_problem_inside_a_facts_own_text_is_reported_once_at_the_fact(tmp_path: Path) -> None:
    files = {
        PROGRAMME: textwrap.dedent(FILES[PROGRAMME]) + "facts:\n  team: the lead reviewer\n",
        CHAPTER: textwrap.dedent(FILES[CHAPTER]) + "\nAsk {{ team }}; ask {{ team }}.\n",
        GLOSSARY: textwrap.dedent(FILES[GLOSSARY]) + REVIEW_LEAD,
    }
    root = write_project(tmp_path / "p", files)
    assert [line.split(": warning")[0] for line in found(root)] == [f"{PROGRAMME}:37:13"]


def test_a_span_inside_one_facts_text_is_told_from_one_that_leaves_it() -> None:
    published = published_text("A {{ x }} b {{ y }}", {"x": "one two", "y": "three"})
    assert published.text == "A one two b three"
    assert inside_one_fact(published, 2, 9) == "x"
    assert inside_one_fact(published, 0, 9) == ""
    assert inside_one_fact(published, 6, 13) == ""
    assert published.facts_within(0, 17) == ["x", "y"]


def test_quote_mask_leaves_apostrophes_and_blanks_quotations() -> None:
    assert quote_mask("the school’s ‘x y’ and “a”") == "the school’s       and    "


def test_strict_validate_fails_on_a_resource_that_says_lead_reviewer(tmp_path: Path) -> None:
    root = project(tmp_path, "\nThe lead reviewer writes.\n")
    assert main(["--root", str(root), "validate"]) == 0
    assert main(["--root", str(root), "validate", "--strict"]) == 1


def test_the_consistency_report_lists_uses_restatements_and_contradictions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chapter = (
        "\nA finding rests on {{ finding-evidence }}. Teams have two or three reviewers,"
        "\nincluding the review lead; never at least one reviewer.\n"
    )
    root = project(tmp_path, chapter)
    report = {rule.name: rule for rule in consistency(load_corpus(root, KINDS))}
    assert [str(m) for m in report["finding-evidence"].uses] == [f"{CHAPTER}:15:20"]
    assert [str(m) for m in report["review-team"].restated] == [
        f"{CHAPTER}:15:55 “two or three reviewers, including the review lead”"
    ]
    assert [str(m) for m in report["review-team"].contradicted] == [
        f"{CHAPTER}:16:34 “at least one reviewer”"
    ]
    assert main(["--root", str(root), "check", "--consistency"]) == 0
    out = capsys.readouterr().out
    assert "    stated by hand at " in out and "write {{ review-team }}" in out
    assert out.splitlines()[-1] == (
        "2 rules used 1 times; 1 stated by hand, 1 contradicted, 0 on the same subject "
        "without the fact."
    )


def test_the_consistency_report_finds_a_number_said_of_what_a_fact_counts(
    tmp_path: Path,
) -> None:
    # review-team counts reviewers ("two or three reviewers"); finding-evidence counts kinds.
    chapter = (
        "\nEach visit needs four reviewers. One reviewer and\nthree kinds of evidence are enough;"
        " “two reviewers” is quoted.\nThree schools, 45 minutes and {{ review-team }} are fine.\n"
    )
    report = {
        rule.name: rule for rule in consistency(load_corpus(project(tmp_path, chapter), KINDS))
    }
    assert [str(m) for m in report["review-team"].same_subject] == [
        f"{CHAPTER}:15:18 “four reviewers”",
        f"{CHAPTER}:15:34 “One reviewer”",
    ]
    assert [str(m) for m in report["finding-evidence"].same_subject] == [
        f"{CHAPTER}:16:1 “three kinds of evidence”"
    ]


def test_a_number_that_is_part_of_a_name_is_no_count() -> None:
    # "key stage 2 tests" names the tests; "Year 5", "day 2" and "Day Two" name a year or a day.
    assert counted("the key stage 2 tests in one week in May, and two or three reviewers") == {
        "reviewer"
    }
    text = "Key Stage 2 reviewers, Year 5 reviewers, day 2 reviewers, Day Two reviewers; six reviewers."
    said = [m.group() for m, _ in same_subject(subject_pattern(["reviewer"]), text)]
    assert said == ["six reviewers"]


def test_a_number_the_fact_gives_agrees_and_one_picked_out_is_no_count(tmp_path: Path) -> None:
    # review-team is "two or three reviewers": "two reviewers" and "three reviewers" agree with
    # it; "at least two" and "four" may not; "one reviewer with the SENCo" is a person.
    chapter = (
        "\nTwo reviewers meet pupils while three reviewers visit lessons, one reviewer at"
        "\na time; one reviewer with the SENCo; better than one reviewer alone. Four"
        "\nreviewers is too many, at least two reviewers is vague, one reviewer is enough."
        "\nOne reviewer from each school.\n"
    )
    report = {
        rule.name: rule for rule in consistency(load_corpus(project(tmp_path, chapter), KINDS))
    }
    assert [str(m) for m in report["review-team"].same_subject] == [
        f"{CHAPTER}:16:70 “Four reviewers”",
        f"{CHAPTER}:17:33 “two reviewers”",
        f"{CHAPTER}:17:57 “one reviewer”",
        f"{CHAPTER}:18:1 “One reviewer”",
    ]


def test_a_counted_word_with_its_of_phrase_is_counted_as_the_phrase() -> None:
    # "lines of enquiry" is the subject, so four lines of text are not taken for the rule.
    assert numbers_counted("two or three lines of enquiry") == {"line of enquiry": {2, 3}}
    text = "Write four lines of text. Agree four lines\nof enquiry; take one line of enquiry."
    said = [m.group() for m, _ in same_subject(subject_pattern(["line of enquiry"]), text)]
    assert said == ["four lines\nof enquiry"]


def test_an_at_most_limit_allows_every_number_up_to_it_in_its_clause() -> None:
    # "no more than two strengths and two areas" allows one or two of each; a number after the
    # clause ends (the semicolon) is said plainly again.
    fact = "no more than two strengths and two areas to explore; then three topics in turn"
    assert numbers_counted(fact) == {"strength": {1, 2}, "area": {1, 2}, "topic": {3}}


def test_a_word_ending_in_ss_is_no_plural() -> None:
    # "more than one class" counts nothing: class is singular, not the plural of "clas".
    assert counted("a year group with more than one class, and three classes") == {"class"}
    assert counted("more than one class or process") == set()
