"""The seminar archive's records: frozen dataclasses, no behaviour beyond lookups.

One concept, one name: a *seed* is a raw report; it describes a *seminar*, which has
*talks* and panel *questions*; a question holds the *turns* of the panel transcript;
every talk and turn has a *speaker*, a *person* of the data file.
"""

from __future__ import annotations

import functools
import re
import urllib.parse
from dataclasses import dataclass, field

# The language the reports are written in; every other language is a translation of it.
SOURCE_LANGUAGE = "zh"


class Bilingual:
    """What a data-file text and a glossary term share: a `zh` and an `en` spelling."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == SOURCE_LANGUAGE else self.en


@dataclass(frozen=True)
class Text(Bilingual):
    """A text in both languages, from a data file (never from the report)."""

    zh: str
    en: str


REPORT_SUFFIX = ".txt"
DATA_SUFFIX = ".yml"
TRANSLATION_SUFFIX = ".en.txt"


def data_path(seed_path: str) -> str:
    """The data file beside a report: seeds/x.txt -> seeds/x.yml."""
    return seed_path.removesuffix(REPORT_SUFFIX) + DATA_SUFFIX


def translation_path(seed_path: str) -> str:
    """The English translation beside a report: seeds/x.txt -> seeds/x.en.txt."""
    return seed_path.removesuffix(REPORT_SUFFIX) + TRANSLATION_SUFFIX


def keywords(topics: Text | None, lang: str) -> list[str]:
    """The comma-separated topics of a talk or question, as a list."""
    if topics is None:
        return []
    return [w.strip() for w in re.split(r"[,，、]", topics.get(lang)) if w.strip()]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the report, exactly as written (indentation aside)."""

    text: str
    line_no: int  # 1-based line of the seed where the paragraph starts
    unit: str = ""  # translation unit id, e.g. "talk/optical-flow/1"


@dataclass(frozen=True)
class Person:
    id: str
    name: Text
    aliases: tuple[str, ...] = ()

    @functools.cached_property  # writes the instance __dict__, which frozen allows
    def names(self) -> tuple[str, ...]:
        """Every name the person goes by, longest first (so prefixes match greedily)."""
        seen = dict.fromkeys([self.name.zh, self.name.en, *self.aliases])
        return tuple(sorted((n for n in seen if n), key=len, reverse=True))


@dataclass(frozen=True)
class Talk:
    slug: str
    speaker: str  # Person.id
    title: Text
    kind: str  # "talk" or "opening"
    paragraphs: tuple[Paragraph, ...]
    topics: Text | None = None  # comma-separated search keywords
    start: str = ""  # H:MM:SS in the seminar's recording, "" when not given


@dataclass(frozen=True)
class Turn:
    anchor: str  # stable permalink id, identical in both languages ("t03")
    speaker: str  # Person.id
    prefix: str  # the speaker label as written in the report ("张三:", "Jane Doe: ")
    paragraphs: tuple[Paragraph, ...]
    closing: bool = False  # the chair's last words, closing the transcript

    @property
    def line_no(self) -> int:
        return self.paragraphs[0].line_no


@dataclass(frozen=True)
class Question:
    slug: str
    number: int  # 1-based
    short: Text  # short title from the data file
    text: str  # the full question as the report's panel paragraph lists it
    turns: tuple[Turn, ...]
    topics: Text | None = None  # comma-separated search keywords
    start: str = ""  # H:MM:SS in the seminar's recording, "" when not given


@dataclass(frozen=True)
class Recording:
    """The seminar's video on a platform (datafile.PLATFORMS); linked, never embedded."""

    url: str
    platform: str  # a key of datafile.PLATFORMS, e.g. "bilibili"

    def at(self, seconds: int) -> str:
        """The address that opens the video at a time: `t=<seconds>` in its query."""
        parts = urllib.parse.urlsplit(self.url)
        query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
                 if k != "t"]
        query.append(("t", str(seconds)))
        return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


@dataclass(frozen=True)
class Paper:
    """A paper the reports name (seeds/papers.yml); a page mentions it where its text uses
    one of the paper's `names` or a spelling of one of its glossary `terms`."""

    id: str
    title: str
    authors: tuple[str, ...]
    venue: str
    year: int
    kind: str = "inproceedings"  # or "article" (a journal)
    arxiv: str = ""
    doi: str = ""
    terms: tuple[str, ...] = ()  # Term.id
    names: tuple[str, ...] = ()
    line: int = 0  # where papers.yml gives its id

    @property
    def url(self) -> str:
        """The paper's page: its arXiv abstract when it has one, else its DOI."""
        return self.arxiv_url or self.doi_url

    @property
    def arxiv_url(self) -> str:
        return f"https://arxiv.org/abs/{self.arxiv}" if self.arxiv else ""

    @property
    def doi_url(self) -> str:
        return "https://doi.org/" + urllib.parse.quote(self.doi, safe="/:;()._-") if self.doi else ""


@dataclass(frozen=True)
class Term(Bilingual):
    """A glossary entry; one with an `abbr` is explained wherever it occurs."""

    id: str
    zh: str
    en: str
    abbr: str = ""
    variants: tuple[str, ...] = ()  # other spellings found in the texts ("CNNs", "HDERNET")
    explain: Text | None = None


@dataclass(frozen=True)
class Seminar:
    slug: str
    number: int
    date: str  # ISO date of the event
    posted: str  # ISO date the report was posted
    title: Text
    organiser: Text
    source: Text
    chair: str  # Person.id
    seed_path: str  # e.g. "seeds/2021-01-09-topic.txt"
    report_title: Paragraph
    header: tuple[Paragraph, ...]  # lines under the report title (views, posting date)
    posted_unit: str  # the header line giving the posting date ("" when none does)
    intro: tuple[Paragraph, ...]
    talks: tuple[Talk, ...]
    panel: tuple[Paragraph, ...]  # the paragraph that lists the panel questions
    closing: tuple[Paragraph, ...]  # lines after it, before the transcript
    transcript_heading: Paragraph | None
    preface: tuple[Paragraph, ...]
    questions: tuple[Question, ...]
    people: dict[str, Person] = field(default_factory=dict)
    affiliations: dict[str, Text] = field(default_factory=dict)  # Person.id -> affiliation
    source_url: str = ""  # where the report is published
    recording: Recording | None = None

    @property
    def data_path(self) -> str:
        return data_path(self.seed_path)

    def roles_of(self, person_id: str) -> tuple[str, ...]:
        roles = []
        if person_id == self.chair:
            roles.append("chair")
        for talk in self.talks:
            if talk.speaker == person_id:
                roles.append("opening" if talk.kind == "opening" else "speaker")
        if person_id != self.chair and any(
            t.speaker == person_id for q in self.questions for t in q.turns
        ):
            roles.append("panelist")
        return tuple(dict.fromkeys(roles))

    def paragraphs(self) -> list[Paragraph]:
        """Every paragraph of the report, in the order of the report."""
        out = [self.report_title, *self.header, *self.intro]
        for talk in self.talks:
            out.extend(talk.paragraphs)
        out.extend(self.panel)
        out.extend(self.closing)
        if self.transcript_heading:
            out.append(self.transcript_heading)
        out.extend(self.preface)
        for q in self.questions:
            for t in q.turns:
                out.extend(t.paragraphs)
        return out


@dataclass(frozen=True)
class Site:
    """Everything the pages are made from: the seeds folder, loaded."""

    seminars: tuple[Seminar, ...]  # newest first
    people: dict[str, Person]  # one entry per person across seminars
    translations: dict[str, dict]  # seminar slug -> unit id -> translation.Unit
    translation_paths: dict[str, str]  # seminar slug -> translation file path
    glossary: tuple[Term, ...] = ()  # in the order of the terminology file
    # seminar slug -> its panel questions as the English translation quotes them
    english_questions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    papers: tuple[Paper, ...] = ()  # in the order of the papers file
