"""Adding a seminar takes its report and its data file, no code: a second, small, fictional
seminar (tests/fixtures/second-seminar: 3 talks, 2 questions, a BOM, CRLF, full-width colons
and commas, a glued turn, "Panel实录") gets its pages in both languages, and the person it
shares with the first seminar keeps one page linking both. The `two_seminars` fixture
(conftest.py) adds it to seeds/ under a number and slug seeds/ does not use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SLUG, indexed_pages, main_content, real_site, seminar_of


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


@pytest.mark.build
def test_home_lists_both_seminars_newest_first(two_seminars):
    site, _, _ = two_seminars
    older = seminar_of(real_site()[0], SLUG).title  # held on an earlier day than the fixture's
    for home, first, second in [("index.html", "三维视觉的前沿进展与挑战", older.zh),
                                ("en/index.html", "Recent Advances and Challenges in 3D Vision",
                                 older.en)]:
        article = main_content(read(site, home))
        assert article.index(first) < article.index(second), home


@pytest.mark.build
def test_the_new_seminar_has_its_pages_in_both_languages(two_seminars):
    site, result, added = two_seminars
    base = added.base
    for lang in ("", "en/"):
        assert (site / lang / base / "index.html").is_file()
        talks = sorted(p.parent.name for p in (site / lang / base / "talks").glob("*/index.html"))
        assert talks == ["lidar-visual-slam", "neural-scene-representations", "welcome-address"]
        panel = sorted(p.parent.name for p in (site / lang / base / "panel").glob("*/index.html"))
        assert panel == ["implicit-or-explicit-representations", "multi-sensor-fusion-at-scale"]
        for person in ("li-jingyi", "zhang-haitao", "chen-yuhang", "wang-xiaoming"):
            assert (site / lang / "speakers" / person / "index.html").is_file()
    question = read(site, f"{base}/panel/multi-sensor-fusion-at-scale/index.html")
    assert re.findall(r'id="(t\d\d)"', question) == ["t01", "t02", "t03", "t04", "t05"]
    # not translated: the English pages show the Chinese under a notice, the build stays green
    english = read(site, f"en/{base}/talks/lidar-visual-slam/index.html")
    assert "Not translated yet" in english
    assert f"translation of {added.slug}: 0/" in result.stderr


@pytest.mark.build
def test_a_person_in_both_seminars_has_one_page_linking_both(two_seminars):
    site, _, added = two_seminars
    assert len(list(site.glob("speakers/ming-hsuan-yang*/index.html"))) == 1
    page = read(site, "en/speakers/ming-hsuan-yang/index.html")
    first = seminar_of(real_site()[0], SLUG)
    assert f"Seminar {added.number} · Recent Advances and Challenges in 3D Vision" in page
    assert f"Seminar {first.number} · {first.title.en}" in page
    assert f'href="../../{added.base}/talks/neural-scene-representations/"' in page
    assert f'href="../../seminars/{SLUG}/panel/open-problems-and-trends/#t07"' in page
    # one block per seminar (the person may be in others of seeds/ too): its roles there
    roles = {slug: re.search(r"<dt>Role</dt><dd>([a-z, ]+)</dd>", block)[1] for slug, block
             in re.findall(r'id="seminar-([a-z0-9-]+)"(.*?)</dl>', page, re.S)}
    assert roles[added.slug] == "speaker, panelist" and roles[SLUG] == "panelist"
    speakers = main_content(read(site, "speakers/index.html"))
    assert speakers.count('href="ming-hsuan-yang/"') == 1  # one row in the index


def test_the_english_index_holds_an_untranslated_seminar_without_its_chinese(two_seminars):
    # an English reader finds the seminar by its English title, speakers, affiliations and
    # topics before its report is translated; the Chinese report text stays out
    site, _, added = two_seminars
    pages = {p["url"]: p for p in indexed_pages(site, "en")}
    talk = pages[f"/en/{added.base}/talks/lidar-visual-slam/"]
    assert talk["meta"]["title"] == "LiDAR-Visual Fusion SLAM for Autonomous Driving"
    for words in ("Haitao Zhang", "Xinghe Research Institute", "point cloud",
                  "autonomous driving"):
        assert words in talk["content"], words
    assert not re.search(r"[\u4e00-\u9fff]{4}", talk["content"]), talk["content"][:300]
    question = pages[f"/en/{added.base}/panel/multi-sensor-fusion-at-scale/"]
    assert "sensor fusion" in question["content"]


@pytest.mark.build
def test_the_new_seminar_reaches_the_topics_and_the_feed(two_seminars):
    import feedparser

    site, _, added = two_seminars
    for lang, label in (("", "点云"), ("en/", "point cloud")):
        # a topic only the new seminar names gets its page, listed in the index
        index = main_content(read(site, f"{lang}topics/index.html"))
        assert f'href="point-cloud/">{label}</a>' in index
        page = main_content(read(site, f"{lang}topics/point-cloud/index.html"))
        assert f"{added.base}/talks/lidar-visual-slam/" in page
        # a topic both seminars name lists both
        both = main_content(read(site, f"{lang}topics/self-supervised/index.html"))
        assert f"{added.base}/" in both and f"seminars/{SLUG}/" in both
        feed = feedparser.parse((site / lang / "feed.xml").read_bytes())
        assert not feed.bozo
        [entry] = [e for e in feed.entries if e.link.endswith(f"/{added.base}/")]
        assert entry.published.startswith("2021-06-19")
        # newest first: dated by the seminars' days
        assert [e.published for e in feed.entries] == sorted(
            (e.published for e in feed.entries), reverse=True)


@pytest.mark.build
def test_the_new_seminar_links_its_recording_at_each_start_and_its_report(two_seminars):
    site, _, added = two_seminars
    video = "https://www.bilibili.com/video/BV0000000000?p=1"
    for lang, label in (("", "录像 0:12:30"), ("en/", "Recording at 0:12:30")):
        talk = main_content(read(site, f"{lang}{added.base}/talks/lidar-visual-slam/index.html"))
        assert (f'<a class="recording-link" href="{video}&amp;t=750"><span aria-hidden="true">'
                f"▶ </span>{label}</a>") in talk
        assert ('<a href="https://example.org/fictional-report/2021-06-25.html">'
                in talk)  # the provenance note gives the report's address
        question = main_content(read(site, f"{lang}{added.base}/panel/implicit-or-explicit-representations/index.html"))
        assert f'href="{video}&amp;t=5025"' in question
        # nothing is embedded: the video is a link
        assert "<iframe" not in talk + question and "<video" not in talk + question
