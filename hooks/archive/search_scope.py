"""The archive's own words for jieba: the search index and its queries split Chinese with
them (pagefind_index.py, overrides/assets/search-worker.js)."""

from __future__ import annotations

import re

from .model import SOURCE_LANGUAGE, keywords
from .typography import HAN


def user_words(site) -> list[str]:
    """Chinese words jieba must keep whole: glossary terms, people's names, data-file topics.

    The query is segmented against the words of the index, so a term that is one token in
    the index is one token in the query too ("自监督", "底层视觉", "吕健勤").
    """
    words: list[str] = []
    for term in site.glossary:
        words.extend(w for w in re.split(r"\s*/\s*", term.zh) if HAN.search(w))
    for person in site.people.values():
        words.extend(n for n in person.names if HAN.search(n))
    for s in site.seminars:
        for item in (*s.talks, *s.questions):
            words.extend(w for w in keywords(item.topics, SOURCE_LANGUAGE) if HAN.search(w))
    return sorted(set(words), key=lambda w: (-len(w), w))
