"""A reader in a real browser (the browser and page fixtures are in conftest.py)."""

from __future__ import annotations

import functools
import http.server
import threading

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


def test_an_explanation_floats_over_the_text_and_goes_with_the_mouse(page, site_server):
    page.goto(f"{site_server}/en/{BASE}/panel/open-problems-and-trends/")
    term = page.locator("article.turn a.term").first
    term.scroll_into_view_if_needed()
    paragraph = term.locator("xpath=ancestor::p[1]")
    after = paragraph.locator("xpath=following::p[1]")
    before = (paragraph.bounding_box(), after.bounding_box())
    term.hover()
    tip = page.locator(".term-tip[role=tooltip]")
    expect(tip).to_be_visible()
    # under the term, over the text: the sentence is not split and nothing below moves
    assert (paragraph.bounding_box(), after.bounding_box()) == before
    assert tip.bounding_box()["y"] >= term.bounding_box()["y"] + term.bounding_box()["height"]
    width = page.evaluate("document.documentElement.clientWidth")
    assert 0 <= tip.bounding_box()["x"] and tip.bounding_box()["x"] + tip.bounding_box()["width"] <= width
    tip.hover()  # the mouse may go on to the explanation's link
    expect(tip).to_be_visible()
    page.mouse.move(1, 1)
    expect(tip).to_have_count(0)


class _PagesLike(http.server.SimpleHTTPRequestHandler):
    """GitHub Pages for a project site: the site under /vision-unlimited/, 404.html for any
    missing path."""

    prefix = "/vision-unlimited"

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        return super().translate_path(path[len(self.prefix):] if path.startswith(self.prefix)
                                      else "/__outside__")

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (self.directory_path / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def chrome_speaks(page, site_name: str, nav: list[str], placeholder: str) -> None:
    """The header, navigation and search box of a page are in one language."""
    expect(page.locator(".md-header__topic").first).to_contain_text(site_name)
    sidebar = page.locator(".md-sidebar--primary")
    for label in nav:  # links, and the label of the seminars' section
        expect(sidebar.get_by_text(label, exact=True).first).to_be_attached()
    expect(page.locator("input.md-search__input")).to_have_attribute("placeholder", placeholder)


def test_the_404_page_speaks_the_language_of_the_path(browser, built_site):
    site, _ = built_site
    handler = type("H", (_PagesLike,), {"directory_path": site})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_address[1]}/vision-unlimited/"
    page = browser.new_page()
    try:
        page.goto(root + "en/seminars/no-such-page/")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page).to_have_title("404 - Page not found - CCF-CV Vision Unlimited Seminar Archive")
        expect(page.get_by_role("heading", name="404 - Page not found")).to_be_visible()
        expect(page.get_by_text("页面不存在")).to_have_count(0)
        chrome_speaks(page, "CCF-CV Vision Unlimited Seminar Archive",
                      ["Home", "Seminars", "Speakers"], "Search")
        page.get_by_role("link", name="Back to the home page").click()
        expect(page).to_have_url(root + "en/")

        page.goto(root + "seminars/no-such-page/")
        expect(page.locator("html")).to_have_attribute("lang", "zh")
        expect(page).to_have_title("404 - 页面不存在 - CCF-CV 视界无限 研讨会文库")
        expect(page.get_by_role("heading", name="404 - 页面不存在")).to_be_visible()
        chrome_speaks(page, "CCF-CV 视界无限 研讨会文库", ["首页", "研讨会", "讲者"], "搜索")
        box = page.get_by_role("searchbox", name="全站搜索")
        bounds = box.bounding_box()  # a field one can see and tap, not a bare word
        assert bounds["height"] >= 24 and bounds["width"] >= 150
        assert box.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
        box.fill("光流")
        page.locator(".not-found-search").get_by_role("button", name="搜索").click()
        expect(page).to_have_url(root + "?q=%E5%85%89%E6%B5%81")
    finally:
        page.close()
        server.shutdown()
