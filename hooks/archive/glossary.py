"""Abbreviations explained where they occur, in Chinese text as in English.

Python-Markdown's `abbr` matches on `\\b`, and Han characters are word characters, so in
"用GAN训练" it finds no word boundary and marks nothing. Here a term is bounded by anything
that is not an ASCII letter or digit: "GAN" matches in "用GAN训练" and "GAN," but not in
"StyleGAN" or "ORGAN". Marking runs on already escaped report text and only wraps a term;
the characters of the report stay as they are.
"""

from __future__ import annotations

import functools
import html
import re
from typing import Callable

from .model import Term

ASCII_WORD = re.compile(r"[A-Za-z0-9]")
ASCII_BOUNDARY_AFTER = r"(?![A-Za-z0-9])"


class Marker:
    """Wraps the first occurrence of each abbreviation on a page in a glossary link."""

    def __init__(self, terms: tuple[Term, ...], lang: str):
        self.lang = lang
        self.by_spelling: dict[str, Term] = {}
        for term in terms:
            if term.abbr:
                for spelling in (term.abbr, *term.variants):
                    self.by_spelling.setdefault(html.escape(spelling, quote=False), term)
        spellings = sorted(self.by_spelling, key=len, reverse=True)
        # No lookbehind in front: with the alternation first, the regex engine skips quickly
        # to the letters a term can start with; the boundary before is checked in `wrap`.
        self.pattern = (re.compile("(" + "|".join(map(re.escape, spellings)) + ")"
                                   + ASCII_BOUNDARY_AFTER) if spellings else None)

    def for_page(self, glossary_href: str) -> Callable[[str], str]:
        """A function marking escaped text; each term is marked once per page."""
        seen: set[str] = set()

        def mark(escaped: str) -> str:
            if self.pattern is None:
                return escaped
            out, done = [], 0
            for start, end, spelling in _occurrences(self.pattern, escaped):
                term = self.by_spelling[spelling]
                if term.id in seen:
                    continue
                seen.add(term.id)
                tip = term.explain.get(self.lang) if term.explain else term.get(self.lang)
                out.append(escaped[done:start])
                out.append(f'<a class="term" href="{glossary_href}#{term.id}" '
                           f'data-tip="{html.escape(tip, quote=True)}">{spelling}</a>')
                done = end
            if not out:
                return escaped
            out.append(escaped[done:])
            return "".join(out)

        return mark


@functools.lru_cache(maxsize=16384)
def _occurrences(pattern: re.Pattern, escaped: str) -> tuple[tuple[int, int, str], ...]:
    """Where terms stand in a text, bounded on both sides. The same paragraph is shown on
    several pages in both languages (its page, the side-by-side views): found once."""
    return tuple((m.start(), m.end(), m[1]) for m in pattern.finditer(escaped)
                 if not (m.start() and ASCII_WORD.match(escaped[m.start() - 1])))
