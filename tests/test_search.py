"""Search through the real UI: every query of tests/search_queries.yml finds its page first,
and results never cross languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text("utf-8"))


def test_the_query_set_is_big_enough_and_bilingual():
    assert len(QUERIES["zh"]) >= 20 and len(QUERIES["en"]) >= 20


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_query_finds_its_page_first_in_its_language(page, site_server, lang):
    page.goto(site_server + ("/en/" if lang == "en" else "/"))
    box = page.locator("input.md-search__input")
    box.click()
    results = page.locator(".md-search-result__item > a")
    misses = []
    for item in QUERIES[lang]:
        box.fill("")
        box.press_sequentially(item["q"])
        box.press("End")  # an IME commit sends a key; without one Material does not search
        want = re.compile(re.escape(f"{site_server}/{item['page']}") + r"(\?h=[^#]*)?$")
        try:
            expect(results.first).to_have_attribute("href", want, timeout=4000)
        except AssertionError:
            misses.append((item["q"], results.first.get_attribute("href")))
            continue
        hrefs = results.evaluate_all("links => links.map(a => a.href)")
        crossing = [h for h in hrefs if h.startswith(f"{site_server}/en/") != (lang == "en")]
        assert not crossing, (item["q"], crossing)
    assert misses == []
    assert page.foreign == [] and page.failed == []


def test_results_deep_link_to_the_answer(page, site_server):
    page.goto(site_server + "/")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("凌晨")  # only the chair's closing words say it
    box.press("End")
    want = re.compile(re.escape(f"{site_server}/seminars/8-low-level-vision/panel/"
                                "low-level-for-high-level-vision/") + r"(\?h=[^#]*)?#t13$")
    # the first result is the question page; within it, the matching turn links to itself
    first = page.locator(".md-search-result__item").first
    expect(first.locator("a").nth(1)).to_have_attribute("href", want)


def test_ascii_punctuation_never_glues_onto_words(built_site):
    site, _ = built_site
    import json
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    tokens = {t for d in index["docs"] for t in separator.split(d["text"] + " " + d["title"]) if t}
    glued = sorted(t for t in tokens if re.search(r"[,.:;!?()\"“”，。：；！？（）]", t))
    assert glued == []
    assert "deqing" in {t.lower() for t in tokens}


def test_the_index_is_fetched_when_search_opens_not_on_every_page_view(browser, site_server):
    # a phone: the index is the largest download, and most page views never search
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                  is_mobile=True)
    page = context.new_page()
    indexes = []
    page.on("request", lambda r: "search_index" in r.url and indexes.append(r.url))
    page.goto(site_server + "/en/seminars/8-low-level-vision/")
    page.wait_for_load_state("networkidle")
    assert indexes == []
    page.locator("label.md-header__button[for=__search]").tap()
    box = page.locator("input.md-search__input")
    box.press_sequentially("optical flow")
    box.press("End")
    expect(page.locator(".md-search-result__item > a").first).to_have_attribute(
        "href", re.compile(r"/en/seminars/8-low-level-vision/talks/learning-optical-flow/"))
    assert indexes == [f"{site_server}/en/search/search_index.json"]
    context.close()


def test_a_result_opened_with_its_terms_highlights_them(page, site_server):
    # `?h=` highlighting fetches the index itself (a result link, or a shared one)
    page.goto(site_server + "/seminars/8-low-level-vision/talks/noise-modeling/?h=噪声")
    marks = page.locator(".md-content mark")
    expect(marks.first).to_have_text("噪声")
    assert marks.count() > 1
