"""`mkdocs serve` as a contributor uses it: each edit of a report, a data file, a translation
or a template rebuilds once, and the new text is served; it never loops."""

from __future__ import annotations

import time

import pytest

from conftest import copy_project
from harness import fetch, mkdocs_serve, wait_for


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
