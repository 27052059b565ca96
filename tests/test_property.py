"""Nothing is lost, proven generally: Hypothesis writes seminar reports (random speakers,
talks, questions and turns, text drawn from Chinese, Latin, digits and Markdown/HTML
syntax), and parsing then rendering keeps every character of the content, in order, each
in exactly one page, with no markup coming from the text."""

from __future__ import annotations

import html.parser
import json
import os

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive import datafile, parse, render
from archive.model import Site
from test_render import SOURCE_ELEMENT, source_texts, squeeze

# Disjoint alphabets: names never occur in text, question words never in other turns.
NAME_CHARS = "甲乙丙丁戊己庚辛壬癸"
QUESTION_CHARS = "问答题论议述评析辨究"
TEXT_CHARS = ("的一是不了人我在有他这中大来上个国和地到以说时要就出会可也你对生能而子那得于着下"
              "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
              "<>&*_[]()#!`'=^~{}|-+.%$@/\\\"?;,:，：。 ")
SEPARATORS = [": ", ":", "：", " ： ", ""]  # "" is a turn glued to its speaker's name

settings.register_profile("ci", max_examples=200, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=40, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "dev")

text = st.text(alphabet=TEXT_CHARS, min_size=1, max_size=60).map(str.strip).filter(bool)
names = st.lists(st.text(alphabet=NAME_CHARS, min_size=2, max_size=3), min_size=2, max_size=5,
                 unique=True).filter(
    lambda ns: not any(a != b and b.startswith(a) for a in ns for b in ns))


@st.composite
def reports(draw):
    people = draw(names)
    chair = people[0]
    ids = {n: f"p{i}" for i, n in enumerate(people)}
    n_talks = draw(st.integers(1, 3))
    n_questions = draw(st.integers(1, 3))
    questions = draw(st.lists(st.text(alphabet=QUESTION_CHARS, min_size=4, max_size=9),
                              min_size=n_questions, max_size=n_questions, unique=True))
    lines = ["报告标题。 " + draw(text), "阅读量:7\n2030-01-02", "引言。 " + draw(text)]
    talks = []
    for k in range(n_talks):
        speaker = draw(st.sampled_from(people))
        talks.append((f"talk-{k}", ids[speaker]))
        lines.append(f"{speaker}教授的报告。 " + draw(text))
        lines.extend("续。 " + t for t in draw(st.lists(text, max_size=2)))
    lines.append("在Panel环节,与会嘉宾就" + "、".join(f"“{q}”" for q in questions) + "等问题展开讨论。")
    lines.extend("最后。 " + t for t in draw(st.lists(text, max_size=1)))
    lines.append("Panel 实 录")
    lines.append("序。 " + draw(text))
    for q in questions:
        lines.append(chair + draw(st.sampled_from(SEPARATORS)) + draw(text) + q + draw(text))
        for _ in range(draw(st.integers(0, 3))):
            who = draw(st.sampled_from(people))
            lines.append(who + draw(st.sampled_from(SEPARATORS)) + draw(text))
    for who in people[1:]:  # everyone in the data file speaks at least once
        lines.append(who + ": " + draw(text))
    if draw(st.booleans()):
        lines.append(chair + "感谢各位。" + draw(text))
    blank = draw(st.sampled_from(["\n\n", "\n\n\n", "\n \u00a0\n"]))
    indent = draw(st.sampled_from(["", "\u00a0\u00a0", "  ", "\u3000"]))
    report = blank.join(indent + line for line in lines)
    data = {
        "slug": "s1", "number": 1, "date": "2030-01-01", "posted": "2030-01-02",
        "title": {"zh": "题目", "en": "Title"}, "organiser": {"zh": "主办", "en": "Organiser"},
        "source": {"zh": "来源", "en": "source"}, "chair": ids[chair],
        "people": {ids[n]: {"name": {"zh": n, "en": f"Person {ids[n]}"},
                            "affiliation": {"zh": "单位", "en": "Affiliation"}} for n in people},
        "talks": [{"slug": s, "speaker": p, "title": {"zh": "报告", "en": "Talk"}}
                  for s, p in talks],
        "questions": [{"slug": f"q{i}", "short": {"zh": "问", "en": "Q"}}
                      for i in range(len(questions))],
    }
    return report, json.dumps(data, ensure_ascii=False)  # JSON is YAML


ALLOWED_TAGS = {"h1", "h2", "h3", "p", "span", "a", "br", "dl", "dt", "dd", "time", "ol", "ul", "article",
                "li", "strong", "blockquote", "code", "div", "table", "thead", "tbody", "tr",
                "th", "td", "caption", "details", "summary", "button", "pre", "nav", "section",
                "mark"}


class Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


@given(reports())
def test_parse_then_render_keeps_every_character_once_and_in_order(case):
    report, data_text = case
    data = datafile.load(data_text, "seeds/s1.yml")
    seminar, _ = parse.parse(report, data, "seeds/s1.txt")
    site = Site((seminar,), dict(seminar.people), {}, {})
    pages = [p for p in render.render_site(site, "zh") if not p.canonical]

    order = {p.unit: i for i, p in enumerate(seminar.paragraphs())}
    shown: dict[str, str] = {}
    for page in pages:
        units = source_texts(page.markdown)
        for unit, body in units:
            assert unit not in shown, f"{unit} on two pages"
            shown[unit] = body
        assert [order[u] for u, _ in units] == sorted(order[u] for u, _ in units)
    assert set(shown) == set(order)
    prefixes = {t.paragraphs[0].unit: t.prefix for q in seminar.questions for t in q.turns}
    rebuilt = "\n".join(prefixes.get(p.unit, "") + shown[p.unit] for p in seminar.paragraphs())
    assert squeeze(rebuilt) == squeeze(report)

    for page in pages:
        body = page.markdown.split("---\n", 2)[2]
        out = markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables", "toc"])
        parser = Tags()
        parser.feed(out)
        for tag, attrs in parser.found:
            assert tag in ALLOWED_TAGS, (page.path, tag)
            for name, value in attrs:
                assert not name.startswith("on"), (page.path, name)
                assert not (value or "").strip().lower().startswith("javascript:")
        assert len(SOURCE_ELEMENT.findall(page.markdown)) == len(source_texts(page.markdown))
