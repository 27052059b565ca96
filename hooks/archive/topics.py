"""Topics across seminars: the glossary's terms and the data files' `topics`, and every talk
and panel answer that touches each of them, with the sentence where it does.

A topic is found in the text of the page's language: the report for Chinese, its translation
for English. A talk or question whose data file lists a topic touches it even where no
sentence names it. No MkDocs and no translation files here: the caller says what a paragraph
reads like in its language (`shown`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Callable, Optional

from .model import Paragraph, Question, Seminar, Site, Talk, Text, Turn, keywords

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


@dataclass(frozen=True)
class Topic:
    slug: str
    label: Text
    term_id: str = ""  # the glossary entry it comes from, if any
    data_path: str = ""  # else the data file that first lists it
    spellings: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang -> spellings


@dataclass(frozen=True)
class Occurrence:
    """A talk, or one panel answer, touching a topic; `sentence` is "" when only the data
    file's topics list says it does."""

    seminar: Seminar
    talk: Optional[Talk]
    question: Optional[Question]
    turn: Optional[Turn]
    sentence: str
    match: tuple[int, int] = (0, 0)  # where the topic stands in the sentence


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
    """One site's topics, and the topic each spelling names (case aside). Made once per
    rendering of a language (`Index.of`) and handed to what looks topics up."""

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
        return cls(tuple(topics), slug_of)

    def tagged_slugs(self, item) -> list[str]:
        """The topics a talk's or question's data file lists, as topic slugs, in its order."""
        out = [self.slug_of.get(en.casefold()) or self.slug_of.get(zh.casefold())
               for zh, en in zip(keywords(item.topics, "zh"), keywords(item.topics, "en"))]
        return list(dict.fromkeys(slug for slug in out if slug))


def occurrences(site: Site, index: Index, lang: str,
                shown: Callable[[Seminar, Paragraph], Optional[str]]
                ) -> dict[str, list[Occurrence]]:
    """Topic slug -> what touches it, seminars newest first, in report order. `shown` gives
    a paragraph's text in `lang`, or None where it has none (not translated)."""
    topics = index.topics
    patterns = {t.slug: _pattern(t.spellings[lang]) for t in topics}
    found: dict[str, list[Occurrence]] = {t.slug: [] for t in topics}
    for s in site.seminars:
        for talk in s.talks:
            tags = set(index.tagged_slugs(talk))
            for slug, pattern in patterns.items():
                hit = _first_sentence(pattern, [shown(s, p) for p in talk.paragraphs])
                if hit or slug in tags:
                    sentence, span = hit or ("", (0, 0))
                    found[slug].append(Occurrence(s, talk, None, None, sentence, span))
        for q in s.questions:
            tags = set(index.tagged_slugs(q))
            for slug, pattern in patterns.items():
                hits = []
                for turn in q.turns:
                    hit = _first_sentence(pattern, [shown(s, p) for p in turn.paragraphs])
                    if hit:
                        hits.append(Occurrence(s, None, q, turn, hit[0], hit[1]))
                if not hits and slug in tags:
                    hits.append(Occurrence(s, None, q, None, ""))
                found[slug].extend(hits)
    return found


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


def _first_sentence(pattern, texts) -> Optional[tuple[str, tuple[int, int]]]:
    if pattern is None:
        return None
    for text in texts:
        if not text:
            continue
        for sentence in sentences(text):
            for m in pattern.finditer(sentence):
                start = m.start()
                if start and ASCII_WORD.match(sentence[start - 1]) and ASCII_WORD.match(m[0][0]):
                    continue  # "GAN" inside "StyleGAN"
                return sentence, (start, m.end())
    return None


def _pattern(spellings: tuple[str, ...]):
    words = sorted((s for s in spellings if s), key=len, reverse=True)
    if not words:
        return None
    # ASCII spellings are words (bounded after by a non-letter) and found in any case
    parts = [re.escape(w) + (r"(?![A-Za-z0-9])" if ASCII_WORD.search(w[-1]) else "")
             for w in words]
    return re.compile("|".join(parts), re.IGNORECASE)


def _tagged(site: Site):
    for s in site.seminars:
        yield from ((s, t) for t in s.talks if t.topics)
        yield from ((s, q) for q in s.questions if q.topics)


def _unique(items) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))
