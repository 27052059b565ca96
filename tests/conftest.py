"""Shared fixtures (one strict build, a loopback server, Chromium) and the test layers.

Every test belongs to one layer (pytest.ini): `unit` (strings, fixture files and the real
seeds; no MkDocs build, no browser), `build` (runs `mkdocs build` or `serve`) or `browser`
(drives Chromium). A test using the build or browser fixtures is put in that layer here; one
that builds by itself says so with `@pytest.mark.build`, and `build_site` checks it did.
The archive's modules, and bench/harness.py (what the tests and benchmarks share), are
importable by name (`pythonpath` in pytest.ini).
"""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import serve
from harness import (CHROMIUM, CHROMIUM_FLAGS, FIXTURE, ROOT, add_seminar,  # noqa: F401 (re-exported)
                     copy_project, strict_build)

# The seminar most tests are about, chosen by its slug: others may sit beside it in seeds/.
SLUG = "8-low-level-vision"
SEED = ROOT / "seeds" / "2021-01-09-low-level-vision.txt"
DATA = ROOT / "seeds" / "2021-01-09-low-level-vision.yml"


@functools.cache
def real_site():
    """The project's seeds/ as the build loads them, once per test run (the site and its
    warnings)."""
    from archive import load

    return load.load_site(ROOT)


@pytest.fixture(scope="session")
def site():
    """The project's seeds/, loaded; a valid seminar brings no warning."""
    loaded, warnings = real_site()
    assert warnings == []
    return loaded


def seminar_of(site, slug: str = SLUG):
    [found] = [s for s in site.seminars if s.slug == slug]
    return found


LAYERS = ("unit", "build", "browser")
# fixtures that put a test in a layer (the heavier layer wins)
LAYER_OF_FIXTURE = {"built_site": "build", "two_seminars": "build", "hostile_site": "build",
                    "server": "build", "site_server": "browser", "hostile_server": "browser",
                    "browser": "browser", "page": "browser"}
_running: dict = {"item": None}


def pytest_collection_modifyitems(items):
    for item in items:
        marked = [m.name for m in item.iter_markers() if m.name in LAYERS]
        if len(marked) > 1:
            raise pytest.UsageError(f"{item.nodeid} is marked {marked}: one layer per test")
        if marked:
            continue
        found = [LAYER_OF_FIXTURE[f] for f in item.fixturenames if f in LAYER_OF_FIXTURE]
        layer = max(found, key=LAYERS.index) if found else "unit"
        item.add_marker(getattr(pytest.mark, layer))


def pytest_runtest_setup(item):
    _running["item"] = item


def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project, from a test of the build layer."""
    item = _running["item"]
    if item is not None and item.get_closest_marker("unit"):
        raise pytest.UsageError(f"{item.nodeid} builds the site: mark it @pytest.mark.build")
    return strict_build(project, site_dir, timeout=300)


def main_content(html: str) -> str:
    """The page's own content: Material's content <article>, which holds the turns' ones."""
    return html.split('<article class="md-content__inner', 1)[1].rsplit("</article>", 1)[0]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    site = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site, result


@pytest.fixture(scope="session")
def two_seminars(tmp_path_factory):
    """The project with the fictional seminar of tests/fixtures/second-seminar added to its
    seeds/, untranslated, under a number and slug seeds/ does not use; built strict: (site,
    build result, harness.Added)."""
    project = copy_project(tmp_path_factory.mktemp("two") / "project")
    added = add_seminar(project / "seeds")
    site = project.parent / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr
    return site, result, added


@pytest.fixture(scope="session")
def site_server(built_site):
    """The built site on http://127.0.0.1:<free port>/ (loopback only), gzipped as GitHub
    Pages serves it."""
    site, _ = built_site
    server, url = serve.start(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright  # the browser layer only

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.foreign = []  # requests to anything but our own origin
    page.failed = []  # responses of 400 and above (a 404 in the console costs readers)
    own = urlsplit(site_server).netloc
    page.on("response", lambda r: r.status >= 400 and page.failed.append(f"{r.status} {r.url}"))

    def route(r):
        if urlsplit(r.request.url).netloc != own:
            page.foreign.append(r.request.url)
            return r.abort()
        return r.continue_()

    page.route("**/*", route)
    yield page
    context.close()


def indexed_pages(site: Path, lang: str) -> list[dict]:
    """What Pagefind stored for each page of a language: url, title, text, anchors."""
    import gzip
    import json

    pages = []
    for path in sorted((site / "pagefind" / lang / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        pages.append(json.loads(raw[len(b"pagefind_dcd"):]))
    return pages
