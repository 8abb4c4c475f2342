"""Shared fixtures: a tiny valid project written into a temporary folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

FILES = {
    "content/programme.yml": """\
        title: Test Partnership
        edition: "2026/27"
        organisation: Test Network
        licence: CC BY-SA 4.0
        repository: https://github.com/example/handbook
        language: en-GB
        vocabularies:
          roles:
            - id: headteacher
              label: Headteacher
            - id: governor
              label: Governor or trustee
          evidence_sources:
            - id: staff-voice
              label: Staff voice
            - id: pupil-voice
              label: Pupil voice
          activity_types:
            - id: presentation
              label: Presentation
            - id: discussion
              label: Discussion
          day_kinds:
            - id: leadership
              label: Leadership day
              description: Training for leaders.
        parts:
          - id: basics
            title: Basics
            summary: The basics.
        training_days:
          - id: day-1
            title: First day
            kind: leadership
            summary: The first day.
        """,
    "content/glossary.yml": """\
        terms:
          - id: send
            term: Special educational needs and disabilities
            abbreviation: SEND
            definition: Needs that call for extra support.
            see_also: [senco]
          - id: senco
            term: Special educational needs co-ordinator
            abbreviation: SENCo
            definition: The teacher who leads SEND provision.
        """,
    "frameworks/tiny.yml": """\
        id: tiny
        title: Tiny Framework
        version: "1.0"
        status: published
        summary: A framework for tests.
        principles:
          - title: Evidence first
            description: Judgements rest on evidence.
        phases:
          - id: self-review
            title: Self-review
            description: The school looks at itself.
        scale:
          - id: low
            label: Emerging
            descriptor: Not yet in place.
          - id: high
            label: Leading
            descriptor: Strong and shared.
        changes:
          - version: "1.0"
            date: 2026-01-01
            summary: First version.
        domains:
          - id: leadership
            title: Leadership
            summary: How the school is led.
            strands:
              - id: vision
                title: Vision
                summary: Where the school is going.
                criteria:
                  - id: vision-1
                    statement: Leaders share a clear vision.
                    descriptors:
                      low: Few staff can describe the vision.
                      high: Every member of staff can describe the vision.
                    evidence: [staff-voice]
                    questions:
                      - How do staff describe the vision?
        """,
    "content/modules/intro.yml": """\
        id: intro
        title: Introduction
        summary: Meeting the partnership.
        audience: [headteacher]
        day: day-1
        duration: 60
        objectives:
          - Explain the review cycle.
        framework_links: [tiny/vision-1]
        sessions:
          - title: Welcome
            minutes: 20
            activity: presentation
            description: Introductions.
            facilitator_notes: Keep it short.
            handouts:
              - title: The cycle
                file: ../handouts/cycle.md
          - title: Discussion
            minutes: 40
            activity: discussion
            description: What partnership means.
        """,
    "content/handouts/cycle.md": """\
        # The cycle

        Self-review, peer review, support.
        """,
    "content/handbook/basics/welcome.md": """\
        ---
        title: Welcome
        part: basics
        order: 1
        summary: Start here.
        related:
          modules: [intro]
          criteria: [tiny/vision-1]
        ---

        ## Why

        Schools improve together.
        """,
}


def write_project(root: Path, files: dict[str, str] | None = None) -> Path:
    """Write the tiny project (with `files` overriding or adding entries) into `root`."""
    for rel, text in {**FILES, **(files or {})}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A tiny, valid project in a temporary folder."""
    return write_project(tmp_path / "project")


def with_site_look(project: Path) -> Path:
    """A project given the repository's mkdocs.yml and theme, ready for `build()`."""
    (project / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(), encoding="utf-8")
    (project / "theme").symlink_to(REPO / "theme")
    return project


@pytest.fixture
def site_project(project: Path) -> Path:
    """The tiny project with the repository's look, ready for `build()`."""
    return with_site_look(project)
