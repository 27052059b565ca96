"""An Atom feed of the seminars per language, read back by a feed parser."""

from __future__ import annotations

import feedparser

from conftest import SLUG

SITE_URL = "https://ccf-cv-archive.github.io/vision-unlimited/"


def test_each_language_has_a_valid_feed_of_its_seminars_newest_first(built_site):
    site, _ = built_site
    for lang, home in (("zh", SITE_URL), ("en", SITE_URL + "en/")):
        folder = site / ("" if lang == "zh" else "en")
        parsed = feedparser.parse((folder / "feed.xml").read_bytes())
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.version == "atom10" and parsed.feed.language == lang
        assert parsed.feed.link == home
        seminars = sorted((p.parent.name for p in (site / "seminars").glob("*/index.html")))
        assert sorted(e.link.removeprefix(home + "seminars/").strip("/")
                      for e in parsed.entries) == seminars
        dates = [e.published_parsed for e in parsed.entries]
        assert dates == sorted(dates, reverse=True)
        [real] = [e for e in parsed.entries if e.link.endswith(f"/seminars/{SLUG}/")]
        assert (folder / "seminars" / SLUG / "index.html").is_file()
        assert real.published.startswith("2021-01-09")
        if lang == "en":
            assert real.title == "Seminar 8 · Recent Advances and Future Trends in Low-Level Vision"
            assert "Chen Change Loy" in [c.name for c in real.contributors]
            assert "optical flow" in [t.term for t in real.tags]
        else:
            assert real.title == "第 8 期 · 底层视觉的前沿进展与未来趋势"
            assert "CCF-CV" in real.author and "光流" in [t.term for t in real.tags]
