"""A reader in a real browser (the browser and page fixtures are in conftest.py)."""

from __future__ import annotations

import functools
import re
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


def test_on_a_phone_every_answer_of_the_panel_is_in_reach(browser, site_server):
    """The grid of people × questions does not fit a phone: a list of each question's answers
    stands in for it, every link in view without scrolling sideways; a desktop keeps the grid,
    and both link the same answers, each named by whose answer it is."""
    for lang in ("", "en/"):
        answers = {}
        for width, height, shown, hidden in [(1366, 900, ".panel-grid", "ol.panel-list"),
                                              (390, 844, "ol.panel-list", ".panel-grid")]:
            context = browser.new_context(viewport={"width": width, "height": height},
                                          is_mobile=width < 500, has_touch=width < 500)
            page = context.new_page()
            page.goto(f"{site_server}/{lang}{BASE}/")
            expect(page.locator(hidden)).to_be_hidden()
            links = page.locator(f"{shown} a[href*='#t']")
            assert links.count() > 0
            answers[width] = sorted(links.evaluate_all("xs => xs.map(a => a.href)"))
            for i in range(links.count()):
                link = links.nth(i)
                link.scroll_into_view_if_needed()
                expect(link).to_be_visible()
                box = link.bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= width, (width, i)
            assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
            if width > 500:  # a cell names the person of its column
                named = page.evaluate("""() => [...document.querySelectorAll('.panel-grid td a')]
                    .map(a => [a.textContent, document.querySelectorAll('.panel-grid thead th')[
                        a.closest('td').cellIndex].textContent])""")
                assert named and all(who.strip() in text for text, who in named)
                expect(links.first).to_have_accessible_name(
                    re.compile(re.escape(named[0][1].strip())))
            else:  # an answer is named by its speaker, and the chair who asks is marked
                chair = page.locator("ol.panel-list .turn-role").first
                expect(chair).to_be_visible()
            context.close()
        assert answers[390] == answers[1366]


def test_the_header_shows_the_whole_title_on_a_phone(browser, site_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    for lang in ("", "en/"):
        page.goto(f"{site_server}/{lang}")
        title = page.locator(".md-header__topic").first.locator(".md-ellipsis")
        short = title.locator(".site-name-short")
        expect(short).to_be_visible()
        expect(title.locator(".site-name")).to_be_hidden()
        assert short.inner_text().strip()
        # nothing of it is cut off: it fits its box across and down
        assert title.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight")
        box, bar = title.bounding_box(), page.locator(".md-header").bounding_box()
        assert box["y"] >= bar["y"] and box["y"] + box["height"] <= bar["y"] + bar["height"]
    context.close()
