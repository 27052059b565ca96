"""Topics across seminars: the glossary's terms and the data files' `topics`, and every talk
and panel answer that touches each of them, with the sentence where it does.

A topic is found once, in the report's Chinese text, so both languages list the same
passages. A talk or question whose data file lists a topic touches it even where no sentence
names it. Each passage is quoted in the page's language (`quote`): the Chinese sentence, or
the English of the translation unit it stands in. The translation is aligned unit by unit,
not sentence by sentence, so the English sentence is chosen by what it says and where it
stands: the unit's sentence naming the topic's English (of several, the one standing
nearest, as a share of the unit's length, to where the Chinese names it), else, where the
translation words the topic otherwise, the sentence standing there, nothing marked. A
sentence longer than QUOTE_WIDTH (a transcript's run-on sentence, commas and no full stop)
is cut to its clauses around the topic. No MkDocs and no translation files here: the caller gives a
unit's English.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from typing import Optional

from .model import SOURCE_LANGUAGE, Paragraph, Question, Seminar, Site, Talk, Text, Turn, keywords

# A topic's URL name: lowercase ASCII letters, digits and single hyphens.
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Where a sentence ends: Chinese marks, or ASCII ones followed by a space or the end.
# A full stop after these ends no sentence ("following on from what Prof. Zuo said"), nor
# after a single capital (an initial).
NOT_SENTENCE_ENDS = ("Prof", "Dr", "Mr", "Mrs", "Ms", "vs", "al", "e.g", "i.e", "Fig", "No", "cf")
SENTENCE_END = re.compile(
    r"(?<=[。！？；])|(?<=[.!?;])(?=\s)"  # the cheap test first: it fails at most places
    + "".join(rf"(?<!\b{re.escape(a)}\.)" for a in NOT_SENTENCE_ENDS)
    + r"(?<!\b[A-Z]\.)|\n")
ASCII_WORD = re.compile(r"[A-Za-z0-9]")
# How long a quoted sentence may be, in columns (a Chinese character takes two); a longer
# one is cut at its clauses (after these marks) around the topic, with an ellipsis.
QUOTE_WIDTH = 160
CLAUSE_END = re.compile(r"(?<=[，、；：,;:])")
# East Asian wide characters: Hangul Jamo, CJK and Hangul syllables, full-width forms
WIDE = re.compile("[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f"
                  "\uff00-\uff60\uffe0-\uffe6]")
ELLIPSIS = "…"


@dataclass(frozen=True)
class Topic:
    slug: str
    label: Text
    term_id: str = ""  # the glossary entry it comes from, if any
    data_path: str = ""  # else the data file that first lists it
    spellings: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang -> spellings


@dataclass(frozen=True)
class Occurrence:
    """A talk, or one panel answer, touching a topic; `sentence` (Chinese) is "" and
    `paragraph` None when only the data file's topics list says it does."""

    seminar: Seminar
    talk: Optional[Talk]
    question: Optional[Question]
    turn: Optional[Turn]
    sentence: str
    match: tuple[int, int] = (0, 0)  # where the topic stands in the sentence
    paragraph: Optional[Paragraph] = None  # the report's paragraph (translation unit) quoted
    at: float = 0.0  # where the match stands in the paragraph: 0 at its start, 1 at its end


@dataclass(frozen=True)
class Quote:
    """A passage as a page of one language shows it."""

    text: str
    match: tuple[int, int]  # where the topic stands in it; (0, 0) when it is not marked
    lang: str  # the page's, or the report's where the unit is not translated


def slugify(text: str) -> str:
    """A safe URL name from an English label or a glossary id; a digest when nothing ASCII
    is left (a label written only in Chinese)."""
    slug = "-".join(re.findall(r"[a-z0-9]+", text.lower()))
    return slug or "topic-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def collect(site: Site) -> list[Topic]:
    """Every topic: glossary terms first (their id is their slug), then the data files'
    topics that are no glossary term, merged by slug."""
    topics: dict[str, Topic] = {}
    by_spelling: dict[str, str] = {}
    for term in site.glossary:
        slug = slugify(term.id)
        spellings = {
            "zh": _unique([term.zh, term.abbr, *term.variants]),
            "en": _unique([term.en, term.abbr, *term.variants]),
        }
        topics.setdefault(slug, Topic(slug, Text(term.zh, term.en), term.id, "", spellings))
        for s in (term.zh, term.en, term.abbr, *term.variants):
            if s:
                by_spelling.setdefault(s.casefold(), slug)
    for s, item in _tagged(site):
        for zh, en in zip(keywords(item.topics, "zh"), keywords(item.topics, "en")):
            slug = by_spelling.get(en.casefold()) or by_spelling.get(zh.casefold()) or slugify(en)
            if slug not in topics:
                topics[slug] = Topic(slug, Text(zh, en), "", s.data_path,
                                     {"zh": _unique([zh, en]), "en": _unique([en])})
                by_spelling.setdefault(en.casefold(), slug)
                by_spelling.setdefault(zh.casefold(), slug)
    return list(topics.values())


@dataclass(frozen=True)
class Index:
    """One site's topics, the topic each spelling names (case aside) and, once asked, the
    passages touching each. Made once per site (`Index.of`) and handed to what looks topics
    up: both languages' renderings use the same one."""

    site: Site
    topics: tuple[Topic, ...]
    slug_of: dict[str, str]  # casefolded label or spelling -> topic slug

    @classmethod
    def of(cls, site: Site) -> Index:
        topics = collect(site)
        slug_of: dict[str, str] = {}
        for topic in topics:
            for s in (topic.label.zh, topic.label.en, *topic.spellings["zh"],
                      *topic.spellings["en"]):
                slug_of.setdefault(s.casefold(), topic.slug)
        return cls(site, tuple(topics), slug_of)

    def tagged_slugs(self, item) -> list[str]:
        """The topics a talk's or question's data file lists, as topic slugs, in its order."""
        out = [self.slug_of.get(en.casefold()) or self.slug_of.get(zh.casefold())
               for zh, en in zip(keywords(item.topics, "zh"), keywords(item.topics, "en"))]
        return list(dict.fromkeys(slug for slug in out if slug))

    @functools.cached_property  # writes the instance __dict__, which frozen allows
    def found(self) -> dict[str, list[Occurrence]]:
        """Topic slug -> what touches it, seminars newest first, in report order, found in
        the report's Chinese: the same passages for every language (found once per index)."""
        return _occurrences(self.site, self)


def occurrences(site: Site, index: Optional[Index] = None) -> dict[str, list[Occurrence]]:
    """The passages touching each topic (`Index.found`), of `index` when it is given."""
    return (index or Index.of(site)).found


def _occurrences(site: Site, index: Index) -> dict[str, list[Occurrence]]:
    topics = index.topics
    patterns = {t.slug: _pattern(t.spellings[SOURCE_LANGUAGE]) for t in topics}
    found: dict[str, list[Occurrence]] = {t.slug: [] for t in topics}
    for s in site.seminars:
        for talk in s.talks:
            tags = set(index.tagged_slugs(talk))
            for slug, pattern in patterns.items():
                hit = _first_sentence(pattern, talk.paragraphs)
                if hit:
                    found[slug].append(Occurrence(s, talk, None, None, *hit))
                elif slug in tags:
                    found[slug].append(Occurrence(s, talk, None, None, ""))
        for q in s.questions:
            tags = set(index.tagged_slugs(q))
            for slug, pattern in patterns.items():
                hits = []
                for turn in q.turns:
                    hit = _first_sentence(pattern, turn.paragraphs)
                    if hit:
                        hits.append(Occurrence(s, None, q, turn, *hit))
                if not hits and slug in tags:
                    hits.append(Occurrence(s, None, q, None, ""))
                found[slug].extend(hits)
    return found


def quote(topic: Topic, o: Occurrence, lang: str, translated: Optional[str]) -> Optional[Quote]:
    """How a page in `lang` quotes a passage; `translated` is its unit's text in `lang`, None
    where the unit is not translated (the Chinese is shown, as the original). None for a
    passage no sentence names (listed by the data file only)."""
    if not o.sentence:
        return None
    if lang == SOURCE_LANGUAGE or translated is None:
        return Quote(o.sentence, o.match, SOURCE_LANGUAGE)
    # of the unit's sentences naming the topic, the one standing where the Chinese one does
    naming = list(_naming(_pattern(topic.spellings.get(lang, ())), translated))
    if naming:
        sentence, match, _ = min(naming, key=lambda x: abs(x[2] - o.at))
        return Quote(sentence, match, lang)
    # none names it (the translation words it otherwise): the sentence standing where the
    # Chinese one does, nothing marked
    placed = list(_placed(translated)) or [(translated, 0.0)]
    sentence = max((x for x in placed if x[1] <= o.at), key=lambda x: x[1], default=placed[0])[0]
    return Quote(clip(sentence, (0, 0))[0], (0, 0), lang)


def sentences(text: str) -> list[str]:
    return [x.strip() for x in SENTENCE_END.split(text) if x and x.strip()]


def first_sentence(text: str, at_least: int = 0) -> str:
    """The text's first sentence, and the next ones while it is shorter than `at_least`
    characters (an answer that opens with "Mm." or "嗯。" says little by it)."""
    out = ""
    for sentence in sentences(text):
        if out and len(out) >= at_least:
            break
        out += ("" if not out or out[-1] in "。！？；" else " ") + sentence
    return out


def _first_sentence(pattern, paragraphs
                    ) -> Optional[tuple[str, tuple[int, int], Paragraph, float]]:
    """The first sentence naming the pattern, cut to QUOTE_WIDTH: (sentence, match,
    paragraph, where the match stands in it)."""
    for paragraph in paragraphs:
        for sentence, match, at in _naming(pattern, paragraph.text):
            return sentence, match, paragraph, at
    return None


def _placed(text: str):
    """The sentences of a text, each with where it stands: its offset over the text's length."""
    at = 0
    for sentence in sentences(text):
        at = text.find(sentence, at)
        yield sentence, at / max(len(text), 1)
        at += len(sentence)


def _naming(pattern, text: str):
    """Each sentence of a text naming the pattern, cut to QUOTE_WIDTH, with the match and
    where the match stands in the text (0 at the start, 1 at the end)."""
    if pattern is None or not pattern.search(text):
        return  # most texts name no given topic: not split into sentences for nothing
    for sentence, at in _placed(text):
        for m in pattern.finditer(sentence):
            start = m.start()
            if start and ASCII_WORD.match(sentence[start - 1]) and ASCII_WORD.match(m[0][0]):
                continue  # "GAN" inside "StyleGAN"
            yield (*clip(sentence, (start, m.end())), at + start / max(len(text), 1))
            break


def width(text: str) -> int:
    return len(text) + len(WIDE.findall(text))


def clip(sentence: str, match: tuple[int, int], limit: int = QUOTE_WIDTH
         ) -> tuple[str, tuple[int, int]]:
    """A sentence cut to its clauses around `match`, within `limit` columns, an ellipsis
    where it was cut; the clause holding the match is kept whole, however long."""
    if width(sentence) <= limit:
        return sentence, match
    clauses = [c for c in CLAUSE_END.split(sentence) if c]
    starts = [0]
    for c in clauses:
        starts.append(starts[-1] + len(c))
    first = last = max(i for i in range(len(clauses)) if starts[i] <= match[0])
    while last + 1 < len(clauses) and starts[last + 1] < match[1]:
        last += 1  # the match runs on into the next clause
    used = width(sentence[starts[first]:starts[last + 1]])
    grew = True
    while grew:  # one clause after, then one before, while they fit
        grew = False
        if last + 1 < len(clauses) and used + width(clauses[last + 1]) <= limit:
            last += 1
            used += width(clauses[last])
            grew = True
        if first > 0 and used + width(clauses[first - 1]) <= limit:
            first -= 1
            used += width(clauses[first])
            grew = True
    piece = sentence[starts[first]:starts[last + 1]]
    offset = starts[first] + len(piece) - len(piece.lstrip()) - (len(ELLIPSIS) if first else 0)
    text = piece.strip()
    if last + 1 < len(clauses):  # "…要求…", not "…要求，…"
        text = text.rstrip("，、；：,;: ") + ELLIPSIS
    return (ELLIPSIS if first else "") + text, (match[0] - offset, match[1] - offset)


def _pattern(spellings: tuple[str, ...]):
    words = sorted((s for s in spellings if s), key=len, reverse=True)
    if not words:
        return None
    # ASCII spellings are words (bounded after by a non-letter, a plural ending allowed:
    # "depth maps", "GANs") and found in any case
    parts = [re.escape(w) + (r"(?:e?s)?(?![A-Za-z0-9])" if ASCII_WORD.search(w[-1]) else "")
             for w in words]
    return re.compile("|".join(parts), re.IGNORECASE)


def _tagged(site: Site):
    for s in site.seminars:
        yield from ((s, t) for t in s.talks if t.topics)
        yield from ((s, q) for q in s.questions if q.topics)


def _unique(items) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))
