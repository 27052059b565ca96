"""scripts/test, the README's one test command: it decides which system packages the chosen
layers need, stops with one line before pytest when it cannot install them, and otherwise
hands its arguments to pytest in the project's environment.

Each case runs the real script in a scratch project on a PATH of its own (so that Java and
apt-get can be absent), with a stand-in `.venv/bin/python` that records how pytest would
have been called: nothing is installed and no test runs twice.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.unit

SCRIPT = ROOT / "scripts" / "test"
# what the script runs besides its own builtins: no java, no apt-get, no sudo
TOOLS = ("bash", "cat", "cut", "dirname", "id", "env", "sha256sum")
RECORDER = """#!/bin/sh
echo "pytest called with: $*"
"""


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    (root / "scripts").mkdir(parents=True)
    shutil.copy(SCRIPT, root / "scripts" / "test")
    requirements = root / "requirements-test.txt"
    requirements.write_text("# locked requirements\n")
    venv_bin = root / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    (venv_bin / "python").write_text(RECORDER)
    (venv_bin / "python").chmod(0o755)
    # the environment is up to date with the requirements: the script must not reinstall
    (root / ".venv" / ".requirements-test.sha256").write_text(
        hashlib.sha256(requirements.read_bytes()).hexdigest() + "\n")
    path = tmp_path / "bin"
    path.mkdir()
    (path / "python3").symlink_to(sys.executable)
    for tool in TOOLS:
        (path / tool).symlink_to(shutil.which(tool))
    return root, path


def run(project, *args, chromium: str | None = None):
    root, path = project
    env = {"PATH": str(path), "HOME": str(root)}
    if chromium is not None:
        env["CHROMIUM_PATH"] = chromium
    return subprocess.run([shutil.which("bash"), str(root / "scripts" / "test"), *args],
                          cwd=root, env=env, capture_output=True, text=True, timeout=60)


def one_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_without_java_and_apt_get_it_stops_with_one_line_before_pytest(project):
    result = run(project, chromium="/bin/true")
    assert result.returncode == 2
    line = one_line(result)
    assert line.startswith("scripts/test: missing: default-jre-headless")
    assert "no apt-get" in line and "CHROMIUM_PATH" in line and "java on PATH" in line
    assert "pytest called" not in result.stdout


def test_a_chromium_path_that_is_not_a_program_is_named(project, tmp_path):
    result = run(project, chromium=str(tmp_path / "no-such-chrome"))
    assert result.returncode == 2
    assert "CHROMIUM_PATH" in one_line(result) and "no-such-chrome" in one_line(result)
    assert "pytest called" not in result.stdout


def test_the_unit_layer_needs_neither_package_and_gets_every_argument(project, tmp_path):
    result = run(project, "-m", "unit", "-k", "feed or glossary",
                 chromium=str(tmp_path / "no-such-chrome"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "pytest called with: -m pytest -m unit -k feed or glossary"


def test_the_build_layer_needs_java_but_no_browser(project, tmp_path):
    result = run(project, "-m", "not browser", chromium=str(tmp_path / "no-such-chrome"))
    assert result.returncode == 2
    line = one_line(result)
    assert "default-jre-headless" in line and "chromium" not in line.split(":")[2]


def test_every_layer_is_checked_when_no_layer_is_chosen(project, tmp_path):
    result = run(project, "-m", "browser or build")
    assert result.returncode == 2
    line = one_line(result)
    assert "missing: " in line
    if not Path("/usr/bin/chromium").exists():
        assert "chromium" in line
    assert "default-jre-headless" in line


def test_ci_runs_the_command_the_readme_gives():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "```sh\nscripts/test\n```" in readme
    assert [line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))] \
        == ["scripts/test", "scripts/test-properdocs"]
    assert os.access(SCRIPT, os.X_OK)
