"""The suite holds for any set of seminars: an organiser's pull request adds a report and its
data file to seeds/, and the unit and build layers must stay green in that project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, add_seminar

# what a clone holds beyond the tracked files: left out of the copy
NOT_TRACKED = shutil.ignore_patterns(".git", ".venv", "site", "node_modules", "__pycache__",
                                     ".pytest_cache", ".hypothesis", "results")


@pytest.mark.build
def test_the_unit_and_build_layers_pass_with_one_more_seminar_in_seeds(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(ROOT, project, ignore=NOT_TRACKED)
    # a report and its data file, no translation: as it arrives, under a number of its own
    add_seminar(project / "seeds")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "unit or build",
         "--deselect", f"tests/test_growth.py::{test_the_unit_and_build_layers_pass_with_one_more_seminar_in_seeds.__name__}",
         # its archives replace seeds/: what seeds/ holds changes nothing there
         "--deselect", "tests/test_generative.py"],
        cwd=project, env=env, capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stdout[-4000:]
    assert " passed" in result.stdout.splitlines()[-1]


@pytest.mark.build
def test_the_benchmarks_synthetic_archive_builds_strict(tmp_path):
    # bench/synthetic.py grows the archive for the benchmarks: its seminars must pass every
    # check a real one passes, or the figures at 10 and 50 seminars cannot be measured
    from conftest import build_site, real_site
    from synthetic import make_project

    project = make_project(3, tmp_path / "p")  # seeds/ as it is, and 2 synthetic seminars
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr
    built = len(list((site / "seminars").glob("*/index.html")))
    assert built == len(real_site()[0].seminars) + 2
