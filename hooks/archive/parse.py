"""Seed text + data file -> Seminar. Pure: strings in, records out, no I/O, no MkDocs.

A report is a run of paragraphs (separated by blank lines) in a fixed order of sections:
the report title, header lines (views, posting date), the introduction, one or more
paragraphs per talk, the paragraph listing the panel questions, closing lines, the
"Panel 实录" heading, a preface, and the panel transcript made of turns. Which section a
paragraph belongs to is decided from that order and from the data file, so a talk paragraph
that starts with a name is never taken for a turn.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .errors import Problem, SeedError
from .model import Paragraph, Person, Question, Recording, Seminar, Talk, Text, Turn, data_path
from .typography import canonical_punctuation

# Indentation and blank lines in pasted reports mix spaces, tabs, no-break spaces (U+00A0)
# and ideographic spaces (U+3000); all of them are whitespace here, none of them is text.
SPACE = "[ \t\u00a0\u3000\u2002\u2003\u200b\ufeff]"
BLANK_LINE = re.compile(rf"^{SPACE}*$")
# A turn's separator after the speaker's name: an ASCII or full-width colon, spaces around.
TURN_SEPARATOR = re.compile(rf"^{SPACE}*[:：]{SPACE}*")
# A paragraph in the transcript that looks like "Someone: ..." with a name we do not know:
# up to 20 characters with no space or sentence punctuation, then a colon.
UNKNOWN_PREFIX = re.compile(r"^([^\s:：,，。;；!！?？“”\"']{1,20})\s*[:：]")
# Header lines under the report title: "key:value" (阅读量:11) or a bare date (2021-05-05).
HEADER_LINE = re.compile(r"^[^\s:：]{1,12}[:：]\s*\S{1,24}$")
# A date as reports write it: 2021-05-05, 2021/5/5, 2021.5.5 or 2021年5月5日.
DATE = r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
DATE_LINE = re.compile(rf"^{DATE}$")
# A question listed in the panel paragraph is quoted with Chinese double quotes.
QUOTED = re.compile(r"“([^“”]*)”")
# The panel paragraph names the panel ("在Panel环节…", "在圆桌讨论环节…"): a talk's later
# paragraph may quote as many terms or titles as there are questions, and it comes first.
PANEL_WORDS = ("panel", "圆桌")
# The transcript heading, compared with all whitespace removed and case folded.
TRANSCRIPT_HEADING = "panel实录"
# A talk starts at the first paragraph that names its speaker this early ("首先,张三教授…").
TALK_NAME_WITHIN = 12
# A chair's turn asks a listed question when it shares this share of the question's bigrams.
MIN_QUESTION_MATCH = 0.2


def parse(text: str, data: dict, seed_path: str) -> tuple[Seminar, list[Problem]]:
    """Split a report into a Seminar. Returns the seminar and tolerated problems (warnings).

    Raises SeedError for problems that would lose or misplace text.
    """
    warnings: list[Problem] = []
    paragraphs = split_paragraphs(normalise(text))
    if not paragraphs:
        raise SeedError(Problem(seed_path, 1, "the report is empty",
                                "the text of a seminar report"))
    people = {pid: _person(pid, p) for pid, p in data["people"].items()}
    data_file = data_path(seed_path)
    _check_references(data, people, data_file)

    title, header, rest = split_header(paragraphs)
    questions_data = data.get("questions", [])
    talk_starts = _talk_starts(rest, data["talks"], people, seed_path,
                               transcript_heading_at(rest), data, data_file)
    if not rest or talk_starts[0] == 0:
        raise SeedError(Problem(seed_path, rest[0].line_no if rest else title.line_no,
                                "the report has no introduction before its first talk",
                                "a paragraph introducing the seminar"))
    intro = rest[: talk_starts[0]]

    heading_at = next((i for i, p in enumerate(rest) if i > talk_starts[-1]
                       and re.sub(r"\s", "", p.text).casefold() == TRANSCRIPT_HEADING), None)
    before_heading = rest[: heading_at] if heading_at is not None else rest
    panel_at = _panel_paragraph(before_heading, talk_starts[-1], len(questions_data))
    if questions_data and panel_at is None:
        raise SeedError(_no_panel_paragraph(before_heading, talk_starts[-1], seed_path,
                                            len(questions_data), data, data_file))
    talks_end = panel_at if panel_at is not None else len(before_heading)
    talks = []
    for i, t in enumerate(data["talks"]):
        end = talk_starts[i + 1] if i + 1 < len(talk_starts) else talks_end
        paras = tuple(_unit(p, f"talk/{t['slug']}/{n}")
                      for n, p in enumerate(rest[talk_starts[i]: end], 1))
        talks.append(Talk(t["slug"], t["speaker"], _text(t["title"]), t.get("kind", "talk"), paras,
                          _text(t["topics"]) if t.get("topics") else None, t.get("start", "")))

    panel = (rest[panel_at],) if panel_at is not None else ()
    closing = before_heading[talks_end + len(panel):]
    heading = rest[heading_at] if heading_at is not None else None
    transcript = rest[heading_at + 1:] if heading_at is not None else []
    if heading is None:
        last = (panel or talks[-1].paragraphs)[-1]
        warnings.append(Problem(seed_path, last.line_no, "no 'Panel 实录' section after this "
                                "paragraph: the seminar is built "
                                "without panel pages", "a line 'Panel 实录' before the transcript"))

    preface, turns = _turns(transcript, people, seed_path)
    question_texts = QUOTED.findall(panel[0].text) if panel else []
    # without a transcript there is nothing to put on question pages: none are made
    questions = _questions(turns, questions_data if heading else [], question_texts,
                           data["chair"], seed_path, panel[0].line_no if panel else 0)
    if heading is not None and not turns:
        warnings.append(Problem(seed_path, heading.line_no, "the 'Panel 实录' section has no turns",
                                "paragraphs such as 'Name: …', one per turn"))
    if turns and not questions:  # the turns are on question pages: without one, on none
        warnings.append(Problem(seed_path, turns[0][2][0].line_no, f"the 'Panel 实录' section "
                                f"has {len(turns)} turns, but {data_file} lists no questions: "
                                "no page shows them", "under 'questions', each question the "
                                "panel paragraph quotes in “…”, in its order"))

    header_units = tuple(_unit(p, f"header/{n}") for n, p in enumerate(header, 1))
    seminar = Seminar(
        slug=data["slug"], number=data["number"], date=data["date"], posted=data["posted"],
        title=_text(data["title"]), organiser=_text(data["organiser"]),
        source=_text(data["source"]), chair=data["chair"], seed_path=seed_path,
        report_title=_unit(title, "title"),
        header=header_units,
        posted_unit=next((p.unit for p in header_units if header_date(p.text) == data["posted"]),
                         ""),
        intro=tuple(_unit(p, f"intro/{n}") for n, p in enumerate(intro, 1)),
        talks=tuple(talks),
        panel=tuple(_unit(p, f"panel/{n}") for n, p in enumerate(panel, 1)),
        closing=tuple(_unit(p, f"closing/{n}") for n, p in enumerate(closing, 1)),
        transcript_heading=_unit(heading, "transcript-heading") if heading else None,
        preface=tuple(_unit(p, f"preface/{n}") for n, p in enumerate(preface, 1)),
        questions=questions,
        people=people,
        affiliations={pid: _text(p["affiliation"]) for pid, p in data["people"].items()},
        source_url=data["source"].get("url", ""),
        recording=(Recording(data["recording"]["url"], data["recording"]["platform"])
                   if data.get("recording") else None),
    )
    warnings.extend(_unseen_people(seminar, text, data_file, data))
    return seminar, warnings


# Helpers: text


def normalise(text: str) -> str:
    """Line ends, BOM and Unicode form: what a copy-paste may change without changing text."""
    text = text.lstrip("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs are runs of non-blank lines; indentation and trailing spaces are dropped,
    punctuation that comes in two widths takes its canonical one (typography.py)."""
    out: list[Paragraph] = []
    lines: list[str] = []
    start = 0
    for no, line in enumerate(text.split("\n"), 1):
        if BLANK_LINE.match(line):
            if lines:
                out.append(Paragraph("\n".join(lines), start))
                lines = []
            continue
        if not lines:
            start = no
        lines.append(canonical_punctuation(_strip(line)))
    if lines:
        out.append(Paragraph("\n".join(lines), start))
    return out


def _strip(line: str) -> str:
    return re.sub(rf"^{SPACE}+|{SPACE}+$", "", line)


def split_header(paragraphs: list[Paragraph]) -> tuple[Paragraph, list[Paragraph],
                                                      list[Paragraph]]:
    """The report's title, the header lines under it (views, posting date), and the
    paragraphs after them. `paragraphs` is not empty."""
    title, rest = paragraphs[0], paragraphs[1:]
    title_lines = title.text.split("\n")
    header = [Paragraph(line, title.line_no + i) for i, line in enumerate(title_lines[1:], 1)]
    title = Paragraph(title_lines[0], title.line_no)
    while rest and all(_is_header_line(ln) for ln in rest[0].text.split("\n")):
        first = rest.pop(0)
        header.extend(Paragraph(ln, first.line_no + i) for i, ln in enumerate(first.text.split("\n")))
    return title, header, rest


def _is_header_line(line: str) -> bool:
    return bool(HEADER_LINE.match(line) or DATE_LINE.match(line))


def header_date(line: str) -> str | None:
    """'2021-05-05' (or 2021年5月5日) -> ISO date, else None."""
    m = DATE_LINE.match(line)
    return iso_date(m) if m else None


def iso_date(m: re.Match) -> str:
    """A match of DATE -> 'YYYY-MM-DD' (not checked to be a real day)."""
    return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"


def _unit(p: Paragraph, unit: str) -> Paragraph:
    return Paragraph(p.text, p.line_no, unit)


def _text(value: dict) -> Text:
    return Text(value["zh"], value["en"])


def _person(pid: str, p: dict) -> Person:
    return Person(pid, _text(p["name"]), tuple(p.get("aliases", [])))


# Helpers: sections


def _check_references(data: dict, people: dict, data_file: str) -> None:
    problems = []
    known = ", ".join(people)
    if data["chair"] not in people:
        problems.append(Problem(data_file, data["_lines"]["chair"],
                                f"the chair '{data['chair']}' is not in 'people'",
                                f"one of {known}"))
    for t in data["talks"]:
        if t["speaker"] not in people:
            problems.append(Problem(data_file, t["_line"], f"talk '{t['slug']}' names speaker "
                                    f"'{t['speaker']}', who is not in 'people'", f"one of {known}"))
        if t.get("kind", "talk") not in ("talk", "opening"):
            problems.append(Problem(data_file, t["_line"], f"talk '{t['slug']}' has kind "
                                    f"'{t['kind']}'", "'talk' or 'opening'"))
    if not data["talks"]:
        problems.append(Problem(data_file, data["_lines"]["talks"], "the data file lists no talks",
                                "at least one"))
    entries = [*data["talks"], *data.get("questions", [])]
    seen: set[str] = set()
    for e in entries:
        if e["slug"] in seen:
            problems.append(Problem(data_file, e["_line"], f"slug '{e['slug']}' is used twice",
                                    "a slug of its own for every talk and question"))
        seen.add(e["slug"])
    if problems:
        raise SeedError(problems)


def mentions_early(p: Paragraph, person: Person) -> bool:
    head = p.text[: TALK_NAME_WITHIN + max(map(len, person.names))]
    return any(0 <= head.find(n) <= TALK_NAME_WITHIN for n in person.names)


def transcript_heading_at(paras: list[Paragraph]) -> int:
    """Where talks can no longer start: at the transcript heading. A speaker named after it
    opens a turn; taken for a talk, it would hide a talk missing from the report."""
    return next((i for i, p in enumerate(paras)
                 if re.sub(r"\s", "", p.text).casefold() == TRANSCRIPT_HEADING), len(paras))


def _talk_starts(paras: list[Paragraph], talks: list[dict], people: dict, seed_path: str,
                 end: int, data: dict, data_file: str):
    starts: list[int] = []
    at = 1  # the first body paragraph is the introduction, whoever it names
    for t in talks:
        cue = t.get("cue")
        found = next((i for i in range(at, end)
                      if (cue in paras[i].text if cue else
                          mentions_early(paras[i], people[t["speaker"]]))), None)
        if found is None:
            raise SeedError(_talk_not_found(t, paras, starts, end, people, seed_path, data,
                                            data_file))
        starts.append(found)
        at = found + 1
    return starts


def _talk_not_found(t: dict, paras: list[Paragraph], starts: list[int], end: int,
                    people: dict, seed_path: str, data: dict, data_file: str) -> Problem:
    """The data-file line to fix: the talk's cue, or the speaker's name."""
    first = paras[starts[-1] + 1].line_no if starts and starts[-1] + 1 < len(paras) else 1
    last = paras[end - 1].line_no if 0 < end <= len(paras) else first
    where = f"{seed_path} lines {first}-{last}" if last > first else seed_path
    cue = t.get("cue")
    if cue:
        return Problem(data_file, t["_lines"].get("cue", t["_line"]),
                       f"talk '{t['slug']}': no paragraph of {where} contains its cue "
                       f"'{cue}'", "a phrase copied from the talk's paragraph")
    pid = t["speaker"]
    person = data["people"][pid]
    names = " or ".join(f"'{n}'" for n in people[pid].names)
    what = (f"no paragraph of {where} names its speaker {names} within its first "
            f"{TALK_NAME_WITHIN} characters")
    if any(n in p.text for p in paras for n in people[pid].names):
        # the name is right (the report uses it elsewhere): the talk's paragraph is missing
        return Problem(data_file, t["_line"], f"talk '{t['slug']}': {what}",
                       "a paragraph for this talk in the report, or remove the talk here, "
                       "or give it a 'cue:'")
    return Problem(data_file, person["_lines"].get("name", person["_line"]),
                   f"talk '{t['slug']}' (line {t['_line']}): {what}, and the report never "
                   "uses these names", f"check the spelling of people.{pid}.name, or add the "
                   "name the report uses to its 'aliases'")


def _no_panel_paragraph(paras: list[Paragraph], last_talk: int, seed_path: str, count: int,
                        data: dict, data_file: str) -> Problem:
    listed = f"{data_file}:{data['_lines']['questions']} lists {count}"
    quoting = [(len(QUOTED.findall(p.text)), p) for p in paras[last_talk + 1:]]
    most, panel = max(quoting, key=lambda x: x[0], default=(0, None))
    if panel is not None and most >= 2:
        return Problem(seed_path, panel.line_no, f"this panel paragraph quotes {most} questions, "
                       f"the data file {listed}", "one data-file entry per quoted question")
    return Problem(seed_path, paras[last_talk].line_no if paras else 1,
                   f"no paragraph after the talks lists the panel questions ({listed})",
                   "a paragraph quoting each question in “…”")


def _panel_paragraph(paras: list[Paragraph], last_talk: int, count: int) -> int | None:
    if count == 0:
        return None
    quoting = [i for i in range(last_talk + 1, len(paras))
               if len(QUOTED.findall(paras[i].text)) == count]
    return next((i for i in quoting if any(w in paras[i].text.casefold() for w in PANEL_WORDS)),
                quoting[0] if quoting else None)


def _names(people: dict) -> list[tuple[str, str]]:
    """(name, person id) for every name of every person, longest first."""
    return sorted(((n, pid) for pid, p in people.items() for n in p.names),
                  key=lambda x: len(x[0]), reverse=True)


def _speaker_of(text: str, names: list[tuple[str, str]]) -> tuple[str, str] | None:
    """(person id, prefix as written) when the paragraph opens with a known name."""
    for name, pid in names:
        if not text.startswith(name):
            continue
        rest = text[len(name):]
        sep = TURN_SEPARATOR.match(rest)
        if sep:
            return pid, text[: len(name) + sep.end()]
        # no separator at all ("张三嗯。…"): only when the name cannot run on into a word
        if rest and not (name[-1].isascii() and rest[0].isascii() and rest[0].isalnum()):
            return pid, name
    return None


def _turns(paras: list[Paragraph], people: dict, seed_path: str):
    preface: list[Paragraph] = []
    turns: list[list] = []  # [pid, prefix, [paragraphs]]
    problems = []
    names = _names(people)
    by_first: dict[str, list] = {}  # only names that can start the paragraph are tried
    for name, pid in names:
        by_first.setdefault(name[0], []).append((name, pid))
    for p in paras:
        found = _speaker_of(p.text, by_first.get(p.text[:1], []))
        if found:
            pid, prefix = found
            body = p.text[len(prefix):]
            turns.append([pid, prefix, [Paragraph(body, p.line_no)]])
            continue
        unknown = UNKNOWN_PREFIX.match(p.text)
        if unknown:
            problems.append(Problem(seed_path, p.line_no, f"unknown speaker '{unknown[1]}'",
                                    "a name or alias listed under 'people' in the data file"))
        elif turns:
            turns[-1][2].append(p)  # a turn that runs over several paragraphs
        else:
            preface.append(p)
    if problems:
        raise SeedError(problems)
    return preface, turns


@functools.lru_cache(maxsize=4096)  # each turn is compared with every question
def _bigrams(s: str) -> frozenset[str]:
    s = re.sub(r"[\W_]+", "", s.casefold())
    return frozenset(s[i: i + 2] for i in range(len(s) - 1))


def _questions(turns: list, questions: list[dict], texts: list[str], chair: str,
               seed_path: str, panel_line: int) -> tuple[Question, ...]:
    if not questions:
        return ()
    if len(texts) != len(questions):
        raise SeedError(Problem(seed_path, panel_line, f"the panel paragraph quotes {len(texts)} "
                                f"questions, the data file lists {len(questions)}",
                                "one data-file entry per quoted question"))
    chair_turns = [i for i, t in enumerate(turns) if t[0] == chair]
    asked = _match_questions(turns, chair_turns, questions, texts)
    if asked is None:
        line = turns[chair_turns[0]][2][0].line_no if chair_turns else 0
        raise SeedError(Problem(seed_path, line, "the panel questions could not be matched to "
                                "the chair's turns in order",
                                "one chair's turn asking each listed question; or add 'cue:' "
                                "to the question in the data file"))
    asked[0] = 0  # turns before the first question open its page: nothing is dropped
    out = []
    for n, q in enumerate(questions):
        end = asked[n + 1] if n + 1 < len(asked) else len(turns)
        group = []
        for k, (pid, prefix, paras) in enumerate(turns[asked[n]: end], 1):
            anchor = f"t{k:02d}"
            units = tuple(_unit(p, f"{q['slug']}/{anchor}" + (f".{j}" if j > 1 else ""))
                          for j, p in enumerate(paras, 1))
            closing = (n == len(questions) - 1 and asked[n] + k == len(turns)
                       and pid == chair and k > 1)
            group.append(Turn(anchor, pid, prefix, units, closing))
        out.append(Question(q["slug"], n + 1, _text(q["short"]), texts[n], tuple(group),
                            _text(q["topics"]) if q.get("topics") else None, q.get("start", "")))
    return tuple(out)


def _match_questions(turns, chair_turns, questions, texts) -> list[int] | None:
    """Pick, in order, the chair's turn asking each question: best total overlap (DP)."""
    def score(qi: int, ti: int) -> float:
        body = " ".join(p.text for p in turns[ti][2])
        cue = questions[qi].get("cue")
        if cue:
            return 1.0 if cue in body else 0.0
        want = _bigrams(texts[qi])
        return len(want & _bigrams(body)) / max(1, len(want))

    n, m = len(questions), len(chair_turns)
    NEG = float("-inf")
    best = [[NEG] * (m + 1) for _ in range(n + 1)]  # best[i][j]: i questions in first j turns
    for j in range(m + 1):
        best[0][j] = 0.0
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            best[i][j] = best[i][j - 1]
            s = score(i - 1, chair_turns[j - 1])
            if s >= MIN_QUESTION_MATCH and best[i - 1][j - 1] > NEG:
                best[i][j] = max(best[i][j], best[i - 1][j - 1] + s)
    if best[n][m] == NEG:
        return None
    picks, i, j = [], n, m
    while i > 0:
        if best[i][j] == best[i][j - 1]:
            j -= 1
            continue
        picks.append(chair_turns[j - 1])
        i, j = i - 1, j - 1
    return picks[::-1]


def _present(names: set[str], text: str) -> set[str]:
    """The names that occur in text. Looking each one up costs the text's length per name;
    where many names share a length, one set of the text's substrings of that length is
    cheaper (a data file with thousands of people must not take minutes)."""
    by_length: dict[int, set[str]] = {}
    for n in names:
        by_length.setdefault(len(n), set()).add(n)
    found: set[str] = set()
    for length, group in by_length.items():
        if len(group) < length * 4:
            found.update(n for n in group if n in text)
        else:
            found.update(group & {text[i: i + length] for i in range(len(text) - length + 1)})
    return found


def _unseen_people(seminar: Seminar, text: str, data_file: str, data: dict) -> list[Problem]:
    out = []
    present = _present({n for person in seminar.people.values() for n in person.names}, text)
    for pid, person in seminar.people.items():
        if not any(n in present for n in person.names):
            out.append(Problem(data_file, data["people"][pid]["_line"],
                               f"person '{pid}' never appears in the report",
                               "remove them, or add the name the report uses to 'aliases'"))
    return out
