"""Random valid archives: 1 to 4 seminars whose reports are drawn from a grammar of the real
format's variations, for the generative tests and the benchmarks.

A report follows the shape of `seeds/2021-01-09-low-level-vision.txt` and of the fictional
seminar in `tests/fixtures/second-seminar/`, and varies what they vary:
- the file: a BOM or none; LF, CRLF or CR line ends; one or two blank lines between
  paragraphs, or "blank" lines holding spaces, tabs, no-break or ideographic spaces; indents
  of no-break, ideographic, en or zero-width spaces, spaces or a tab; spaces after a line's
  text; a line break inside a paragraph;
- the header: its lines in the title's paragraph or after it, "阅读量:11", "阅读量：11" or no
  view count, another "来源：CCF-CV", the posting date as 2021-05-05, 2021年5月5日, 2021/05/05
  or 2021.5.5;
- the talks: the speaker named as "付莹教授", "Deqing Sun博士", "吕健勤（Chen Change Loy）教授",
  with the opening parenthesis lost ("吕健勤Chen Change Loy)教授", as in the real report) or
  the closing one; named too late and found by the data file's `cue`; an opening address by
  a speaker or a guest; a talk by the chair; several paragraphs, a later one quoting terms
  in “…”; ASCII or full-width commas; the glossary's abbreviations (CNN, U-Net, RGB-D…);
- the panel: "在Panel环节" or "在圆桌讨论环节"; the heading "Panel 实录", "Panel实录",
  "Panel 实 录", "PANEL实录"; turns as "Name: text", "Name:text", "Name：text", "Name ： text"
  (no-break or ideographic spaces too) or glued to the name ("潘金山嗯。…"), by the Chinese
  name, the English one or an alias; turns of several paragraphs; the chair asking a
  question word for word, in part or after a greeting, following up and answering too;
  words before the first question; a closing word.
People are shared between seminars (the same id and names, perhaps another affiliation), some
are named only in Latin letters ("Ming-Hsuan Yang") or only in Chinese; titles hold colons,
"<", "&" and question marks, affiliations commas; topics overlap (glossary terms and
data-file topics); every seminar but one has a translation file whose units are all fresh.

What the archive should become is known without the parser: `Archive` keeps every seminar's
talks and turns (question slug, anchor, speaker) as written, for the tests to compare the
built site with.

    python bench/archive_grammar.py 7 /tmp/archive-7     # a project folder, seeds from seed 7
"""

from __future__ import annotations

import datetime
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HOOKS = Path(__file__).resolve().parent.parent / "hooks"
if str(HOOKS) not in sys.path:  # the benchmarks run from bench/; the tests have it already
    sys.path.insert(0, str(HOOKS))

from archive.translation import Unit, compose, fingerprint  # noqa: E402
from archive.typography import canonical_punctuation  # noqa: E402
from harness import copy_project  # noqa: E402

# Syllables of names: (Han, pinyin). Given-name characters seldom found in the report's
# vocabulary, so that a name never turns up inside a sentence by accident.
FAMILY = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"),
          ("杨", "Yang"), ("赵", "Zhao"), ("黄", "Huang"), ("周", "Zhou"), ("吴", "Wu"),
          ("徐", "Xu"), ("孙", "Sun"), ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"), ("郭", "Guo"),
          ("何", "He"), ("林", "Lin"), ("罗", "Luo"), ("宋", "Song")]
GIVEN = [("静", "jing"), ("磊", "lei"), ("艳", "yan"), ("杰", "jie"), ("涛", "tao"),
         ("霞", "xia"), ("刚", "gang"), ("桂", "gui"), ("峰", "feng"), ("航", "hang"),
         ("婷", "ting"), ("浩", "hao"), ("瑶", "yao"), ("琳", "lin"), ("鹏", "peng"),
         ("颖", "ying"), ("敏", "min"), ("鑫", "xin"), ("琦", "qi"), ("翔", "xiang")]
AFFILIATIONS = [("北辰大学", "Beichen University"), ("星河研究院", "Xinghe Research Institute"),
                ("东岳科技大学", "Dongyue University of Science and Technology"),
                ("南湖理工大学", "Nanhu University of Technology"),
                ("西岭大学", "Xiling University"), ("云帆科技公司", "Yunfan Technology"),
                ("南湖大学深圳研究院", "Nanhu University, Shenzhen Institute")]
TITLES = [("教授", "Prof."), ("博士", "Dr."), ("研究员", "Prof."), ("副教授", "Prof.")]
# Topics: glossary terms (seeds/glossary.yml) and terms only data files name, shared by
# the seminars so that topic pages gather several of them.
TERMS = [("光流", "optical flow"), ("去噪", "denoising"), ("超分辨率", "super-resolution"),
         ("去模糊", "deblurring"), ("先验", "prior"), ("图像复原", "image restoration"),
         ("自监督学习", "self-supervised learning"), ("域适应", "domain adaptation"),
         ("底层视觉", "low-level vision"), ("高层视觉", "high-level vision"),
         ("点云", "point cloud"), ("三维重建", "3D reconstruction"),
         ("深度估计", "depth estimation"), ("自动驾驶", "autonomous driving"),
         ("视频理解", "video understanding"), ("目标检测", "object detection")]
SLUG_WORDS = ["flow", "noise", "prior", "depth", "scene", "video", "vision", "learning",
              "restoration", "sensing", "fusion", "motion"]
# Chinese sentences of talks and turns, and their English: {a} and {b} are terms.
SENTENCES = [
    ("我们在{a}上对比了CNN、GAN和Transformer,比如ESRGAN、U-Net和RGB-D数据上的ResNet。",
     "On {a} we compared CNN, GAN and Transformer, e.g. ESRGAN, U-Net and ResNet on RGB-D data."),
    ("他指出{a}是{b}中的一个重要问题。",
     "He pointed out that {a} is an important problem in {b}."),
    ("{a}的方法近年来发展很快,但是{b}仍然很难。",
     "Methods for {a} have developed fast in recent years, but {b} is still hard."),
    ("我觉得{a}和{b}可以结合起来做。",
     "I think {a} and {b} can be combined."),
    ("现有方法大多依赖大量数据,在真实场景里泛化不好。",
     "Most existing methods rely on large amounts of data and generalise poorly in real scenes."),
    ("比如说在{a}里面,我们可以用{b}来约束网络。",
     "For example, in {a} we can use {b} to constrain the network."),
    ("这个方向还有很多值得研究的地方，尤其是{a}。",
     "This direction still has much worth studying, especially {a}."),
    ("从应用的角度看,{a}对成本和实时性要求很高。",
     "From the point of view of applications, {a} demands low cost and real-time speed."),
    ("然后我们提出了一个新的框架来处理{a}。",
     "Then we proposed a new framework to handle {a}."),
]
# A turn that asks no question: the chair's follow-ups, and first words in a paragraph that
# are nobody's name.
FOLLOW_UPS = [("对,这一点确实很关键。", "Yes, this point is indeed crucial."),
              ("好的,谢谢。还有没有其他老师想补充?", "Good, thank you. Would anyone else like to add something?"),
              ("嗯。刚才说得很好。", "Mm. That was well put.")]
QUESTIONS = [("{a}领域还有哪些值得关注的问题？其主要挑战和发展趋势是什么",
              "What problems in {a} deserve attention? What are their main challenges and trends"),
             ("目前基于深度学习的方法严重依赖训练数据，如何让{a}的模型具有更强的泛化能力",
              "Current deep learning methods rely heavily on training data; how can models for {a} "
              "generalise better"),
             ("传统的{a}方法是否还值得研究，它和网络设计应当如何结合",
              "Are traditional methods of {a} still worth studying, and how should they be combined "
              "with network design"),
             ("{a}能否帮助{b}任务，二者之间的关系应该怎样看待",
              "Can {a} help {b} tasks, and how should we view the relation between the two")]
GAPS = ["\n\n", "\n\n", "\n\n\n", "\n \n", "\n\u00a0\n", "\n\u3000\n\n", "\n\t\n"]
INDENTS = ["", "", "\u00a0 ", "\u00a0 \u00a0 ", "\u00a0 \u00a0", "\u3000\u3000", "  ", "\t",
           "\u2002\u2002", "\u200b"]
TRAILING = ["", "", "", " ", "\u00a0", "  ", "\u200b"]  # after a line's text
SEPARATORS = [": ", ":", "：", " ： ", ": ", "：", "\u00a0:\u00a0", "\u3000：", ""]  # "": glued
HEADINGS = ["Panel 实录", "Panel实录", "Panel 实 录", "Panel  实录", "PANEL实录"]
CLOSINGS = [("因为时间关系,今天的活动就到这里,非常感谢各位讲者和嘉宾。",
             "Because of the time, today's event ends here; many thanks to all the speakers and guests.")]


@dataclass
class Person:
    id: str
    zh: str
    en: str
    aliases: list[str] = field(default_factory=list)
    latin: bool = False  # the report writes the name only in Latin letters ("Deqing Sun")

    @property
    def chinese_only(self) -> bool:
        """The name is given only in Chinese: the English pages write it so too."""
        return self.en == self.zh and not self.latin

    @property
    def names(self) -> list[str]:
        return [n for n in dict.fromkeys([self.zh, self.en, *self.aliases])]


@dataclass
class Talk:
    slug: str
    speaker: str
    kind: str  # "talk" or "opening"


@dataclass
class Turn:
    speaker: str
    anchor: str  # t01, t02... within its question


@dataclass
class Question:
    slug: str
    turns: list[Turn]


@dataclass
class Seminar:
    name: str  # the seeds' file name without extension
    slug: str
    number: int
    date: str
    chair: str
    people: list[str]
    talks: list[Talk]
    questions: list[Question]
    translated: bool
    files: dict[str, bytes] = field(default_factory=dict)  # file name -> content


@dataclass
class Archive:
    seminars: list[Seminar]
    people: dict[str, Person]

    def write(self, seeds: Path) -> None:
        """Replace the seminars of a seeds/ folder (the glossary stays) with these."""
        for f in seeds.iterdir():
            if f.name != "glossary.yml":
                f.unlink()
        for s in self.seminars:
            for name, content in s.files.items():
                (seeds / name).write_bytes(content)


def make_project(archive: Archive, dest: Path) -> Path:
    """A buildable copy of the project whose seeds/ holds the archive's seminars."""
    if dest.exists():
        shutil.rmtree(dest)
    archive.write(copy_project(dest) / "seeds")
    return dest


def make_archive(seed: int, seminars: int | None = None) -> Archive:
    """A random valid archive, the same for the same seed."""
    return _Grammar(random.Random(seed)).archive(seminars)


class _Grammar:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.people: dict[str, Person] = {}

    # People

    def person(self) -> Person:
        rng = self.rng
        taken = [n for p in self.people.values() for n in p.names]
        for _ in range(1000):  # bounded: 20 x 20 x 20 names, a few dozen taken
            (fz, fe), *given = rng.choice(FAMILY), *rng.sample(GIVEN, rng.choice([1, 2, 2]))
            zh = fz + "".join(g for g, _ in given)
            en = "".join(p for _, p in given).capitalize() + " " + fe
            latin = rng.random() < 0.2
            if latin and len(given) == 2 and rng.random() < 0.5:  # "Ming-Hsuan Yang"
                en = "-".join(p.capitalize() for _, p in given) + " " + fe
            if not latin and rng.random() < 0.1:  # a name given only in Chinese
                en = zh
            aliases = [zh] if latin and rng.random() < 0.5 else []
            names = [en, *aliases] if latin else [zh, en]
            # no name may begin another: "王静" would open the turns of "王静怡"
            if any(a.startswith(b) or b.startswith(a) for a in names for b in taken):
                continue
            pid = ("".join(p for _, p in given) + "-" + fe).lower()
            if pid in self.people:
                continue
            p = Person(pid, en if latin else zh, en, aliases, latin)
            self.people[pid] = p
            return p
        raise RuntimeError("no free name left")

    def cast(self, shared: list[Person]) -> tuple[Person, list[Person], list[Person]]:
        """A chair, the speakers (an opening address first, maybe) and panel-only guests,
        some of them from earlier seminars."""
        rng = self.rng
        n = rng.randint(3, 6)
        known = rng.sample(shared, min(len(shared), rng.randint(0, 2)))
        people = known + [self.person() for _ in range(n - len(known))]
        rng.shuffle(people)
        chair = people[0]
        speakers = people[1: 1 + rng.randint(1, min(3, len(people) - 1))]
        guests = people[1 + len(speakers):]
        if rng.random() < 0.15:  # the chair gives a talk too
            speakers.insert(rng.randint(0, len(speakers)), chair)
        return chair, speakers, guests

    # Text

    def terms(self, k: int = 2) -> list[tuple[str, str]]:
        return self.rng.sample(TERMS, k)

    def sentences(self, k: int) -> tuple[str, str]:
        zh, en = [], []
        for _ in range(k):
            (a, a_en), (b, b_en) = self.terms()
            z, e = self.rng.choice(SENTENCES)
            zh.append(z.format(a=a, b=b))
            en.append(e.format(a=a_en, b=b_en))
        return self.comma("".join(zh)), " ".join(en)

    def comma(self, text: str) -> str:
        """Commas as pasted: ASCII, full-width, or a mix."""
        choice = self.rng.random()
        if choice < 0.4:
            return text.replace("，", ",")
        if choice < 0.7:
            return text.replace(",", "，")
        return text

    # A seminar

    def seminar(self, number: int, day: datetime.date, shared: list[Person],
                translated: bool) -> Seminar:
        rng = self.rng
        chair, speakers, guests = self.cast(shared)
        cast = [chair, *(p for p in [*speakers, *guests] if p is not chair)]
        affiliation = {p.id: rng.choice(AFFILIATIONS) for p in cast}
        word = rng.choice(SLUG_WORDS)
        slug = f"{number}-{word}"
        name = f"{day.isoformat()}-{word}"
        posted = day + datetime.timedelta(days=rng.randint(0, 120))
        report = _Report()
        theme_zh, theme_en = self.front(report, number, day, posted, cast, affiliation)
        talks, data_talks, opener = self.talks(report, speakers, guests, affiliation)
        asked = self.panel(report, number, {t.slug for t in talks})
        questions = self.transcript(report, asked, cast, speakers, opener)
        text = self.layout(report.paragraphs)
        data = {
            "slug": slug, "number": number, "date": day, "posted": posted,
            "title": {"zh": f"{theme_zh}的前沿进展", "en": f"Recent Advances in {theme_en}"},
            "organiser": {"zh": "中国计算机学会计算机视觉专委会（CCF-CV）",
                          "en": "CCF Technical Committee on Computer Vision (CCF-CV)"},
            "source": {"zh": "为测试生成的活动报道", "en": "an event report generated for the tests"},
            "chair": chair.id,
            "people": {p.id: self.person_entry(p, affiliation[p.id]) for p in cast},
            "talks": data_talks,
            "questions": [self.question_entry(q) for q in asked],
        }
        files = {f"{name}.txt": text, f"{name}.yml": _yaml(data)}
        if translated:
            files[f"{name}.en.txt"] = compose(
                [(u, zh, "") for u, zh, _ in report.units],
                {u: _unit(u, zh, en) for u, zh, en in report.units}).encode("utf-8")
        return Seminar(name, slug, number, day.isoformat(), chair.id, [p.id for p in cast],
                       talks, questions, translated, files)

    def front(self, report: "_Report", number: int, day: datetime.date, posted: datetime.date,
              cast: list[Person], affiliation: dict) -> tuple[str, str]:
        """The title, the header lines and the introduction; returns the seminar's theme."""
        rng, chair = self.rng, cast[0]
        title_zh = f"第{number}期CCF-CV“视界无限”系列研讨会于线上成功举办"
        title_en = f'The {number}th CCF-CV "Vision Unlimited" Series Seminar Successfully Held Online'
        views = f"阅读量{rng.choice([':', '：', ': '])}{rng.randint(1, 999)}"
        posted_line = rng.choice([posted.isoformat(),
                                  f"{posted.year}年{posted.month}月{posted.day}日",
                                  f"{posted.year}/{posted.month:02d}/{posted.day:02d}",
                                  f"{posted.year}.{posted.month}.{posted.day}"])
        header = [(views, f"Views: {views[4:].strip(':： ')}"), (posted_line, posted.isoformat())]
        if rng.random() < 0.15:  # no view count
            header = header[1:]
        if rng.random() < 0.15:  # another "key: value" line
            header.insert(rng.randint(0, len(header)), ("来源：CCF-CV", "Source: CCF-CV"))
        if rng.random() < 0.3:  # the header lines right under the title, in its paragraph
            report.paragraphs.append("\n".join([title_zh, *(z for z, _ in header)]))
            report.units.append(("title", title_zh, title_en))
        else:
            report.add(title_zh, "title", title_en)
            report.paragraphs.append("\n".join(z for z, _ in header))
        report.units.extend((f"header/{i}", z, e) for i, (z, e) in enumerate(header, 1))

        theme_zh, theme_en = rng.choice(TERMS)
        everyone = "、".join(f"{affiliation[p.id][0]}{p.zh}{rng.choice(TITLES)[0]}"
                            for p in cast[1:])
        intro = (f"{day.year}年{day.month}月{day.day}日,由中国计算机学会计算机视觉专委会主办的第{number}期"
                 f"CCF-CV“视界无限”系列活动——“{theme_zh}的前沿进展”研讨会在线上成功举办,"
                 f"{affiliation[chair.id][0]}{chair.zh}教授担任执行主席。研讨会邀请了{everyone}参加。")
        intro_en = (f"On {day.isoformat()}, the seminar on \"Recent Advances in {theme_en}\" was held "
                    f"online, chaired by Prof. {chair.en}; it invited "
                    + ", ".join(p.en for p in cast[1:]) + ".")
        report.add(self.comma(intro), "intro/1", intro_en)
        if rng.random() < 0.3:
            z, e = self.sentences(1)
            report.add("本次活动由CCF-CV官方B站账号全程直播。" + z, "intro/2",
                       "The CCF-CV official Bilibili account livestreamed the event. " + e)
        return theme_zh, theme_en

    def talks(self, report: "_Report", speakers: list[Person], guests: list[Person],
              affiliation: dict) -> tuple[list[Talk], list[dict], Person | None]:
        """The talks' paragraphs; returns the talks, their data-file entries and who gave the
        opening address (None without one)."""
        rng = self.rng
        talks: list[Talk] = []
        data_talks: list[dict] = []
        order = [(p, "talk") for p in speakers]
        opener = None
        if rng.random() < 0.5:  # an opening address, by a speaker or by a guest
            opener = rng.choice([speakers[0], *guests])
            order.insert(0, (opener, "opening"))
        for p, kind in order:
            (a, a_en), (b, b_en) = self.terms()
            if kind == "opening":
                tslug, title = "opening-address", ("致辞", "Opening address")
            else:
                tslug = f"{a_en.replace(' ', '-').lower()}-{len(talks) + 1}"
                title = rng.choice([(f"{a}与{b}", f"{a_en.capitalize()} and {b_en}"),
                                    (f"Learning {a_en.title()}", f"Learning {a_en.title()}"),
                                    (f"{a_en.title()}: From {b_en.title()} to <Deep> & Back",
                                     f"{a_en.title()}: From {b_en.title()} to <Deep> & Back")])
            rank, rank_en = rng.choice(TITLES)
            body, body_en = self.sentences(rng.randint(1, 3))
            named = self.named(p, rank)
            cue = None
            if kind == "opening":
                first = f"首先,{named}代表计算机视觉专委会致辞。{body}"
                first_en = f"First, {rank_en} {p.en} gave an address. {body_en}"
            elif rng.random() < 0.15:  # the name comes too late: the data file gives a cue
                first = f"接下来,来自{affiliation[p.id][0]}的{named}做了题为“{title[0]}”的报告。{body}"
                first_en = f"Next, {rank_en} {p.en} gave a talk titled \"{title[1]}\". {body_en}"
                cue = f"题为“{title[0]}”"
            else:
                space = rng.choice(["", " "])
                verb = rng.choice(["的报告题目是", "报告的主题是"])
                first = f"{named}{verb}{space}“{title[0]}”。{body}"
                first_en = f"The title of {rank_en} {p.en}'s talk was \"{title[1]}\". {body_en}"
            report.add(self.comma(first), f"talk/{tslug}/1", first_en)
            for i in range(2, 2 + rng.choice([0, 0, 0, 1, 2])):
                more, more_en = self.sentences(rng.randint(1, 2))
                if rng.random() < 0.3:  # a quote in a talk's later paragraph
                    more += f"他还介绍了“{b}”方面的工作。"
                    more_en += f" He also presented work on “{b_en}”."
                report.add(self.comma("在报告的第二部分," + more) if i == 2 else more,
                           f"talk/{tslug}/{i}",
                           ("In the second part of the talk: " if i == 2 else "") + more_en)
            talks.append(Talk(tslug, p.id, kind))
            entry = {"slug": tslug, "speaker": p.id, "title": {"zh": title[0], "en": title[1]}}
            if kind == "opening":
                entry["kind"] = "opening"
            if cue:
                entry["cue"] = cue
            if rng.random() < 0.7:
                entry["topics"] = {"zh": f"{a}, {b}", "en": f"{a_en}, {b_en}"}
            data_talks.append(entry)
        return talks, data_talks, opener

    def panel(self, report: "_Report", number: int, slugs: set[str]) -> list[tuple]:
        """The panel paragraph, the closing lines, the transcript's heading and preface;
        returns the questions it quotes: (slug, Chinese, English, terms, English terms)."""
        rng = self.rng
        asked = []
        for i, (z, e) in enumerate(rng.sample(QUESTIONS, rng.randint(1, 3))):
            (a, a_en), (b, b_en) = self.terms()
            qslug = rng.choice(["open-problems", "generalization", "priors", "high-level"])
            qslug = qslug if qslug not in slugs else f"{qslug}-{i + 1}"
            slugs.add(qslug)
            asked.append((qslug, z.format(a=a, b=b), e.format(a=a_en, b=b_en), (a, b), (a_en, b_en)))
        panel = (rng.choice(["在Panel环节", "在Panel讨论环节", "在圆桌讨论环节"]) + ",与会嘉宾就"
                 + "、".join(f"“{q[1]}”" for q in asked)
                 + "等问题展开了热烈的讨论。")
        panel_en = ("In the panel session, the guests discussed "
                    + ", ".join(f"“{q[2]}”" for q in asked) + ".")
        report.add(self.comma(panel), "panel/1", panel_en)
        if rng.random() < 0.8:
            report.add(f"最后,第{number}期“视界无限”研讨会在中午12点圆满结束。", "closing/1",
                       f"Finally, the {number}th \"Vision Unlimited\" seminar closed at noon.")
        report.add(rng.choice(HEADINGS), "transcript-heading", "Panel transcript")
        if rng.random() < 0.8:
            report.add("为了惠及广大的研究者,每期“视界无限”精选嘉宾观点进行分享,以下为本期研讨会Panel实录。",
                       "preface/1", "To benefit researchers, each \"Vision Unlimited\" shares "
                       "selected views of its guests; here is this seminar's panel transcript.")
        return asked

    def transcript(self, report: "_Report", asked: list[tuple], cast: list[Person],
                   speakers: list[Person], opener: Person | None) -> list[Question]:
        """The turns: the chair (cast[0]) asks each question in order, the others answer."""
        rng, chair = self.rng, cast[0]
        panelists = cast[1:]
        questions: list[Question] = []
        for n, (qslug, qtext, qtext_en, _, _) in enumerate(asked):
            turns: list[Turn] = []

            def turn(p: Person, zh: str, en: str) -> None:
                anchor = f"t{len(turns) + 1:02d}"
                turns.append(Turn(p.id, anchor))
                parts = zh.split("\x00")  # a turn of several paragraphs
                parts_en = en.split("\x00")
                prefix, body = self.turn_prefix(p, parts[0])
                report.add(prefix + body, f"{qslug}/{anchor}", parts_en[0], body)
                for j, (z, e) in enumerate(zip(parts[1:], parts_en[1:]), 2):
                    report.add(z, f"{qslug}/{anchor}.{j}", e)

            if n == 0 and rng.random() < 0.3:  # first words before the first question
                turn(chair, "大家好,欢迎参加本期研讨会。", "Hello everyone, welcome to this seminar.")
            ask = rng.choice([qtext, "我们进入下一个问题。" + qtext + "？",
                              qtext[: max(8, len(qtext) * 2 // 3)] + "？",
                              "今天的活动受到了广泛关注,我们也搜集了一些问题。" + qtext])
            turn(chair, self.comma(ask), f"Next question: {qtext_en}?")
            for _ in range(rng.randint(1, 4)):
                p = rng.choice(panelists) if rng.random() < 0.85 else chair  # the chair answers
                k = rng.choice([1, 1, 1, 2])
                bodies = [self.sentences(rng.randint(1, 3)) for _ in range(k)]
                if rng.random() < 0.15:  # a line break inside a paragraph, no blank line
                    z, e = bodies[0]
                    bodies[0] = (z.replace("。", "。\n", 1).rstrip("\n"), e)
                turn(p, "\x00".join(z for z, _ in bodies), "\x00".join(e for _, e in bodies))
                if rng.random() < 0.25:
                    z, e = rng.choice(FOLLOW_UPS)
                    turn(chair, self.comma(z), e)
            if n == len(asked) - 1:
                for p in panelists:  # everyone invited speaks, the opening's guest perhaps not
                    if p is opener and p not in speakers:
                        continue
                    if not any(t.speaker == p.id for q in questions for t in q.turns) and \
                            not any(t.speaker == p.id for t in turns):
                        z, e = self.sentences(1)
                        turn(p, z, e)
                if rng.random() < 0.6:
                    z, e = rng.choice(CLOSINGS)
                    turn(chair, self.comma(z), e)
            questions.append(Question(qslug, turns))
        return questions

    def named(self, p: Person, rank: str) -> str:
        """How a talk paragraph names its speaker in the first few characters."""
        rng = self.rng
        if p.latin or p.chinese_only:
            return rng.choice(p.names) + rank
        form = rng.random()
        if form < 0.15:
            return f"{p.zh}（{p.en}）{rank}"
        if form < 0.25:
            return f"{p.zh}({p.en}){rank}"
        if form < 0.35:  # the opening parenthesis lost, as in the real report
            return f"{p.zh}{p.en}){rank}"
        if form < 0.42:  # or the closing one
            return f"{p.zh}{rng.choice('(（')}{p.en}{rank}"
        return p.zh + rank

    def turn_prefix(self, p: Person, body: str) -> tuple[str, str]:
        rng = self.rng
        name = rng.choice(p.names)
        sep = rng.choice(SEPARATORS)
        if sep == "" and name[-1].isascii() and body[:1].isascii():
            sep = ": "  # glued, "Ming Wanghello" would read as another name
        return name + sep, body

    def person_entry(self, p: Person, affiliation: tuple[str, str]) -> dict:
        entry = {"name": {"zh": p.zh, "en": p.en},
                 "affiliation": {"zh": affiliation[0], "en": affiliation[1]}}
        if p.aliases:
            entry["aliases"] = list(p.aliases)
        return entry

    def question_entry(self, q) -> dict:
        qslug, _, qtext_en, (a, b), (a_en, b_en) = q
        short = self.rng.choice([(f"{a}与{b}", f"{a_en.capitalize()} and {b_en}"),
                                 (f"{a}能否帮助{b}？", f"Can {a_en} help {b_en}?")])
        entry = {"slug": qslug, "short": {"zh": short[0], "en": short[1]}}
        if self.rng.random() < 0.7:
            entry["topics"] = {"zh": f"{a}, {b}", "en": f"{a_en}, {b_en}"}
        return entry

    def layout(self, paragraphs: list[str]) -> bytes:
        """Paragraphs as pasted: indents, gaps, line ends and a BOM vary."""
        rng = self.rng
        out = paragraphs[0]
        for p in paragraphs[1:]:
            out += rng.choice(TRAILING) + rng.choice(GAPS) + rng.choice(INDENTS) + p
        out += rng.choice(["", "\n", "\n\n"])
        ends = rng.random()
        if ends < 0.3:
            out = out.replace("\n", "\r\n")
        elif ends < 0.35:  # an old Mac's
            out = out.replace("\n", "\r")
        return (("\ufeff" if rng.random() < 0.3 else "") + out).encode("utf-8")

    # The archive

    def archive(self, seminars: int | None = None) -> Archive:
        rng = self.rng
        n = seminars or rng.randint(1, 4)
        numbers = rng.sample(range(1, 60), n)
        day = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randint(0, 300))
        untranslated = rng.randrange(n)
        out: list[Seminar] = []
        for k in range(n):
            shared = [self.people[pid] for pid in dict.fromkeys(p for s in out for p in s.people)]
            out.append(self.seminar(numbers[k], day, shared,
                                    translated=k != untranslated))
            day += datetime.timedelta(days=rng.randint(20, 90))
        return Archive(out, dict(self.people))


class _Report:
    """A report being written: its paragraphs as pasted, and its translation units."""

    def __init__(self):
        self.paragraphs: list[str] = []
        self.units: list[tuple[str, str, str]] = []  # (unit, Chinese as parsed, English)

    def add(self, text: str, unit: str, english: str, body: str | None = None) -> None:
        """A paragraph that is one unit; `body`, the unit's text, is a turn's without its
        speaker's name."""
        self.paragraphs.append(text)
        self.units.append((unit, body if body is not None else text, english))


def _unit(unit: str, chinese: str, english: str) -> Unit:
    """An English unit translated from the Chinese as the parser reads it (translation.py)."""
    text = "\n".join(canonical_punctuation(line.strip()) for line in chinese.split("\n"))
    return Unit(unit, fingerprint(text), english, 0)


class _NoAliases(yaml.SafeDumper):
    """A data file has no anchors or aliases (datafile.py refuses them)."""

    def ignore_aliases(self, data) -> bool:
        return True


def _yaml(data: dict) -> bytes:
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False,
                     width=200).encode("utf-8")


if __name__ == "__main__":
    print(make_project(make_archive(int(sys.argv[1])), Path(sys.argv[2])))
