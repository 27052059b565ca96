"""The drafted data file (`python -m tools.draft`): what it takes from a report, checked
against the hand-written data file beside every report the project holds (seeds/ and the
fixtures, whichever they are); never over a file; every TODO refused with its line."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from archive import datafile, draft, load, parse
from archive.errors import SeedError
from archive.model import data_path
from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "second-seminar"
# every report with a hand-written data file beside it
REPORTS = [p for folder in (ROOT / "seeds", FIXTURES) for p in load.seed_files(folder)
           if Path(data_path(str(p))).is_file()]


def drafted(seed: Path, others: dict | None = None, text: str | None = None) -> str:
    text = seed.read_text(encoding="utf-8") if text is None else text
    return draft.draft(text, f"seeds/{seed.name}", others or {})


def filled(yml: str) -> str:
    """The draft with every TODO replaced by a distinct value (valid as a slug and as text)."""
    n = itertools.count(1)
    yml = re.sub(r"(?m)^(\s*url: )TODO\b", lambda m: f"{m[1]}https://example.org/filled-{next(n)}",
                 yml)  # an address, where one is asked for
    return re.sub(r"\bTODO\b", lambda _: f"filled-{next(n)}", yml)


def hand_written(seed: Path) -> dict:
    path = Path(data_path(str(seed)))
    return datafile.load(path.read_text(encoding="utf-8"), f"seeds/{path.name}")


def names(data: dict) -> dict[str, str]:
    return {pid: p["name"]["zh"] for pid, p in data["people"].items()}


def test_there_are_reports_to_compare():
    assert any(p.parent == FIXTURES for p in REPORTS)
    assert any(p.parent.name == "seeds" for p in REPORTS)


@pytest.mark.parametrize("seed", REPORTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_draft_says_what_the_hand_written_file_says(seed):
    yml = drafted(seed)
    want = hand_written(seed)
    got = datafile.load(filled(yml), "seeds/drafted.yml")  # plain YAML the loader accepts
    for key in ("number", "date", "posted"):
        assert got[key] == want[key], key
    assert got["title"]["zh"] == want["title"]["zh"]
    assert names(got)[got["chair"]] == names(want)[want["chair"]]
    assert sorted((p["name"]["zh"], p["affiliation"]["zh"]) for p in got["people"].values()) \
        == sorted((p["name"]["zh"], p["affiliation"]["zh"]) for p in want["people"].values())
    assert [(names(got)[t["speaker"]], t["title"]["zh"]) for t in got["talks"]] \
        == [(names(want)[t["speaker"]], t["title"]["zh"]) for t in want["talks"]]
    assert len(got.get("questions", [])) == len(want.get("questions", []))


@pytest.mark.parametrize("seed", REPORTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_filled_draft_parses_as_the_hand_written_file_does(seed):
    """Questions in the same order (each the same question, asked at the same turn) and
    talks starting at the same paragraphs: the draft is what the parser needs."""
    text = seed.read_text(encoding="utf-8")
    rel = f"seeds/{seed.name}"
    got, warnings = parse.parse(text, datafile.load(filled(drafted(seed)), data_path(rel)), rel)
    want, _ = parse.parse(text, hand_written(seed), rel)
    assert warnings == []
    assert [q.text for q in got.questions] == [q.text for q in want.questions]
    assert [q.turns[0].line_no for q in got.questions] \
        == [q.turns[0].line_no for q in want.questions]
    assert [[p.line_no for p in t.paragraphs] for t in got.talks] \
        == [[p.line_no for p in t.paragraphs] for t in want.talks]
    assert [t.kind for t in got.talks] == [t.kind for t in want.talks]


@pytest.mark.parametrize("seed", REPORTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_person_of_another_data_file_keeps_their_id_names_and_aliases(seed, tmp_path):
    """The report's own hand-written file, as if another seminar's: everyone is known."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(seed, seeds / "2000-01-01-other.txt")
    shutil.copy(data_path(str(seed)), seeds / "2000-01-01-other.yml")
    shutil.copy(seed, seeds / "new.txt")
    result = run_draft(seeds / "new.txt")
    assert result.returncode == 0, result.stderr
    want = hand_written(seed)
    yml = (seeds / "new.yml").read_text(encoding="utf-8")
    got = datafile.load(filled(yml), "seeds/new.yml")
    assert set(got["people"]) == set(want["people"])
    for pid, person in got["people"].items():
        assert person["name"] == want["people"][pid]["name"]
        assert person.get("aliases", []) == want["people"][pid].get("aliases", [])
        # the same affiliation: its English too
        assert person["affiliation"] == want["people"][pid]["affiliation"]
    assert "as in seeds/2000-01-01-other.yml" in yml
    for key in ("organiser", "source"):  # the description, not the report's own address
        assert [got[key][x] for x in ("zh", "en")] == [want[key][x] for x in ("zh", "en")]


def run_draft(seed: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tools.draft", str(seed)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def run_check(seed: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tools.check", str(seed)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_the_draft_never_overwrites_a_data_file(tmp_path):
    seed = tmp_path / "seeds" / REPORTS[0].name
    seed.parent.mkdir()
    shutil.copy(REPORTS[0], seed)
    target = Path(data_path(str(seed)))
    target.write_text("# mine\n", encoding="utf-8")
    result = run_draft(seed)
    assert result.returncode == 1
    assert result.stderr.strip() == (f"error: {target} already exists: a draft never "
                                     "overwrites a data file (move it away to draft again)")
    assert target.read_text(encoding="utf-8") == "# mine\n"


def test_every_todo_is_refused_with_its_line(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    seed = seeds / REPORTS[-1].name
    shutil.copy(REPORTS[-1], seed)
    assert run_draft(seed).returncode == 0
    lines = Path(data_path(str(seed))).read_text(encoding="utf-8").splitlines()
    todo_lines = [n for n, line in enumerate(lines, 1) if "TODO" in draft.value_part(line)]
    result = run_check(seed)
    assert result.returncode == 1
    refused = re.findall(rf"^error: seeds/{re.escape(seed.stem)}\.yml:(\d+): '([^']+)' is still "
                         r"TODO \((.+)\)$", result.stdout, re.M)
    assert sorted({int(n) for n, _, _ in refused}) == todo_lines
    assert len(refused) == sum(draft.value_part(lines[n - 1]).count("TODO") for n in todo_lines)
    assert all(what for _, _, what in refused)
    # the build reads the seeds the same way
    with pytest.raises(SeedError) as exc:
        load.load_site(tmp_path)
    assert {p.line for p in exc.value.problems} == set(todo_lines)


def _without_paragraph(text: str, line_no: int) -> str:
    lines = parse.normalise(text).split("\n")
    return "\n".join(lines[: line_no - 1] + lines[line_no:])


@pytest.mark.parametrize("seed", REPORTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_report_without_a_chair_says_so_and_the_check_explains(seed):
    text = seed.read_text(encoding="utf-8").replace(draft.CHAIR_WORD, "嘉宾")
    yml = drafted(seed, text=text)
    [line] = [ln for ln in yml.splitlines() if ln.startswith("chair:")]
    assert line.startswith("chair: TODO  # the introduction names no 执行主席")
    with pytest.raises(SeedError) as exc:
        datafile.load(yml, "seeds/x.yml")
    [chair] = [p for p in exc.value.problems if "'chair'" in p.what]
    assert str(chair) == (f"seeds/x.yml:{yml.splitlines().index(line) + 1}: 'chair' is still "
                          f"TODO ({datafile.TODO_EXPECTED['chair']})")


@pytest.mark.parametrize("seed", REPORTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_report_without_a_panel_paragraph_says_so(seed):
    text = seed.read_text(encoding="utf-8")
    rel = f"seeds/{seed.name}"
    seminar, _ = parse.parse(text, hand_written(seed), rel)
    without = _without_paragraph(text, seminar.panel[0].line_no)
    yml = drafted(seed, text=without)
    assert "\nquestions:" not in yml
    assert "# No questions: the 'Panel 实录' section has turns, but no paragraph" in yml
    # the check explains: the transcript would be on no page
    _, warnings = parse.parse(without, datafile.load(filled(yml), data_path(rel)), rel)
    assert [w.what for w in warnings] == [
        f"the 'Panel 实录' section has {sum(len(q.turns) for q in seminar.questions)} turns, "
        f"but {data_path(rel)} lists no questions: no page shows them"]
    # and without the transcript either
    heading = seminar.transcript_heading.line_no
    cut = "\n".join(parse.normalise(without).split("\n")[: heading - 2])
    assert "# No questions: the report has no 'Panel 实录' section" in drafted(seed, text=cut)


@pytest.mark.parametrize("seed", REPORTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_report_without_its_header_lines_loses_only_the_posting_date(seed):
    text = seed.read_text(encoding="utf-8")
    seminar, _ = parse.parse(text, hand_written(seed), f"seeds/{seed.name}")
    without = parse.normalise(text).split("\n")
    for p in reversed(seminar.header):  # "阅读量:N", the posting date
        del without[p.line_no - 1]
    yml = drafted(seed, text="\n".join(without))
    assert "\nposted: TODO  # the report's header gives no posting date" in yml
    with pytest.raises(SeedError) as exc:  # refused with one message, on its line
        datafile.load(filled(yml.replace("posted: TODO", "posted: KEPT")).replace(
            "posted: KEPT", "posted: TODO"), "seeds/x.yml")
    assert [str(p) for p in exc.value.problems] == [
        f"seeds/x.yml:{yml.split(chr(10)).index(line) + 1}: 'posted' is still TODO "
        f"({datafile.TODO_EXPECTED['posted']})"
        for line in yml.split("\n") if line.startswith("posted:")]
    want = hand_written(seed)
    got = datafile.load(filled(yml.replace("posted: TODO", f"posted: {want['posted']}")),
                        "seeds/x.yml")
    assert (got["number"], got["date"], got["title"]["zh"]) \
        == (want["number"], want["date"], want["title"]["zh"])
    assert sorted(names(got).values()) == sorted(names(want).values())


REPORT = """第十二期CCF-CV“视界无限”系列研讨会于线上成功举办

2022年3月5日，由某学会主办的第12期“视界无限”系列活动——“示例主题”研讨会在线上成功举办，\
甲乙大学欧阳娜娜教授担任执行主席，丙丁研究院查文博研究员组织。研讨会邀请了戊己大学温金山教授、\
Jane Doe博士做主题报告。

欧阳娜娜教授的报告题目是“示例报告”。

温金山教授的报告题目是“Example Talk: A Subtitle”。
"""


def test_english_names_from_pinyin_given_name_first():
    yml = draft.draft(REPORT, "seeds/example.txt", {})
    assert "  nana-ouyang:  # English name proposed from pinyin" in yml  # a compound surname
    assert "name: {zh: 欧阳娜娜, en: Nana Ouyang}" in yml
    assert "name: {zh: 查文博, en: Wenbo Zha}" in yml  # a surname's own reading
    assert "affiliation: {zh: 丙丁研究院, en: TODO}" in yml  # the organiser (组织) too
    assert "name: {zh: 温金山, en: Jinshan Wen}" in yml
    assert "  jane-doe:  # the introduction gives no affiliation\n" \
        "    name: {zh: Jane Doe, en: Jane Doe}" in yml  # a Latin name kept as it is
    assert "chair: nana-ouyang" in yml and "number: 12" in yml and "date: 2022-03-05" in yml
    assert "posted: TODO  # the report's header gives no posting date" in yml
    assert "affiliation: {zh: TODO, en: TODO}" in yml  # Jane Doe's: the report gives none
    assert "  - slug: example-talk  # line" in yml


@pytest.mark.parametrize("seed", REPORTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_new_person_never_takes_a_known_id_but_a_known_affiliation_keeps_its_english(seed):
    want = hand_written(seed)
    pid, person = next(iter(want["people"].items()))
    other = {**want, "people": {pid: {**person, "name": {"zh": "无名氏", "en": "Nobody"},
                                      "aliases": []}}}
    got = datafile.load(filled(drafted(seed, {"seeds/other.yml": other})), "seeds/new.yml")
    [(new_id, new)] = [(i, p) for i, p in got["people"].items()
                       if p["name"]["zh"] == person["name"]["zh"]]
    assert new_id != pid  # the id is another person's now
    assert new["affiliation"]["en"] == person["affiliation"]["en"]


VARIANTS = """第3期研讨会

2022年3月5日，第3期系列活动——“示例”研讨会举行，执行主席为甲乙大学李静怡教授，研讨会由某某达摩院\
赵六博士和香港某某大学（深圳）钱七教授共同组织。研讨会邀请了司马大学司马光教授、计算机系孙八讲师做报告。
"""


def test_how_an_introduction_names_people():
    got = yaml.safe_load(draft.draft(VARIANTS, "seeds/example.txt", {}))  # talks: TODO
    assert sorted((p["name"]["zh"], p["affiliation"]["zh"]) for p in got["people"].values()) \
        == sorted([("李静怡", "甲乙大学"), ("赵六", "某某达摩院"), ("钱七", "香港某某大学（深圳）"),
                   ("司马光", "司马大学"), ("孙八", "计算机系")])
    assert got["people"][got["chair"]]["name"]["zh"] == "李静怡"
    assert got["people"]["guang-sima"]["name"]["en"] == "Guang Sima"  # 司马: a family name
