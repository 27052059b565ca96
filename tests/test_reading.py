"""What a new reader met on the pages: punctuation of the interface, turns told apart, the
speakers index and the glossary in order, a compact talk page, side-by-side views that keep
the reader's place, previous/next links, and one 404 page speaking the path's language."""

from __future__ import annotations

import functools
import html
import json
import re

import pytest

from archive import glossary, render
from archive.typography import HAN, canonical_punctuation
from conftest import SEED, main_content, real_site, seminar_of

# ASCII punctuation beside Chinese, and spaces after a full-width mark. Neither the interface
# nor the report's text, which typography.py typesets, may show one: report text is checked
# with the rest (the paragraphs, side-by-side pairs, the full question, quoted sentences).
ASCII_BESIDE_HAN = re.compile(
    rf"{HAN.pattern}[,:;?!(]|[,:;?!)]{HAN.pattern}"
    rf"|[，。：；！？、] +(?={HAN.pattern}|\[)")  # a full-width mark carries its own space


@functools.cache
def pages(lang: str) -> dict[str, str]:
    return {p.path: p.markdown for p in render.render_site(real_site()[0], lang)}


def front_matter(markdown: str) -> tuple[dict, str]:
    head, body = markdown.removeprefix("---\n").split("\n---\n", 1)
    return json.loads(head), body


def seminar_pages() -> list[str]:
    """Every Chinese page of the real seminar, and every page not of a seminar (home,
    speakers, people, glossary), which show it too."""
    prefix = render.seminar_dir(seminar_of(real_site()[0])) + "/"
    return sorted(p for p in pages("zh") if p.startswith(prefix) or not p.startswith("seminars/"))


@pytest.mark.parametrize("path", seminar_pages())
def test_no_page_puts_ascii_punctuation_beside_chinese(path):
    meta, body = front_matter(pages("zh")[path])
    shown = [body, meta["title"], meta.get("description", "")]
    found = [m[0] for text in shown for m in ASCII_BESIDE_HAN.finditer(text)]
    assert found == [], path


def test_the_checker_finds_ascii_punctuation_beside_chinese():
    assert ASCII_BESIDE_HAN.findall("完整问题: 英文名, Name: x 好?") == ["题:", "名,", "好?"]
    assert ASCII_BESIDE_HAN.findall("专委会(CCF-CV)主办。 [术语表](g.md)，又见") == ["会(", ")主", "。 "]
    assert ASCII_BESIDE_HAN.findall("以及重建;第三点，问题?”(1)如何") == ["建;", "题?", ")如"]


def test_no_space_follows_a_full_width_comma():
    assert canonical_punctuation("任务, 其主要") == "任务，其主要"
    assert canonical_punctuation("速度: 快") == "速度：快"
    assert canonical_punctuation("derain, sr") == "derain, sr"  # Latin words keep theirs
    report = SEED.read_text(encoding="utf-8")
    assert "任务, 其主要" in report  # the report is never edited; its page is typeset
    shown = "".join(pages("zh").values())
    assert "任务，其主要" in shown and "任务， 其主要" not in shown


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_questions_turns_are_numbered_in_the_contents(lang):
    import markdown as md

    s = seminar_of(real_site()[0])
    for q in s.questions:
        for path in (render.question_path(s, q.slug), render.bilingual_path(s, q.slug)):
            converter = md.Markdown(extensions=["attr_list", "md_in_html", "toc"])
            converter.convert(front_matter(pages(lang)[path])[1])
            labels = [t["name"] for t in converter.toc_tokens[0]["children"]
                      if t["id"].startswith("t")]
            assert len(labels) == len(q.turns) == len(set(labels)), (path, labels)
            assert [label.split(".")[0] for label in labels] == [
                str(n) for n in range(1, len(q.turns) + 1)], (path, labels)


def family_names(lang: str) -> list[str]:
    body = front_matter(pages(lang)["speakers/index.md"])[1]
    ids = re.findall(r"^\| \[[^\]]+\]\(([a-z0-9-]+)\.md\)", body, re.M)
    return [real_site()[0].people[pid].name.en.split()[-1] for pid in ids]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_speakers_index_is_in_family_name_order(lang):
    names = family_names(lang)
    assert len(names) == len(real_site()[0].people)
    assert names == sorted(names, key=str.casefold)


def test_family_order_reads_the_english_name_given_first():
    assert render.family_order("Hongbin Zha") < render.family_order("Wangmeng Zuo")
    assert render.family_order("Chen Change Loy") < render.family_order("Jinshan Pan")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_speakers_index_gives_role_and_affiliation_their_own_columns(lang):
    t = render.strings()[lang]
    body = front_matter(pages(lang)["speakers/index.md"])[1]
    header = next(line for line in body.splitlines() if line.startswith("| "))
    assert [c.strip() for c in header.strip("|").split("|")] == [
        render.md_escape(t[k]) for k in ("name", "seminar", "role", "affiliation")]
    s = seminar_of(real_site()[0])
    rows = [line for line in body.splitlines() if f"{render.seminar_dir(s)}/index.md" in line]
    assert len(rows) == len(s.people)
    roles = set(t["roles"].values())
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert set(cells[2].split(t["role_separator"])) <= roles, row
        assert cells[3] in {render.md_escape(s.affiliations[p].get(lang)) for p in s.people}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_glossary_is_sorted_with_an_index_of_letters(lang):
    from pypinyin import lazy_pinyin

    body = front_matter(pages(lang)["glossary.md"])[1]
    ids = re.findall(r'<dt id="([^"]+)"', body)
    assert sorted(ids) == sorted(t.id for t in real_site()[0].glossary)  # each term once
    terms = {t.id: t for t in real_site()[0].glossary}
    keys = ["".join(lazy_pinyin(terms[i].zh)).casefold() if lang == "zh"
            else terms[i].en.casefold() for i in ids]
    letters = [k[:1].upper() if "a" <= k[:1] <= "z" else "#" for k in keys]
    # grouped by letter, A to Z then the rest, and in order inside each group
    assert letters == sorted(letters, key=lambda c: (c == "#", c))
    assert keys == sorted(keys, key=lambda k: (not "a" <= k[:1] <= "z", k))
    index = re.findall(r'<li><a href="#(letter-[a-z]+)">', body)
    headings = re.findall(r"^## .* \{ #(letter-[a-z]+) \.glossary-letter \}$", body, re.M)
    assert index == headings and len(index) == len(set(letters))


def test_glossary_groups_put_other_initials_last():
    from archive.model import Term

    terms = (Term(id="b", zh="乙", en="beta"), Term(id="n", zh="3D 重建", en="3D"),
             Term(id="a", zh="甲", en="alpha"))
    assert [(k, [t.id for t in g]) for k, g in glossary.sorted_terms(terms, "en")] == [
        ("A", ["a"]), ("B", ["b"]), ("#", ["n"])]
    assert [k for k, _ in glossary.sorted_terms(terms, "zh")] == ["J", "Y", "#"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_topics_index_is_in_alphabetical_order_of_its_language(lang):
    from pypinyin import lazy_pinyin

    body = front_matter(pages(lang)["topics/index.md"])[1]
    labels = [html.unescape(x) for x in re.findall(r'<li><a href="[^"]+">([^<]+)</a>', body)]
    assert len(labels) > 1
    keys = ["".join(lazy_pinyin(x)).casefold() if lang == "zh" else x.casefold() for x in labels]
    assert keys == sorted(keys)


def test_chinese_labels_sort_by_pinyin_not_by_code_point():
    words = ["图像去噪", "超分辨率", "光流", "ViT"]  # code points: 光 < 图 < 超
    assert sorted(words, key=lambda w: glossary.reading_key(w, "zh")) == [
        "超分辨率", "光流", "图像去噪", "ViT"]
    assert sorted(["beta", "Alpha"], key=lambda w: glossary.reading_key(w, "en")) == ["Alpha", "beta"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_talk_page_names_its_speaker_once_and_links_its_seminar(lang):
    s = seminar_of(real_site()[0])
    for talk in s.talks:
        path = render.talk_path(s, talk.slug)
        body = front_matter(pages(lang)[path])[1]
        head = body.split("## ", 1)[0]  # what comes before the summary
        assert head.count(real_site()[0].people[talk.speaker].name.get(lang)) == 1, path
        person = render.url_relative(path, render.person_path(talk.speaker))
        seminar = render.url_relative(path, render.seminar_dir(s) + "/index.md")
        assert f'href="{person}"' in head and f'href="{seminar}"' in head
        assert render.seminar_label(s, lang) in head


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_side_by_side_view_names_the_page_it_leads_back_to(lang):
    s = seminar_of(real_site()[0])
    t = render.strings()[lang]
    for slug, title, main in (
            [(k.slug, k.title.get(lang), render.talk_path(s, k.slug)) for k in s.talks]
            + [(q.slug, q.short.get(lang), render.question_path(s, q.slug)) for q in s.questions]):
        path = render.bilingual_path(s, slug)
        body = front_matter(pages(lang)[path])[1]
        back = f"[{render.md_escape(t['back_to_page'].format(title=title))}]"
        assert f"{back}({render.relative(path, main)})" in body, path


# Built pages


BASE = "seminars/8-low-level-vision"


def footer_links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" class="md-footer__link md-footer__link--(?:prev|next)"',
                      html)


@pytest.mark.parametrize("lang", ["", "en/"])
def test_talk_and_question_pages_lead_on_to_the_previous_and_next(built_site, lang):
    site_dir, _ = built_site
    pages_ = sorted((site_dir / lang / BASE).glob("talks/*/index.html")) + sorted(
        (site_dir / lang / BASE).glob("panel/*/index.html"))
    assert pages_
    for page in pages_:
        links = footer_links(page.read_text(encoding="utf-8"))
        assert len(links) == 2, page
        for href in links:  # each leads to a built page
            assert (page.parent / href / "index.html").resolve().is_file(), (page, href)


@pytest.mark.parametrize("lang", ["", "en/"])
def test_a_side_by_side_view_keeps_the_readers_place_in_the_navigation(built_site, lang):
    site_dir, _ = built_site
    views = sorted((site_dir / lang / BASE / "side-by-side").glob("*/index.html"))
    assert views
    for view in views:
        html = view.read_text(encoding="utf-8")
        main = view.parent.parent.parent / ("talks" if (
            view.parent.parent.parent / "talks" / view.parent.name).is_dir() else "panel")
        href = f"../../{main.name}/{view.parent.name}/"
        active = re.findall(r'<a href="([^"]+)" class="md-nav__link md-nav__link--active">', html)
        assert active == [href], view
        page = main / view.parent.name
        # it leads on as its page does
        assert [(view.parent / h).resolve() for h in footer_links(html)] == [
            (page / h).resolve() for h in footer_links((page / "index.html").read_text("utf-8"))]
        nav = html.split('class="md-nav md-nav--secondary"', 1)[1].split("</nav>", 1)[0]
        if "turn-heading" in html:  # a question's: the contents list has its label
            assert re.search(r'<div class="md-nav__title">\s*(目录|Table of contents)\s*</div>', nav)


@pytest.mark.parametrize("lang", ["", "en/"])
def test_person_and_topic_pages_keep_the_readers_place_in_the_navigation(built_site, lang):
    site_dir, _ = built_site
    for index in ("speakers", "topics"):
        pages = sorted(p for p in (site_dir / lang / index).glob("*/index.html"))
        assert pages
        for page in pages:
            html = page.read_text(encoding="utf-8")
            active = re.findall(r'<a href="([^"]+)" class="md-nav__link md-nav__link--active">', html)
            assert active == ["../"], page  # the index that lists it
            assert footer_links(html) == [], page  # and no previous/next of the index's own


def other_language(html: str, lang: str) -> dict:
    found = re.search(rf'<script id="__other_language-{lang}" type="application/json">(.*?)</script>',
                      html, re.S)
    return json.loads(found[1])


def test_the_404_page_is_the_default_languages_carrying_the_other(built_site):
    site_dir, _ = built_site
    html = (site_dir / "404.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in html
    assert "<title>404 - 页面不存在 - CCF-CV 视界无限 研讨会文库</title>" in html
    assert "页面不存在" in main_content(html)
    data = other_language(html, "en")
    assert data["root"] == "/vision-unlimited/en/" and data["lang"] == "en"
    assert "Page not found" in data["body"] and 'action="/vision-unlimited/en/"' in data["body"]
    assert "#en" in data["config"]
    assert data["title"] == "404 - Page not found - CCF-CV Vision Unlimited Seminar Archive"


def test_the_404_merge_stops_on_markup_it_does_not_know():
    import not_found

    page = ('<html lang="{0}"><head><title>{0} &amp; co</title></head><body class="x">'
            '<header>{0}</header><div class="md-dialog"></div>'
            '<script id="__config" type="application/json">{{"search": "w.js#{0}"}}</script>'
            '</body></html>')
    merged = not_found.merge({"zh": page.format("zh"), "en": page.format("en")}, "zh", "/r/")
    assert merged.startswith(page.format("zh").split("</script>")[0])
    data = other_language(merged, "en")
    assert data == {"root": "/r/en/", "lang": "en", "title": "en & co",
                    "body": "<header>en</header>", "config": '{"search": "w.js#en"}'}
    with pytest.raises(not_found.NotFoundError):
        not_found.merge({"zh": page.format("zh"), "en": "<html><body></body></html>"}, "zh", "/")
