"""Abbreviations explained where they occur, in Chinese text as in English.

Python-Markdown's `abbr` matches on `\\b`, and Han characters are word characters, so in
"用GAN训练" it finds no word boundary and marks nothing. Here a term is bounded by anything
that is not an ASCII letter or digit: "GAN" matches in "用GAN训练" and "GAN," but not in
"StyleGAN" or "ORGAN". Marking runs on already escaped report text and only wraps a term;
the characters of the report stay as they are.
"""

from __future__ import annotations

import html
import re
from typing import Callable

from model import Term

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

            def wrap(m: re.Match) -> str:
                term = self.by_spelling[m[1]]
                before = escaped[m.start() - 1] if m.start() else ""
                if term.id in seen or ASCII_WORD.match(before):
                    return m[0]
                seen.add(term.id)
                tip = term.explain.get(self.lang) if term.explain else term.get(self.lang)
                return (f'<a class="term" href="{glossary_href}#{term.id}" '
                        f'data-tip="{html.escape(tip, quote=True)}">{m[1]}</a>')

            return self.pattern.sub(wrap, escaped)

        return mark
