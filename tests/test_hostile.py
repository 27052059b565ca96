"""Hostile and careless input in the files a contributor edits besides the report: the data
file (its addresses and recording included), the glossary, the papers file and the
translation file.

Every text field gets a payload built to become markup in each context a value can land in
(HTML text, attributes, <title>, URLs, Markdown, Jinja, JSON-LD, comments); the real site is
built from that copy and every page is parsed as a browser parses it (html5lib, the WHATWG
algorithm) to prove that no payload became a tag, an attribute, a link, a comment or a
script, and that each one is still there as text. Slugs, ids, YAML features and malformed
translation units must stop the strict build with a `seeds/<file>:<line>:` message and no
traceback; so must the organisers' check.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib
import pytest
import yaml

import serve
from archive import datafile, parse
from archive.model import Recording
from archive.errors import SeedError
from conftest import DATA, ROOT, SEED, build_site, copy_project, indexed_pages
from harness import fetch, taken, wait_for
from test_serve import server  # noqa: F401 (`mkdocs serve` on a copy of the project)

TXT = "seeds/2021-01-09-low-level-vision.txt"
YML = "seeds/2021-01-09-low-level-vision.yml"
EN = "seeds/2021-01-09-low-level-vision.en.txt"
GLOSSARY = "seeds/glossary.yml"
PAPERS = "seeds/papers.yml"
SEMINAR = "seminars/8-low-level-vision"

# Each payload starts with a marker (letters and digits: one search term) naming its field.
CORE = ('"\'><script>alert(1)</script><img src=x onerror=alert(1)></title></textarea>'
        '<!--<a href="javascript:alert(1)">x</a> *m* [l](javascript:alert(1)) {{ 7*7 }} '
        '{% raw %} &lt; &amp; | {: #injected } ]]>')
# An abbreviation made of markup characters, and one that is part of an HTML entity.
ABBR = 'X"<b>Y'
VARIANT = "V'<b>W"  # another spelling of an abbreviation
ENTITY_ABBR = "lt"


def payload(marker: str) -> str:
    return f"{marker}{CORE}"


# Addresses are checked (no quotes, spaces or <>), so theirs are the characters an address
# may hold that mean something in HTML or Markdown: &, #, %, ;, =, parentheses, brackets.
SOURCE_URL = "https://example.org/hxsourceurl/%22%3E%3Cb%3E?a=1&b=%3Cscript%3E;c=(x)[y]#z"
VIDEO_URL = "https://www.bilibili.com/video/hxvideo?p=1&amp=%3Cb%3E#t"


# Building the hostile copy


def hostile_data(data: dict) -> dict[str, str]:
    """Payloads in every text field of the data file; returns marker -> field."""
    fields = {}

    def put(marker: str, field: str) -> str:
        fields[marker] = field
        return payload(marker)

    for key in ("title", "organiser", "source"):
        data[key] = {lang: put(f"hx{key}{lang}", f"{key}.{lang}") for lang in ("zh", "en")}
    data["source"]["url"] = SOURCE_URL
    data["recording"] = {"url": VIDEO_URL, "platform": "bilibili"}
    for n, (pid, person) in enumerate(data["people"].items()):
        # the report still names them: their real names become aliases
        person["aliases"] = [*person.get("aliases", []), person["name"]["zh"],
                             person["name"]["en"], put(f"hxalias{n}", f"people.{pid}.aliases")]
        for key in ("name", "affiliation"):
            person[key] = {lang: put(f"hx{key}{n}{lang}", f"people.{pid}.{key}.{lang}")
                           for lang in ("zh", "en")}
    for kind, text_key in (("talks", "title"), ("questions", "short")):
        for n, entry in enumerate(data[kind]):
            for key in (text_key, "topics"):
                entry[key] = {lang: put(f"hx{kind}{key}{n}{lang}", f"{kind}[{n}].{key}.{lang}")
                              for lang in ("zh", "en")}
            entry["start"] = f"0:{n:02d}:59"
    return fields


def hostile_papers(papers: dict) -> dict[str, str]:
    """Payloads in every text of every paper (its names and terms stay: they must match)."""
    fields = {}
    for n, paper in enumerate(papers["papers"]):
        for key in ("title", "venue"):
            fields[f"hxpaper{key}{n}"] = f"papers[{n}].{key}"
            paper[key] = payload(f"hxpaper{key}{n}")
        fields[f"hxpaperauthor{n}"] = f"papers[{n}].authors"
        paper["authors"] = [payload(f"hxpaperauthor{n}"), *paper["authors"][1:]]
    return fields


def hostile_glossary(glossary: dict) -> dict[str, str]:
    fields = {}
    for n, entry in enumerate(glossary["entries"]):
        for key in ("zh", "en"):
            fields[f"hxterm{n}{key}"] = f"entries[{n}].{key}"
            entry[key] = payload(f"hxterm{n}{key}")
        entry["explain"] = {lang: payload(f"hxexplain{n}{lang}") for lang in ("zh", "en")}
        fields.update({f"hxexplain{n}{lang}": f"entries[{n}].explain.{lang}"
                       for lang in ("zh", "en")})
    glossary["entries"] += [
        {"id": "markup-abbreviation", "abbr": ABBR, "zh": payload("hxabbrzh"),
         "en": payload("hxabbren"), "explain": {"zh": payload("hxabbrtipzh"),
                                                "en": payload("hxabbrtipen")}},
        {"id": "entity-abbreviation", "abbr": ENTITY_ABBR, "zh": "lt", "en": "lt"},
        {"id": "variant-abbreviation", "abbr": "ZZQ", "variants": [VARIANT],
         "zh": payload("hxvariantzh"), "en": payload("hxvarianten")},
    ]
    return fields


# Units whose English is replaced, and where each shows (besides the side-by-side views).
UNITS = ["title", "intro/1", "talk/noise-modeling/1", "closing/1", "transcript-heading",
         "open-problems-and-trends/t02"]


def hostile_translation(text: str) -> dict[str, str]:
    """The translation file with payloads in some units (and in a unit line's free words)."""
    out, fields, skip = [], {}, False
    for line in text.split("\n"):
        m = re.match(r"^\[(\S+)\] ([0-9a-f]{8})\b", line)
        if m:
            skip = False
            out.append(f"{m[0]}  {payload('hxunitlabel')}")
            unit = m[1]
            if unit in UNITS:
                marker = f"hxunit{UNITS.index(unit)}"
                fields[marker] = f"[{unit}]"
                out.append(f"{payload(marker)} {ABBR} {ENTITY_ABBR} {VARIANT}")
                skip = True
            elif unit == "panel/1":  # the full questions are quoted from it
                out.append("、".join(f"“{payload(f'hxquoted{i}')}”" for i in range(6)))
                fields.update({f"hxquoted{i}": f"[panel/1] question {i + 1}" for i in range(6)})
                skip = True
            continue
        if not skip:
            out.append(line)
    return "\n".join(out), fields


def make_hostile(project: Path) -> dict[str, str]:
    data = yaml.safe_load((project / YML).read_text(encoding="utf-8"))
    fields = hostile_data(data)
    (project / YML).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                               encoding="utf-8")
    glossary = yaml.safe_load((project / GLOSSARY).read_text(encoding="utf-8"))
    fields.update(hostile_glossary(glossary))
    (project / GLOSSARY).write_text(yaml.safe_dump(glossary, allow_unicode=True,
                                                   sort_keys=False), encoding="utf-8")
    papers = yaml.safe_load((project / PAPERS).read_text(encoding="utf-8"))
    fields.update(hostile_papers(papers))
    (project / PAPERS).write_text(yaml.safe_dump(papers, allow_unicode=True, sort_keys=False),
                                  encoding="utf-8")
    translated, unit_fields = hostile_translation((project / EN).read_text(encoding="utf-8"))
    (project / EN).write_text(translated, encoding="utf-8")
    fields.update(unit_fields)
    return fields


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    project = copy_project(tmp / "p", only=SEED.stem)
    fields = make_hostile(project)
    result = build_site(project, tmp / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    return tmp / "site", fields


# Reading pages as a browser does


@functools.lru_cache(maxsize=512)
def parsed(path: Path) -> ET.Element:
    return html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href"}


def markup_problems(doc: ET.Element) -> list[str]:
    """Everything in a parsed page that only a payload could have made."""
    out = []
    for el in doc.iter():
        if el.tag is ET.Comment:
            if "alert" in (el.text or "") or "hx" in (el.text or ""):
                out.append(f"comment {el.text[:80]!r}")
            continue
        for name, value in el.attrib.items():
            if name.lower().startswith("on"):
                out.append(f"<{el.tag} {name}=...>")
            if name.lower() in URL_ATTRIBUTES and "javascript:" in value.lower():
                out.append(f"<{el.tag} {name}={value[:60]!r}>")
            if name == "id" and value == "injected":
                out.append(f"<{el.tag} id=injected>")
        if el.tag == "img" and el.get("src") == "x":
            out.append("<img src=x>")
        if el.tag in ("b", "textarea"):
            out.append(f"<{el.tag}>")
        if el.tag == "script":
            text = el.text or ""
            if el.get("type") == "application/ld+json":
                json.loads(text)  # the whole block is JSON: nothing escaped out of it
                if "<" in text:  # "<!--" or "</script" would end or hide the block
                    out.append(f"'<' in JSON-LD {text[:80]!r}")
            elif (el.get("id") or "").startswith("__other_language"):
                # the 404 page's other language (hooks/not_found.py): HTML carried as JSON
                if "<" in text:
                    out.append(f"'<' in the 404 page's data {text[:80]!r}")
                other = json.loads(text)["body"]
                out += markup_problems(html5lib.parse(other, namespaceHTMLElements=False))
            elif "alert(" in text:
                out.append(f"script running {text[:80]!r}")
    return out


def text_of(el: ET.Element) -> str:
    return "".join(el.itertext())


def page(site: Path, path: str) -> ET.Element:
    return parsed(site / path / "index.html")


# The battery


def test_no_payload_becomes_markup_on_any_page(hostile_site):
    site, _ = hostile_site
    problems = {str(p.relative_to(site)): markup_problems(parsed(p)) for p in html_pages(site)}
    assert {k: v for k, v in problems.items() if v} == {}


def test_every_payload_is_visible_as_literal_text(hostile_site):
    site, fields = hostile_site
    texts = "\n".join(text_of(parsed(p)) for p in html_pages(site))
    attributes = "\n".join(v for p in html_pages(site) for el in parsed(p).iter()
                           if el.tag is not ET.Comment for v in el.attrib.values())
    lost = []
    for marker, field in fields.items():
        if "topics" in field:  # search keywords: checked in the search index below
            continue
        if payload(marker) not in texts + attributes:
            lost.append(field)
    assert lost == []
    assert payload("hxunitlabel") not in texts  # a unit line's free words are never shown


@pytest.mark.build
def test_no_page_is_lost_or_added(hostile_site, tmp_path):
    site, _ = hostile_site
    clean = tmp_path / "site"  # the same seminar, its files untouched
    result = build_site(copy_project(tmp_path / "p", only=SEED.stem), clean)
    assert result.returncode == 0, result.stderr[-3000:]

    def listing(root):
        # a data file's topics name their pages, so hostile topics make other topic pages
        return sorted(str(p.relative_to(root)) for p in html_pages(root)
                      if not re.match(r"(en/)?topics/[^/]+/", str(p.relative_to(root))))

    assert listing(site) == listing(clean)
    for p in html_pages(site):  # and those names are safe ones
        name = re.match(r"(?:en/)?topics/([^/]+)/", str(p.relative_to(site)))
        assert not name or re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name[1]), name


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_titles_in_title_header_og_and_navigation(hostile_site, lang):
    site, _ = hostile_site
    doc = page(site, ("en/" if lang == "en" else "") + f"{SEMINAR}/talks/noise-modeling")
    colon = "：" if lang == "zh" else ": "  # the interface's colon, full-width in Chinese
    title = f"{payload(f'hxname2{lang}')}{colon}{payload(f'hxtalkstitle2{lang}')}"
    assert text_of(doc.find(".//title")).startswith(title + " - ")
    label = f"{payload(f'hxname2{lang}')} · {payload(f'hxtalkstitle2{lang}')}"  # navigation
    og = doc.find(".//meta[@property='og:title']")
    assert og.get("content") == label
    assert text_of(doc.find(".//h1")) == payload(f"hxtalkstitle2{lang}")
    nav = [text_of(a).strip() for a in doc.iter("a") if "md-nav__link" in a.get("class", "")]
    assert label in nav
    number = "Seminar 8" if lang == "en" else "第 8 期"
    section = f"{number} · {payload(f'hxtitle{lang}')}"
    assert section in [text_of(s).strip() for s in doc.iter("label")]
    assert section in [n.get("aria-label") for n in doc.iter("nav")]
    header = [text_of(s).strip() for s in doc.iter("span")
              if s.get("class") == "md-ellipsis" and "hx" in text_of(s)]
    assert title in header


def test_addresses_are_links_exactly_as_written(hostile_site):
    site, _ = hostile_site
    for lang in ("", "en/"):
        doc = page(site, f"{lang}{SEMINAR}/talks/noise-modeling")
        hrefs = [a.get("href") for a in doc.iter("a")]
        assert SOURCE_URL in hrefs  # the provenance note
        link = next(a for a in doc.iter("a") if a.get("class") == "recording-link")
        # talks[2] starts at 0:02:59; the query's other values kept, re-encoded
        assert link.get("href") == Recording(VIDEO_URL, "bilibili").at(179) == (
            "https://www.bilibili.com/video/hxvideo?p=1&amp=%3Cb%3E&t=179#t")
        assert SOURCE_URL in text_of(doc)
        bib = next(c for c in doc.iter("code") if "@misc" in text_of(c))
        assert "hxsourceurl" in text_of(bib)


def test_json_ld_holds_each_value_exactly(hostile_site):
    site, _ = hostile_site
    doc = page(site, f"{SEMINAR}/talks/noise-modeling")
    script = next(s for s in doc.iter("script") if s.get("type") == "application/ld+json")
    assert "<" not in script.text and "&" not in script.text  # \u003c, \u0026 instead
    data = json.loads(script.text)
    assert data["name"] == payload("hxtalkstitle2zh")
    assert data["performer"][0]["name"] == payload("hxname2zh")
    assert data["performer"][0]["affiliation"]["name"] == payload("hxaffiliation2zh")
    assert data["organizer"]["name"] == payload("hxorganiserzh")


def test_glossary_terms_and_their_links(hostile_site):
    site, _ = hostile_site
    doc = page(site, "en/glossary")
    dts = {dt.get("id"): text_of(dt) for dt in doc.iter("dt")}
    assert payload("hxterm0en") in dts["low-level-vision"]
    talk = page(site, f"en/{SEMINAR}/talks/noise-modeling")
    terms = [a for a in talk.iter("a") if a.get("class") == "term"]
    marked = next(a for a in terms if text_of(a) == ABBR)
    assert marked.get("data-tip") == payload("hxabbrtipen")
    assert marked.get("href") == "../../../../glossary/#markup-abbreviation"
    variant = next(a for a in terms if text_of(a) == VARIANT)
    assert variant.get("data-tip") == payload("hxvarianten")  # the term, without explanation
    assert variant.get("href") == "../../../../glossary/#variant-abbreviation"
    # "lt" is marked where it is a word, never inside the text "&lt;" of the payload
    paragraph = next(p for p in talk.iter("p") if p.get("data-unit") == "talk/noise-modeling/1")
    assert text_of(paragraph) == f"{payload('hxunit2')} {ABBR} {ENTITY_ABBR} {VARIANT}"
    assert "lt" in [text_of(a) for a in terms]


def test_search_keywords_are_text_in_the_search_index(hostile_site):
    site, _ = hostile_site
    # the search index reads topics as text: the payload is there, whole, as characters
    contents = [p["content"] for p in indexed_pages(site, "en")]
    assert any(payload("hxtalkstopics2en") in c for c in contents)


@pytest.fixture(scope="module")
def hostile_server(hostile_site):
    site, _ = hostile_site
    httpd, url = serve.start(site)
    yield url
    httpd.shutdown()


BROWSED = ["", f"{SEMINAR}/", f"{SEMINAR}/talks/noise-modeling/",
           f"{SEMINAR}/panel/open-problems-and-trends/",
           f"{SEMINAR}/side-by-side/noise-modeling/", "speakers/", "speakers/ying-fu/",
           "glossary/", "en/", f"en/{SEMINAR}/", f"en/{SEMINAR}/talks/noise-modeling/",
           f"en/{SEMINAR}/panel/open-problems-and-trends/", "en/speakers/", "en/glossary/"]


def test_no_script_runs_in_chromium(browser, hostile_server):
    context = browser.new_context()
    tab = context.new_page()
    tab.set_default_timeout(15000)
    dialogs = []
    tab.on("dialog", lambda d: (dialogs.append(f"{tab.url}: {d.message}"), d.dismiss()))
    tab.route("**/*", lambda r: r.continue_() if r.request.url.startswith(hostile_server)
              else r.abort())
    try:
        for path in BROWSED:
            tab.goto(f"{hostile_server}/{path}")
            tab.wait_for_load_state("load")
            assert tab.evaluate("document.querySelectorAll('img[src=\"x\"], b').length") == 0
        # search results show titles and keywords, which Material inserts as HTML
        tab.goto(f"{hostile_server}/en/")
        tab.keyboard.press("/")
        box = tab.locator("input.md-search__input")
        box.press_sequentially("hxtalkstopics2en")
        box.press("End")
        result = tab.locator(".md-search-result__item").first
        result.wait_for()
        assert "hxtalkstopics2en" in result.inner_text()
        assert tab.evaluate("document.querySelectorAll('.md-search-result img, "
                            ".md-search-result script').length") == 0
    finally:
        context.close()
    assert dialogs == []


# What must stop the build: one copy per group of mistakes, every one named with its line


def line_of(text: str, needle: str) -> int:
    return next(i for i, s in enumerate(text.split("\n"), 1) if needle in s)


def strict_failure(tmp_path, changes: dict) -> tuple[str, dict]:
    """Build a copy with `changes` (file -> function on its text); return its stderr and the
    changed texts."""
    project = copy_project(tmp_path / "p", only=SEED.stem)
    texts = {}
    for name, change in changes.items():
        path = project / name
        texts[name] = change(path.read_text(encoding="utf-8"))
        path.write_text(texts[name], encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    check = subprocess.run([sys.executable, "-m", "tools.check", str(project / TXT)],
                           capture_output=True, text=True, timeout=120, cwd=project)
    assert check.returncode == 1 and "Traceback" not in check.stderr, check.stderr[-2000:]
    return result.stderr, texts


@pytest.mark.build
def test_slugs_and_ids_outside_the_pattern_or_reserved(tmp_path):
    def change(text):
        text = text.replace("slug: noise-modeling", "slug: '..'")
        text = text.replace("slug: deep-generative-prior", "slug: ../index")
        text = text.replace("slug: learning-based-sensing", "slug: a/b")
        text = text.replace("slug: open-problems-and-trends", "slug: '..'")
        text = text.replace("slug: network-design-and-priors", "slug: /etc/passwd")
        text = text.replace("slug: transformers-in-low-level-vision", "slug: Side-By-Side")
        text = text.replace("hongbin-zha", "index").replace("jinshan-pan", "'..'")
        return text.replace("slug: 8-low-level-vision", "slug: talks")
    err, texts = strict_failure(tmp_path, {YML: change})
    yml = texts[YML]
    for needle, value in [("slug: '..'", ".."), ("slug: ../index", "../index"),
                          ("slug: a/b", "a/b"), ("slug: /etc/passwd", "/etc/passwd"),
                          ("slug: Side-By-Side", "Side-By-Side"), ("  '..':", "..")]:
        assert f"{YML}:{line_of(yml, needle)}: '{value}' is not a valid slug or id" in err, needle
    for needle, value in [("  index:", "index"), ("slug: talks", "talks")]:
        assert (f"{YML}:{line_of(yml, needle)}: '{value}' is a name the site uses for its own "
                "pages") in err, needle


@pytest.mark.build
def test_yaml_beyond_plain_data(tmp_path):
    def change(text):
        text = text.replace("number: 8", "number: !!int abc")
        text = text.replace("date: 2021-01-09", "date: !!timestamp garbage")
        text = text.replace("chair: jinshan-pan", "chair: !!python/object/apply:os.system [id]")
        text = text.replace("  zh: 底层视觉的前沿进展与未来趋势", "  zh: !foo 底层视觉的前沿进展与未来趋势")
        bomb = "\n".join([f"b0: &b0 [x, x, x, x, x, x, x, x, x, x]"] + [
            f"b{i}: &b{i} [" + ", ".join([f"*b{i - 1}"] * 10) + "]" for i in range(1, 9)])
        return text + "\n" + bomb + "\n"
    err, texts = strict_failure(tmp_path, {YML: change})
    yml = texts[YML]
    for needle, what in [("!!int abc", "YAML tag '!!int'"),
                         ("!!timestamp", "YAML tag '!!timestamp'"),
                         ("!!python", "YAML tag '!!python/object/apply:os.system'"),
                         ("!foo", "YAML tag '!foo'"), ("b0: &b0", "YAML anchor '&b0'"),
                         ("b1: &b1", "YAML alias '*b0'")]:
        assert f"{YML}:{line_of(yml, needle)}: {what} is not allowed" in err, what


@pytest.mark.build
def test_merge_keys_and_impossible_dates(tmp_path):
    err, texts = strict_failure(tmp_path, {
        YML: lambda t: t.replace("  deqing-sun:\n", "  deqing-sun:\n    <<: {x: 1}\n")})
    assert f"{YML}:{line_of(texts[YML], '<<:')}: YAML merge key '<<' is not allowed" in err
    err, texts = strict_failure(tmp_path / "date", {
        YML: lambda t: t.replace("date: 2021-01-09", "date: 2021-02-30")})
    assert (f"{YML}:{line_of(texts[YML], '2021-02-30')}: '2021-02-30' is not a valid date"
            in err)


@pytest.mark.build
def test_glossary_ids_and_text(tmp_path):
    def change(text):
        text = text.replace("- id: low-level-vision", "- id: '\"><script>alert(1)</script>'")
        text = text.replace("- id: high-level-vision", "- id: glossary")
        return text.replace("    en: denoising", "    en: |\n      two\n      lines")
    err, texts = strict_failure(tmp_path, {GLOSSARY: change})
    g = texts[GLOSSARY]
    assert f"{GLOSSARY}:{line_of(g, '<script>')}: '\"><script>alert(1)</script>' is not a " \
           "valid slug or id" in err
    assert f"{GLOSSARY}:{line_of(g, 'id: glossary')}: 'glossary' is a name the site uses" in err
    assert f"{GLOSSARY}:{line_of(g, 'en: |')}: 'entries[4].en' holds a line break" in err


@pytest.mark.build
def test_addresses_times_and_papers_that_do_not_fit(tmp_path):
    def data(text):
        text = text.replace("  url: https://tc.ccf.org.cn/",
                            "  url: javascript:alert(1)//tc.ccf.org.cn/")
        text = text.replace("chair: jinshan-pan", "recording:\n  url: 'https://www.bilibili.com/"
                            "video/\"><script>'\n  platform: bilibili\nchair: jinshan-pan")
        return text.replace("    speaker: ying-fu\n", "    speaker: ying-fu\n    start: 1:2:3\n")

    def papers(text):
        text = text.replace('arxiv: "1709.02371"', "arxiv: '1709.02371\"><script>'")
        text = text.replace("doi: 10.1145/3072959.3073592", "doi: 10.1145/<script>")
        return text.replace("- id: vgg", "- id: '../vgg'")
    err, texts = strict_failure(tmp_path, {YML: data})
    yml = texts[YML]
    assert f"{YML}:{line_of(yml, 'javascript:')}: 'source.url' is not a web address" in err
    assert f"{YML}:{line_of(yml, '<script>')}: 'recording.url' is not a web address" in err
    assert f"{YML}:{line_of(yml, 'start: 1:2:3')}: 'talks[3].start' is not a time" in err
    err, texts = strict_failure(tmp_path / "papers", {PAPERS: papers})
    pap = texts[PAPERS]
    arxiv = line_of(pap, "arxiv: '1709")
    assert f"{PAPERS}:{arxiv}: 'papers[1].arxiv' is not an arXiv" in err
    assert f"{PAPERS}:{line_of(pap, 'doi: 10.1145/<')}: 'papers[6].doi' is not a DOI" in err
    assert f"{PAPERS}:{line_of(pap, '../vgg')}: '../vgg' is not a valid slug or id" in err


@pytest.mark.build
def test_translation_unit_lines_that_do_not_fit(tmp_path):
    err, texts = strict_failure(tmp_path, {
        EN: lambda t: t.replace("[talk/noise-modeling/1] 10c7dcb8",
                                "[talk/noise-modeling/1] 10c7dcb")})
    line = line_of(texts[EN], "[talk/noise-modeling/1]")
    assert f"{EN}:{line}: malformed unit line '[talk/noise-modeling/1] 10c7dcb'" in err
    err, texts = strict_failure(tmp_path / "id", {
        EN: lambda t: t.replace("[talk/noise-modeling/1]", "[talk/noise-modelling/1]")
        .replace("[closing/1]", "[nothing-like-it]")})
    assert (f"{EN}:{line_of(texts[EN], 'noise-modelling')}: unit 'talk/noise-modelling/1' is "
            "not a paragraph of the report (did you mean 'talk/noise-modeling/1'?)") in err
    assert f"{EN}:{line_of(texts[EN], 'nothing-like-it')}: unit 'nothing-like-it' is not" in err


# Messages that name the line to change (no build needed: the parser gives them)


def problems(text: str, data_text: str) -> list[str]:
    try:
        data = datafile.load(data_text, YML)
        parse.parse(text, data, TXT)
    except SeedError as exc:
        return [str(p) for p in exc.problems]
    return []


def test_a_misspelled_speaker_name_points_at_the_data_file():
    data = DATA.read_text(encoding="utf-8").replace("付莹", "林晓锋")
    [message] = problems(SEED.read_text(encoding="utf-8"), data)
    assert message.startswith(f"{YML}:{line_of(data, '林晓锋')}: talk 'noise-modeling'")
    assert "'林晓锋'" in message and "spelling" in message and "'aliases'" in message


def test_a_talk_missing_from_the_report_points_at_the_talk():
    text = SEED.read_text(encoding="utf-8")
    paragraph = next(p for p in text.split("\n\n") if p.strip().startswith("付莹教授的报告"))
    data = DATA.read_text(encoding="utf-8")
    [message] = problems(text.replace(paragraph, ""), data)
    assert message.startswith(f"{YML}:{line_of(data, 'slug: noise-modeling')}: talk "
                              "'noise-modeling': no paragraph")


def test_a_question_count_mismatch_gives_both_counts():
    data = re.sub(r"  - slug: transformers-in-low-level-vision\n(    .*\n)+", "",
                  DATA.read_text(encoding="utf-8"))
    text = SEED.read_text(encoding="utf-8")
    [message] = problems(text, data)
    assert message.startswith(f"{TXT}:{line_of(text, '在Panel环节')}: this panel paragraph "
                              f"quotes 6 questions, the data file {YML}:")
    assert "lists 5" in message


def test_check_exits_nonzero_on_a_warning_and_lists_a_cut_unit(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds / SEED.name)
    en = SEED.with_name(SEED.stem + ".en.txt").read_text(encoding="utf-8")
    cut = en.index("aren't trust") + len("aren't trust")
    (seeds / (SEED.stem + ".en.txt")).write_text(en[:cut], encoding="utf-8")
    data = DATA.read_text(encoding="utf-8").replace(
        "\ntalks:", "\n  nobody-here:\n    name: {zh: 无名氏, en: Nobody}\n"
        "    affiliation: {zh: 无, en: None}\n\ntalks:", 1)
    (seeds / DATA.name).write_text(data, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tools.check", str(seeds / SEED.name)],
                            capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 1, result.stdout
    assert f"warning: seeds/{DATA.name}:{line_of(data, 'nobody-here')}: person 'nobody-here' " \
           "never appears in the report" in result.stdout
    last = re.findall(r"^\[(\S+)\]", en[:cut], re.M)[-1]
    assert f"  short    [{last}]" in result.stdout
    assert "Traceback" not in result.stderr


def test_serve_names_the_line_and_recovers_when_it_is_fixed(server):
    project, url, log = server
    path = project / YML
    good = path.read_text(encoding="utf-8")
    numbers, _, _ = taken(project / "seeds")
    free = next(n for n in range(9, 10_000) if n not in numbers)  # no other seminar's
    path.write_text(good.replace("number: 8", "number: !!int abc"), encoding="utf-8")
    message = f"{YML}:{line_of(path.read_text(encoding='utf-8'), '!!int')}: YAML tag '!!int'"
    assert wait_for(lambda: message in log.read_text(encoding="utf-8")), log.read_text()[-2000:]
    path.write_text(good.replace("number: 8", f"number: {free}"), encoding="utf-8")  # fixed
    assert wait_for(lambda: f"第 {free} 期" in fetch(url + f"{SEMINAR}/"))
    assert "Traceback" not in log.read_text(encoding="utf-8")


@pytest.mark.build
def test_strict_build_stops_at_a_seed_warning_before_rendering(tmp_path):
    project = copy_project(tmp_path / "p", only=SEED.stem)
    path = project / YML
    data = path.read_text(encoding="utf-8").replace(
        "\ntalks:", "\n  nobody-here:\n    name: {zh: 无名氏, en: Nobody}\n"
        "    affiliation: {zh: 无, en: None}\n\ntalks:", 1)
    path.write_text(data, encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert (f"WARNING -  {YML}:{line_of(data, 'nobody-here')}: person 'nobody-here' never "
            "appears in the report") in result.stderr
    assert not list((tmp_path / "site").rglob("*.html"))  # no page rendered only to be rejected


@pytest.mark.parametrize("old,new,message", [
    ("  en: Recent Advances and Future Trends in Low-Level Vision", "  en: no",
     "'title.en' is read as False, not as text (quote it: \"no\")"),
    ("  en: Recent Advances and Future Trends in Low-Level Vision", "  en: =",
     "'=' cannot be read as a value (quote it if it is text)"),
    ("number: 8", "number: 0", "'number' must be a whole number from 1 to 9999 (not 0)"),
    ("number: 8", "number: 8.5", "'number' must be a whole number from 1 to 9999 (not 8.5)"),
    ("posted: 2021-05-05", "posted: 2020-05-05", "'posted' (2020-05-05) is before the "
     "seminar's 'date' (2021-01-09)"),
    ("  zh: 底层视觉的前沿进展与未来趋势", "  zh: \"底层视觉\\n<script>\"",
     "'title.zh' holds a line break or control character (U+000A) (text on one line)"),
    ("number: 8", "number: 8\n" + "x: " + "[" * 40 + "]" * 40,
     "values nested more than 20 levels deep"),
])
def test_values_yaml_reads_as_something_else(old, new, message):
    text = DATA.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    with pytest.raises(SeedError) as err:
        datafile.load(text, YML)
    assert f"{YML}:{line_of(text, new.split(chr(10))[-1])}: {message}" in str(err.value)
