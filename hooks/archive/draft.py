"""A report -> the first version of its data file: what the report says, TODO where only a
person can say it (English titles and affiliations, slugs that cannot be derived).

Pure: the report's text and the other seminars' data files in, YAML text out. The report
is read with the parser's own pieces (paragraphs, header, dates, quoted questions, a talk's
speaker named early, a turn's "Name:"), so the draft agrees with what the build finds.
Nothing is guessed silently: what the report does not say is a TODO or a comment.
"""

from __future__ import annotations

import datetime
import json
import re
import textwrap
from dataclasses import dataclass, field

import yaml

from . import parse
from .datafile import slug_problem
from .errors import Problem, SeedError
from .model import Paragraph, Person, Text
from .typography import HAN_RANGES

TODO = "TODO"
WIDTH = 96  # the drafted file's lines, comments wrapped to fit
HAN = f"[{HAN_RANGES}]"
# A name in Latin letters: capitalised words, with hyphens or apostrophes ("Ming-Hsuan Yang").
LATIN_NAME = r"[A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)*"
# An introduction names a person as [affiliation][role]Name + one of these ("北京大学查红彬教授").
PERSON_TITLE = re.compile("助理教授|副教授|教授|副研究员|研究员|博士后|博士|讲师|院士|老师|先生|女士")
# A person's description never runs over these (a clause ends at them).
BOUNDARY = re.compile(r"[，,。；;、：:！!？?“”]")
# What may open the clause before the affiliation ("研讨会邀请了北京大学…", "执行主席为北京…",
# "…和美国…").
LEAD = re.compile(r"^.*(?:邀请了|邀请|特邀|由|为|是)|^(?:以及|及|和|与|并)")
# Roles written between an affiliation and a name ("谷歌资深科学家Deqing Sun博士").
ROLE = re.compile(r"(?:首席科学家|资深科学家|科学家|高级研究员|研究员|工程师|委员|主任|总监)$")
# How the name of an institution ends: a Chinese name right after it is the person's.
# (not 司: 司马 is a family name)
INSTITUTION = re.compile(r"大学|学院|研究院|研究所|分校|实验室|研究中心|中心|公司|集团|院|所|系")
# The roles the introduction gives with a person's clause.
CHAIR_WORD, OPENING_WORD = "执行主席", "致辞"
# The seminar's number in its title or introduction: 第8期, 第八期.
NUMBER = re.compile(r"第\s*([0-9]+|[零〇一二三四五六七八九十百两]+)\s*期")
DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
# The theme is quoted in the introduction right after "——" or right before "研讨会".
THEME = re.compile(r"——\s*“([^“”]+)”|“([^“”]+)”\s*(?:研讨会|论坛|主题)")
# A talk's title is the quote after these words ("报告题目是“…”"), else its first quote.
TALK_TITLE = re.compile(r"(?:题目|主题|题为)[^“”]{0,6}“([^“”]+)”")
# The paragraph that lists the panel questions names the panel.
PANEL_WORD = re.compile(r"panel|圆桌", re.I)
# The clause of a question that asks it.
QUESTION_WORD = re.compile("哪些|什么|如何|怎样|怎么|是否|能否|会不会|有没有|为什么|吗|呢")
CLAUSE_END = re.compile(r"[？?。，,；;！!]")
# An opening address (the talk of the person the introduction says gives one, 致辞).
OPENING = {"slug": "opening-address", "zh": "致辞", "en": "Opening address"}
# Two-character family names (given name first in English: 欧阳娜娜 -> Nana Ouyang).
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 独孤 南宫 "
    "西门 万俟 轩辕 呼延 闻人 申屠 澹台 公冶 太史 钟离 赫连 第五 左丘 东郭 百里".split())
# Family names read otherwise than the same character in a word (查 is Zha, not Cha).
SURNAME_READINGS = {
    "查": "zha", "单": "shan", "曾": "zeng", "解": "xie", "朴": "piao", "覃": "qin", "乐": "yue",
    "仇": "qiu", "区": "ou", "盖": "ge", "缪": "miao", "翟": "zhai", "秘": "bi", "种": "chong",
    "召": "shao", "繁": "po", "员": "yun", "句": "gou", "阚": "kan", "折": "she", "晟": "sheng",
    "薄": "bo", "隗": "wei", "卜": "bu", "重": "chong",
}
HEADER_COMMENT = """\
# Facts about the seminar that its report (the .txt file of the same name) does not carry.
# Field by field: CONTRIBUTING.md. People are keyed by a stable id used in URLs; the same
# id in another seminar's data file is the same person. `topics` (talks, questions) are
# comma-separated search keywords: a query for one of them finds that page first.
# Drafted by `python -m tools.draft` from the report: check every value against it and
# replace every TODO (`python -m tools.check` names each one with its line)."""


@dataclass
class Named:
    """A person as the report names them, and what the draft knows about them."""

    zh: str  # the name as the report writes it: Chinese, or Latin letters
    affiliation: str
    latin: str = ""  # a Latin-letter name the report gives beside a Chinese one
    roles: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    id: str = ""
    en: str = ""
    aliases: list[str] = field(default_factory=list)
    affiliation_en: str = TODO


@dataclass(frozen=True)
class Known:
    """A person of another seminar's data file."""

    id: str
    data: dict  # the person's entry, as datafile.load returns it
    path: str


def draft(text: str, seed_path: str, others: dict[str, dict]) -> str:
    """The data file for a report. `others`: path -> every other data file, loaded."""
    paragraphs = parse.split_paragraphs(parse.normalise(text))
    if not paragraphs:
        raise SeedError(Problem(seed_path, 1, "the report is empty",
                                "the text of a seminar report"))
    title, header, rest = parse.split_header(paragraphs)
    end = parse.transcript_heading_at(rest)
    transcript = rest[end + 1:]
    prefixes = {m[1].strip(): p.line_no for p in transcript
                if (m := parse.UNKNOWN_PREFIX.match(p.text))}
    known = _known_people(others)
    names = set(prefixes) | set(known)

    def introduced(p: Paragraph) -> list[Named]:
        found = _people_named(p.text, names)
        for person in found:
            _pair_latin(person, paragraphs)
        return found

    intro = rest[:1]
    people = introduced(rest[0]) if rest else []
    talks: list[tuple[Named, Paragraph]] = []
    panel: Paragraph | None = None
    for p in rest[1:end]:
        # the panel paragraph may name the chair early ("在潘金山教授的主持下，…“…”")
        if talks and parse.QUOTED.search(p.text) and PANEL_WORD.search(
                parse.QUOTED.sub("", p.text)):
            panel = p
            break
        speaker = _talk_speaker(p, people, {t[0].zh for t in talks})
        if speaker is not None:
            talks.append((speaker, p))
        elif not talks:  # the introduction runs on
            intro.append(p)
            _add(people, introduced(p))
    in_intro = {k.id for p in people if (k := known.get(p.zh) or known.get(p.latin))}
    _add(people, [Named(name, TODO, notes=[
        f"speaks in the transcript (line {line}) but the introduction does not name them; if "
        "they are someone above, add this name to that person's aliases instead"])
        for name, line in prefixes.items()
        if not any(name in (p.zh, p.latin) for p in people)
        and not (name in known and known[name].id in in_intro)])
    _identify(people, known, others)

    lines = [HEADER_COMMENT, *_seminar_lines(title, header, intro, others)]
    chair = next((p for p in people if "chair" in p.roles), None)
    if chair is None:
        lines.append(f"chair: {TODO}  # the introduction names no {CHAIR_WORD}: the id of "
                     "who chairs the panel")
    else:
        lines.append(f"chair: {chair.id}")
    lines += ["", "people:"]
    for person in people:
        lines += _person_lines(person)
    lines += ["", "# In the order of the report; `# line N`: the paragraph where the talk starts.",
              "talks:"]
    if not talks:
        lines[-1] += f" {TODO}  # no paragraph after the introduction names a speaker in its " \
                     "first words: list the talks by hand"
    taken: set[str] = set()  # talk and question slugs
    for speaker, p in talks:
        lines += _talk_lines(speaker, p, taken)
    lines += ["", *_question_lines(panel, transcript, taken)]
    return "\n".join(lines) + "\n"


# Helpers: the seminar


def _seminar_lines(title: Paragraph, header: list[Paragraph], intro: list[Paragraph],
                   others: dict[str, dict]) -> list[str]:
    intro_text = "\n".join(p.text for p in intro)
    number = _number(title.text, intro_text)
    out = [f"slug: {TODO}  # the number and a few English words, e.g. "
           f"{number[0] if number[0] != TODO else 'N'}-<topic>"]
    out.append(f"number: {number[0]}" + (f"  # {number[1]}" if number[1] else ""))
    event = re.search(parse.DATE, intro_text)
    date = _real_date(parse.iso_date(event)) if event else None
    out.append(f"date: {date}" if date else
               f"date: {TODO}  # the introduction gives no date of the event (YYYY-MM-DD)")
    posted = next((d for p in header if (d := parse.header_date(p.text))), None)
    out.append(f"posted: {posted}" if posted and _real_date(posted) else
               f"posted: {TODO}  # the report's header gives no posting date: the day the "
               "report was published (YYYY-MM-DD)")
    themes = [m[1] or m[2] for m in THEME.finditer(intro_text)]
    out += ["title:", f"  zh: {_scalar(themes[0])}" if themes else
            f"  zh: {TODO}  # the introduction quotes no theme (“…”研讨会)",
            f"  en: {TODO}"]
    for key in ("organiser", "source"):
        shared = {json.dumps([d[key]["zh"], d[key]["en"]]) for d in others.values() if key in d}
        if len(shared) == 1:
            zh, en = json.loads(shared.pop())
            out += [f"{key}:  # as in the other data files",
                    f"  zh: {_scalar(zh)}", f"  en: {_scalar(en)}"]
        else:
            host = re.search(r"由(.{2,40}?)主办", intro_text) if key == "organiser" else None
            out += [f"{key}:", f"  zh: {_scalar(host[1]) if host else TODO}", f"  en: {TODO}"]
    # each report has an address of its own, which the report does not give
    out.append(f"  url: {TODO}  # the address the report is published at (https://…); "
               "delete this line if it is not online")
    return out


def _number(title: str, intro: str) -> tuple[str, str]:
    found = []
    for where, text in (("the title", title), ("the introduction", intro)):
        m = NUMBER.search(text)
        if m:
            found.append((where, _chinese_number(m[1])))
    values = {n for _, n in found if n}
    if len(values) == 1:
        return str(values.pop()), ""
    if not values:
        return TODO, "neither the title nor the introduction gives it (第N期)"
    return TODO, " and ".join(f"{w} says {n}" for w, n in found)


def _chinese_number(s: str) -> int | None:
    """'8' or '八' or '十二' or '一百零三' -> the number; None if it is not one."""
    if s.isdigit():
        return int(s)
    total, digit = 0, 0
    for c in s:
        if c in DIGITS:
            digit = DIGITS[c]
        elif c in "十百":
            total += (digit or 1) * (10 if c == "十" else 100)
            digit = 0
    return total + digit or None


def _real_date(iso: str) -> str | None:
    try:
        return datetime.date.fromisoformat(iso).isoformat()
    except ValueError:
        return None


# Helpers: people


def _known_people(others: dict[str, dict]) -> dict[str, Known]:
    """Every Chinese name and alias of the other data files -> its person (first file wins);
    then their English names, for a report that writes a name in Latin letters only."""
    out: dict[str, Known] = {}
    entries = [(path, pid, p) for path, data in sorted(others.items())
               for pid, p in data.get("people", {}).items()]
    for path, pid, p in entries:
        for name in (p["name"]["zh"], *p.get("aliases", [])):
            out.setdefault(name, Known(pid, p, path))
    for path, pid, p in entries:
        out.setdefault(p["name"]["en"], Known(pid, p, path))
    return out


def _people_named(text: str, names: set[str]) -> list[Named]:
    """Everyone a paragraph names as [affiliation][role]Name + title, with their roles."""
    out = []
    start = 0
    for m in PERSON_TITLE.finditer(text):
        if m.start() < start:
            continue
        clause_start = max([start, *(b.end() for b in BOUNDARY.finditer(text, start, m.start()))])
        pre = LEAD.sub("", text[clause_start: m.start()].strip())
        found = _name_at_end(pre, names)
        if found is None:
            continue
        name, latin, before, note = found
        after = BOUNDARY.search(text, m.end())
        clause = text[clause_start: after.start() if after else len(text)]
        affiliation, notes = _affiliation(before)
        person = Named(name, affiliation, latin, notes=notes + ([note] if note else []))
        person.roles = {role for role, word in (("chair", CHAIR_WORD), ("opening", OPENING_WORD))
                        if word in clause}
        out.append(person)
        start = m.end()
    return out


def _name_at_end(pre: str, names: set[str]) -> tuple[str, str, str, str] | None:
    """(name, Latin name beside it, the text before, a note) for the name ending `pre`."""
    paren = re.search(rf"[（(]\s*({LATIN_NAME})\s*[）)]$", pre)
    if paren:  # 吕健勤（Chen Change Loy）
        han = _han_name(pre[: paren.start()], names)
        if han:
            return han[0], paren[1], han[1], han[2]
        return paren[1], "", pre[: paren.start()], ""
    latin = re.search(rf"{LATIN_NAME}$", pre)
    if latin:
        return latin[0], "", pre[: latin.start()], ""
    han = _han_name(pre, names)
    return (han[0], "", han[1], han[2]) if han else None


def _han_name(pre: str, names: set[str]) -> tuple[str, str, str] | None:
    """(Chinese name, the text before it, a note) for the Chinese name ending `pre`."""
    run = re.search(f"{HAN}+$", pre)
    if not run or len(run[0]) < 2:
        return None
    r = run[0]
    last = None
    for last in INSTITUTION.finditer(r):
        pass
    if last is not None and last.end() == len(r):
        return None  # an institution, not a person ("北京大学教授")
    if last is not None and 2 <= len(r) - last.end() <= 4:
        return r[last.end():], pre[: len(pre) - len(r) + last.end()], ""
    # a name the transcript or another data file uses
    name = max((n for n in names if len(n) >= 2 and r.endswith(n)), key=len, default="")
    if name:
        return name, pre[: -len(name)], ""
    if len(r) <= 3:
        return r, pre[: -len(r)], ""
    n = 4 if r[-4:-2] in COMPOUND_SURNAMES else 3
    return r[-n:], pre[: -n], (f"the report runs '{r}' together: the name was taken to be "
                               f"its last {n} characters, check it")


def _affiliation(before: str) -> tuple[str, list[str]]:
    aff = before.strip()
    while ROLE.search(aff) and len(ROLE.sub("", aff)) >= 2:
        aff = ROLE.sub("", aff).strip()
    notes = []
    for m in INSTITUTION.finditer(aff):  # "香港科技大学大学": a word written twice
        if aff.endswith(m[0] * 2) and m.end() == len(aff) - len(m[0]):
            notes.append(f"the report writes '{aff}'")
            aff = aff[: m.end()]
            break
    if not aff:
        notes.append("the introduction gives no affiliation")
    return aff or TODO, notes


def _add(people: list[Named], found: list[Named]) -> None:
    for person in found:
        same = next((p for p in people if p.zh == person.zh), None)
        if same is None:
            people.append(person)
        else:
            same.roles |= person.roles


def _pair_latin(person: Named, paragraphs: list[Paragraph]) -> None:
    """A Chinese name and a Latin one written together, with a bracket at least
    ("吕健勤Chen Change Loy)", "吕健勤（Chen Change Loy）", "张三（San Zhang）")."""
    if person.latin:
        return
    latin = re.fullmatch(LATIN_NAME, person.zh)
    for p in paragraphs:
        if latin:
            m = re.search(rf"(?<!{HAN})({HAN}{{2,4}})(?:[（(]\s*{re.escape(person.zh)}\s*[）)]?"
                          rf"|{re.escape(person.zh)}\s*[）)])", p.text)
        else:
            m = re.search(rf"{re.escape(person.zh)}\s*[（(]\s*({LATIN_NAME})\s*[）)]", p.text)
        if m:
            person.latin, person.zh = (person.zh, m[1]) if latin else (m[1], person.zh)
            person.notes.append(f"line {p.line_no} writes '{m[0]}'")
            return


def _identify(people: list[Named], known: dict[str, Known], others: dict[str, dict]) -> None:
    """Give every person an id, an English name and aliases: a person of another data file
    keeps theirs; anyone else gets them from their name."""
    taken = {pid: path for path, d in others.items() for pid in d.get("people", {})}
    places = {p["affiliation"]["zh"]: (p["affiliation"]["en"], path)
              for path, d in sorted(others.items(), reverse=True)
              for p in d.get("people", {}).values()}  # the first file's, where several
    ids: list[str] = []
    for person in people:
        k = known.get(person.zh) or known.get(person.latin)
        if k is not None:
            person.id, person.en = k.id, k.data["name"]["en"]
            person.zh = k.data["name"]["zh"]
            person.aliases = list(k.data.get("aliases", []))
            if person.latin and person.latin not in (person.zh, person.en, *person.aliases):
                person.aliases.append(person.latin)
            same_place = k.data["affiliation"]["zh"] == person.affiliation
            if same_place:
                person.affiliation_en = k.data["affiliation"]["en"]
            person.notes.insert(0, f"as in {k.path}" + ("" if same_place else
                                ", at another affiliation then"))
        else:
            person.en, proposed = _english_name(person)
            person.id = pid = _slug(person.en) or "person"
            n = 1
            while pid in ids or pid in taken or slug_problem(pid):
                n += 1
                pid = f"{person.id}-{n}"
            if pid != person.id:
                person.notes.append(f"'{person.id}' is taken"
                                    + (f" in {taken[person.id]}" if person.id in taken else ""))
                person.id = pid
            if proposed:
                person.notes.append("English name proposed from pinyin: check it")
        if person.affiliation_en == TODO and person.affiliation in places:
            person.affiliation_en, path = places[person.affiliation]
            person.notes.append(f"the affiliation's English as in {path}")
        ids.append(person.id)


def _english_name(person: Named) -> tuple[str, bool]:
    """(the English name, whether it is proposed from pinyin)."""
    if person.latin:
        return person.latin, False
    if not re.search(HAN, person.zh):
        return person.zh, False
    from pypinyin import lazy_pinyin  # a large dictionary, needed for new names only

    n = 2 if person.zh[:2] in COMPOUND_SURNAMES and len(person.zh) > 2 else 1
    surname, given = person.zh[:n], person.zh[n:]
    family = SURNAME_READINGS.get(surname) or "".join(lazy_pinyin(surname))
    syllables = [s.replace("v", "yu") for s in lazy_pinyin(given)]
    # a syllable that starts with a vowel takes an apostrophe inside a name (Xi'an)
    joined = "".join(("'" + s) if i and s[:1] in "aoe" else s for i, s in enumerate(syllables))
    return " ".join(w.capitalize() for w in (joined, family) if w), True


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.casefold().replace("'", "")))


def _person_lines(p: Named) -> list[str]:
    note = f"  # {'; '.join(p.notes)}" if p.notes else ""
    out = ([f"  {p.id}:{note}"] if len(p.id) + len(note) < WIDTH - 2 else
           [*_comment("; ".join(p.notes), "  "), f"  {p.id}:"])
    out.append(f"    name: {{zh: {_scalar(p.zh)}, en: {_scalar(p.en)}}}")
    if p.aliases:
        out.append(f"    aliases: [{', '.join(_scalar(a) for a in p.aliases)}]")
    elif p.latin and p.latin != p.en:
        out.append(f"    aliases: [{_scalar(p.latin)}]")
    out.append(f"    affiliation: {{zh: {_scalar(p.affiliation)}, "
               f"en: {_scalar(p.affiliation_en)}}}")
    return out


# Helpers: talks and questions


def _talk_speaker(p: Paragraph, people: list[Named], spoken: set[str]) -> Named | None:
    """The person a paragraph names in its first words, as the parser finds a talk's start,
    if they have not given a talk yet."""
    candidates = [person for person in people if person.zh not in spoken
                  and parse.mentions_early(p, Person("", Text(person.zh, person.latin)))]
    if not candidates:
        return None
    return min(candidates, key=lambda c: min(i for n in (c.zh, c.latin) if n
                                             and (i := p.text.find(n)) >= 0))


def _talk_lines(speaker: Named, p: Paragraph, taken: set[str]) -> list[str]:
    first_sentence = re.split("[。！？!?]", p.text, maxsplit=1)[0]
    opening = "opening" in speaker.roles or OPENING_WORD in first_sentence
    m = None if opening else TALK_TITLE.search(p.text) or parse.QUOTED.search(p.text)
    title = OPENING["zh"] if opening else m[1].strip() if m else TODO
    latin = not re.search(HAN, title)
    if opening:
        slug, english = OPENING["slug"], OPENING["en"]
    elif latin and title != TODO:  # the English title is the title: a slug from its words
        slug, english = "-".join(_slug(title.split(":")[0]).split("-")[:4]), title
    else:
        slug, english = "", TODO
    if not slug or slug in taken or slug_problem(slug):
        slug = TODO
    taken.add(slug)
    out = [f"  - slug: {slug}  # line {p.line_no}"]
    if opening:
        out.append("    kind: opening")
    out += [f"    speaker: {speaker.id}",
            f"    title: {{zh: {_scalar(title)}, en: {_scalar(english)}}}"]
    if m is None and not opening:
        out[-1] += "  # the paragraph quotes no title (报告题目是“…”)"
    return out


def _question_lines(panel: Paragraph | None, transcript: list[Paragraph],
                    taken: set[str]) -> list[str]:
    if panel is None:
        where = ("the 'Panel 实录' section has turns, but " if transcript else
                 "the report has no 'Panel 实录' section, and ")
        return _comment("No questions: " + where + "no paragraph after the talks names the "
                        "panel (Panel, 圆桌) and quotes its questions in “…”. Check the report: "
                        "the build makes question pages only for questions it lists.")
    out = [*_comment("In the order the panel paragraph lists them; each is matched to the "
                     "chair's turn that asks it (give `cue:`, a phrase of that turn, if the "
                     "automatic match ever picks wrong). The panel paragraph is line "
                     f"{panel.line_no}; each short title is proposed from its question: "
                     "check it."), "questions:"]
    for n, question in enumerate(parse.QUOTED.findall(panel.text), 1):
        short = _short_title(question)
        slug = _slug(short) if not re.search(HAN, short) else ""
        if not slug or slug in taken or slug_problem(slug):
            slug = TODO
        taken.add(slug)
        # the question on one line: the report's own lines are as long
        out += [f"  # {n}. “{_one_line(question)}”", f"  - slug: {slug}",
                f"    short: {{zh: {_scalar(short)}, en: {TODO}}}"]
    return out


def _short_title(question: str) -> str:
    clauses = [c.strip() for c in CLAUSE_END.split(question) if c.strip()]
    if not clauses:
        return TODO
    return next((c for c in clauses if QUESTION_WORD.search(c)), clauses[-1])


# Helpers: YAML


def _comment(text: str, indent: str = "") -> list[str]:
    """A YAML comment in English, wrapped at its spaces."""
    return textwrap.wrap(_one_line(text), WIDTH, initial_indent=indent + "# ",
                         subsequent_indent=indent + "# ", break_on_hyphens=False,
                         break_long_words=False)


def value_part(line: str) -> str:
    """A line of a drafted file without its comment (a draft's comments follow two spaces)."""
    return "" if line.lstrip().startswith("#") else line.split("  #")[0]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _scalar(text: str) -> str:
    """A YAML scalar for text, plain when YAML reads it back as the same text inside a
    flow mapping, else double-quoted (a JSON string is a YAML one)."""
    text = _one_line(text)
    try:
        if text == TODO or yaml.safe_load("{x: " + text + "}") == {"x": text}:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)
