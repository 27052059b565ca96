"""How to cite a talk or a panel answer: BibTeX, a plain reference in the page's language, and
the `citation_*` meta tags Google Scholar reads. Text in, text out: the caller escapes it for
the page (HTML), this module only for BibTeX.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Paper

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
    source_url: str = ""  # where the report's text was retrieved from (data file: source.url)


def bibtex_escape(text: str) -> str:
    """A value inside BibTeX braces: specials escaped, whitespace made one line."""
    return " ".join(str(text).split()).translate(BIBTEX_SPECIALS)


def bibtex(c: Citation, comma: str = ", ", retrieved: str = "") -> str:
    """The entry; `comma` joins the seminar and its organiser, in the page's language;
    `retrieved` (a pattern with {url}) says where the report's text was retrieved from."""
    published = f"{c.venue}{comma}{c.publisher}"
    if c.source_url and retrieved:
        published += comma + retrieved.format(url=c.source_url)
    fields = [
        ("author", " and ".join(c.authors)),
        ("title", c.title),
        ("howpublished", published),
        ("year", c.date[:4]),
        ("date", c.date),
        ("language", c.language),
    ]
    if c.url:
        fields.append(("url", c.url))
    return _entry("misc", c.key, fields)


def paper_bibtex(p: Paper) -> str:
    """A paper of seeds/papers.yml as BibTeX; its title kept in its own capitals."""
    fields = [("author", " and ".join(p.authors)), ("title", p.title),
              ("journal" if p.kind == "article" else "booktitle", p.venue), ("year", str(p.year))]
    if p.arxiv:
        fields += [("eprint", p.arxiv), ("archiveprefix", "arXiv")]
    if p.doi:
        fields.append(("doi", p.doi))
    fields.append(("url", p.url))
    return _entry("article" if p.kind == "article" else "inproceedings", p.id, fields,
                  protected=("title",))


def _entry(kind: str, key: str, fields: list[tuple[str, str]], protected=()) -> str:
    body = ",\n".join(f"  {name} = {{{'{' if name in protected else ''}{bibtex_escape(value)}"
                      f"{'}' if name in protected else ''}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}"


def paper_authors(p: Paper, et_al: str, limit: int = 6) -> str:
    """A paper's authors, the first three and `et_al` when there are more than `limit`."""
    return ", ".join(p.authors if len(p.authors) <= limit else [*p.authors[:3], et_al])


def paper_reference(p: Paper, et_al: str) -> str:
    """A short reference: the authors, the title, the venue and year."""
    authors, title = paper_authors(p, et_al), p.title
    return (f"{authors}{'' if authors.endswith('.') else '.'} "
            f"{title}{'' if title[-1:] in '?!.' else '.'} {p.venue} {p.year}.")


# Quotation marks inside a quoted title become single ones (“Answer to ‘Can …?’”).
INNER_QUOTES = str.maketrans("“”", "‘’")
# A title that ends in its own question or exclamation mark takes no full stop after it.
STOP_AFTER_MARK = re.compile(r"(?<=[?!])([’”]*)\.(?=”)")


def reference(c: Citation, template: str, separator: str, retrieved: str = "") -> str:
    """A plain reference from the page language's pattern and name separator (strings.yml);
    `retrieved`, a sentence with {url}, follows it when the report's address is known."""
    title = c.title.translate(INNER_QUOTES) if "“{title}" in template else c.title
    text = template.format(authors=separator.join(c.authors), title=title, venue=c.venue,
                           publisher=c.publisher, date=c.date, url=c.url)
    text = STOP_AFTER_MARK.sub(r"\1", text).strip()
    if c.source_url and retrieved:
        text += retrieved.format(url=c.source_url)
    return text


def meta(c: Citation) -> dict:
    """Google Scholar's tags (citation_author once per author), values as text."""
    data = {"citation_title": c.title, "citation_author": list(c.authors),
            "citation_publication_date": c.date.replace("-", "/"),
            "citation_conference_title": c.venue, "citation_publisher": c.publisher,
            "citation_language": c.language}
    if c.url:
        data["citation_public_url"] = c.url
    return data

