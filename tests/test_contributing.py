"""CONTRIBUTING.md's commands work as written, in a copy of the project, in its order; and
its examples match the real files."""

from __future__ import annotations

import pytest

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from conftest import ROOT, copy_project

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
# Setting up the environment is the README's business (the tests already run inside one);
# `mkdocs serve` runs until stopped (tests/test_serve.py covers it).
SETUP = ("python3 -m venv", ". .venv/bin/activate", "pip install")


def commands() -> list[str]:
    out = []
    for block in re.findall(r"```sh\n(.*?)```", GUIDE, re.S):
        for line in block.strip().splitlines():
            if not line.startswith(SETUP):
                out.append(line)  # both halves, in order: each must work where it stands
    return out


def test_the_guide_gives_commands_for_each_task():
    found = commands()
    assert any(c.startswith("python -m tools.check seeds/") for c in found)
    assert "python -m tools.coverage" in found and "mkdocs build --strict" in found
    assert any(c.startswith("cp tests/fixtures/second-seminar/") for c in found)


@pytest.mark.build
def test_every_command_of_the_guide_runs(tmp_path):
    project = copy_project(tmp_path / "p")
    shutil.copytree(ROOT / "tests/fixtures", project / "tests/fixtures")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    for command in commands():
        command = re.sub(r"^python ", f"{sys.executable} ", command)
        result = subprocess.run(["bash", "-c", command], cwd=project, env=env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, (command, result.stdout[-1500:], result.stderr[-1500:])
    # the tried seminar is built, with its pages in both languages
    assert (project / "site/seminars/10-3d-vision/index.html").is_file()
    assert (project / "site/en/seminars/10-3d-vision/index.html").is_file()
    assert (project / "seeds/2021-06-19-3d-vision.en.txt").is_file()


def test_the_examples_are_real():
    tr = (ROOT / "seeds/2021-01-09-low-level-vision.en.txt").read_text(encoding="utf-8")
    for unit_line in re.findall(r"^(\[[^\]]+\] [0-9a-f]{8}  .+)$", GUIDE, re.M):
        assert unit_line in tr, unit_line
    # the data file's optional fields appear in the real seminar's or the fictional one's
    data = "\n".join((ROOT / path).read_text(encoding="utf-8") for path in (
        "seeds/2021-01-09-low-level-vision.yml",
        "tests/fixtures/second-seminar/2021-06-19-3d-vision.yml"))
    papers = (ROOT / "seeds/papers.yml").read_text(encoding="utf-8")
    for field in re.findall(r"^\| `(\w+)` \|", GUIDE, re.M):
        assert (re.search(rf"^{field}:", data, re.M)
                or re.search(rf"^\s+(- )?{field}:", papers, re.M)), field


def test_the_address_to_open_is_where_mkdocs_serve_puts_the_site():
    mount = urlsplit(yaml.safe_load(
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])["site_url"]).path
    for guide in ("README.md", "CONTRIBUTING.md"):
        text = (ROOT / guide).read_text(encoding="utf-8")
        opened = re.findall(r"<http://127\.0\.0\.1:8000(/[^>]*)>", text)
        assert opened and set(opened) == {mount}, (guide, opened)
