"""The parser on the real seed and on small variants of it."""

from __future__ import annotations

import pytest

from archive import datafile, parse
from conftest import DATA, SEED
from archive.errors import SeedError
from archive.typography import canonical_punctuation

SEED_PATH = "seeds/2021-01-09-low-level-vision.txt"


def load(text: str | None = None, data_text: str | None = None):
    data = datafile.load(data_text or DATA.read_text(encoding="utf-8"), "seeds/x.yml")
    return parse.parse(text if text is not None else SEED.read_text(encoding="utf-8"), data,
                       SEED_PATH)


@pytest.fixture(scope="module")
def seminar():
    s, warnings = load()
    assert warnings == []
    return s


def test_sections(seminar):
    assert seminar.report_title.line_no == 1
    # "阅读量:11" as written; its colon takes the width Chinese text uses (typography.py)
    assert [p.text for p in seminar.header] == ["阅读量：11", "2021-05-05"]
    assert [p.line_no for p in seminar.intro] == [7]
    assert [p.line_no for p in seminar.panel] == [28]
    assert [p.line_no for p in seminar.closing] == [30]
    assert seminar.transcript_heading.text == "Panel 实 录"
    assert [p.line_no for p in seminar.preface] == [34]


def test_talks(seminar):
    assert [(t.speaker, t.kind, [p.line_no for p in t.paragraphs]) for t in seminar.talks] == [
        ("hongbin-zha", "opening", [10]),
        ("deqing-sun", "talk", [13]),
        ("ying-fu", "talk", [16]),
        ("chen-change-loy", "talk", [19]),  # "吕健勤Chen Change Loy)": no opening parenthesis
        ("qifeng-chen", "talk", [22]),
        ("wangmeng-zuo", "talk", [25]),
    ]


PAN, LOY, SUN, FU, CHEN, ZUO, YANG = ("jinshan-pan", "chen-change-loy", "deqing-sun", "ying-fu",
                                     "qifeng-chen", "wangmeng-zuo", "ming-hsuan-yang")
EXPECTED_TURNS = [
    [(36, PAN), (38, LOY), (40, SUN), (42, FU), (44, CHEN), (46, ZUO), (48, YANG), (50, PAN),
     (52, LOY)],
    [(54, PAN), (56, LOY), (58, CHEN), (60, ZUO), (62, SUN)],
    [(64, PAN), (66, SUN), (68, CHEN), (70, PAN)],
    [(72, PAN), (74, ZUO), (76, FU), (78, ZUO)],
    [(80, PAN), (82, LOY)],
    [(84, PAN), (86, ZUO), (88, SUN), (90, ZUO), (92, SUN), (94, ZUO), (96, PAN), (98, SUN),
     (100, ZUO), (102, SUN), (104, ZUO), (106, CHEN), (108, PAN)],
]


def test_panel_questions_and_turns(seminar):
    assert len(seminar.questions) == 6
    got = [[(t.line_no, t.speaker) for t in q.turns] for q in seminar.questions]
    assert got == EXPECTED_TURNS
    assert [len(q.turns) for q in seminar.questions] == [9, 5, 4, 4, 2, 13]
    # the full questions are the six quoted in the panel paragraph
    assert seminar.questions[0].text.startswith("底层视觉中有哪些值得关注的问题")
    assert seminar.questions[5].text.endswith("是否有助于高层视觉任务？")  # typeset


def test_turns_without_separator(seminar):
    glued = {t.line_no: t for q in seminar.questions for t in q.turns if t.prefix == "潘金山"}
    assert sorted(glued) == [54, 64, 72, 80, 84, 108]
    assert glued[64].paragraphs[0].text.startswith("嗯。对这是一个比较有用的")
    assert glued[54].paragraphs[0].text.startswith("之前出现过一个模型PULSE")


def test_closing_turn(seminar):
    closing = [(t.line_no, q.number) for q in seminar.questions for t in q.turns if t.closing]
    assert closing == [(108, 6)]


def test_anchors_are_explicit_and_unique(seminar):
    for q in seminar.questions:
        anchors = [t.anchor for t in q.turns]
        assert anchors == [f"t{i:02d}" for i in range(1, len(q.turns) + 1)]


def model_shape(s):
    return [(p.unit, p.text) for p in s.paragraphs()], [
        [(t.speaker, t.anchor, t.closing) for t in q.turns] for q in s.questions]


@pytest.mark.parametrize("variant", [
    pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
    pytest.param(lambda t: t.replace("\n", "\r"), id="cr"),
    pytest.param(lambda t: "\ufeff" + t, id="bom"),
    pytest.param(lambda t: t.replace("\n", "  \n"), id="trailing-spaces"),
    pytest.param(lambda t: t.replace("\n\n", "\n\n\n"), id="more-blank-lines"),
    pytest.param(lambda t: t.replace("\u00a0", "\u3000"), id="full-width-indent"),
    pytest.param(lambda t: t.replace("潘金山:", "潘金山：").replace("Deqing Sun:", "Deqing Sun："),
                 id="full-width-speaker-colons"),
    pytest.param(lambda t: t.replace(":", "：").replace(",", "，"), id="full-width-colons-commas"),
    pytest.param(lambda t: t.replace("，", ",").replace("：", ":"), id="ascii-colons-commas"),
])
def test_tolerated_variants_give_the_same_seminar(seminar, variant):
    other, warnings = load(variant(SEED.read_text(encoding="utf-8")))
    assert warnings == []
    assert model_shape(other) == model_shape(seminar)


def test_unknown_speaker_is_named_with_its_line():
    text = SEED.read_text(encoding="utf-8").replace("Ming-Hsuan Yang: 我觉得", "杨教授: 我觉得")
    with pytest.raises(SeedError) as err:
        load(text)
    assert str(err.value) == (f"{SEED_PATH}:48: unknown speaker '杨教授' "
                              "(a name or alias listed under 'people' in the data file)")


def test_empty_report():
    with pytest.raises(SeedError, match=r"^seeds/2021-01-09-low-level-vision.txt:1: the report is empty"):
        load(" \n\u00a0\n")


def line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def test_misspelled_data_key_names_its_line():
    text = DATA.read_text(encoding="utf-8").replace("\nposted:", "\npostd:")
    with pytest.raises(SeedError) as err:
        load(data_text=text)
    lines = str(err.value).splitlines()
    assert f"seeds/x.yml:{line_of(text, 'postd:')}: unknown key 'postd' (did you mean " \
           "'posted'?)" in lines
    # the mapping that lacks it starts at its first key
    assert f"seeds/x.yml:{line_of(text, 'slug:')}: missing key 'posted' (every data file " \
           "needs it)" in lines


def test_missing_transcript_heading_warns_and_keeps_text():
    text = SEED.read_text(encoding="utf-8").replace("Panel 实 录", "实录如下")
    s, warnings = load(text, DATA.read_text(encoding="utf-8").split("\nquestions:")[0])
    assert any("no 'Panel 实录' section" in str(w) for w in warnings)
    assert s.questions == ()
    # nothing is dropped: the would-be transcript stays in the report's pages
    assert "".join("".join(p.text.split()) for p in s.paragraphs()) == \
        "".join(canonical_punctuation(text).split())


@pytest.mark.parametrize("panel", ["在Panel环节", "在圆桌讨论环节"])
def test_a_talk_paragraph_quoting_as_many_things_as_the_panel_is_not_the_panel_paragraph(panel):
    # a talk's later paragraph may quote terms or titles: as many as there are questions, it
    # came first and was taken for the panel paragraph (the paragraph naming the panel)
    terms = "、".join(f"“{w}”" for w in ["去噪", "去模糊", "超分", "压缩", "去雨", "增强"])
    text = SEED.read_text(encoding="utf-8").replace(
        "\n\n\n\xa0 \xa0在Panel环节", f"\n\n左教授还介绍了{terms}等任务上的工作。\n\n\n\xa0 \xa0{panel}", 1)
    s, warnings = load(text)
    assert warnings == []
    assert [p.line_no for p in s.talks[-1].paragraphs] == [25, 27]
    assert [p.line_no for p in s.panel] == [30]
    assert [q.text[:6] for q in s.questions] == [q.text[:6] for q in load()[0].questions]
