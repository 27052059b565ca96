"""Loading the seeds folder: pairs of report + data file, and what goes wrong with them."""

from __future__ import annotations

import re
import shutil

import pytest

from archive import load
from conftest import DATA, SEED, add_seminar
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


def line_of(path, start: str) -> int:
    """The first line of a file that starts with `start`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(i for i, t in enumerate(lines, 1) if t.lstrip("\ufeff").startswith(start))


def test_two_seeds_claiming_one_slug_and_number(tmp_path):
    seeds_folder(tmp_path, "a", "b")
    with pytest.raises(SeedError) as err:
        load.load_site(tmp_path)
    slug, number = line_of(DATA, "slug:"), line_of(DATA, "number:")
    # one message each, where the second seminar claims it, naming the first
    assert [str(p) for p in err.value.problems] == [
        f"seeds/b.yml:{number}: seminar number '8' is claimed by another seminar too "
        f"(also in seeds/a.yml:{number}; a number of its own for every seminar)",
        f"seeds/b.yml:{slug}: seminar slug '8-low-level-vision' is claimed by another seminar "
        f"too (also in seeds/a.yml:{slug}; a slug of its own for every seminar)"]


def two_seminars(tmp_path, number=None):
    """seeds/ with the real seminar and the fictional one: (seeds, the fictional one)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for f in (SEED, DATA):
        shutil.copy(f, seeds / f.name)
    return seeds, add_seminar(seeds, number=number)


def test_a_number_already_taken_is_refused_with_both_places(tmp_path):
    taken = load.load_seminar(SEED).seminar.number
    seeds, added = two_seminars(tmp_path, number=taken)
    other = seeds / f"{added.name}.yml"
    with pytest.raises(SeedError) as err:
        load.load_site(tmp_path)
    assert [str(p) for p in err.value.problems] == [
        f"seeds/{other.name}:{line_of(other, 'number:')}: seminar number '{taken}' is claimed "
        f"by another seminar too (also in seeds/{DATA.name}:{line_of(DATA, 'number:')}; a "
        "number of its own for every seminar)"]


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
    seeds, added = two_seminars(tmp_path)
    other = seeds / f"{added.name}.yml"
    data = other.read_text(encoding="utf-8")
    renamed = data.replace("en: Ming-Hsuan Yang}", "en: Minghsuan Yang}", 1)
    assert renamed != data
    other.write_text(renamed, encoding="utf-8")
    with pytest.raises(SeedError) as raised:
        load.load_site(tmp_path)
    [problem] = raised.value.problems
    here = line_of(other, "  ming-hsuan-yang:") + 1  # the line of its name
    first = line_of(DATA, "  ming-hsuan-yang:") + 1
    assert str(problem) == (
        f"seeds/{other.name}:{here}: person 'ming-hsuan-yang' is named Ming-Hsuan Yang / "
        "Minghsuan Yang here and Ming-Hsuan Yang / Ming-Hsuan Yang in another data file (also "
        f"in seeds/{DATA.name}:{first}; one name per person in every data file; other "
        "spellings go into 'aliases')")


def give_chinese_name(path, pid: str, name: str, extra: str = "") -> int:
    """Give person `pid` of a data file the Chinese name `name` (and `extra` lines below it);
    return the line of the name."""
    text = path.read_text(encoding="utf-8")
    changed, n = re.subn(rf"(?m)^(  {pid}:\r?\n    name: {{zh: )[^,]+,", rf"\g<1>{name},", text)
    assert n == 1
    if extra:
        changed = re.sub(rf"(?m)^(  {pid}:\r?\n    name: .*\n)", rf"\g<1>{extra}", changed)
    path.write_text(changed, encoding="utf-8")
    return line_of(path, f"  {pid}:") + 1


def someone_else(seeds, added):
    """A person of the real seminar the fictional one does not have."""
    fictional = load.load_seminar(seeds / f"{added.name}.txt").seminar.people
    return next((k, p) for k, p in load.load_seminar(SEED).seminar.people.items()
                if k not in fictional)


def test_one_chinese_name_under_two_ids_is_a_warning_with_both_places(tmp_path):
    seeds, added = two_seminars(tmp_path)
    other = seeds / f"{added.name}.yml"
    # the fictional chair, given the Chinese name of a person of the real seminar
    pid, person = someone_else(seeds, added)
    here = give_chinese_name(other, "li-jingyi", person.name.zh, f"    aliases: [李静怡]\n")
    _, warnings = load.load_site(tmp_path)
    first = line_of(DATA, f"  {pid}:") + 1
    assert [str(w) for w in warnings] == [
        f"seeds/{other.name}:{here}: person 'li-jingyi' has the Chinese name {person.name.zh} "
        f"of person '{pid}' (also in seeds/{DATA.name}:{first}; the id '{pid}' if this is the "
        f"same person; if not, 'distinct_from: [{pid}]' under 'li-jingyi')"]


def test_distinct_from_says_two_people_share_a_chinese_name(tmp_path):
    seeds, added = two_seminars(tmp_path)
    other = seeds / f"{added.name}.yml"
    pid, person = someone_else(seeds, added)
    give_chinese_name(other, "li-jingyi", person.name.zh,
                      f"    aliases: [李静怡]\n    distinct_from: [{pid}]\n")
    site, warnings = load.load_site(tmp_path)
    assert warnings == []
    assert site.people["li-jingyi"].name.zh == site.people[pid].name.zh  # two pages, one name


def test_distinct_from_must_name_a_namesake(tmp_path):
    seeds, added = two_seminars(tmp_path)
    other = seeds / f"{added.name}.yml"
    here = give_chinese_name(other, "li-jingyi", "李静怡", "    distinct_from: [nobody-else]\n")
    _, warnings = load.load_site(tmp_path)
    assert [str(w) for w in warnings] == [
        f"seeds/{other.name}:{here + 1}: 'distinct_from' of person 'li-jingyi' names "
        "'nobody-else', who is not another person named 李静怡 (the id of another person with the same "
        "Chinese name, or no 'distinct_from')"]
