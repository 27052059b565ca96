"""Search index: Pagefind, one chunked index per language, built from the written site.

A reader downloads only the index chunks their query needs. Chinese is segmented here, by
jieba with the archive's own words (search_scope.user_words), and the words are handed to
Pagefind already split: Pagefind's own Chinese segmentation (index time) and the browser's
Intl.Segmenter (query time) split differently from each other and from jieba, so compound
terms and names went missing. Each language gets its own bundle (`pagefind/<lang>/`)
indexed under a language Pagefind does not segment, and the search worker
(overrides/assets/search-worker.js) splits a Chinese query with the words this index was
built from (`pagefind/words/`), so both sides agree.

What is indexed is the page's article, cleaned: no edit button, navigation links, copy-link
controls or provenance note; talk facts as "label: value"; topics and a person's names
weighted; the glossary, which names every term, weighted down; English pages whose text
is not translated yet keep their English title, facts and topics without the Chinese text.
No MkDocs import: the hook passes plain data.
"""

from __future__ import annotations

import html
import multiprocessing as mp
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import jieba

# Pagefind splits words on whitespace; a hair space marks the word boundaries jieba found
# inside Chinese text. Pagefind returns it as a space in excerpts and as itself in section
# titles; the worker removes both between Chinese characters
JOIN = "\u200a"
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Languages Pagefind leaves unsegmented: Chinese arrives split by jieba
INDEX_LANGUAGE = {"zh": "cmn"}
# Words of the query-side dictionary are spread over this many files by their first
# character, so a query fetches only the files of its own characters
WORD_BUCKETS = 16
TOPIC_WEIGHT = "4"  # topics and names: above body text (1), below the title (h1: 7)
SKIPPED_CLASSES = {"md-content__button", "turn-tools", "provenance", "translation-notice",
                   "headerlink", "quoted"}  # quoted: words of other pages, which are the results
BLOCKS = {"p", "li", "dt", "dd", "blockquote", "div", "section", "article", "ol", "ul", "dl",
          "table", "tr", "td", "th", "figure", "figcaption", "pre"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source"}
UNUSED_OUTPUT = ["pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
                 "pagefind-modular-ui.css", "pagefind-component-ui.js",
                 "pagefind-component-ui.css", "pagefind-highlight.js", "pagefind-worker.js"]


@dataclass
class Block:
    kind: str  # "h1".."h6", or "p"
    text: str = ""
    anchor: str = ""
    links_only: bool = True  # every word inside a link: a row of navigation links


@dataclass
class Article:
    lang: str
    canonical: str | None
    blocks: list[Block] = field(default_factory=list)


class _ArticleParser(HTMLParser):
    """The blocks of text of a Material page's article, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.blocks: list[Block] = []
        self.depth = 0  # inside <article class="md-content__inner">, counting nested tags
        self.skip = 0  # depth at which a skipped subtree started
        self.link = 0
        self.current: Block | None = None

    def _flush(self):
        if self.current is not None and self.current.text.strip():
            self.current.text = re.sub(r"\s+", " ", self.current.text).strip()
            self.blocks.append(self.current)
        self.current = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if not self.depth:
            if tag == "article" and "md-content__inner" in (a.get("class") or ""):
                self.depth = 1
            return
        if tag in VOID:
            if tag == "br" and self.current is not None:
                self.current.text += " "
            return
        self.depth += 1
        if self.skip:
            return
        classes = set((a.get("class") or "").split())
        untranslated = self.lang != "zh" and a.get("lang") == "zh" and "src" in classes
        if classes & SKIPPED_CLASSES or tag in ("script", "style", "svg") or untranslated:
            self.skip = self.depth
            return
        if tag in HEADINGS or (tag == "dt" and a.get("id")):
            self._flush()
            self.current = Block("h3" if tag == "dt" else tag, anchor=a.get("id", ""))
        elif tag in BLOCKS:
            if tag == "dd" and self.current is not None:
                # "Speaker: Deqing Sun", not "SpeakerDeqing Sun"
                self.current.text += "：" if self.lang == "zh" else ": "
                if self.current.kind.startswith("h"):  # a glossary term: its text follows
                    self._flush()
            elif tag == "dt" and self.current is not None and self.current.text.strip():
                self.current.text += " · "
            elif tag not in ("dt", "dd") or self.current is None:
                self._flush()
            if self.current is None:
                self.current = Block("p")
        elif tag == "a":
            self.link += 1

    def handle_endtag(self, tag):
        if not self.depth or tag in VOID:
            return
        self.depth -= 1
        if self.skip:
            if self.depth < self.skip:
                self.skip = 0
            return
        if not self.depth:  # the article ends
            self._flush()
            return
        if tag == "a":
            self.link = max(0, self.link - 1)
        elif tag in HEADINGS or tag in BLOCKS - {"dt", "dd", "dl"}:
            self._flush()
        elif tag == "dl":
            self._flush()

    def handle_data(self, data):
        if not self.depth or self.skip:
            return
        if self.current is None:
            self.current = Block("p")
        self.current.text += data
        if not self.link and data.strip(" \n\t·"):
            self.current.links_only = False


HTML_LANG = re.compile(r'<html[^>]*\slang="([^"]*)"')
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)"')
ARTICLE = '<article class="md-content__inner'


def read_article(page_html: str, url: str = "") -> Article | None:
    """The page's article, or None for a page whose canonical URL is another page (the
    side-by-side view), which is not parsed at all."""
    lang = HTML_LANG.search(page_html)
    canonical = CANONICAL.search(page_html)
    article = Article(lang.group(1).lower() if lang else "",
                      canonical.group(1) if canonical else None)
    if not _own_url(article, url):
        return None
    start = page_html.find(ARTICLE)
    if start < 0:
        return article
    # only the article: the navigation around it is most of a page's markup
    parser = _ArticleParser()
    parser.lang = article.lang
    parser.feed("<html><body>" + page_html[start:page_html.rfind("</article>") + 10])
    parser.close()
    article.blocks = parser.blocks
    return article


class Segmenter:
    """Chinese text split into jieba's words (with the archive's own words) for Pagefind."""

    def __init__(self, words: list[str]):
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.initialize()
        for w in words:
            self.tokenizer.add_word(w)
        self.vocabulary: set[str] = set()

    def __call__(self, text: str) -> str:
        if not HAN.search(text):
            return text
        out: list[str] = []
        for token in self.tokenizer.cut(text):
            if HAN.search(token) and len(token) > 1:
                self.vocabulary.add(token)
            if out and not out[-1][-1:].isspace() and not token[:1].isspace() and (
                    HAN.match(out[-1][-1]) or HAN.match(token[0])):
                out.append(JOIN)
            out.append(token)
        return "".join(out)


def page_document(article: Article, segment: Segmenter, topics: list[str],
                  weight: float = 1.0) -> str:
    """The HTML Pagefind indexes for one page: its title, weighted topics, then its text."""
    esc = html.escape
    lang = INDEX_LANGUAGE.get(article.lang, article.lang)
    parts = [f'<html lang="{esc(lang)}"><body><main data-pagefind-body>']
    body = [] if weight == 1.0 else [f'<div data-pagefind-weight="{weight:g}">']
    for b in article.blocks:
        if b.kind == "p" and b.links_only and "·" in b.text:
            continue  # "Back to the seminar · Read side by side": navigation, not content
        text = esc(segment(b.text))
        # the title is the page itself, not one of its sections
        anchor = f' id="{esc(b.anchor)}"' if b.anchor and b.kind != "h1" else ""
        target = parts if b.kind == "h1" else body
        target.append(f"<{b.kind}{anchor}>{text}</{b.kind}>")
    if weight != 1.0:
        body.append("</div>")
    if topics:  # after the title, before the first section: they belong to the whole page
        words = " · ".join(segment(t) for t in dict.fromkeys(topics))
        parts.append(f'<p data-pagefind-weight="{TOPIC_WEIGHT}">{esc(words)}</p>')
    parts.extend(body)
    parts.append("</main></body></html>")
    return "".join(parts)


def _own_url(article: Article, url: str) -> bool:
    """False for a page whose canonical URL is another page (the side-by-side view)."""
    if not article.canonical:
        return True
    return article.canonical.rstrip("/").endswith(url.rstrip("/"))


def _site_pages(site_dir: Path):
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel == "404.html" or rel.startswith(("pagefind/", "assets/")):
            continue
        yield rel, path


# What the processes that read pages share, set before they are forked (they inherit it)
_shared: dict = {}
# Below this many pages, reading them in one process is faster than starting others
PARALLEL_FROM = 400


def _documents(jobs: list[tuple[str, str]]) -> tuple[list[tuple[str, str, str]], set[str]]:
    """[(language, url, the HTML Pagefind indexes)] for the pages worth finding, and the
    Chinese words met."""
    segment, extra = _shared["segment"], _shared["extra"]
    segment.vocabulary = set()
    out = []
    for rel, path in jobs:
        url = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        article = read_article(Path(path).read_text(encoding="utf-8"), url)
        if article is None or not article.lang or not article.blocks:
            continue
        info = extra.get(rel, {})
        if info.get("weight") == 0:  # made of other pages' text (a topic): they are found
            continue
        out.append((article.lang, "/" + url,
                    page_document(article, segment, info.get("tags", []),
                                  info.get("weight", 1.0))))
    return out, segment.vocabulary


def documents(site_dir: Path, segment: Segmenter,
              extra: dict[str, dict]) -> tuple[dict[str, list], set[str]]:
    """{language: [(url, html)]} for every page worth finding, and the Chinese words met.

    Reading and segmenting is most of the indexing time: on a large site it is shared
    among processes forked with the segmenter already loaded.
    """
    jobs = [(rel, str(path)) for rel, path in _site_pages(site_dir)]
    _shared.update(segment=segment, extra=extra)
    workers = min(os.cpu_count() or 1, 4)
    if workers > 1 and len(jobs) >= PARALLEL_FROM and "fork" in mp.get_all_start_methods():
        with mp.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_documents, [jobs[i::workers] for i in range(workers)])
    else:
        parts = [_documents(jobs)]
    by_lang: dict[str, list] = {}
    vocabulary: set[str] = set()
    for docs, words in parts:
        vocabulary |= words
        for lang, url, doc in docs:
            by_lang.setdefault(lang, []).append((url, doc))
    for docs in by_lang.values():
        docs.sort()
    return by_lang, vocabulary


def _pagefind(docs: list[tuple[str, str]], root: Path, out: Path) -> subprocess.Popen:
    """Pagefind started on one language's documents, written to a folder first.

    The binary itself, not its Python binding: the binding reads one answer from its
    service every 0.1 s, which makes 1,300 pages take minutes.
    """
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise RuntimeError("the Pagefind binary is missing: pip install 'pagefind[extended]'")
    for url, doc in docs:  # sorted: a folder is made before the pages inside it
        path = root / url.lstrip("/")
        if url.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
            path = path / "index.html"
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(doc.encode("utf-8"))
    return subprocess.Popen([str(binary), "--site", str(root), "--output-path", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def write_words(words: set[str], target: Path) -> None:
    """The query side's dictionary: the index's Chinese words, by first character."""
    buckets: dict[int, list[str]] = {}
    for w in sorted(words):
        buckets.setdefault(ord(w[0]) % WORD_BUCKETS, []).append(w)
    target.mkdir(parents=True, exist_ok=True)
    for n in range(WORD_BUCKETS):
        (target / f"{n}.txt").write_text("\n".join(buckets.get(n, [])), encoding="utf-8")


_segmenters: dict[tuple, Segmenter] = {}


def build(site_dir: Path, user_words: list[str], extra: dict[str, dict]) -> dict[str, int]:
    """Write `pagefind/<lang>/` and `pagefind/words/` into the site; pages per language.

    `extra` maps a page's file (`en/glossary/index.html`) to what its HTML does not show:
    `tags` (topics, a person's names) and a `weight` for the whole text.
    """
    key = tuple(user_words)
    if key not in _segmenters:  # loading jieba's dictionary is the slow part: once per process
        _segmenters.clear()
        _segmenters[key] = Segmenter(user_words)
    by_lang, vocabulary = documents(site_dir, _segmenters[key], extra)
    out = site_dir / "pagefind"
    if out.exists():
        shutil.rmtree(out)
    runs = []
    with tempfile.TemporaryDirectory(prefix="pagefind-") as tmp:
        for lang, docs in by_lang.items():  # the languages are indexed side by side
            runs.append(_pagefind(docs, Path(tmp) / lang, out / lang))
        for run in runs:
            output, _ = run.communicate()
            if run.returncode:
                raise RuntimeError(f"Pagefind failed:\n{output}")
    for lang in by_lang:
        for name in UNUSED_OUTPUT:
            (out / lang / name).unlink(missing_ok=True)
    write_words(vocabulary, out / "words")
    return {lang: len(docs) for lang, docs in by_lang.items()}
