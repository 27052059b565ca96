"""`mkdocs serve` as a contributor uses it: each edit of a report, a data file, a translation
or a template rebuilds once, and the new text is served; it never loops."""

from __future__ import annotations

import re
import time

import pytest

from conftest import copy_project
from harness import fetch, mkdocs_serve, wait_for
from serve import free_port


@pytest.fixture
def server(tmp_path):
    project = copy_project(tmp_path / "p")
    log = tmp_path / "serve.log"
    with mkdocs_serve(project, log) as (url, _):
        assert wait_for(lambda: "底层视觉" in fetch(url), 60, 0.3), log.read_text("utf-8")
        yield project, url, log


def rebuilds(log) -> int:
    return log.read_text(encoding="utf-8").count("Detected file changes")


ZH = "seminars/8-low-level-vision/"
EN = "en/" + ZH
EDITS = [  # (file, text, new text, page, what the page must then show)
    ("seeds/2021-01-09-low-level-vision.txt", "圆满结束。", "圆满结束。编辑一", ZH, "编辑一"),
    ("seeds/2021-01-09-low-level-vision.yml", "en: Open problems and trends",
     "en: Open problems and future trends", EN, "Open problems and future trends"),
    ("seeds/2021-01-09-low-level-vision.en.txt", "Let me get the ball rolling.",
     "Let me start us off.", EN + "panel/open-problems-and-trends/", "Let me start us off."),
    ("hooks/archive/templates/strings.yml", "  read_side_by_side: 中英对照阅读",
     "  read_side_by_side: 中英对照细读", ZH + "talks/noise-modeling/", "中英对照细读"),
]


@pytest.mark.build
def test_each_kind_of_edit_rebuilds_once_and_is_served(server):
    project, url, log = server
    for done, (name, old, new, page, expect) in enumerate(EDITS, 1):
        path = project / name
        text = path.read_text(encoding="utf-8")
        assert old in text, name
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        assert wait_for(lambda: expect in fetch(url + page)), (name, log.read_text()[-2000:])
        time.sleep(3)  # time for a loop to show itself
        assert rebuilds(log) == done, (name, log.read_text()[-2000:])


def without_livereload(html: str) -> str:
    """A served page as the build wrote it: `mkdocs serve` adds its reload script (with the
    server's start time) before </body>."""
    from mkdocs.livereload import _SCRIPT_TEMPLATE

    script = re.escape(f"<script>{_SCRIPT_TEMPLATE.template}</script>")
    script = script.replace(re.escape("${epoch}"), r"\d+").replace(re.escape("${request_id}"), r"\d+")
    found, count = re.subn(script + r"(?=</body>)", "", html)
    assert count == 1
    return found


def built(log, times: int) -> bool:
    """Has the server finished its `times`-th rebuild?"""
    text = log.read_text(encoding="utf-8")
    return rebuilds(log) == times and "Documentation built" in text.split("Detected file changes")[-1]


def every_page(url: str) -> dict[str, str]:
    """Each page the sitemaps list (both languages), as served."""
    locs = re.findall(r"<loc>([^<]+)</loc>", fetch(url + "sitemap.xml"))
    assert locs
    return {loc: without_livereload(fetch(loc)) for loc in locs}


@pytest.mark.build
def test_a_dirty_rebuild_serves_what_a_full_build_writes(tmp_path):
    # `mkdocs serve --dirty` rebuilds only the pages an edit touches: every page it then
    # serves must be the page a full build of the edited seeds writes, byte for byte
    from archive import load, render

    project = copy_project(tmp_path / "p")
    site, _ = load.load_site(project)
    seminar = site.seminars[-1]
    talk = seminar.talks[-1]
    report = project / seminar.seed_path
    lines = report.read_text(encoding="utf-8").split("\n")
    edited = talk.paragraphs[-1].line_no - 1
    lines[edited] = lines[edited].rstrip("\r") + "增量重建标记。" + ("\r" if lines[edited].endswith("\r") else "")
    page = render.talk_path(seminar, talk.slug).removesuffix(".md") + "/"
    port = free_port()
    log = tmp_path / "dirty.log"
    with mkdocs_serve(project, log, args=("--dirty",), port=port) as (url, _):
        assert wait_for(lambda: seminar.title.zh in fetch(url), 120, 0.3), log.read_text("utf-8")
        report.write_text("\n".join(lines), encoding="utf-8")
        assert wait_for(lambda: "增量重建标记" in fetch(url + page), 120, 0.2), log.read_text()[-2000:]
        assert wait_for(lambda: built(log, 1), 60)
        rebuilt = re.findall(r"zh: (\d+) of (\d+) generated pages to build",
                             log.read_text(encoding="utf-8").split("Detected file changes")[-1])
        assert rebuilt and 0 < int(rebuilt[0][0]) < int(rebuilt[0][1])  # it did skip pages
        # a new title changes the navigation of every page
        data = project / seminar.data_path
        data.write_text(data.read_text(encoding="utf-8").replace(
            talk.title.en, talk.title.en + " (revised)", 1), encoding="utf-8")
        assert wait_for(lambda: built(log, 2), 120, 0.2), log.read_text()[-2000:]
        dirty = every_page(url)
    with mkdocs_serve(project, tmp_path / "full.log", port=port) as (url, _):
        assert wait_for(lambda: "(revised)" in fetch(url + page) + fetch(url + "en/" + page), 120, 0.3)
        full = every_page(url)
    assert dirty.keys() == full.keys()
    assert [u for u in full if dirty[u] != full[u]] == []
