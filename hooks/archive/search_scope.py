"""Search per language: one index per language, and the archive's own words for jieba.

mkdocs-static-i18n merges every language into one `search/search_index.json`, so a Chinese
reader got English results and the reverse. After the last language is built, the merged
index is split: each language's pages go to that language's folder, which its pages fetch
(see material_patch.py). Locations stay relative to the site root, as Material resolves them.
"""

from __future__ import annotations

import re

from .model import SOURCE_LANGUAGE, keywords
from .typography import HAN


def split_index(index: dict, languages: list[str], default: str) -> dict[str, dict]:
    """{language: index} where the default language keeps the pages outside `<lang>/`."""
    prefixes = {lang: f"{lang}/" for lang in languages if lang != default}
    out = {lang: {"config": dict(index["config"]), "docs": []} for lang in languages}
    for doc in index["docs"]:
        lang = next((lang for lang, p in prefixes.items() if doc["location"].startswith(p)),
                    default)
        out[lang]["docs"].append(doc)
    for lang in languages:
        if lang != SOURCE_LANGUAGE:  # no Chinese in its pages: plain English lunr, no segmenter
            out[lang]["config"]["lang"] = [lang]
    return out


def index_path(lang: str, default: str) -> str:
    return "search/search_index.json" if lang == default else f"{lang}/search/search_index.json"


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
