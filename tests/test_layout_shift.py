"""Pages do not move once they are shown.

Material's scripts are deferred (overrides/main.html): the browser paints the page first, then
the scripts run, wrap tables in scrolling boxes and show the search box. Whatever moves then is
layout shift, which readers see and Lighthouse scores. The test holds every script back until
the parsed page has been painted, then lets them run, and adds up the shifts the browser
records, in Lighthouse's two window sizes, with the scrollbars a desktop browser shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CHROMIUM, CHROMIUM_FLAGS

pytestmark = pytest.mark.browser

# Lighthouse 12's desktop preset and its mobile default (a Moto G Power).
WINDOWS = {"desktop": {"width": 1350, "height": 940}, "phone": {"width": 412, "height": 823}}
MOST = 0.01  # Lighthouse scores a cumulative layout shift under 0.1 as good; 1.00 wants ~0


def kinds_of_page(site: Path) -> list[str]:
    """The indexes of each language, and each seminar's overview, first talk and first
    panel question (whatever seminars seeds/ holds)."""
    paths = []
    for lang in ("", "en/"):
        paths += [lang, f"{lang}speakers/", f"{lang}glossary/", f"{lang}topics/"]
        for seminar in sorted((site / lang / "seminars").iterdir()):
            paths.append(f"{lang}seminars/{seminar.name}/")
            for part in ("talks", "panel"):
                first = min(p.parent for p in (seminar / part).glob("*/index.html"))
                paths.append(f"{lang}seminars/{seminar.name}/{part}/{first.name}/")
    return paths


@pytest.fixture(scope="module")
def scrollbar_browser():
    """Chromium as Lighthouse runs it: headless, but with scrollbars (Playwright hides them,
    and a scrollbar that appears moves the whole page)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS,
                              ignore_default_args=["--hide-scrollbars"])
        yield b
        b.close()


# Layout shifts reach a PerformanceObserver only; this one is installed before the page loads.
RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) {
    if (e.hadRecentInput) continue;
    window.__shifts.push({value: e.value, moved: e.sources.map(s => {
      const n = s.node, r = x => [x.x, x.y, x.width, x.height].map(Math.round);
      const name = n && n.nodeType === 1
        ? n.tagName.toLowerCase() + (n.classList.length ? '.' + [...n.classList].join('.') : '')
        : String(n && n.nodeName);
      return `${name} ${r(s.previousRect)} -> ${r(s.currentRect)}`;
    })});
  }
}).observe({type: 'layout-shift', buffered: true});
"""


def shifts_after_scripts(context, url: str) -> list[dict]:
    """Open url in a page of context with every script held until the page is parsed and
    painted; let them run; return the layout shifts the browser recorded (not those caused by
    input), each with what moved."""
    page = context.new_page()
    page.set_default_timeout(15000)
    page.add_init_script(RECORD_SHIFTS)
    held = []
    page.route("**/*.js", lambda route: held.append(route))  # let through after the first paint
    page.goto(url, wait_until="commit")
    page.wait_for_function("document.readyState !== 'loading'")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    assert page.evaluate("document.documentElement.classList.contains('no-js')"), \
        "a script ran before the first paint: the test no longer sees what readers see"
    for _ in range(100):  # the deferred scripts, and any they load in turn
        while held:
            held.pop().fallback()
        if page.evaluate("document.readyState") == "complete" and not held:
            break
        page.wait_for_timeout(50)
    page.wait_for_function("!document.documentElement.classList.contains('no-js')")
    page.wait_for_timeout(500)  # Material's components mount over the next frames
    return page.evaluate("window.__shifts")


@pytest.mark.parametrize("window", WINDOWS)
def test_no_page_moves_when_its_scripts_run(scrollbar_browser, site_server, built_site, window):
    site, _ = built_site
    moved = {}
    for path in kinds_of_page(site):
        context = scrollbar_browser.new_context(viewport=WINDOWS[window])
        try:
            shifts = shifts_after_scripts(context, f"{site_server}/{path}")
        finally:
            context.close()
        total = sum(s["value"] for s in shifts)
        if total > MOST:
            moved[path] = (round(total, 4), [m for s in shifts for m in s["moved"]])
    assert not moved, f"layout shift over {MOST} ({window}): {moved}"


def test_the_check_sees_a_page_that_moves(scrollbar_browser, site_server):
    """The measurement itself: a script that makes a box taller pushes the text below it."""
    context = scrollbar_browser.new_context(viewport=WINDOWS["desktop"])
    context.route("**/moving.html", lambda route: route.fulfill(content_type="text/html", body="""
        <!doctype html><html class="no-js"><body><div id="box" style="height:10px"></div>
        <p style="font-size:40px">text below the box</p>
        <script defer src="grow.js"></script></body></html>"""))
    context.route("**/grow.js", lambda route: route.fulfill(
        content_type="text/javascript", body="""
        document.documentElement.classList.remove('no-js');
        document.getElementById('box').style.height = '300px';"""))
    try:
        shifts = shifts_after_scripts(context, f"{site_server}/moving.html")
    finally:
        context.close()
    assert sum(s["value"] for s in shifts) > MOST, shifts
