"""What the search index is given for a page: its article's text, cleaned, with Chinese split
into the archive's words (hooks/pagefind_index.py)."""

from __future__ import annotations

import re
import shutil

import pytest

import pagefind_index
from archive import render, topics
from conftest import indexed_pages, real_site

TALK = """<html lang="{lang}"><head><link rel="canonical" href="https://x.org/a/talks/t/"></head>
<body><nav><a href="/">navigation</a></nav><article class="md-content__inner md-typeset">
<a href="e" title="edit" class="md-content__button md-icon">edit</a>
<h1 id="t">{title}</h1>
<dl class="talk-facts"><dt>{speaker}</dt><dd>Deqing Sun</dd><dt>{aff}</dt><dd>Google</dd></dl>
<p><a href="../p/">Deqing Sun</a> · <a href="../../">{back}</a></p>
<h2 id="summary">Summary</h2><p class="src">{text}</p>
<p class="provenance">{provenance}</p></article></body></html>"""


@pytest.fixture(scope="module")
def segment():
    return pagefind_index.Segmenter(["无纹理区域", "吕健勤"])


def test_an_english_page_gives_its_text_without_controls_or_run_on_facts(segment):
    page = TALK.format(lang="en", title="Optical flow", speaker="Speaker", aff="Affiliation",
                       back="Back to the seminar", text="Motion blur.",
                       provenance="Unofficial translation.")
    article = pagefind_index.read_article(page, "a/talks/t/")
    doc = pagefind_index.page_document(article, segment, ["optical flow", "PWC-Net"])
    assert "Speaker: Deqing Sun · Affiliation: Google" in doc
    assert '<h2 id="summary">' in doc and "Motion blur." in doc
    assert '<h1>Optical flow</h1>' in doc  # the title is the page, not a section of it
    for leak in ("edit", "Back to the seminar", "Unofficial", "navigation"):
        assert leak not in doc, leak
    assert doc.count("PWC-Net") == 1  # topics once, weighted
    assert re.search(r'data-pagefind-weight="\d+">optical flow · PWC-Net<', doc)


def test_chinese_text_is_split_into_the_archives_words(segment):
    page = TALK.format(lang="zh", title="光流", speaker="讲者", aff="单位", back="返回本期研讨会",
                       text="吕健勤说无纹理区域很难。", provenance="本页文字来自报道。")
    doc = pagefind_index.page_document(pagefind_index.read_article(page, "a/talks/t/"),
                                       segment, [])
    j = pagefind_index.JOIN
    assert f"吕健勤{j}说{j}无纹理区域{j}很难{j}。" in doc
    assert re.search(f"讲{j}?者{j}?：Deqing Sun · 单位{j}?：Google", doc)
    assert '<html lang="cmn">' in doc  # a language Pagefind does not split again
    assert {"吕健勤", "无纹理区域", "很难"} <= segment.vocabulary
    assert "返回本期研讨会" not in doc and "本页文字" not in doc


def test_a_view_of_another_page_is_not_indexed(segment):
    page = TALK.format(lang="en", title="t", speaker="s", aff="a", back="b", text="x",
                       provenance="p")
    assert pagefind_index.read_article(page, "a/side-by-side/t/") is None


def test_what_a_page_is_goes_as_metadata_and_chips_counts_and_citations_stay_out(segment):
    page = TALK.format(lang="zh", title="光流", speaker="讲者", aff="单位", back="返回",
                       text="光流很难。", provenance="本页").replace("</article>", (
        '<nav class="topic-chips-nav"><span>主题</span><ul class="topic-chips"><li><a>运动</a>'
        '</li></ul></nav><ul><li><a>GPU</a> <span class="topic-count">1 处</span></li></ul>'
        '<details class="cite"><summary>引用</summary><p>“光流”的报告［文库］</p></details>'
        "</article>"))
    doc = pagefind_index.page_document(pagefind_index.read_article(page, "a/talks/t/"),
                                       segment, [], context="报告 · 第 8 期 <&>")
    assert ('<span data-pagefind-meta="context[data-context]" '
            'data-context="报告 · 第 8 期 &lt;&amp;&gt;"></span>') in doc
    text = re.sub(r"<[^>]+>", "", doc).replace(pagefind_index.JOIN, "")
    assert "第 8 期" not in text  # metadata only, not words of the page
    assert "GPU" in text and "运动" not in text and "1 处" not in text and "引用" not in text


def test_the_built_index_has_every_page_once_per_language(built_site):
    site, _ = built_site
    for lang, prefix in (("zh", "/"), ("en", "/en/")):
        urls = [p["url"] for p in indexed_pages(site, lang)]
        assert len(urls) == len(set(urls)) > 20
        assert all(u.startswith(prefix) for u in urls)
        assert lang == "en" or not [u for u in urls if u.startswith("/en/")]
    words = "\n".join(p.read_text(encoding="utf-8")
                      for p in (site / "pagefind/words").glob("*.txt"))
    assert {"噪声", "吕健勤", "潘金山"} <= set(words.split("\n"))


def test_each_result_says_what_its_page_is_and_carries_no_chips_or_counts(built_site):
    site, _ = built_site
    loaded, _ = real_site()
    strings = render.strings()
    index = topics.Index.of(loaded)
    found = index.found
    for lang, prefix in (("zh", "/"), ("en", "/en/")):
        t = strings[lang]
        by_url = {p["url"]: p for p in indexed_pages(site, lang)}
        counts = {render.plural(t["topic_count"], len(hits)) for hits in found.values() if hits}
        assert not [u for u, p in by_url.items() if any(c in p["content"] for c in counts)]
        for s in loaded.seminars:
            number = t["seminar_number"].format(n=s.number)
            for kind, items, path in ((t["talk"], s.talks, render.talk_path),
                                      (t["topic_in_question"], s.questions, render.question_path)):
                for item in items:
                    page = by_url[prefix + render.url_of(path(s, item.slug))]
                    assert page["meta"]["context"] == f"{kind} · {number}"
                    chips = [x.label.get(lang) for x in render.topic_chips(index, item)]
                    if chips:  # not "主题. 光流. 运动."
                        assert f"{t['topic_chips']}. {chips[0]}" not in page["content"]


def test_pages_the_build_did_not_hand_over_are_read_from_the_written_site(built_site, tmp_path):
    # `mkdocs serve --dirty` writes only the pages that changed: the others are still indexed
    site, _ = built_site
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
    indexer = pagefind_index.Indexer(copy, ["吕健勤"])
    indexer.begin("zh")
    counts = indexer.finish()["counts"]
    for lang in ("zh", "en"):
        built = sorted(p["url"] for p in indexed_pages(site, lang))
        assert sorted(p["url"] for p in indexed_pages(copy, lang)) == built
        assert counts[lang] == len(built)


def test_a_build_that_stops_half_way_leaves_no_index_and_no_process(tmp_path):
    indexer = pagefind_index.Indexer(tmp_path, [])
    indexer.begin("en")
    indexer.page("a/index.html", TALK.format(lang="en", title="t", speaker="s", aff="a",
                                             back="b", text="x", provenance="p"), {})
    indexer.process.stdin.close()  # the build's process ends: the pipe closes without "finish"
    assert indexer.process.wait(timeout=60) == 0
    assert indexer.process.stdout.read() == b""
    assert not (tmp_path / "pagefind").exists()
