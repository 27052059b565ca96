"""Abbreviations explained where they occur, in Chinese text as in English.

Python-Markdown's `abbr` matches on `\\b`, and Han characters are word characters, so in
"用GAN训练" it finds no word boundary and marks nothing. Here a term is bounded by anything
that is not an ASCII letter or digit: "GAN" matches in "用GAN训练" and "GAN," but not in
"StyleGAN" or "ORGAN". Marking runs on the report's text, before it is escaped (on escaped
text, an abbreviation "lt" would match inside "&lt;"); it escapes the text around each term
and the term itself, so the characters of the report stay as they are.
"""

from __future__ import annotations

import functools
import html
import re
from typing import Callable

from markupsafe import Markup

from .model import Term

ASCII_WORD = re.compile(r"[A-Za-z0-9]")
ASCII_BOUNDARY_AFTER = r"(?![A-Za-z0-9])"
# Markup.format escapes every value: the href, the explanation and the term as written.
TERM_LINK = Markup('<a class="term" href="{href}" data-tip="{tip}">{spelling}</a>')


class Marker:
    """Wraps the first occurrence of each abbreviation on a page in a glossary link."""

    def __init__(self, terms: tuple[Term, ...], lang: str):
        self.lang = lang
        self.by_spelling: dict[str, Term] = {}
        for term in terms:
            if term.abbr:
                for spelling in (term.abbr, *term.variants):
                    self.by_spelling.setdefault(spelling, term)
        spellings = sorted(self.by_spelling, key=len, reverse=True)
        # No lookbehind in front: with the alternation first, the regex engine skips quickly
        # to the letters a term can start with; the boundary before is checked in `wrap`.
        self.pattern = (re.compile("(" + "|".join(map(re.escape, spellings)) + ")"
                                   + ASCII_BOUNDARY_AFTER) if spellings else None)

    def for_page(self, glossary_href: str) -> Callable[[str], str]:
        """A function turning report text into HTML: escaped, each term marked once per page."""
        seen: set[str] = set()

        def mark(text: str) -> str:
            if self.pattern is None:
                return text_html(text)
            out, done = [], 0
            for start, end, spelling in _occurrences(self.pattern, text):
                term = self.by_spelling[spelling]
                if term.id in seen:
                    continue
                seen.add(term.id)
                tip = term.explain.get(self.lang) if term.explain else term.get(self.lang)
                out.append(text_html(text[done:start]))
                out.append(TERM_LINK.format(href=f"{glossary_href}#{term.id}", tip=tip,
                                            spelling=spelling))
                done = end
            out.append(text_html(text[done:]))
            return "".join(out)

        return mark


def text_html(text: str) -> str:
    """Text between tags: quotes need no escaping there, and stay as written."""
    return html.escape(text, quote=False)


@functools.lru_cache(maxsize=16384)
def _occurrences(pattern: re.Pattern, text: str) -> tuple[tuple[int, int, str], ...]:
    """Where terms stand in a text, bounded on both sides. The same paragraph is shown on
    several pages in both languages (its page, the side-by-side views): found once."""
    return tuple((m.start(), m.end(), m[1]) for m in pattern.finditer(text)
                 if not (m.start() and ASCII_WORD.match(text[m.start() - 1])))


def reading_key(text: str, lang: str) -> str:
    """Where a term or label stands in an alphabetical list of the language: Chinese by its
    pinyin (letters and digits in it by themselves), English by its letters, case aside."""
    if lang == "zh":
        from pypinyin import lazy_pinyin  # a large dictionary, needed for the sorted pages only

        text = "".join(lazy_pinyin(text))
    return text.casefold()


def sorted_terms(terms: tuple[Term, ...], lang: str) -> list[tuple[str, list[Term]]]:
    """The glossary in reading order, grouped by initial letter: by the pinyin of the Chinese
    term on the Chinese page (an abbreviation used as the Chinese term sorts by its letters),
    by the English term on the English page. Letters beyond A-Z come under "#"."""
    def key(term: Term) -> str:
        return reading_key(term.zh if lang == "zh" else term.en, lang)

    groups: dict[str, list[Term]] = {}
    for k, term in sorted(((key(t), t) for t in terms), key=lambda x: (x[0], x[1].id)):
        initial = k[:1].upper()
        groups.setdefault(initial if "A" <= initial <= "Z" else "#", []).append(term)
    return sorted(groups.items(), key=lambda g: (g[0] == "#", g[0]))
