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
