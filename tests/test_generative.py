"""Any valid archive builds into a sound site: random archives of 1 to 4 seminars, made by
bench/archive_grammar.py from a grammar of the real report format's variations, are loaded
(unit layer, many of them) and built strict (build layer, a few), and the built site is held
to what must be true of every archive:

- no internal link or anchor leads nowhere;
- every page's metadata is in the page's language (on an English page: no Han character in
  the title, description, og:* or citation_* tags, nor in the English feed, except in the
  name of a person the data file names only in Chinese);
- every seminar is on the front page and in the feed of both languages;
- every person's page lists exactly their talks and their panel turns;
- every link to a seminar's talk or turn leads to that talk or turn of that seminar (the
  words it quotes are there).

The archives come from fixed seeds, so a failure is reproduced by its seed (in the test's id):
`python bench/archive_grammar.py <seed> /tmp/p` writes that project. More archives, locally:
GENERATIVE_ARCHIVES=40 (built), GENERATIVE_LOADS=2000 (loaded), GENERATIVE_SEED=<first seed>.
"""

from __future__ import annotations

import html.parser
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest

from archive import coverage, load
from archive.typography import HAN
from archive_grammar import Archive, make_archive, make_project
from conftest import build_site
from test_quality import broken_links

FIRST_SEED = int(os.environ.get("GENERATIVE_SEED", "0"))
# Six strict builds of 1 to 4 seminars: under a minute on two cores.
ARCHIVES = int(os.environ.get("GENERATIVE_ARCHIVES", "6"))
LOADS = int(os.environ.get("GENERATIVE_LOADS", "100"))
LANGUAGES = {"zh": "", "en": "en/"}  # language -> its folder in the site
SITE_URL = "https://ccf-cv-archive.github.io/vision-unlimited/"
# a link into a seminar: its talk, or its panel question (a turn with a #tNN fragment)
SEMINAR_LINK = re.compile(r"^seminars/(?P<seminar>[^/]+)/(?P<kind>talks|panel)/(?P<slug>[^/]+)/$")


# Unit: every generated archive loads, as written


@pytest.mark.unit
def test_every_generated_archive_loads_as_the_grammar_wrote_it(tmp_path):
    for seed in range(FIRST_SEED, FIRST_SEED + LOADS):
        archive = make_archive(seed)
        seeds = tmp_path / str(seed) / "seeds"
        seeds.mkdir(parents=True)
        archive.write(seeds)
        site, warnings = load.load_site(seeds.parent)
        assert warnings == [], (seed, [str(w) for w in warnings])
        by_slug = {s.slug: s for s in site.seminars}
        assert sorted(by_slug) == sorted(s.slug for s in archive.seminars), seed
        for written in archive.seminars:
            s = by_slug[written.slug]
            assert [(t.slug, t.speaker, t.kind) for t in s.talks] == [
                (t.slug, t.speaker, t.kind) for t in written.talks], (seed, s.slug)
            assert [(q.slug, [(t.anchor, t.speaker) for t in q.turns]) for q in s.questions] == [
                (q.slug, [(t.anchor, t.speaker) for t in q.turns]) for q in written.questions
            ], (seed, s.slug)
            c = coverage.coverage(s, site.translations.get(s.slug, {}))
            if written.translated:  # every unit of the report, none outdated
                assert not c.missing and not c.outdated, (seed, s.slug, c.summary())
            else:
                assert s.slug not in site.translations, (seed, s.slug)


# Build: a few archives, built strict


@pytest.fixture(scope="module", params=range(FIRST_SEED, FIRST_SEED + ARCHIVES),
                ids=lambda seed: f"seed{seed}")
def generated(request, tmp_path_factory) -> tuple[Archive, Path]:
    seed = request.param
    Html.forget()  # the pages of the archive built before
    # 1 to 4 seminars, each size among the first four seeds
    archive = make_archive(seed, seminars=1 + seed % 4)
    folder = tmp_path_factory.mktemp(f"generated{seed}")
    project = make_project(archive, folder / "project")
    site = folder / "site"
    result = build_site(project, site)
    assert result.returncode == 0, (seed, result.stderr[-3000:])
    assert "WARNING" not in result.stderr, (seed, result.stderr[-3000:])
    return archive, site


@pytest.mark.build
def test_no_internal_link_or_anchor_is_broken(generated):
    _, site = generated
    broken, pages = broken_links(site)
    assert broken == []
    assert pages > 20


@pytest.mark.build
def test_every_pages_metadata_is_in_its_language(generated):
    archive, site = generated
    # a name the data file gives only in Chinese is written so on English pages too
    chinese_names = sorted((p.zh for p in archive.people.values() if p.chinese_only), key=len,
                           reverse=True)
    chinese = []
    for lang, folder in LANGUAGES.items():
        for path in pages(site, lang):
            page = Html.read(path)
            rel = str(path.relative_to(site))
            assert page.root.attrs.get("lang") == lang, rel
            meta = page.metadata()
            assert meta["og:locale"] == ["zh_CN" if lang == "zh" else "en_US"], rel
            if "citation_language" in meta:
                assert meta["citation_language"] == [lang], rel
            if lang == "en":
                chinese += [(rel, name, value) for name, values in meta.items()
                            for value in values if HAN.search(without(value, chinese_names))]
    feed = feedparser.parse((site / "en" / "feed.xml").read_bytes())
    assert not feed.bozo and feed.feed.language == "en"
    for entry in feed.entries:
        texts = [entry.title, entry.get("summary", ""), *(t.term for t in entry.get("tags", [])),
                 *(c.name for c in entry.get("contributors", []))]
        chinese += [("en/feed.xml", entry.link, t) for t in texts
                    if HAN.search(without(t, chinese_names))]
    assert chinese == []


@pytest.mark.build
def test_every_seminar_is_on_the_front_page_and_in_the_feed(generated):
    archive, site = generated
    slugs = sorted(s.slug for s in archive.seminars)
    for lang, folder in LANGUAGES.items():
        home = Html.read(site / folder / "index.html")
        cards = [a for card in home.main.find_all("article", "seminar-card")
                 for a in card.find_all("a") if a.parent_tag == "h3"]
        assert sorted(target(f"{folder}index.html", a.attrs["href"])[0].split("/")[1]
                      for a in cards) == slugs, lang
        feed = feedparser.parse((site / folder / "feed.xml").read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        assert sorted(e.link.removeprefix(f"{SITE_URL}{folder}seminars/").strip("/")
                      for e in feed.entries) == slugs, lang


@pytest.mark.build
def test_every_speakers_page_lists_exactly_their_talks_and_answers(generated):
    archive, site = generated
    for lang, folder in LANGUAGES.items():
        assert sorted(p.name for p in (site / folder / "speakers").iterdir() if p.is_dir()) == \
            sorted(archive.people), lang
        for pid in archive.people:
            rel = f"{folder}speakers/{pid}/index.html"
            talks, turns = [], []  # each once
            for a in Html.read(site / rel).main.find_all("a"):
                found = seminar_link(rel, a.attrs.get("href", ""))
                if found and found[1] == "talks":
                    talks.append((found[0], found[2]))
                elif found and found[3]:
                    turns.append((found[0], found[2], found[3]))
            assert sorted(talks) == sorted((s.slug, t.slug) for s in archive.seminars
                                           for t in s.talks if t.speaker == pid), rel
            assert sorted(turns) == sorted((s.slug, q.slug, t.anchor) for s in archive.seminars
                                           for q in s.questions for t in q.turns
                                           if t.speaker == pid), rel


@pytest.mark.build
def test_every_link_to_a_talk_or_turn_leads_into_its_own_seminar(generated):
    archive, site = generated
    talks = {(s.slug, t.slug) for s in archive.seminars for t in s.talks}
    questions = {(s.slug, q.slug) for s in archive.seminars for q in s.questions}
    turns = {(s.slug, q.slug, t.anchor) for s in archive.seminars for q in s.questions
             for t in q.turns}
    wrong, quoted = [], 0
    for lang, folder in LANGUAGES.items():
        for path in pages(site, lang):
            rel = str(path.relative_to(site))
            page = Html.read(path)
            own = re.match(rf"^{folder}seminars/([^/]+)/", rel)
            for a in page.main.find_all("a"):
                found = seminar_link(rel, a.attrs.get("href", ""))
                if not found:
                    continue
                seminar, kind, slug, anchor = found
                if (seminar, slug) not in (talks if kind == "talks" else questions) or \
                        anchor and (seminar, slug, anchor) not in turns:
                    wrong.append((rel, a.attrs["href"], "no such talk or turn in that seminar"))
                    continue
                if own and own[1] != seminar:  # a seminar's pages link inside it
                    wrong.append((rel, a.attrs["href"], "another seminar"))
                # what the link quotes (a speaker page's excerpt of an answer, a topic page's
                # sentence) is said there
                words = quote_of(a)
                if words:
                    quoted += 1
                    there = Html.read(site / folder / f"seminars/{seminar}/{kind}/{slug}"
                                      / "index.html").said(anchor)
                    if squeeze(words) not in there:
                        wrong.append((rel, a.attrs["href"], words))
    assert wrong == []
    assert quoted > 0


# Helpers: the built site


def pages(site: Path, lang: str) -> list[Path]:
    """The HTML pages of a language (the 404 page is one for both)."""
    found = sorted(site.rglob("index.html"))
    return [p for p in found if p.relative_to(site).parts[0] == "en"] if lang == "en" else \
        [p for p in found if p.relative_to(site).parts[0] != "en"]


def without(text: str, names: list[str]) -> str:
    for name in names:
        text = text.replace(name, "")
    return text


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text).removesuffix("…")


def target(page: str, href: str) -> tuple[str, str]:
    """A link's page in the site, as a path without the language folder, and its fragment."""
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        return "", ""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    return path.removeprefix("en/").removeprefix("en") + "/", parts.fragment


def seminar_link(page: str, href: str) -> tuple[str, str, str, str] | None:
    """(seminar, "talks" or "panel", slug, turn anchor or "") of a link into a seminar."""
    path, fragment = target(page, href)
    m = SEMINAR_LINK.match(path)
    if not m:
        return None
    return m["seminar"], m["kind"], m["slug"], fragment if re.fullmatch(r"t\d+", fragment) else ""


def quote_of(a: "Element") -> str:
    """The report's words a link stands for: a speaker page's excerpt (the quote before the
    link, in a list of quotes) or a topic page's sentence (the quote after the link)."""
    li = a.ancestor("li")
    if li is None:
        return ""
    for tag, cls in (("blockquote", "occurrence"), ("span", "answer-quote")):
        quote = li.find_all(tag, cls)
        if quote:
            return quote[0].text()
    return ""


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Element:
    def __init__(self, tag: str, attrs: dict, parent: "Element | None"):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list = []

    @property
    def parent_tag(self) -> str:
        return self.parent.tag if self.parent else ""

    def ancestor(self, tag: str) -> "Element | None":
        node = self.parent
        while node is not None and node.tag != tag:
            node = node.parent
        return node

    def find_all(self, tag: str, cls: str = "") -> list["Element"]:
        out = []
        for child in self.children:
            if isinstance(child, Element):
                if child.tag == tag and (not cls or cls in child.attrs.get("class", "").split()):
                    out.append(child)
                out.extend(child.find_all(tag, cls))
        return out

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class Html(html.parser.HTMLParser):
    """A built page as a tree (no HTML library is among the requirements)."""

    _cache: dict[Path, "Html"] = {}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("", {}, None)
        self.node = self.root
        self.title = ""

    @classmethod
    def forget(cls) -> None:
        cls._cache.clear()

    @classmethod
    def read(cls, path: Path) -> "Html":
        if path not in cls._cache:
            page = cls()
            page.feed(path.read_text(encoding="utf-8"))
            page.root = next(c for c in page.root.children
                             if isinstance(c, Element) and c.tag == "html")
            cls._cache[path] = page
        return cls._cache[path]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs}, self.node)
        self.node.children.append(element)
        if tag not in VOID:
            self.node = element

    def handle_endtag(self, tag):
        node = self.node
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.node = node.parent

    def handle_data(self, data):
        self.node.children.append(data)

    @property
    def main(self) -> Element:
        """Material's content <article>: the page's own content."""
        return next(a for a in self.root.find_all("article") if "md-content__inner" in
                    a.attrs.get("class", ""))

    def metadata(self) -> dict[str, list[str]]:
        """<title>, the description, og:* and citation_* tags: name -> values."""
        out: dict[str, list[str]] = {"title": [e.text() for e in self.root.find_all("title")]}
        for m in self.root.find_all("meta"):
            name = m.attrs.get("name") or m.attrs.get("property", "")
            if name == "description" or name.startswith(("og:", "citation_")):
                out.setdefault(name, []).append(m.attrs.get("content", ""))
        return out

    def said(self, anchor: str = "") -> str:
        """The words of a page, or of one turn: whitespace squeezed out."""
        if not anchor:
            return squeeze(self.main.text())
        [turn] = [t for t in self.main.find_all("article", "turn")
                  if t.attrs.get("aria-labelledby") == anchor]
        return squeeze(turn.text())
