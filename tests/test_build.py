"""A strict build of the real site: the pages in both languages, and what their HTML says."""

from __future__ import annotations

import re
from pathlib import Path

BASE = "seminars/8-low-level-vision"
PAGES = ["index.html", f"{BASE}/index.html", f"{BASE}/talks/learning-optical-flow/index.html",
         f"{BASE}/panel/open-problems-and-trends/index.html", "speakers/index.html",
         "speakers/chen-change-loy/index.html", "about/index.html"]


def test_strict_build_has_no_warning(built_site):
    _, result = built_site
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr


def test_expected_pages_in_both_languages(built_site):
    site, _ = built_site
    for page in PAGES:
        assert (site / page).is_file(), page
        assert (site / "en" / page).is_file(), "en/" + page
    talks = sorted(p.parent.name for p in (site / BASE / "talks").glob("*/index.html"))
    assert len(talks) == 6
    assert len(list((site / "en" / BASE / "panel").glob("*/index.html"))) == 6


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def test_html_lang_and_hreflang(built_site):
    site, _ = built_site
    for page in PAGES:
        zh, en = read(site, page), read(site, "en/" + page)
        assert '<html lang="zh"' in zh and '<html lang="en"' in en, page
        url = "/" + page.removesuffix("index.html")
        assert f'hreflang="en"' in zh and f'hreflang="zh"' in en
        assert re.search(rf'<link rel="alternate" href="[^"]*en{re.escape(url)}" hreflang="en">',
                         zh), page
    sitemap = read(site, "sitemap.xml")
    views = list(site.glob("**/side-by-side/*/index.html"))  # alternate views: not listed
    assert sitemap.count("<url>") == len(list(site.glob("**/index.html"))) - len(views)
    assert 'hreflang="en" href="https://ccf-cv-archive.github.io/vision-unlimited/en/' \
           f'{BASE}/talks/learning-optical-flow/"' in sitemap


def test_english_pages_speak_english(built_site):
    site, _ = built_site
    page = read(site, f"en/{BASE}/panel/open-problems-and-trends/index.html")
    assert "<title>Open problems and trends - " in page
    assert ">Chen Change Loy</a>" in page and ">Jinshan Pan</a>" in page
    assert 'id="t02"' in page and 'href="#t02"' in page
    zh = read(site, f"{BASE}/panel/open-problems-and-trends/index.html")
    assert re.findall(r'id="(t\d\d)"', zh) == re.findall(r'id="(t\d\d)"', page)


EXTERNAL = re.compile(r'<(?:script|img|iframe|source|link)\b[^>]*\b(?:src|href)="(https?:)?//', re.I)


def test_nothing_is_loaded_from_another_origin(built_site):
    site, _ = built_site
    for page in site.glob("**/*.html"):
        text = page.read_text(encoding="utf-8")
        for m in EXTERNAL.finditer(text):
            tag = text[m.start(): text.index(">", m.start()) + 1]
            # <link rel="alternate|canonical"> name other pages; they are not loaded
            assert re.search(r'rel="(alternate|canonical)"', tag), f"{page}: {tag}"
        assert "fonts.googleapis" not in text and 'data-md-component="source"' not in text


def test_edit_links_open_the_real_source(built_site):
    site, _ = built_site
    zh = read(site, f"{BASE}/talks/noise-modeling/index.html")
    en = read(site, f"en/{BASE}/talks/noise-modeling/index.html")
    assert "/edit/main/seeds/2021-01-09-low-level-vision.txt" in zh
    assert "/edit/main/seeds/2021-01-09-low-level-vision.en.txt" in en


def test_the_footer_speaks_the_language_of_the_page(built_site):
    site, _ = built_site
    zh = read(site, "index.html").split('class="md-copyright__highlight">', 1)[1].split("</div>")[0]
    en = read(site, "en/index.html").split('class="md-copyright__highlight">', 1)[1].split("</div>")[0]
    assert re.search(r"[\u4e00-\u9fff]", zh) and not re.search(r"[A-Za-z]{4}", zh.replace("MIT", ""))
    assert "report text" in en and not re.search(r"[\u4e00-\u9fff]", en)
    # and so does Material's credit after it
    def credit(page: str) -> str:
        small_print = read(site, page).split('class="md-copyright__highlight">', 1)[1]
        small_print = small_print.split("</div>", 1)[1].split("</footer>", 1)[0]
        return " ".join(re.sub(r"<[^>]+>", " ", small_print).split())
    assert credit("index.html") == "本站使用 Material for MkDocs 制作"
    assert credit("en/index.html") == "Made with Material for MkDocs"


def test_no_template_or_interface_strings_file_is_published(built_site):
    site, _ = built_site
    published = [p.relative_to(site) for p in site.rglob("*")
                 if p.suffix in (".j2", ".yml", ".yaml", ".py") or p.name == "strings.yml"]
    assert published == []
