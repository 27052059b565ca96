"""Loading the seeds folder: pairs of report + data file, and what goes wrong with them."""

from __future__ import annotations

import shutil

import pytest

from archive import load
from conftest import DATA, SEED
from test_second_seminar import FIXTURE
from archive.errors import SeedError


def seeds_folder(tmp_path, *names):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in names:
        shutil.copy(SEED, seeds / f"{name}.txt")
        shutil.copy(DATA, seeds / f"{name}.yml")
    return seeds


def test_a_report_that_is_not_utf8_is_refused_with_its_line(tmp_path):
    seeds = seeds_folder(tmp_path, "gbk")
    (seeds / "gbk.txt").write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    with pytest.raises(SeedError) as err:
        load.load_site(tmp_path)
    assert str(err.value).startswith("seeds/gbk.txt:1: the file is not UTF-8 (byte 0x")
    assert "iconv -f GB18030 -t UTF-8" in str(err.value)


def test_two_seeds_claiming_one_slug(tmp_path):
    seeds_folder(tmp_path, "a", "b")
    with pytest.raises(SeedError) as err:
        load.load_site(tmp_path)
    line = DATA.read_text(encoding="utf-8").split("\n").index("slug: 8-low-level-vision") + 1
    assert f"seeds/a.yml:{line}: seminar slug '8-low-level-vision' is claimed by another seed " \
        "too" in str(err.value)


def test_a_report_without_data_file(tmp_path):
    seeds = seeds_folder(tmp_path, "a")
    (seeds / "a.yml").unlink()
    with pytest.raises(SeedError, match=r"^seeds/a.txt:1: no data file seeds/a.yml beside"):
        load.load_site(tmp_path)


def test_a_person_never_named_in_the_report_is_a_warning(tmp_path):
    seeds = seeds_folder(tmp_path, "a")
    data = (seeds / "a.yml").read_text(encoding="utf-8")
    (seeds / "a.yml").write_text(data.replace("people:\n", "people:\n  nobody:\n    name: "
                                              "{zh: 无名氏, en: Nobody}\n    affiliation: "
                                              "{zh: 无, en: None}\n", 1), encoding="utf-8")
    _, warnings = load.load_site(tmp_path)
    line = data.split("\n").index("people:") + 2  # the line of "nobody:", just below
    assert [str(w) for w in warnings] == [
        f"seeds/a.yml:{line}: person 'nobody' never appears in the report (remove them, or add "
        "the name the report uses to 'aliases')"]


def test_a_person_of_two_seminars_has_one_name(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds / SEED.name)
    shutil.copy(DATA, seeds / DATA.name)
    other = seeds / "2021-06-19-3d-vision"
    shutil.copy(FIXTURE / "2021-06-19-3d-vision.txt", other.with_suffix(".txt"))
    data = (FIXTURE / "2021-06-19-3d-vision.yml").read_text(encoding="utf-8")
    renamed = data.replace("en: Ming-Hsuan Yang}", "en: Minghsuan Yang}", 1)
    assert renamed != data
    other.with_suffix(".yml").write_text(renamed, encoding="utf-8")
    with pytest.raises(SeedError) as raised:
        load.load_site(tmp_path)
    line = next(i for i, t in enumerate(renamed.split("\n"), 1) if t.startswith("  ming-hsuan-yang:"))
    [problem] = raised.value.problems
    assert str(problem).startswith(f"seeds/2021-06-19-3d-vision.yml:{line}: person "
                                   "'ming-hsuan-yang' is named")
    assert "Minghsuan Yang" in problem.what and f"seeds/{DATA.name}" in problem.what
