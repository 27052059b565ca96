"""What every built page tells browsers, crawlers and contributors: title, description,
Open Graph, canonical URL, schema.org data, and an edit link to a file that exists."""

from __future__ import annotations

import json
import re

from archive import render
from archive.typography import HAN
from conftest import ROOT

SITE_URL = "https://ccf-cv-archive.github.io/vision-unlimited/"
EDIT = re.compile(r'href="https://github\.com/ccf-cv-archive/vision-unlimited/edit/main/([^"]+)"')


def pages(site):
    return [p for p in sorted(site.rglob("index.html"))]


def test_every_page_has_title_description_open_graph_and_canonical(built_site):
    site, _ = built_site
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        rel = str(page.relative_to(site))
        title = re.search(r"<title>([^<]+)</title>", html)[1]
        assert title.strip() and not title.startswith(" - "), rel
        description = re.search(r'<meta name="description" content="([^"]+)">', html)[1]
        assert len(description) > 10, rel
        for prop in ("og:title", "og:description", "og:url", "og:locale", "og:type"):
            assert f'property="{prop}"' in html, (rel, prop)
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html)[1]
        assert canonical.startswith(SITE_URL), rel


def test_descriptions_come_from_the_page_itself(built_site):
    site, _ = built_site
    talk = (site / "seminars/8-low-level-vision/talks/noise-modeling/index.html").read_text("utf-8")
    assert '<meta name="description" content="付莹教授的报告题目是“噪声建模与图像重构”' in talk
    en = (site / "en/speakers/chen-change-loy/index.html").read_text("utf-8")
    assert ('content="Chen Change Loy: Seminar 8 · Recent Advances and Future Trends in Low-Level'
            ' Vision: speaker, panelist, Nanyang Technological University, Singapore"') in en


def jsonld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.+?)</script>', html)[1])


def test_seminar_pages_carry_schema_org_events(built_site):
    site, _ = built_site
    base = site / "seminars/8-low-level-vision"
    event = jsonld((base / "index.html").read_text(encoding="utf-8"))
    assert event["@type"] == "Event" and event["startDate"] == "2021-01-09"
    assert event["name"] == "底层视觉的前沿进展与未来趋势"
    assert event["organizer"]["name"].startswith("中国计算机学会计算机视觉专委会")
    assert {p["name"] for p in event["performer"]} >= {"查红彬", "Deqing Sun", "吕健勤", "潘金山",
                                                       "Ming-Hsuan Yang"}
    talk = jsonld((site / "en/seminars/8-low-level-vision/talks/deep-generative-prior/index.html")
                  .read_text(encoding="utf-8"))
    assert [p["name"] for p in talk["performer"]] == ["Chen Change Loy"]
    assert talk["superEvent"]["name"] == "Recent Advances and Future Trends in Low-Level Vision"


def test_every_edit_link_opens_a_file_of_the_repository(built_site):
    site, _ = built_site
    checked, without = 0, set()
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        found = EDIT.findall(html)
        for path in found:
            assert (ROOT / path).is_file(), f"{page.relative_to(site)}: {path}"
            assert not path.startswith("hooks/"), f"{page.relative_to(site)}: {path}"
            checked += 1
        if not found:
            without.add(str(page.relative_to(site)))
    # the index pages are made of every seminar's facts: no one file to edit, no edit link
    indexes = {"index.html", "speakers/index.html", "topics/index.html"}
    assert without == indexes | {f"en/{p}" for p in indexes}
    en = (site / "en/seminars/8-low-level-vision/panel/open-problems-and-trends/index.html")
    assert EDIT.findall(en.read_text(encoding="utf-8")) == [
        "seeds/2021-01-09-low-level-vision.en.txt"]


# Metadata in the page's language, translated or not


HEAD_TAGS = re.compile(r'<title>[^<]*</title>|<meta (?:name|property)="(?:description|og:[a-z_:]+|'
                       r'citation_[a-z_]+)" content="[^"]*">')


def without_chinese_only_names(text: str, people) -> str:
    """The text without the names of people the data files name in Chinese only (their
    English name is Chinese): the one place Han characters may stay in English metadata."""
    for person in people.values():
        if HAN.search(person.name.en):
            text = text.replace(person.name.en, "")
    return text


def test_english_metadata_is_english_on_untranslated_pages_too(two_seminars):
    import feedparser

    from archive import load

    site, _, added = two_seminars
    loaded, _ = load.load_site(site.parent / "project")  # the project the fixture built
    checked = set()
    for page in sorted((site / "en").rglob("*.html")):
        head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
        tags = HEAD_TAGS.findall(head)
        assert any(t.startswith("<title>") for t in tags), page
        for tag in tags:
            assert not HAN.search(without_chinese_only_names(tag, loaded.people)), (page, tag)
            checked.add(re.match(r'<title|<meta \w+="([a-z_:]+)', tag)[1] or "title")
    assert {"title", "description", "og:title", "og:description", "citation_title",
            "citation_author", "citation_conference_title"} <= checked
    feed = feedparser.parse((site / "en/feed.xml").read_bytes())
    assert len(feed.entries) == len(loaded.seminars)
    for entry in feed.entries:
        words = [entry.title, entry.summary, entry.author,
                 *(c.name for c in entry.get("contributors", [])),
                 *(t.term for t in entry.get("tags", []))]
        for text in words:
            assert not HAN.search(without_chinese_only_names(text, loaded.people)), text
    # the untranslated seminar takes the data file's English words, and says it is Chinese
    seminar = next(s for s in loaded.seminars if s.slug == added.slug)
    note = render.strings()["en"]["untranslated_note"]
    q = seminar.questions[-1]
    html = (site / "en" / added.base / "panel" / q.slug / "index.html").read_text("utf-8")
    description = re.search(r'<meta name="description" content="([^"]+)">', html)[1]
    assert q.short.en in description and description.endswith(note)
    talk = seminar.talks[-1]
    html = (site / "en" / added.base / "talks" / talk.slug / "index.html").read_text("utf-8")
    assert re.search(r'<meta property="og:description" content="([^"]+)">', html)[1].endswith(
        note)
    [entry] = [e for e in feed.entries if e.link.endswith(f"/{added.base}/")]
    assert entry.summary.startswith(f"Seminar {seminar.number} · {seminar.title.en}")
    assert entry.summary.endswith(note)
    # the Chinese pages keep the report's own words
    zh = (site / added.base / "panel" / q.slug / "index.html").read_text("utf-8")
    assert re.search(r'<meta name="description" content="([^"]+)">', zh)[1] in q.text
