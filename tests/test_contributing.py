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

from conftest import FIXTURE, ROOT, copy_project
from harness import copy_seminar, place

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
    # adding a seminar starts with drafting its data file, in both languages
    for heading in ("### 新增一期研讨会", "### Add a seminar"):
        section = GUIDE.split(heading, 1)[1]
        first = re.search(r"```sh\n(.*?)```", section, re.S)[1]
        assert re.search(r"^python -m tools\.draft seeds/\S+\.txt$", first, re.M), heading


@pytest.mark.build
def test_every_command_of_the_guide_runs(tmp_path):
    project = copy_project(tmp_path / "p")
    shutil.copytree(ROOT / "tests/fixtures", project / "tests/fixtures")
    # the seminar the guide tries, given a number, slug and file name the project's seeds/ does
    # not use, in the commands too
    tried = place(project / "seeds")
    fixture = project / "tests/fixtures" / FIXTURE.name
    shutil.rmtree(fixture)
    fixture.mkdir()
    copy_seminar(FIXTURE, fixture, tried)
    [name] = {p.stem for p in FIXTURE.glob("*.yml")}
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    for command in commands():
        command = re.sub(r"^python ", f"{sys.executable} ", command).replace(name, tried.name)
        result = subprocess.run(["bash", "-c", command], cwd=project, env=env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, (command, result.stdout[-1500:], result.stderr[-1500:])
    # the tried seminar was built, with its pages in both languages, and its files are gone
    assert (project / f"site/{tried.base}/index.html").is_file()
    assert (project / f"site/en/{tried.base}/index.html").is_file()
    assert not list(project.glob(f"seeds/{tried.name}.*"))


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
