"""A reader in a real browser (the browser and page fixtures are in conftest.py)."""

from __future__ import annotations

from playwright.sync_api import expect

BASE = "seminars/8-low-level-vision"


def test_reader_follows_the_agenda_and_switches_language(page, site_server):
    page.goto(site_server + "/")
    page.get_by_role("link", name="第 8 期 · 底层视觉的前沿进展与未来趋势").first.click()
    expect(page).to_have_url(f"{site_server}/{BASE}/")
    expect(page.locator("h1")).to_have_text("底层视觉的前沿进展与未来趋势")

    page.locator("article").get_by_role("link", name="Learning Optical Flow: From MRFs to CNNs").click()
    expect(page).to_have_url(f"{site_server}/{BASE}/talks/learning-optical-flow/")
    expect(page.locator("article")).to_contain_text("光流是描述运动的有效方式")

    page.go_back()
    page.locator("article").get_by_role("link", name="值得关注的问题与发展趋势").first.click()
    expect(page).to_have_url(f"{site_server}/{BASE}/panel/open-problems-and-trends/")
    expect(page.locator("#t03")).to_contain_text("Deqing Sun")

    # cite one answer: the always-visible control puts the turn's link in the address bar
    page.locator('a.turn-link[href="#t03"]').click()
    expect(page).to_have_url(f"{site_server}/{BASE}/panel/open-problems-and-trends/#t03")

    # the language switcher lands on the same page, at the same turn
    page.locator(".md-header .md-select").hover()
    page.locator('.md-select__link[hreflang="en"]').click()
    expect(page).to_have_url(f"{site_server}/en/{BASE}/panel/open-problems-and-trends/#t03")
    expect(page.locator("h1")).to_have_text("Open problems and trends")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#t03")).to_contain_text("Deqing Sun")

    page.locator(".md-header .md-select").hover()
    page.locator('.md-select__link[hreflang="zh"]').click()
    expect(page).to_have_url(f"{site_server}/{BASE}/panel/open-problems-and-trends/#t03")
    assert page.foreign == []
    assert page.failed == []


def test_copy_link_works_by_tap_on_a_phone(browser, site_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                  is_mobile=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server)
    page = context.new_page()
    url = f"{site_server}/{BASE}/panel/generalization-beyond-training-data/"
    page.goto(url)
    control = page.locator('a.turn-link[href="#t04"]')
    expect(control).to_be_visible()  # visible without hover
    control.tap()
    expect(page).to_have_url(url + "#t04")
    expect(control).to_contain_text("已复制")
    assert page.evaluate("navigator.clipboard.readText()") == url + "#t04"
    context.close()


def test_an_abbreviation_is_explained_by_tap_and_links_to_the_glossary(browser, site_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                  is_mobile=True)
    page = context.new_page()
    url = f"{site_server}/{BASE}/talks/learning-optical-flow/"
    page.goto(url)
    term = page.locator("a.term", has_text="PWC-Net")
    term.tap()  # the first tap explains, it does not leave the page
    tip = page.locator(".term-tip[role=tooltip]")
    expect(tip).to_contain_text("Pyramid")
    expect(page).to_have_url(url)
    assert term.get_attribute("aria-describedby") == "term-tip"
    tip.get_by_role("link").tap()
    expect(page).to_have_url(f"{site_server}/glossary/#pwc-net")
    expect(page.locator("#pwc-net")).to_be_visible()
    context.close()
