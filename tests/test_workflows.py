"""The GitHub Actions workflows: valid, free of security findings, and running the very
commands the README gives (so a contributor's local check is CI's check)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
ACTIVATE = ". .venv/bin/activate"  # a step's shell starts afresh; the README's has the venv


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=120)


def test_workflows_match_the_github_schema():
    result = run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows",
                 *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_even_when_pedantic():
    result = run(BIN / "zizmor", "--offline", "--persona=pedantic", ROOT / ".github/workflows")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def readme_commands() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.*?)```", readme, re.S)
    commands += re.findall(r"`([^`\n]*(?:mkdocs|pytest|pip) [^`\n]*)`", readme)
    return {part.strip() for c in commands for line in c.splitlines()
            for part in line.split(" && ") if part.strip()}


def test_every_step_runs_a_command_of_the_readme():
    known = readme_commands()
    steps = 0
    for workflow in WORKFLOWS:
        for job in yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].values():
            for step in job["steps"]:
                if "run" not in step:
                    continue
                steps += 1
                for part in step["run"].strip().split(" && "):
                    if part != ACTIVATE:
                        assert part in known, f"{workflow.name}: {part!r} is not in the README"
    assert steps >= 4


def test_publishing_uses_the_official_pages_actions_pinned_and_uncached():
    publish = (ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    for action in ("actions/configure-pages", "actions/upload-pages-artifact",
                   "actions/deploy-pages"):
        assert re.search(rf"uses: {action}@[0-9a-f]{{40}} # v", publish), action
    assert "cache" not in yaml.safe_load(publish)["jobs"]["build"]["steps"][1].get("with", {})
    for workflow in WORKFLOWS:
        for uses in re.findall(r"uses: (\S+)", workflow.read_text(encoding="utf-8")):
            assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", uses), uses
