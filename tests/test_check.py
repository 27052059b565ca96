"""The organisers' check command: what the parser found, and the build's own messages."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from archive import load
from conftest import DATA, ROOT, SEED, add_seminar, build_site, copy_project
from test_archive import give_chinese_name, line_of, someone_else


def check(seed, *options: str) -> subprocess.CompletedProcess:
    """The check as CONTRIBUTING.md runs it, from the project's folder."""
    return subprocess.run([sys.executable, "-m", "tools.check", *options, str(seed)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_the_real_report():
    result = check(SEED)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "talks: 6" in out and "panel questions: 6" in out
    assert "  6. low-level-for-high-level-vision: 13 turns" in out
    assert "     t13 line 108: 潘金山 [潘金山] (closing)" in out
    assert "51/51 units (100%), 0 outdated, 0 missing" in out
    assert "warning" not in out and "error" not in out


def test_an_unknown_prefix_is_an_error_with_its_line(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    seed = seeds / SEED.name
    seed.write_text(SEED.read_text(encoding="utf-8").replace("付莹: 我主要说三点", "付教授: 我主要说三点"),
                    encoding="utf-8")
    shutil.copy(DATA, seeds / DATA.name)
    result = check(seed)
    assert result.returncode == 1
    assert result.stdout.strip() == (
        f"error: seeds/{SEED.name}:42: unknown speaker '付教授' "
        "(a name or alias listed under 'people' in the data file)")


def test_untranslated_units_are_listed(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds / SEED.name)
    shutil.copy(DATA, seeds / DATA.name)
    result = check(seeds / SEED.name)
    assert result.returncode == 0
    assert "0/51 units (0%), 0 outdated, 51 missing" in result.stdout
    assert "  missing  [open-problems-and-trends/t01]" in result.stdout


def test_writing_a_translation_file_keeps_the_english_and_adds_new_units(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for f in (SEED, DATA, SEED.with_name(SEED.stem + ".en.txt")):
        shutil.copy(f, seeds / f.name)
    tr = seeds / (SEED.stem + ".en.txt")
    original = tr.read_text(encoding="utf-8")
    tr.write_text(original.replace("[closing/1]", "[closing/x]"), encoding="utf-8")  # one lost
    result = check(seeds / SEED.name, "--write-translation")
    assert result.returncode == 0 and f"wrote {tr}" in result.stdout
    written = tr.read_text(encoding="utf-8")
    assert "[closing/1] " in written and "[closing/x]" not in written
    assert written.count("\n[") == 51
    assert "Let me get the ball rolling." in written
    assert check(seeds / SEED.name).stdout.count("missing  [") == 1  # the lost one, now empty


def test_a_seminar_under_a_number_already_taken_is_refused_with_both_places(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds / SEED.name)
    shutil.copy(DATA, seeds / DATA.name)
    taken = load.load_seminar(SEED).seminar.number
    added = add_seminar(seeds, number=taken)
    other = seeds / f"{added.name}.yml"
    result = check(seeds / f"{added.name}.txt")
    assert result.returncode == 1
    assert result.stdout.strip().splitlines()[-1] == (
        f"error: seeds/{other.name}:{line_of(other, 'number:')}: seminar number '{taken}' is "
        f"claimed by another seminar too (also in seeds/{DATA.name}:{line_of(DATA, 'number:')};"
        " a number of its own for every seminar)")
    # the report of the seminar that had it first says so too: the build fails on both
    assert result.stdout.strip().splitlines()[-1] in check(seeds / SEED.name).stdout


@pytest.mark.build
def test_one_chinese_name_under_two_ids_fails_the_check_and_the_strict_build(tmp_path):
    project = copy_project(tmp_path / "p", only=SEED.stem)
    seeds = project / "seeds"
    added = add_seminar(seeds)
    other = seeds / f"{added.name}.yml"
    pid, person = someone_else(seeds, added)
    here = give_chinese_name(other, "li-jingyi", person.name.zh, "    aliases: [李静怡]\n")
    message = (f"seeds/{other.name}:{here}: person 'li-jingyi' has the Chinese name "
               f"{person.name.zh} of person '{pid}' (also in seeds/{DATA.name}:"
               f"{line_of(DATA, f'  {pid}:') + 1}; ")
    result = subprocess.run([sys.executable, "-m", "tools.check", f"seeds/{added.name}.txt"],
                            cwd=project, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and f"warning: {message}" in result.stdout
    built = build_site(project, tmp_path / "site")
    assert built.returncode != 0
    assert f"WARNING -  {message}" in built.stderr, built.stderr[-2000:]


def test_a_paper_no_page_names_fails_the_check_as_it_fails_the_build(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for f in (SEED, DATA, SEED.with_name(SEED.stem + ".en.txt"), ROOT / "seeds/glossary.yml"):
        shutil.copy(f, seeds / f.name)
    papers = (ROOT / "seeds/papers.yml").read_text(encoding="utf-8")
    (seeds / "papers.yml").write_text(
        papers + "  - id: never-named\n    title: Never Named\n    authors: [A. B]\n"
        "    venue: CVPR\n    year: 2020\n    arxiv: \"2001.00001\"\n"
        "    names: [NeverNamedNet]\n", encoding="utf-8")
    result = check(seeds / SEED.name)
    assert result.returncode == 1, result.stdout
    line = len(papers.split("\n"))
    assert (f"warning: seeds/papers.yml:{line}: paper 'never-named' is named on no talk or "
            "panel page") in result.stdout
