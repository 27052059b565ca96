"""The changes made to Material's JavaScript, on the installed Material version; a patch
that no longer applies, or another Material release, stops `mkdocs build` and `mkdocs serve`."""

from __future__ import annotations

import importlib.metadata
import subprocess
from pathlib import Path

import material
import pytest

from conftest import build_site, copy_project
from harness import mkdocs_serve
from material_patch import (MATERIAL_VERSION, Patch, PatchError, apply, check_version,
                            patch_site, patches)

TEMPLATES = Path(material.__file__).parent / "templates"
FILES = sorted({p.files for p in patches("zh")})


def installed(glob: str) -> str:
    [path] = TEMPLATES.glob(glob)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("glob", FILES)
def test_the_installed_code_is_patched_once_and_idempotently(glob):
    mine = [p for p in patches("zh") if p.files == glob]
    patched, failures = apply(installed(glob), mine, glob)
    assert failures == []
    for p in mine:
        assert patched.count(p.patched) == 1 and p.original not in patched
    assert apply(patched, mine, glob) == (patched, [])


def test_a_changed_bundle_reports_every_patch():
    source, failures = apply("function(){}", patches("zh"), "bundle.js")
    assert source == "function(){}"
    assert [f.patch for f in failures] == patches("zh")


# Each patch applied and reported on its own


ONE = Patch("a.js", "one()", "ONE()", "the first")
TWO = Patch("a.js", "two()", "TWO()", "the second")
THREE = Patch("a.js", "three()", "THREE()", "the third")
FOUR = Patch("b.js", "four()", "FOUR()", "the fourth")


def test_a_patch_that_fails_does_not_stop_the_others():
    source, failures = apply("one();two();two();", [THREE, ONE, TWO], "a.js")
    assert source == "ONE();two();two();"
    assert [(f.patch, f.file) for f in failures] == [(THREE, "a.js"), (TWO, "a.js")]
    assert "found 0 times" in failures[0].problem and "found 2 times" in failures[1].problem


def test_an_applied_patch_is_not_applied_again():
    assert apply("ONE();", [ONE], "a.js") == ("ONE();", [])


def test_the_site_is_patched_and_every_failing_patch_of_every_file_is_listed(tmp_path):
    (tmp_path / "a.js").write_text("one();two();", encoding="utf-8")
    with pytest.raises(PatchError) as raised:
        patch_site(tmp_path, [ONE, TWO, THREE, FOUR])
    message = str(raised.value)
    assert message.startswith("2 patch(es) of Material's JavaScript no longer apply")
    assert '"the third" in a.js: ' in message and "'three()' is found 0 times" in message
    assert '"the fourth" in b.js: no file of the site matches' in message
    assert '"the first"' not in message and '"the second"' not in message
    assert "hooks/material_patch.py" in message
    # the patches that apply are written all the same (the build stops anyway)
    assert (tmp_path / "a.js").read_text(encoding="utf-8") == "ONE();TWO();"


def test_a_patched_site_is_patched_again_without_change(tmp_path):
    (tmp_path / "a.js").write_text("one();", encoding="utf-8")
    patch_site(tmp_path, [ONE])
    patch_site(tmp_path, [ONE])
    assert (tmp_path / "a.js").read_text(encoding="utf-8") == "ONE();"


# The Material release


def test_the_installed_material_is_the_one_the_patches_were_written_for():
    assert importlib.metadata.version("mkdocs-material") == MATERIAL_VERSION
    check_version()


def test_another_material_release_is_refused():
    with pytest.raises(PatchError) as raised:
        check_version("9.9.0")
    message = str(raised.value)
    assert f"mkdocs-material {MATERIAL_VERSION} is needed, and 9.9.0 is installed" in message
    assert "hooks/material_patch.py" in message and "tests/test_material_patch.py" in message


# End to end: a copy of the project whose patches or Material release no longer match

# Appended to the copy's hooks/material_patch.py: Material's code "changed" under every other
# patch, whatever the patches are.
BREAK_EVERY_OTHER_PATCH = '''

import dataclasses as _dataclasses
_real_patches = patches


def patches(default_language):
    return [_dataclasses.replace(p, original=p.original + "/*changed upstream*/") if i % 2 == 0
            else p for i, p in enumerate(_real_patches(default_language))]
'''
BROKEN = patches("zh")[::2]
INTACT = patches("zh")[1::2]


@pytest.fixture
def broken_project(tmp_path):
    project = copy_project(tmp_path / "p")
    with open(project / "hooks/material_patch.py", "a", encoding="utf-8") as f:
        f.write(BREAK_EVERY_OTHER_PATCH)
    return project


def assert_reports_the_broken_patches(output: str):
    assert f"ERROR   -  {len(BROKEN)} patch(es) of Material's JavaScript no longer apply" in output
    for p in BROKEN:
        assert f'"{p.why}" in {p.files.split("*")[0]}' in output, p.why
    for p in INTACT:
        assert f'"{p.why}"' not in output, p.why
    assert "update the patch's `original` and `patched`" in output
    assert "Traceback" not in output


@pytest.mark.build
def test_a_patch_that_no_longer_applies_stops_the_build(broken_project, tmp_path):
    result = build_site(broken_project, tmp_path / "site")
    assert result.returncode != 0
    assert_reports_the_broken_patches(result.stdout + result.stderr)


@pytest.mark.build
def test_a_patch_that_no_longer_applies_stops_serve(broken_project, tmp_path):
    log = tmp_path / "serve.log"
    with mkdocs_serve(broken_project, log) as (_, proc):
        try:
            returncode = proc.wait(timeout=120)
        except subprocess.TimeoutExpired:  # still serving: the failing patch did not stop it
            returncode = 0
    output = log.read_text(encoding="utf-8")
    assert returncode != 0, output[-3000:]
    assert_reports_the_broken_patches(output)


@pytest.mark.build
def test_another_material_release_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "p")
    with open(project / "hooks/material_patch.py", "a", encoding="utf-8") as f:
        f.write('\nMATERIAL_VERSION = "9.9.0"\n')
    result = build_site(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert (f"ERROR   -  mkdocs-material 9.9.0 is needed, and {MATERIAL_VERSION} is installed"
            in output)
    assert "Traceback" not in output
    assert not (tmp_path / "site/index.html").exists()  # stopped before writing pages
