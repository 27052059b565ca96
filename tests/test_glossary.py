"""Abbreviations marked with CJK-aware boundaries; the glossary page; the side-by-side view."""

from __future__ import annotations

import re

from archive.glossary import Marker
from archive.model import Term, Text
from conftest import indexed_pages

GAN = Term("gan", "GAN", "GAN", "GAN", ("gan",), Text("生成对抗网络", "generative adversarial network"))
SR = Term("sr", "超分辨率", "super-resolution", "SR", ("sr",), Text("超分辨率", "super-resolution"))


def marked(text: str, terms=(GAN, SR), lang: str = "zh") -> list[str]:
    out = Marker(terms, lang).for_page("../glossary/")(text)
    return re.findall(r'<a class="term" href="\.\./glossary/#([a-z-]+)"[^>]*>([^<]+)</a>', out)


def test_terms_between_han_characters_are_marked():
    assert marked("如何利用已经训练好的GAN作为图像先验") == [("gan", "GAN")]
    assert marked("类似derain,sr,解决的真的挺好") == [("sr", "sr")]


def test_terms_inside_latin_words_are_not():
    assert marked("比如bigGAN,StyleGAN,现在还好") == []
    assert marked("在使用ESRGAN做超分时") == []
    assert marked("ORGANIC GANs") == []


def test_each_term_is_marked_once_per_page_and_text_is_kept():
    mark = Marker((GAN,), "en").for_page("g/")
    first, second = mark("a GAN here"), mark("and a GAN there")
    assert 'data-tip="generative adversarial network">GAN</a>' in first
    assert second == "and a GAN there"
    assert re.sub(r"<[^>]+>", "", first) == "a GAN here"


def test_a_text_on_several_pages_is_marked_for_each_page_and_language():
    # occurrences are cached per text; what is marked is still decided per page
    text = "用GAN训练"
    zh, en = Marker((GAN,), "zh"), Marker((GAN,), "en")
    page_a, page_b = zh.for_page("a/"), zh.for_page("b/")
    assert 'href="a/#gan" data-tip="生成对抗网络"' in page_a(text)
    assert page_a(text) == text
    assert 'href="b/#gan" data-tip="生成对抗网络"' in page_b(text)
    assert 'data-tip="generative adversarial network"' in en.for_page("a/")(text)


def test_glossary_page_and_tooltips_in_both_languages(built_site):
    site, _ = built_site
    zh = (site / "glossary/index.html").read_text(encoding="utf-8")
    en = (site / "en/glossary/index.html").read_text(encoding="utf-8")
    for page in (zh, en):
        assert 'id="pwc-net"' in page and 'id="low-level-vision"' in page
    talk = (site / "en/seminars/8-low-level-vision/talks/learning-optical-flow/index.html")
    assert re.search(r'<a class="term" href="\.\./\.\./\.\./\.\./glossary/#pwc-net" data-tip="[^"]+">'
                     r'PWC-Net</a>', talk.read_text(encoding="utf-8"))


def test_side_by_side_view_is_reachable_but_not_a_second_copy(built_site):
    site, _ = built_site
    base = "seminars/8-low-level-vision"
    talk = (site / base / "talks/noise-modeling/index.html").read_text(encoding="utf-8")
    assert 'href="../../side-by-side/noise-modeling/"' in talk
    view = (site / base / "side-by-side/noise-modeling/index.html").read_text(encoding="utf-8")
    assert ('<link rel="canonical" href="https://ccf-cv-archive.github.io/vision-unlimited/'
            f'{base}/talks/noise-modeling/">') in view
    assert view.count('class="pair"') == 1 and 'lang="en"' in view
    assert "side-by-side" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    urls = [p["url"] for lang in ("zh", "en") for p in indexed_pages(site, lang)]
    assert not [u for u in urls if "side-by-side" in u]
    assert f"/{base}/talks/noise-modeling/" in urls and f"/en/{base}/talks/noise-modeling/" in urls
