"""The papers the reports name (seeds/papers.yml) and where each is named.

A page mentions a paper where the report's own text (the Chinese, the canonical text) uses
one of the paper's `names` or a spelling of one of its glossary `terms` (the term, its
abbreviation, its variants), matched as topics are matched (`topics.py`: ASCII spellings
are whole words, in any case). Finding them in one text gives both languages the same list.
Where: a talk's paragraphs, a panel question's full text, each turn of its transcript.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .errors import Problem
from .model import Paper, Question, Seminar, Site, Talk, Term, Turn
from .topics import _naming, _pattern as _spelling_pattern

PAPERS = "papers.yml"


@dataclass(frozen=True)
class Mention:
    """A talk, a panel question's text (turn None) or a turn that names a paper."""

    seminar: Seminar
    talk: Optional[Talk] = None
    question: Optional[Question] = None
    turn: Optional[Turn] = None


def spellings(paper: Paper, glossary: tuple[Term, ...]) -> tuple[str, ...]:
    """Every spelling that names the paper: its names, then its terms' spellings."""
    terms = {t.id: t for t in glossary}
    out = list(paper.names)
    for term_id in paper.terms:
        term = terms.get(term_id)
        if term is not None:
            out.extend([term.zh, term.en, term.abbr, *term.variants])
    return tuple(dict.fromkeys(s for s in out if s))


def mentions(site: Site) -> dict[str, list[Mention]]:
    """Paper id -> where it is named, seminars newest first, in the order of the report."""
    return _index(site)[0]


def on_page(site: Site, item) -> list[Paper]:
    """The papers a talk's or a question's page names, in the order it first names them."""
    return _index(site)[1].get(id(item), [])


def unmentioned(site: Site, rel: str = f"seeds/{PAPERS}") -> list[Problem]:
    """A paper no page names: a warning (so --strict refuses it), with the paper's line."""
    found = mentions(site)
    return [Problem(rel, p.line, f"paper '{p.id}' is named on no talk or panel page",
                    "one of its 'names' or a spelling of its glossary 'terms' in a report; "
                    "or leave the paper out")
            for p in site.papers if not found[p.id]]


# One site's mentions, kept while it is the site being rendered (both languages ask)
_last: dict = {"site": None, "index": None}


def _index(site: Site) -> tuple[dict[str, list[Mention]], dict[int, list[Paper]]]:
    if _last["site"] is not site:
        _last.update(site=site, index=_find(site))
    return _last["index"]


def _find(site: Site) -> tuple[dict[str, list[Mention]], dict[int, list[Paper]]]:
    patterns = [(p, _spelling_pattern(spellings(p, site.glossary))) for p in site.papers]
    found: dict[str, list[Mention]] = {p.id: [] for p in site.papers}
    pages: dict[int, list[Paper]] = {}

    def names(texts) -> list[Paper]:
        return [p for p, pattern in patterns
                if any(next(_naming(pattern, text), None) for text in texts)]

    for s in site.seminars:
        for talk in s.talks:
            named = names([p.text for p in talk.paragraphs])
            for paper in named:
                found[paper.id].append(Mention(s, talk=talk))
            pages[id(talk)] = named
        for q in s.questions:
            on_page_q: dict[str, Paper] = {}
            for turn, texts in [(None, [q.text])] + [(t, [p.text for p in t.paragraphs])
                                                     for t in q.turns]:
                for paper in names(texts):
                    found[paper.id].append(Mention(s, question=q, turn=turn))
                    on_page_q.setdefault(paper.id, paper)
            pages[id(q)] = list(on_page_q.values())
    return found, pages
