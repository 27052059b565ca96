"""Seminars (+ translation units) -> Markdown pages, through Jinja templates. No MkDocs here.

Report text is always emitted as escaped HTML inside raw HTML blocks, which Markdown
leaves alone: `<script>`, `*stars*`, `# ` or `[x](y)` in a report show as written.
"""

from __future__ import annotations

import functools
import html
import json
import os
import posixpath
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from . import citation, datafile, glossary, papers, topics
from .glossary import Marker
from .model import SOURCE_LANGUAGE, Paragraph, Person, Seminar, Site, keywords
from .translation import FRESH, MISSING, OUTDATED, Rendering, lookup
from .typography import HAN

# Kept beside the code, outside the theme folder: MkDocs publishes every non-HTML file there.
TEMPLATES = Path(__file__).resolve().parent / "templates"
STRINGS = "strings.yml"
# Where a page's translation notices go: known only once the page's text has been rendered.
NOTICES = "\x00notices\x00\n"
KEY_TOPICS = 8  # on a seminar's card on the front page; its topics are all on the topics index
# Python-Markdown's backslash-escapable characters (its ESCAPED_CHARS); others would show
# their backslash. `<` and `&` are escaped as HTML entities instead.
MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")  # `|`: the tables extension's


@dataclass(frozen=True)
class Page:
    path: str  # source path in the language's tree, e.g. "seminars/8-x/talks/y.md"
    lang: str
    title: str
    markdown: str
    source: str  # repository file the page's text comes from, for "edit this page"
    searchable: bool = True
    canonical: str = ""  # set on an alternate view: the path of the page it shows again
    # for a page the navigation does not list, the listed page that stands for it there (the
    # speakers index for a person, the topics index for a topic); an alternate view's is its
    # canonical page
    listed_as: str = ""


def strings() -> dict:
    path = TEMPLATES / STRINGS
    stat = path.stat()
    return _strings(stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _strings(mtime_ns: int, size: int) -> dict:  # keyed by the file's state: serve edits it
    return yaml.safe_load((TEMPLATES / STRINGS).read_text(encoding="utf-8"))


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between builds (keyed by their source, so an edit counts; 0.1 s
    a build) in the user's own cache folder, `$XDG_CACHE_HOME` or `~/.cache`: a fixed folder
    in the shared temporary one could be made first by another user, who would then write the
    code our templates run. None where no such folder can be made: every build compiles."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    try:
        root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
        path = root / "seminar-archive" / "templates"
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # no home folder, or one that cannot be written
        return None
    return jinja2.FileSystemBytecodeCache(str(path))


def environment() -> jinja2.Environment:
    """The templates' environment, made anew when a template file changes (`mkdocs serve`
    keeps this module): checked once per call here rather than on every page."""
    state = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in TEMPLATES.glob("*.j2")))
    return _environment(state)


@functools.lru_cache(maxsize=2)
def _environment(state: tuple) -> jinja2.Environment:
    env = jinja2.Environment(
        auto_reload=False,  # see environment()
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        bytecode_cache=bytecode_cache(),
        autoescape=False,  # output is Markdown; every value goes through a filter below
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md_escape
    env.filters["attr"] = attr_escape
    env.tests["chinese"] = lambda s: bool(HAN.search(str(s)))
    return env


@functools.lru_cache(maxsize=8192)  # the same names and labels recur on every page
def md_escape(text: str) -> str:
    """Data-file text placed in Markdown (headings, link texts): shown literally."""
    return MARKDOWN_SYNTAX.sub(r"\\\1", html.escape(str(text), quote=False))


@functools.lru_cache(maxsize=8192)
def attr_escape(text: str) -> str:
    """Text placed in raw HTML, attribute values included."""
    return html.escape(str(text), quote=True)


def source_html(text: str, mark=None) -> str:
    """Report text as HTML: escaped, line breaks kept, abbreviations marked if asked (`mark`
    escapes as it marks). Marking the whole text at once equals marking line by line: no term
    holds a newline."""
    return (mark(text) if mark else html.escape(text, quote=False)).replace("\n", "<br>\n")


# Paths


def seminar_dir(s: Seminar) -> str:
    return f"seminars/{s.slug}"


def talk_path(s: Seminar, slug: str) -> str:
    return f"{seminar_dir(s)}/talks/{slug}.md"


def question_path(s: Seminar, slug: str) -> str:
    return f"{seminar_dir(s)}/panel/{slug}.md"


def person_path(pid: str) -> str:
    return f"speakers/{pid}.md"


def bilingual_path(s: Seminar, slug: str) -> str:
    return f"{seminar_dir(s)}/side-by-side/{slug}.md"


def topic_path(slug: str) -> str:
    return f"topics/{slug}.md"


PAPERS_PATH = "papers/index.md"


def _relpath(target: str, start: str) -> str:
    """posixpath.relpath for clean relative paths ("a/b", "" for the root), without its
    filesystem calls: links are made thousands of times per build."""
    t = [p for p in target.split("/") if p]
    s = [p for p in start.split("/") if p]
    common = 0
    while common < min(len(t), len(s)) and t[common] == s[common]:
        common += 1
    return "/".join([".."] * (len(s) - common) + t[common:]) or "."


@functools.lru_cache(maxsize=65536)  # both languages link the same paths
def relative(from_path: str, to_path: str) -> str:
    """A Markdown link between two generated pages (MkDocs checks and rewrites it)."""
    return _relpath(to_path, posixpath.dirname(from_path))


def url_of(path: str) -> str:
    """The directory URL MkDocs gives a page: a/b.md -> a/b/, a/index.md -> a/."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


@functools.lru_cache(maxsize=65536)
def url_relative(from_path: str, to_path: str) -> str:
    """A link inside raw HTML, which MkDocs does not rewrite: relative URL to URL."""
    rel = _relpath(url_of(to_path), url_of(from_path))
    return "./" if rel == "." else rel + "/"


def plural(forms: str | dict, n: int) -> str:
    """A count in words. `forms` is one text, or the strings file's texts by plural category:
    `one` (English: exactly 1) and `other`; a language without the category (Chinese) gives
    `other` only."""
    if isinstance(forms, str):
        return forms.format(n=n)
    return forms["one" if n == 1 and "one" in forms else "other"].format(n=n)


# Labels: how a seminar, a talk and a question are named in the navigation and on pages


def seminar_label(s: Seminar, lang: str) -> str:
    return strings()[lang]["seminar_number"].format(n=s.number) + " · " + s.title.get(lang)


def talk_label(site: Site, talk, lang: str) -> str:
    return site.people[talk.speaker].name.get(lang) + " · " + talk.title.get(lang)


def question_label(q, lang: str) -> str:
    return f"{q.number}. {q.short.get(lang)}"


def navigation(site: Site, lang: str, uri) -> list:
    """MkDocs' `nav` for one language; `uri` turns a page path into the language's file."""
    t = strings()[lang]
    seminars = []
    for s in site.seminars:
        talks = [{talk_label(site, k, lang): uri(talk_path(s, k.slug))} for k in s.talks]
        questions = [{question_label(q, lang): uri(question_path(s, q.slug))}
                     for q in s.questions]
        children = [uri(f"{seminar_dir(s)}/index.md"), {t["talks"]: talks}]
        if questions:
            children.append({t["panel"]: questions})
        seminars.append({seminar_label(s, lang): children})
    return [
        {t["home_title"]: uri("index.md")},
        {t["home_seminars"]: seminars},
        # the index only: people are many, and a top-level section is never pruned, so
        # listing them would put every person into the HTML of every page
        {t["speakers"]: uri("speakers/index.md")},
        {t["topics"]: uri("topics/index.md")},
        *([{t["glossary"]: uri("glossary.md")}] if site.glossary else []),
        *([{t["papers"]: uri(PAPERS_PATH)}] if site.papers else []),
        {t["home_about"]: uri("about.md")},
    ]


# Pages


def render_site(site: Site, lang: str, home_url: str = "",
                index: topics.Index | None = None) -> list[Page]:
    """Every page of one language; `home_url`, the language's absolute home URL, makes the
    citations' permalinks (none without it). `index`, the site's topics (`topics.Index.of`),
    is made here unless the caller keeps one for every language."""
    r = _Renderer(site, lang, home_url, index or topics.Index.of(site))
    t = r.t[lang]
    pages: list[Page] = []
    for s in site.seminars:
        pages.extend(_seminar_pages(r, s))
    # the same topics and passages in every language: found in the reports' Chinese
    found = r.topics.found
    listed = [(topic, found[topic.slug]) for topic in r.topics.topics if found[topic.slug]]
    # index pages made of every seminar's facts: no single file to edit, so no edit link
    pages.append(r.page("home.md.j2", "index.md", t["home_title"], "",
                        description=t["home_description"], seminars=site.seminars,
                        counts=home_counts(site), feed=bool(home_url),
                        key_topics=lambda s: key_topics(r.topics, s)))
    pages.append(r.page("speakers.md.j2", "speakers/index.md", t["speakers"], "",
                        description=t["speakers_intro"], entries=sorted_people(site, lang)))
    by_label = sorted(listed, key=lambda x: glossary.reading_key(x[0].label.get(lang), lang))
    pages.append(r.page("topics.md.j2", "topics/index.md", t["topics"], "", boost=0.2,
                        description=t["topics_intro"], entries=by_label))
    for topic, found_here in listed:
        pages.append(r.page("topic.md.j2", topic_path(topic.slug), topic.label.get(lang),
                            "seeds/glossary.yml" if topic.term_id else topic.data_path,
                            boost=0,  # its sentences are found on their own pages
                            listed_as="topics/index.md",
                            description=t["topic_description"].format(
                                topic=topic.label.get(lang)),
                            topic=topic, found=[(o, r.quote(topic, o)) for o in found_here]))
    for pid, person in site.people.items():
        records = person_records(site, pid)
        src = records[0]["seminar"].data_path
        # every name the person goes by finds their page first, in either language
        colon, comma = t["colon"], t["comma"]
        summary = t["semicolon"].join(
            f"{seminar_label(x['seminar'], lang)}"
            f"{colon}{roles_label(x['roles'], t)}{comma}{x['affiliation'].get(lang)}"
            for x in records)
        pages.append(r.page("person.md.j2", person_path(pid), person.name.get(lang), src,
                            found_as=result_context(t, t["speaker"],
                                                    [x["seminar"] for x in records]),
                            listed_as="speakers/index.md",
                            tags=person.names, description=f"{person.name.get(lang)}{colon}{summary}",
                            person=person, records=records))
    if site.papers:
        # a reference page too: each paper is discussed on the pages it links to
        pages.append(r.page("papers.md.j2", PAPERS_PATH, t["papers"], "seeds/papers.yml",
                            boost=0.2, description=t["papers_intro"],
                            mentions=papers.mentions(site)))
    if site.glossary:
        # a reference page: it names every term, so it must not outrank the pages using them
        pages.append(r.page("glossary.md.j2", "glossary.md", t["glossary"], "seeds/glossary.yml",
                            boost=0.2, description=t["glossary_intro"],
                            terms=glossary.sorted_terms(site.glossary, lang)))
    return pages


def _seminar_pages(r: "_Renderer", s: Seminar) -> list[Page]:
    site, lang = r.site, r.lang
    tr = _translator(site, s, lang)
    source = (s.seed_path if lang == SOURCE_LANGUAGE
              else site.translation_paths.get(s.slug, s.seed_path))
    units = site.translations.get(s.slug, {})
    ctx = {"seminar": s, "tr": tr, "units": units}
    t = r.t[lang]
    intro = (described(tr, s.intro[0], t, lambda: seminar_words(site, s, lang)) if s.intro
             else s.title.get(lang))
    out = [r.page("overview.md.j2", f"{seminar_dir(s)}/index.md", s.title.get(lang), source,
                  found_as=result_context(t, "", [s]) + " · " + s.date,
                  description=intro, jsonld=event(site, s, lang), grid=panel_grid(s), **ctx)]
    side, colon = t["side_by_side"], t["colon"]
    for talk in s.talks:
        title = f"{site.people[talk.speaker].name.get(lang)}{colon}{talk.title.get(lang)}"
        about = described(tr, talk.paragraphs[0], t, lambda: t["talk_words"].format(
            speaker=site.people[talk.speaker].name.get(lang),
            affiliation=s.affiliations[talk.speaker].get(lang), title=talk.title.get(lang)))
        out.append(r.page("talk.md.j2", talk_path(s, talk.slug), title, source,
                          found_as=result_context(t, t["talk"], [s]),
                          tags=keywords(talk.topics, lang), description=about,
                          jsonld=event(site, s, lang, talk.title.get(lang), [talk.speaker]),
                          cited=r.citation(s, talk=talk), talk=talk, **ctx))
        out.append(r.page("bilingual.md.j2", bilingual_path(s, talk.slug), f"{side}{colon}{title}",
                          source, main=talk_path(s, talk.slug), main_title=talk.title.get(lang),
                          description=about, talk=talk, question=None, **ctx))
    for q in s.questions:
        speakers = list(dict.fromkeys(turn.speaker for turn in q.turns))
        text = about = question_text(site, s, q, lang)
        if lang != SOURCE_LANGUAGE and text == q.text:  # the panel paragraph is untranslated
            names = t["role_separator"].join(site.people[x].name.get(lang) for x in speakers)
            about = untranslated(t, t["question_words"].format(
                question=q.short.get(lang), n=q.number, speakers=names))
        out.append(r.page("question.md.j2", question_path(s, q.slug), q.short.get(lang), source,
                          found_as=result_context(t, t["topic_in_question"], [s]),
                          tags=keywords(q.topics, lang), description=about,
                          jsonld=event(site, s, lang, q.short.get(lang), speakers),
                          cited=r.citation(s, question=q), question=q, question_text=text,
                          **ctx))
        out.append(r.page("bilingual.md.j2", bilingual_path(s, q.slug),
                          f"{side}{colon}{q.short.get(lang)}", source, main=question_path(s, q.slug),
                          main_title=q.short.get(lang),
                          description=about, talk=None, question=q, question_text=text, **ctx))
    return out


class _Renderer:
    """What every page of one language shares: templates, strings, the abbreviation marker."""

    def __init__(self, site: Site, lang: str, home_url: str, index: topics.Index):
        self.site, self.lang, self.home_url = site, lang, home_url
        self.env, self.t = environment(), strings()
        self.marker = Marker(site.glossary, lang)
        self.translators = {s.slug: _translator(site, s, lang) for s in site.seminars}
        self.topics = index

    def shown(self, s: Seminar, p: Paragraph) -> str | None:
        """A paragraph in this language; None where it is not translated."""
        tr = self.translators[s.slug]
        if tr is None:
            return p.text
        found = tr(p)
        return None if found.status == MISSING else found.text

    def excerpt(self, s: Seminar, turn) -> tuple[str, str]:
        """A panel answer's first sentence and its language (Chinese where untranslated)."""
        text = self.shown(s, turn.paragraphs[0])
        lang = self.lang if text is not None else SOURCE_LANGUAGE
        opening = topics.first_sentence(
            text if text is not None else turn.paragraphs[0].text, at_least=12)
        return summarise(opening, 120), lang

    def quote(self, topic: topics.Topic, o: topics.Occurrence) -> topics.Quote | None:
        """A topic's passage in this language: the English of its translation unit."""
        translated = self.shown(o.seminar, o.paragraph) if o.paragraph else None
        return topics.quote(topic, o, self.lang, translated)

    def citation(self, s: Seminar, talk=None, question=None, turn=None) -> citation.Citation:
        lang, t = self.lang, self.t[self.lang]
        if talk is not None:
            path, anchor, key = talk_path(s, talk.slug), "", f"{s.slug}-{talk.slug}"
            authors, title = [talk.speaker], talk.title.get(lang)
        elif turn is not None:
            path, anchor = question_path(s, question.slug), turn.anchor
            key = f"{s.slug}-{question.slug}-{turn.anchor}"
            authors = [turn.speaker]
            title = t["cite_turn_title"].format(question=question.short.get(lang))
        else:
            path, anchor, key = question_path(s, question.slug), "", f"{s.slug}-{question.slug}"
            authors = list(dict.fromkeys(x.speaker for x in question.turns))
            title = question.short.get(lang)
        url = (self.home_url + url_of(path) + (f"#{anchor}" if anchor else "")
               if self.home_url else "")
        return citation.Citation(
            key=key, authors=tuple(self.site.people[a].name.get(lang) for a in authors),
            title=title, venue=t["cite_venue"].format(series=t["site_name"],
                                                      seminar=seminar_label(s, lang)),
            publisher=s.organiser.get(lang), date=s.date, url=url, language=lang,
            source_url=s.source_url)

    def cite(self, s: Seminar, talk=None, question=None, turn=None) -> str:
        """The "Cite" disclosure of a talk or a turn (raw HTML; every value escaped)."""
        c = self.citation(s, talk, question, turn)
        t = self.t[self.lang]
        return self.env.get_template("_cite.md.j2").render(
            s=t, bibtex=citation.bibtex(c, t["comma"], t["cite_retrieved"]),
            reference=citation.reference(c, t["cite_reference"], t["role_separator"],
                                         t["cite_reference_retrieved"]),
            id=f"cite-{turn.anchor}" if turn is not None else "cite", variant="")

    def cite_paper(self, paper, where: str) -> str:
        """A paper's "Cite" disclosure: its short reference and its BibTeX."""
        t = self.t[self.lang]
        return self.env.get_template("_cite.md.j2").render(
            s=t, bibtex=citation.paper_bibtex(paper),
            reference=citation.paper_reference(paper, t["et_al"]), id=f"cite-{where}-{paper.id}",
            variant=" cite-paper")

    def page(self, template: str, path: str, title: str, source: str, main: str = "",
             boost: float = 1.0, tags: list[str] | tuple = (), description: str = "",
             jsonld: dict | None = None, cited: citation.Citation | None = None,
             listed_as: str = "", found_as: str = "", **context) -> Page:
        lang, t, site = self.lang, self.t, self.site
        state = {"missing": False, "outdated": []}
        mark = self.marker.for_page(url_relative(path, "glossary.md"))

        def link(to_path: str, anchor: str = "") -> str:
            return relative(path, to_path) + (f"#{anchor}" if anchor else "")

        def href(to_path: str, anchor: str = "") -> str:  # in raw HTML, which MkDocs leaves
            return url_relative(path, to_path) + (f"#{anchor}" if anchor else "")

        def text(p: Paragraph, tr=None, tag: str = "p") -> str:
            """One paragraph of the report, as the page's language shows it."""
            shown = tr(p) if tr else Rendering(p.text, FRESH)
            if shown.status == MISSING and lang != SOURCE_LANGUAGE:
                state["missing"] = True
            if shown.status == OUTDATED:
                state["outdated"].append(unit_label(p.unit))
            cls = "src" if shown.status == FRESH else f"src {shown.status}"
            lang_attr = (f' lang="{SOURCE_LANGUAGE}"'
                         if lang != SOURCE_LANGUAGE and shown.status == MISSING else "")
            return (f'<{tag} class="{cls}" data-unit="{html.escape(p.unit)}"{lang_attr}>'
                    f"{source_html(shown.text, mark)}</{tag}>")

        def pair(p: Paragraph) -> str:
            """A unit and its translation side by side (the bilingual reading mode)."""
            units = context["units"]
            shown = lookup(units, p.unit, p.text)
            english = (source_html(shown.text, mark) if shown.status != MISSING
                       else html.escape(t["en"]["not_translated_unit"]))
            return (f'<div class="pair" data-unit="{html.escape(p.unit)}">'
                    f'<p class="zh" lang="zh">{source_html(p.text, mark)}</p>'
                    f'<p class="en {shown.status}" lang="en">{english}</p></div>')

        body = self.env.get_template(template).render(
            lang=lang, s=t[lang], t=t, site=site, title=title, link=link, href=href, text=text,
            pair=pair, people=site.people, roles=roles_label, path=path,
            seminar_label=lambda s: seminar_label(s, lang), seminar_dir=seminar_dir,
            talk_path=talk_path, question_path=question_path, person_path=person_path,
            bilingual_path=bilingual_path, main=main, notices=NOTICES, topic_path=topic_path,
            url=lambda to_path, anchor="": url_relative(path, to_path) + (
                f"#{anchor}" if anchor else ""),
            cite=self.cite, excerpt=self.excerpt, answers=answers_by_question, count=plural,
            chips=lambda item: topic_chips(self.topics, item),
            papers_on=lambda item: papers.on_page(site, item), cite_paper=self.cite_paper,
            paper_authors=lambda p: citation.paper_authors(p, t[lang]["et_al"]),
            papers_of_term=lambda term_id: [p for p in site.papers if term_id in p.terms],
            papers_path=PAPERS_PATH, recording_link=recording_link, **context)
        if NOTICES in body:  # the page's text is known now: say what is not translated
            body = body.replace(NOTICES, self.env.get_template("_notices.md.j2").render(
                s=t[lang], notices=state), 1)
        # MkDocs and Material insert a page's title and description as HTML, unescaped
        # (a title MkDocs takes from a heading is HTML), in <title>, the header and
        # attributes: escaped here, once, as text
        front = {"title": attr_escape(title)}
        if description:
            front["description"] = attr_escape(summarise(description))
        if cited is not None:  # Google Scholar's tags, escaped by overrides/main.html
            front["citation"] = citation.meta(cited)
        if jsonld:  # placed in a <script> element by overrides/main.html
            front["jsonld"] = str(jinja2.utils.htmlsafe_json_dumps(jsonld, dumps=_json_text))
        if tags and not main:
            # search keywords, weighted by the search index (pagefind_index.py escapes them);
            # no tags plugin is enabled, so MkDocs and Material show them nowhere
            front["tags"] = list(dict.fromkeys(tags))
        # pages that fall back to Chinese text stay out of the English search index, and the
        # side-by-side view is a second copy of a page: out of search and the sitemap
        searchable = not state["missing"] and not main
        search = {"exclude": True} if not searchable else {"boost": boost} if boost != 1.0 else {}
        if found_as:  # what a search result says the page is (pagefind_index.py)
            search["context"] = found_as
        if search:
            front["search"] = search
        # JSON is YAML, and ten times faster to write than yaml.safe_dump
        head = "---\n" + json.dumps(front, ensure_ascii=False) + "\n---\n\n"
        return Page(path, lang, title, head + body, source, searchable, canonical=main,
                    listed_as=listed_as)


def described(tr, p: Paragraph, t: dict, words, limit: int = 160) -> str:
    """A description: paragraph `p` as the language of `t` shows it (`tr`, its translator, is
    None in the source language) or, while it is still the Chinese original, `words()` from
    the data file, saying so."""
    shown = tr(p) if tr else Rendering(p.text, FRESH)
    if shown.status == MISSING:
        return untranslated(t, words(), limit)
    return summarise(shown.text, limit)


def untranslated(t: dict, words: str, limit: int = 160) -> str:
    """The description of a page still shown in the original Chinese: `words` from the data
    file, in the page's language, cut so that the note saying so stays whole."""
    note = t["untranslated_note"]
    return f"{summarise(words, limit - len(note) - 1)} {note}"


def seminar_words(site: Site, s: Seminar, lang: str) -> str:
    """A seminar in the data file's words: its label, its date and its speakers."""
    t = strings()[lang]
    speakers = dict.fromkeys(site.people[k.speaker].name.get(lang) for k in s.talks
                             if k.kind != "opening")
    return t["seminar_words"].format(seminar=seminar_label(s, lang), date=s.date,
                                     speakers=t["role_separator"].join(speakers))


def result_context(t: dict, kind: str, seminars) -> str:
    """What a search result says a page is: its kind and its seminars ("圆桌问题 · 第 8 期",
    "Panel question · Seminar 8")."""
    numbers = t["role_separator"].join(
        t["seminar_number"].format(n=s.number) for s in sorted(seminars, key=lambda s: s.number))
    return " · ".join(x for x in (kind, numbers) if x)


def _json_text(data, **kwargs) -> str:
    """JSON keeping Chinese as characters (htmlsafe_json_dumps then escapes <, >, &, ')."""
    return json.dumps(data, ensure_ascii=False, **kwargs)


def summarise(text: str, limit: int = 160) -> str:
    """A page description: the text on one line, cut at a word or sentence near `limit`."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    stop = max(cut.rfind(c) for c in "。！？；.!?;")
    if stop > limit // 2:
        return cut[: stop + 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut) + "…"


def event(site: Site, s: Seminar, lang: str, name: str = "", performers=()) -> dict:
    """schema.org Event data: the seminar, or one of its talks or panel questions."""
    people = performers or list(dict.fromkeys(
        [t.speaker for t in s.talks] + [turn.speaker for q in s.questions for turn in q.turns]))
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": name or s.title.get(lang),
        "startDate": s.date,
        "organizer": {"@type": "Organization", "name": s.organiser.get(lang)},
        "performer": [{"@type": "Person", "name": site.people[pid].name.get(lang),
                       "affiliation": {"@type": "Organization",
                                       "name": s.affiliations[pid].get(lang)}}
                      for pid in people],
        "inLanguage": SOURCE_LANGUAGE,
    }
    if name:
        data["superEvent"] = {"@type": "Event", "name": s.title.get(lang), "startDate": s.date}
    return data


def recording_link(s: Seminar, start: str) -> str:
    """The address of the seminar's recording at a time ("" without a recording or time)."""
    if s.recording is None or not start:
        return ""
    return s.recording.at(datafile.seconds(start))


def unit_label(unit: str) -> str:
    """How a notice names a unit: '#t03' for a turn, the unit id otherwise."""
    tail = unit.rsplit("/", 1)[-1]
    return f"#{tail}" if re.fullmatch(r"t\d+(\.\d+)?", tail) else unit


def question_text(site: Site, s: Seminar, q, lang: str) -> str:
    """The full question: quoted in the panel paragraph, in its English translation if any."""
    quoted = site.english_questions.get(s.slug) if lang != SOURCE_LANGUAGE else None
    return quoted[q.number - 1] if quoted else q.text


def _translator(site: Site, s: Seminar, lang: str):
    if lang == SOURCE_LANGUAGE:
        return None
    units = site.translations.get(s.slug, {})
    return lambda p: lookup(units, p.unit, p.text)


# Speakers across seminars


def person_records(site: Site, pid: str) -> list[dict]:
    """What a person did at each seminar, newest seminar first."""
    out = []
    for s in site.seminars:
        if pid not in s.people:
            continue
        talks = [t for t in s.talks if t.speaker == pid]
        turns = [(q, turn) for q in s.questions for turn in q.turns if turn.speaker == pid]
        out.append({"seminar": s, "roles": s.roles_of(pid), "affiliation": s.affiliations[pid],
                    "talks": talks, "turns": turns})
    return out


def answers_by_question(turns) -> list[tuple]:
    """A person's (question, turn) pairs as (question, [turns]), in the order of the panel."""
    grouped: dict = {}
    for q, turn in turns:
        grouped.setdefault(q.slug, (q, []))[1].append(turn)
    return list(grouped.values())


def panel_grid(s: Seminar) -> tuple[list[str], list[tuple]]:
    """Who answered which question: the people of the transcript in the order they first
    speak, and per question the turns of each of them."""
    people = list(dict.fromkeys(turn.speaker for q in s.questions for turn in q.turns))
    rows = [(q, {pid: [t for t in q.turns if t.speaker == pid] for pid in people})
            for q in s.questions]
    return people, rows


# Topics and counts across seminars


def topic_chips(index: topics.Index, item) -> list:
    """The topics of a talk or question that have a page, in its data file's order."""
    by_slug = {t.slug: t for t in index.topics}
    return [by_slug[slug] for slug in index.tagged_slugs(item)]


def key_topics(index: topics.Index, s: Seminar, limit: int = KEY_TOPICS) -> list:
    """A few topics that stand for a seminar on its card: those most of its talks and
    questions are tagged with, then the ones each lists first (a data file lists the main
    topic first), in the order of the seminar."""
    chips = [topic_chips(index, item) for item in (*s.talks, *s.questions)]
    tagged = Counter(t.slug for found in chips for t in found)
    place: dict[str, int] = {}  # a topic's best place in a list of chips
    first: dict = {}  # the topics in the order the seminar first tags them
    for found in chips:
        for i, t in enumerate(found):
            place[t.slug] = min(place.get(t.slug, i), i)
            first.setdefault(t.slug, t)
    ordered = sorted(first.values(), key=lambda t: (-tagged[t.slug], place[t.slug]))
    return ordered[:limit]


def home_counts(site: Site) -> dict[str, int]:
    return {"seminars": len(site.seminars),
            "talks": sum(1 for s in site.seminars for k in s.talks if k.kind != "opening"),
            "questions": sum(len(s.questions) for s in site.seminars),
            "speakers": len(site.people)}


def sorted_people(site: Site, lang: str) -> list[tuple[Person, list[dict]]]:
    """By family name, in both languages: the data file writes the English name "Given
    Family", and for a Chinese person that is the pinyin, so its last word gives pinyin
    order of the family name (查红彬 "Hongbin Zha": Zha), which a reading of the characters
    could get wrong (查 reads cha or zha)."""
    people = [(p, person_records(site, pid)) for pid, p in site.people.items()]
    return sorted(people, key=lambda x: family_order(x[0].name.en))


def family_order(english_name: str) -> tuple[str, str]:
    words = english_name.casefold().split()
    return (words[-1] if words else "", english_name.casefold())


def roles_label(roles, t: dict) -> str:
    return t["role_separator"].join(t["roles"][r] for r in roles)


# The feed of seminars


@functools.lru_cache(maxsize=2)
def _xml_environment(state: tuple) -> jinja2.Environment:
    # XML, not Markdown: every value is escaped by Jinja itself
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True,
                              lstrip_blocks=True, keep_trailing_newline=True)


def feed(site: Site, lang: str, home_url: str) -> str:
    """An Atom feed of the seminars, newest first, in one language; `home_url` is the absolute
    URL of that language's home page. Dated by the reports, so two builds write the same."""
    t = strings()[lang]
    entries = []
    for s in site.seminars:
        summary = (described(_translator(site, s, lang), s.intro[0], t,
                             lambda: seminar_words(site, s, lang), 400) if s.intro else "")
        topics = dict.fromkeys(w for item in (*s.talks, *s.questions)
                               for w in keywords(item.topics, lang))
        entries.append({
            "seminar": s, "label": seminar_label(s, lang), "summary": summary,
            "url": home_url + url_of(f"{seminar_dir(s)}/index.md"), "topics": list(topics),
            "speakers": list(dict.fromkeys(site.people[k.speaker].name.get(lang) for k in s.talks)),
        })
    state = (TEMPLATES / "feed.xml.j2").stat().st_mtime_ns
    return _xml_environment(state).get_template("feed.xml.j2").render(
        lang=lang, s=t, site=site, home_url=home_url, entries=entries,
        updated=max((s.posted for s in site.seminars), default="1970-01-01"))
