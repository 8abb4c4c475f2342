"""The CI workflow and pre-commit hook parse, and every command they run exists."""

from __future__ import annotations

import re
import shlex

import yaml
from conftest import REPO

from generator.cli.main import _parser

WORKFLOW = REPO / ".github" / "workflows" / "handbook.yml"


def dev_commands() -> set[str]:
    """The subcommands the ./dev script accepts."""
    text = (REPO / "dev").read_text()
    return set(re.findall(r"^  ([a-z]+)\)$", text, flags=re.MULTILINE))


def handbook_commands() -> set[str]:
    """The subcommands the `handbook` CLI accepts."""
    parser = _parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return set(action.choices)  # type: ignore[arg-type]


def run_lines() -> list[str]:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    lines = []
    for step in steps:
        for line in step.get("run", "").splitlines():
            lines += [part.strip() for part in re.split(r"&&|>>", line) if "./dev" in part]
    return lines


def test_workflow_runs_on_pull_requests_and_deploys_main() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    assert workflow["jobs"]["deploy"]["needs"] == "check"


def test_workflow_names_only_commands_that_exist() -> None:
    lines = run_lines()
    assert len(lines) >= 4
    for line in lines:
        words = shlex.split(line)
        assert words[0] == "./dev"
        assert words[1] in dev_commands(), line
        if words[1] == "handbook":
            assert words[2] in handbook_commands(), line


def test_workflow_validates_with_github_annotations_and_builds_strict() -> None:
    lines = run_lines()
    assert "./dev validate --format github" in lines
    assert "./dev build --strict" in lines
    assert "./dev test" in lines


def test_pre_commit_hook_validates_changed_sources() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    hook = config["repos"][0]["hooks"][0]
    words = shlex.split(hook["entry"])
    assert words[0] == "./dev" and words[1] in dev_commands()
    assert hook["pass_filenames"] is True
    assert re.match(hook["files"], "frameworks/peer-review-framework.yml")
    assert not re.match(hook["files"], "generator/cli/main.py")


# Part 9 of issue 9: nothing from the event is spliced into a script, and actions are pinned.


def steps() -> list[dict[str, object]]:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_no_expression_is_interpolated_into_a_run_script() -> None:
    scripts = [str(step["run"]) for step in steps() if "run" in step]
    assert scripts
    for script in scripts:
        assert "${{" not in script, script


def test_the_base_branch_reaches_the_diff_step_through_the_environment() -> None:
    step = next(s for s in steps() if "handbook diff" in str(s.get("run", "")))
    assert step["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    script = str(step["run"])
    # Every use sits inside double quotes, and the fetch cannot read the name as an option.
    uses = [
        line[: m.start()] for line in script.splitlines() for m in re.finditer("BASE_REF", line)
    ]
    assert len(uses) == 4
    assert all(before.count('"') % 2 == 1 for before in uses), uses
    assert 'git fetch --quiet -- origin "refs/heads/$BASE_REF:' in script


def test_every_action_is_pinned_to_a_commit_with_its_tag_beside_it() -> None:
    uses = re.findall(r"^\s*(?:- )?uses: (\S+)(.*)$", WORKFLOW.read_text(), flags=re.MULTILINE)
    assert len(uses) == len([s for s in steps() if "uses" in s]) >= 5
    for action, comment in uses:
        name, _, ref = action.partition("@")
        assert re.fullmatch(r"[0-9a-f]{40}", ref), action
        assert re.fullmatch(r" # v\d+(\.\d+)*", comment), (action, comment)
        assert name.startswith("actions/"), name
