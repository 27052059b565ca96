"""Rendering: nothing of the report is lost, and its text can never become markup."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from archive import load, parse, render, typography
from archive.model import Site
from conftest import ROOT, SEED, SLUG
from archive.typography import canonical_punctuation

SOURCE_ELEMENT = re.compile(
    r'<(?P<tag>p|span) class="src[^"]*" data-unit="(?P<unit>[^"]*)"[^>]*>(?P<body>.*?)</(?P=tag)>',
    re.S)


MARKUP = re.compile(r"<[^>]+>")


def source_texts(page_markdown: str) -> list[tuple[str, str]]:
    """(unit, text) of every piece of report text a page shows, in page order.

    Tags inside it (the links that explain abbreviations) are markup, not text.
    """
    return [(m["unit"], html.unescape(MARKUP.sub("", m["body"].replace("<br>\n", "\n"))))
            for m in SOURCE_ELEMENT.finditer(page_markdown)]


def squeeze(text: str) -> str:
    """The text without whitespace, commas and colons in one width (typography.py), which,
    like the parser, looks at one line at a time."""
    return "".join("".join(canonical_punctuation(line).split()) for line in text.splitlines())


@pytest.fixture(scope="module")
def zh_pages(site):
    return render.render_site(site, "zh")


def test_every_character_of_every_report_is_in_exactly_one_page_in_order(site, zh_pages):
    for seminar in site.seminars:
        order = {p.unit: i for i, p in enumerate(seminar.paragraphs())}
        shown: dict[str, str] = {}
        # the side-by-side view repeats a page by design (and stays out of search and sitemap)
        own = [p for p in zh_pages
               if not p.canonical and p.path.startswith(render.seminar_dir(seminar) + "/")]
        for page in own:
            units = source_texts(page.markdown)
            for unit, text in units:
                assert unit not in shown, f"{unit} appears on two pages"
                shown[unit] = text
            assert [order[u] for u, _ in units] == sorted(order[u] for u, _ in units), page.path
        assert set(shown) == set(order), seminar.slug
        prefixes = {p.unit: t.prefix for q in seminar.questions for t in q.turns
                    for p in t.paragraphs[:1]}
        rebuilt = "\n".join(prefixes.get(p.unit, "") + shown[p.unit]
                            for p in seminar.paragraphs())
        # whitespace aside (indentation of no-break spaces, blank lines), the report itself
        report = parse.normalise((ROOT / seminar.seed_path).read_text(encoding="utf-8"))
        assert squeeze(rebuilt) == squeeze(report), seminar.slug


def test_pages_of_both_languages(site):
    zh = {p.path for p in render.render_site(site, "zh")}
    en = {p.path for p in render.render_site(site, "en")}
    assert zh == en
    base = f"seminars/{SLUG}"
    assert {f"{base}/index.md", f"{base}/talks/opening-address.md",
            f"{base}/panel/open-problems-and-trends.md", "speakers/chen-change-loy.md",
            "speakers/index.md", "index.md"} <= zh
    assert len([p for p in zh if p.startswith(f"{base}/talks/")]) == 6
    assert len([p for p in zh if p.startswith(f"{base}/panel/")]) == 6
    assert len([p for p in zh if p.startswith(f"{base}/side-by-side/")]) == 12
    people = {pid for s in site.seminars for pid in s.people}
    assert len([p for p in zh if p.startswith("speakers/")]) == len(people) + 1  # and the index
    assert "glossary.md" in zh


def markdown_html(text: str) -> str:
    body = text.split("---\n", 2)[2]
    return markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables", "toc"])


HOSTILE = ("<script>alert(1)</script> *stars* [x](y) <img src=x onerror=alert(1)> "
           "](javascript:alert(1)) {{ jinja }} {% raw %} ==mark== ^^ins^^ &amp; ok")  # Latin after &amp;: a ; beside Chinese is typeset


def test_report_text_renders_literally(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("我来抛砖引玉吧。", HOSTILE, 1)
    text = text.replace("\n\nDeqing Sun:我沿着", "\n\n# not a heading\n\n!!! note\n\n--8<-- \"mkdocs.yml\"\n\nDeqing Sun:我沿着", 1)
    (seeds / SEED.name).write_text(text, encoding="utf-8")
    (seeds / SEED.with_suffix(".yml").name).write_bytes(SEED.with_suffix(".yml").read_bytes())
    site, _ = load.load_site(tmp_path)
    page = next(p for p in render.render_site(site, "zh")
                if p.path.endswith("open-problems-and-trends.md"))
    out = markdown_html(page.markdown)
    assert "<script>" not in out and "<img" not in out
    for literal in ["&lt;script&gt;alert(1)&lt;/script&gt;", "*stars*", "[x](y)",
                    "](javascript:alert(1))", "{{ jinja }}", "{% raw %}", "==mark==", "^^ins^^",
                    "&amp;amp;", "# not a heading", "!!! note", "--8&lt;-- \"mkdocs.yml\""]:
        assert literal in out, literal
    assert out.count("<h1") == 1  # the page title; "# not a heading" stays text
    assert "site_name" not in out  # a snippet marker never includes a file


def test_untranslated_english_falls_back_to_chinese_with_a_notice(site):
    bare = Site(site.seminars, site.people, {}, {})
    page = next(p for p in render.render_site(bare, "en")
                if p.path.endswith("talks/noise-modeling.md"))
    assert "Not translated yet" in page.markdown
    assert 'lang="zh"' in page.markdown and "噪声建模" in page.markdown
    front = yaml.safe_load(page.markdown.split("---\n")[1])
    assert not page.searchable and front["search"]["exclude"] is True
    assert "boost" not in front["search"]


VARIANTS = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "cr": lambda t: t.replace("\n", "\r"),
    "bom": lambda t: "\ufeff" + t,
    "trailing-spaces": lambda t: t.replace("\n", " \t\n"),
    "full-width-spaces": lambda t: t.replace("\u00a0", "\u3000").replace("\n   ", "\n\u3000"),
    "no-break-spaces": lambda t: t.replace("\n\n", "\n\u00a0\n"),
    "full-width-colons-and-commas": lambda t: t.replace(":", "：").replace(",", "，"),
    "full-width-marks": lambda t: t.translate(str.maketrans(";?!()", "；？！（）")),
    "several-blank-lines": lambda t: t.replace("\n\n", "\n\n\n\n"),
    "one-blank-line": lambda t: re.sub(r"\n{2,}", "\n\n", t),
}


def pages_of(root: Path) -> dict[tuple[str, str], str]:
    site, warnings = load.load_site(root)
    assert warnings == []
    return {(p.lang, p.path): p.markdown for lang in ("zh", "en")
            for p in render.render_site(site, lang)}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_tolerated_variations_give_identical_pages(tmp_path, name):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for f in (ROOT / "seeds").iterdir():
        (seeds / f.name).write_bytes(f.read_bytes())
    (seeds / SEED.name).write_text(VARIANTS[name](SEED.read_text(encoding="utf-8")),
                                   encoding="utf-8", newline="")
    assert pages_of(tmp_path) == pages_of(ROOT)


@pytest.mark.parametrize("text", ["丁丙: ,", "a:，b", "你,:好", "x , y", "：，", "重建;第三点",
                                  "问题?”", "what ?！", "学习(Self-supervised)在", "(（a）b"])
def test_canonical_punctuation_is_idempotent_and_width_blind(text):
    once = canonical_punctuation(text)
    assert canonical_punctuation(once) == once
    flipped = text.translate(str.maketrans(",:;?!()，：；？！（）", "，：；？！（）,:;?!()"))
    assert canonical_punctuation(flipped) == once


def rule_as_stated(text: str) -> str:
    """typography's rule, mark by mark: full-width when the nearest character on either side,
    spaces and two-width marks skipped, is Chinese; ASCII otherwise; a pair of parentheses
    full-width when that holds for either of its marks; spaces after a full-width mark
    dropped."""
    def neighbour(i: int, step: int) -> str:
        while 0 <= i < len(text) and text[i] in typography.SKIPPED:
            i += step
        return text[i] if 0 <= i < len(text) else ""

    def chinese(i: int) -> bool:
        return any(typography.CJK.match(n) for n in (neighbour(i - 1, -1), neighbour(i + 1, 1)))

    out = list(text)
    for i, c in enumerate(text):
        if c in ",，:：;；?？!！":
            out[i] = (typography.FULL_WIDTH if chinese(i) else typography.ASCII)[c]
    opened, groups = [], []
    for i, c in enumerate(text):
        if c in "(（":
            opened.append(i)
        elif c in ")）":
            groups.append([opened.pop(), i] if opened else [i])
    for group in groups + [[i] for i in opened]:
        full = any(chinese(i) for i in group)
        for i in group:
            out[i] = (typography.FULL_WIDTH if full else typography.ASCII)[text[i]]
    # and no space after a full-width mark
    return re.sub(r"(?<=[，：；？！（）])[ \t\u00a0\u3000]+", "", "".join(out))


@given(st.text(alphabet="ab1中文,，:：;；?？!！(（)）、＋－ \t\u00a0\u3000“”\n", max_size=24))
def test_canonical_punctuation_follows_the_rule_as_stated(text):
    # the fast path (marks right after Chinese settled by plain substitutions) changes nothing
    assert canonical_punctuation(text) == rule_as_stated(text)


@pytest.mark.parametrize("target,start", [
    ("a/b.md", "a"), ("a/b.md", ""), ("x/y/z.md", "a/b"), ("index.md", "a/b/c"),
    ("a/b/", "a/b/"), ("glossary/", "seminars/s/talks/t/"), ("a", "a/b")])
def test_the_fast_relative_path_is_posixpaths(target, start):
    import posixpath
    assert render._relpath(target, start) == posixpath.relpath(target, start or ".")


@pytest.mark.unit
def test_the_interface_strings_give_each_key_once():
    # YAML keeps the last of two equal keys without a word: a merge can leave one behind
    import yaml

    from archive import render

    root = yaml.compose((render.TEMPLATES / render.STRINGS).read_text(encoding="utf-8"))
    for lang_key, lang in root.value:
        keys = [k.value for k, _ in lang.value]
        assert sorted(k for k in set(keys) if keys.count(k) > 1) == [], lang_key.value
