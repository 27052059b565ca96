"""How to cite a talk or a panel answer: BibTeX, a plain reference in the page's language, and
the `citation_*` meta tags Google Scholar reads. Text in, text out: the caller escapes it for
the page (HTML), this module only for BibTeX.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# BibTeX's special characters, written so that (La)TeX prints them as they are. One table,
# applied in one pass: the backslash of a replacement is never escaped again.
BIBTEX_SPECIALS = str.maketrans({
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
})


@dataclass(frozen=True)
class Citation:
    key: str  # BibTeX key: made of slugs and turn ids, so [a-z0-9-] only
    authors: tuple[str, ...]
    title: str
    venue: str  # the seminar, as its label names it
    publisher: str  # the organiser
    date: str  # ISO date of the event
    url: str  # absolute permalink, "" when the site has no URL
    language: str


def bibtex_escape(text: str) -> str:
    """A value inside BibTeX braces: specials escaped, whitespace made one line."""
    return " ".join(str(text).split()).translate(BIBTEX_SPECIALS)


def bibtex(c: Citation, comma: str = ", ") -> str:
    """The entry; `comma` joins the seminar and its organiser, in the page's language."""
    fields = [
        ("author", " and ".join(c.authors)),
        ("title", c.title),
        ("howpublished", f"{c.venue}{comma}{c.publisher}"),
        ("year", c.date[:4]),
        ("date", c.date),
        ("language", c.language),
    ]
    if c.url:
        fields.append(("url", c.url))
    body = ",\n".join(f"  {name} = {{{bibtex_escape(value)}}}" for name, value in fields)
    return f"@misc{{{c.key},\n{body}\n}}"


# Quotation marks inside a quoted title become single ones (“Answer to ‘Can …?’”).
INNER_QUOTES = str.maketrans("“”", "‘’")
# A title that ends in its own question or exclamation mark takes no full stop after it.
STOP_AFTER_MARK = re.compile(r"(?<=[?!])([’”]*)\.(?=”)")


def reference(c: Citation, template: str, separator: str) -> str:
    """A plain reference from the page language's pattern and name separator (strings.yml)."""
    title = c.title.translate(INNER_QUOTES) if "“{title}" in template else c.title
    text = template.format(authors=separator.join(c.authors), title=title, venue=c.venue,
                           publisher=c.publisher, date=c.date, url=c.url)
    return STOP_AFTER_MARK.sub(r"\1", text).strip()


def meta(c: Citation) -> dict:
    """Google Scholar's tags (citation_author once per author), values as text."""
    data = {"citation_title": c.title, "citation_author": list(c.authors),
            "citation_publication_date": c.date.replace("-", "/"),
            "citation_conference_title": c.venue, "citation_publisher": c.publisher,
            "citation_language": c.language}
    if c.url:
        data["citation_public_url"] = c.url
    return data

