"""Search index: Pagefind, one chunked index per language, built beside the build from each
page as MkDocs writes it (Indexer).

A reader downloads only the index chunks their query needs. Chinese is segmented here, by
jieba with the archive's own words (search_scope.user_words), and the words are handed to
Pagefind already split: Pagefind's own Chinese segmentation (index time) and the browser's
Intl.Segmenter (query time) split differently from each other and from jieba, so compound
terms and names went missing. Each language gets its own bundle (`pagefind/<lang>/`)
indexed under a language Pagefind does not segment, and the search worker
(overrides/assets/search-worker.js) splits a Chinese query with the words this index was
built from (`pagefind/words/`), so both sides agree.

What is indexed is the page's article, cleaned: no edit button, navigation links, copy-link
controls, provenance note, topic chips, passage counts or citation; talk facts as "label:
value"; topics and a person's names weighted; the glossary, which names every term, weighted
down; English pages whose text is not translated yet keep their English title, facts and
topics without the Chinese text. What the page is ("圆桌问题 · 第 8 期", from the renderer)
goes with it as metadata, which the search worker shows under the result's title.
No MkDocs import: the hook passes plain data.
"""

from __future__ import annotations

import contextlib
import fcntl
import html
import logging
import os
import pickle
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import jieba

from archive.typography import HAN

# Pagefind splits words on whitespace; a hair space marks the word boundaries jieba found
# inside Chinese text. Pagefind returns it as a space in excerpts and as itself in section
# titles; the worker removes both between Chinese characters
JOIN = "\u200a"
# Languages Pagefind leaves unsegmented: Chinese arrives split by jieba
INDEX_LANGUAGE = {"zh": "cmn"}
# Words of the query-side dictionary are spread over this many files by their first
# character, so a query fetches only the files of its own characters
WORD_BUCKETS = 16
# What the pipe to the indexing process holds (Linux's limit for a user, by default)
PIPE_BYTES = 1 << 20
TOPIC_WEIGHT = "4"  # topics and names: above body text (1), below the title (h1: 7)
# quoted: words of other pages, which are the results; topic chips and counts: the topics are
# indexed as the page's weighted words (`tags`), and in a snippet they read as debris
# ("主题. 光流. 运动.", "GPU 1 处."); cite: the citation repeats the title and the names
SKIPPED_CLASSES = {"md-content__button", "turn-tools", "provenance", "translation-notice",
                   "headerlink", "quoted", "topic-chips-nav", "topic-count", "cite"}
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


def cut_article(page_html: str, url: str = "") -> tuple[str, str] | None:
    """(language, the article's markup) of a page, without parsing it; None for a page whose
    canonical URL is another page (the side-by-side view)."""
    lang = HTML_LANG.search(page_html)
    canonical = CANONICAL.search(page_html)
    if canonical and not canonical.group(1).rstrip("/").endswith(url.rstrip("/")):
        return None
    start = page_html.find(ARTICLE)
    # only the article: the navigation around it is most of a page's markup
    markup = page_html[start:page_html.rfind("</article>") + 10] if start >= 0 else ""
    return (lang.group(1).lower() if lang else ""), markup


def parse_article(lang: str, markup: str) -> Article:
    article = Article(lang)
    if markup:
        parser = _ArticleParser()
        parser.lang = lang
        parser.feed("<html><body>" + markup)
        parser.close()
        article.blocks = parser.blocks
    return article


def read_article(page_html: str, url: str = "") -> Article | None:
    """The page's article, or None for a view of another page, which is not parsed at all."""
    cut = cut_article(page_html, url)
    return None if cut is None else parse_article(*cut)


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
                  weight: float = 1.0, context: str = "") -> str:
    """The HTML Pagefind indexes for one page: its title, weighted topics, then its text;
    `context` (what the page is: "圆桌问题 · 第 8 期") goes with it as metadata, not words."""
    esc = html.escape
    lang = INDEX_LANGUAGE.get(article.lang, article.lang)
    parts = [f'<html lang="{esc(lang)}"><body><main data-pagefind-body>']
    if context:  # read from an attribute: nothing of it is indexed
        parts.append(f'<span data-pagefind-meta="context[data-context]" '
                     f'data-context="{esc(context)}"></span>')
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


def indexed_file(rel: str) -> bool:
    """Whether a written file of the site (`en/talks/x/index.html`) is a page to index."""
    return rel.endswith(".html") and rel != "404.html" and not rel.startswith(
        ("pagefind/", "assets/"))


def page_url(rel: str) -> str:
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


class Indexer:
    """The index built beside the build: MkDocs hands each page over as it writes it, and a
    process of its own (this file run as a script) parses and segments it meanwhile, then
    starts Pagefind on a language as soon as the build moves on to the next one.

    The build uses one core; the second one loads jieba, reads and splits the pages and runs
    Pagefind on the Chinese index while the English pages are still being written, so what
    is left at the end is the last language's Pagefind run. Nothing is read back from the
    written site (but pages the build did not hand over, as with `mkdocs serve --dirty`).
    """

    def __init__(self, site_dir: Path, user_words: list[str]):
        started = time.perf_counter()
        # a group of its own: abandoning it stops the Pagefind runs it started too
        self.process = subprocess.Popen([sys.executable, __file__], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, bufsize=0,
                                        start_new_session=True)
        # The build never waits for the process (which takes nothing while it loads jieba,
        # and is slower on Chinese pages than the build is): what the pipe cannot take yet
        # waits here, and goes with the next page
        self.pending = bytearray()
        self.pipe = self.process.stdin.fileno()
        os.set_blocking(self.pipe, False)
        with contextlib.suppress(AttributeError, OSError):  # Linux only; or the default 64 KB
            fcntl.fcntl(self.pipe, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        self.seconds = time.perf_counter() - started  # spent in the build's own process
        self._send((str(site_dir), user_words))

    def _send(self, message) -> None:
        started = time.perf_counter()
        self.pending += pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        while self.pending:
            try:
                del self.pending[:os.write(self.pipe, self.pending)]
            except BlockingIOError:
                break  # the pipe is full
            except OSError:  # the process stopped: finish() tells why
                self.pending.clear()
        self.seconds += time.perf_counter() - started

    def begin(self, lang: str) -> None:
        """The build starts on a language: the languages before it are complete."""
        self._send(("begin", lang))

    def page(self, rel: str, page_html: str, extra: dict) -> None:
        """A page as MkDocs writes it; `extra` holds what its HTML does not show: `tags`
        (topics, a person's names) and a `weight` for the whole text."""
        if indexed_file(rel):
            started = time.perf_counter()
            cut = cut_article(page_html, page_url(rel)[1:]) or ("", "")
            self.seconds += time.perf_counter() - started
            self._send(("page", rel, *cut, extra))

    def finish(self) -> dict:
        """Waits for the index: pages per language and the seconds of work done beside the
        build."""
        started = time.perf_counter()
        os.set_blocking(self.pipe, True)
        self._send(("finish",))
        self.process.stdin.close()
        answer = self.process.stdout.read()
        self.process.wait()
        self.seconds += time.perf_counter() - started
        result = pickle.loads(answer) if answer else {
            "error": f"the indexing process stopped (exit status {self.process.returncode})"}
        if "error" in result:
            raise RuntimeError(f"search index failed:\n{result['error']}")
        return result

    abandoned = False

    def abandon(self) -> None:
        """A build that stopped half way: its index is not wanted, and nothing may write
        into the site folder any more (`mkdocs serve` deletes it)."""
        self.abandoned = True
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)  # the process and its Pagefind runs
        self.process.wait()


def write_words(words: set[str], target: Path) -> None:
    """The query side's dictionary: the index's Chinese words, by first character."""
    buckets: dict[int, list[str]] = {}
    for w in sorted(words):
        buckets.setdefault(ord(w[0]) % WORD_BUCKETS, []).append(w)
    target.mkdir(parents=True, exist_ok=True)
    for n in range(WORD_BUCKETS):
        (target / f"{n}.txt").write_text("\n".join(buckets.get(n, [])), encoding="utf-8")


class _Worker:
    """The indexing process's side: documents written for Pagefind as pages arrive, one
    Pagefind run per language once the language is complete."""

    def __init__(self, site_dir: Path, user_words: list[str], tmp: Path):
        self.site_dir, self.tmp = site_dir, tmp
        self.segment = Segmenter(user_words)
        self.seen: set[str] = set()
        self.counts: dict[str, int] = {}
        self.begun: list[str] = []
        self.waiting: set[str] = set()  # languages with documents Pagefind has not indexed
        self.runs: dict[str, subprocess.Popen] = {}
        self.logs: dict[str, object] = {}
        self.folders: set[Path] = set()

    def page(self, rel: str, lang: str, markup: str, extra: dict) -> None:
        self.seen.add(rel)
        if extra.get("weight") == 0:  # made of other pages' text (a topic): they are found
            return
        article = parse_article(lang, markup)
        if not lang or not article.blocks:
            return
        doc = page_document(article, self.segment, extra.get("tags", []),
                            extra.get("weight", 1.0), extra.get("context", ""))
        url = page_url(rel)
        path = self.tmp / lang / url.lstrip("/")
        if url.endswith("/"):
            path = path / "index.html"
        if path.parent not in self.folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(path.parent)
        path.write_bytes(doc.encode("utf-8"))
        self.counts[lang] = self.counts.get(lang, 0) + 1
        self.waiting.add(lang)

    def begin(self, lang: str) -> None:
        for done in self.begun:
            self._pagefind(done)
        self.begun.append(lang)

    def _pagefind(self, lang: str) -> None:
        """Pagefind started on a language's documents.

        The binary itself, not its Python binding: the binding reads one answer from its
        service every 0.1 s, which makes 1,300 pages take minutes.
        """
        if lang not in self.waiting:
            return
        self.waiting.discard(lang)
        if lang in self.runs:  # pages read late (serve --dirty): index them all again
            self._wait(lang)
        from pagefind.service import get_executable

        binary = get_executable()
        if binary is None:
            raise RuntimeError("the Pagefind binary is missing: pip install 'pagefind[extended]'")
        out = self.site_dir / "pagefind" / lang
        shutil.rmtree(out, ignore_errors=True)
        self.logs[lang] = tempfile.TemporaryFile()
        self.runs[lang] = subprocess.Popen(
            [str(binary), "--site", str(self.tmp / lang), "--output-path", str(out)],
            stdout=self.logs[lang], stderr=subprocess.STDOUT)

    def _wait(self, lang: str) -> None:
        run = self.runs[lang]
        if run.wait():
            self.logs[lang].seek(0)
            raise RuntimeError(f"Pagefind failed on {lang}:\n"
                               + self.logs[lang].read().decode("utf-8", "replace"))
        for name in UNUSED_OUTPUT:
            (self.site_dir / "pagefind" / lang / name).unlink(missing_ok=True)

    def finish(self) -> dict:
        for rel in sorted(p.relative_to(self.site_dir).as_posix()
                          for p in self.site_dir.rglob("*.html")):
            if indexed_file(rel) and rel not in self.seen:  # not handed over: read it
                page_html = (self.site_dir / rel).read_text(encoding="utf-8")
                self.page(rel, *(cut_article(page_html, page_url(rel)[1:]) or ("", "")), {})
        for lang in sorted(self.waiting):
            self._pagefind(lang)
        for lang in list(self.runs):
            self._wait(lang)
        write_words(self.segment.vocabulary, self.site_dir / "pagefind" / "words")
        return {"counts": self.counts}

    def close(self) -> None:
        for run in self.runs.values():
            if run.poll() is None:
                run.kill()
                run.wait()


def _serve(source, answer) -> None:
    """The indexing process: messages from Indexer until "finish", then one answer."""
    started = time.process_time()
    try:
        site_dir, user_words = pickle.load(source)
    except EOFError:
        return  # the build stopped at once
    result = None
    with tempfile.TemporaryDirectory(prefix="pagefind-") as tmp:
        worker = None
        try:
            worker = _Worker(Path(site_dir), user_words, Path(tmp))
            while result is None:
                message = pickle.load(source)
                if message[0] == "page":
                    worker.page(*message[1:])
                elif message[0] == "begin":
                    worker.begin(message[1])
                else:
                    result = worker.finish()
        except EOFError:
            return  # the build stopped half way: nothing to index
        except Exception:
            result = {"error": traceback.format_exc()}
        finally:
            if worker is not None:
                worker.close()
    # CPU seconds, Pagefind's included: work done beside the build, not time it waited
    pagefind = resource.getrusage(resource.RUSAGE_CHILDREN)
    result["seconds"] = time.process_time() - started + pagefind.ru_utime + pagefind.ru_stime
    try:
        pickle.dump(result, answer)
        answer.flush()
    except BrokenPipeError:
        pass  # the build is gone (a `serve --dirty` stopped while its index caught up)


if __name__ == "__main__":
    # jieba's dictionary messages are noise in the build's log
    jieba.setLogLevel(logging.WARNING)
    _serve(sys.stdin.buffer, sys.stdout.buffer)
