"""Shared fixtures: the hook modules on sys.path, one strict build, a loopback server."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from urllib.parse import urlsplit
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

SEED = ROOT / "seeds" / "2021-01-09-low-level-vision.txt"
DATA = ROOT / "seeds" / "2021-01-09-low-level-vision.yml"


def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as a contributor runs it (never with -q: it hides warnings)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


def main_content(html: str) -> str:
    """The page's own content: Material's content <article>, which holds the turns' ones."""
    return html.split('<article class="md-content__inner', 1)[1].rsplit("</article>", 1)[0]


def copy_project(dest: Path) -> Path:
    """A copy of what a build reads, for tests that edit seeds or translations."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ["mkdocs.yml", "seeds", "hooks", "overrides", "docs"]:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    site = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site, result


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_server(built_site):
    """The built site on http://127.0.0.1:<free port>/ (loopback only)."""
    site, _ = built_site
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


# The system Chromium (Debian's package); Playwright never downloads a browser here.
# CHROMIUM_PATH points at another Chromium or Chrome.
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
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
