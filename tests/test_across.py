"""The archive across seminars: the front page, topics, the panel grid, what each speaker said,
citations and the feed link. Unit tests on the real seeds (any number of seminars beside the
one chosen by slug), build tests on the built site, a browser test of the citation copy."""

from __future__ import annotations

import dataclasses
import html
import json
import re

import pytest
from playwright.sync_api import expect

from archive import citation, render, topics
from archive.typography import HAN
from conftest import SLUG, seminar_of

HOME = "https://example.org/archive/"


@pytest.fixture(scope="module")
def pages(site):
    # the hook passes each language's own home page (the English one under en/)
    return {lang: {p.path: p for p in render.render_site(
        site, lang, HOME + ("en/" if lang == "en" else ""))} for lang in ("zh", "en")}


def front(page) -> dict:
    return json.loads(page.markdown.split("---\n", 2)[1])


# Topics


def test_topic_slugs_are_safe_and_unique(site):
    found = topics.Index.of(site).topics
    slugs = [t.slug for t in found]
    assert len(slugs) == len(set(slugs))
    for slug in slugs:
        assert topics.SLUG_PATTERN.fullmatch(slug), slug
    assert topics.slugify("Self-Supervised  Learning!") == "self-supervised-learning"
    assert topics.SLUG_PATTERN.fullmatch(topics.slugify("纯中文主题"))


def test_every_listed_topic_of_a_talk_or_question_has_a_page(site, pages):
    seminar, index = seminar_of(site), topics.Index.of(site)
    for item in (*seminar.talks, *seminar.questions):
        for slug in index.tagged_slugs(item):
            for lang in ("zh", "en"):
                assert render.topic_path(slug) in pages[lang], (item.slug, slug)


def passages(site):
    """Every (topic, occurrence) the reports' Chinese gives."""
    found = topics.occurrences(site)
    return [(t, o) for t in topics.Index.of(site).topics for o in found[t.slug]]


def unclipped(quoted: str) -> list[str]:
    return [part for part in quoted.split(topics.ELLIPSIS) if part]


def test_occurrences_quote_the_sentence_naming_the_topic(site):
    found = passages(site)
    assert any(o.sentence for _, o in found)
    for topic, o in found:
        if not o.sentence:
            assert o.paragraph is None and topic.slug in topics.Index.of(site).tagged_slugs(o.talk or o.question)
            continue
        named = o.sentence[o.match[0]:o.match[1]].casefold()
        assert any(named.startswith(x.casefold()) for x in topic.spellings["zh"]), named
        assert o.paragraph in (o.turn or o.talk).paragraphs
        for part in unclipped(o.sentence):  # a piece of one sentence of the paragraph
            assert part in o.paragraph.text
            assert not re.search(r"[。！？]", part.rstrip("。！？；")), part
        if topics.ELLIPSIS in o.sentence:  # cut at clauses to the width of a quote
            kept = o.sentence.strip(topics.ELLIPSIS)
            assert topics.width(kept) <= topics.QUOTE_WIDTH or not re.search(
                r"[，、；：,;:]", kept.rstrip("，、；：,;:"))  # or one clause, too long alone
    turns = [o for _, o in found if o.turn]
    assert turns and all(re.fullmatch(r"t\d+", o.turn.anchor) for o in turns)


def test_a_long_sentence_is_cut_to_its_clauses_around_the_topic():
    sentence = "，".join(["这是一个很长的分句用来填充宽度"] * 6 + ["我们在光流方向做了工作"]
                        + ["后面还有更多的分句也很长"] * 6) + "。"
    at = sentence.index("光流")
    text, (start, end) = topics.clip(sentence, (at, at + 2))
    assert text[start:end] == "光流"
    assert text.startswith(topics.ELLIPSIS) and text.endswith(topics.ELLIPSIS)
    assert topics.width(text.strip(topics.ELLIPSIS)) <= topics.QUOTE_WIDTH
    assert all(part in sentence for part in unclipped(text))
    assert topics.clip("短句提到光流。", (4, 6)) == ("短句提到光流。", (4, 6))


def test_both_languages_list_the_same_passages(site, pages):
    where = re.compile(r'<p class="occurrence-where"><a href="([^"]+)"')
    index = re.compile(r'<li><a href="([^"]+)">.*?<span class="topic-count">\D*(\d+)')
    listed = {lang: sorted(index.findall(pages[lang]["topics/index.md"].markdown))
              for lang in ("zh", "en")}  # each language in its own order
    assert listed["zh"] and listed["zh"] == listed["en"]
    found = topics.occurrences(site)
    for topic in topics.Index.of(site).topics:
        if not found[topic.slug]:
            continue
        links = {lang: where.findall(pages[lang][render.topic_path(topic.slug)].markdown)
                 for lang in ("zh", "en")}
        assert links["zh"] == links["en"], topic.slug
        assert len(links["zh"]) == len(found[topic.slug])


def test_counts_take_the_plural_form_of_their_language(site, pages):
    strings = render.strings()
    assert render.plural(strings["en"]["topic_count"], 1) == "1 passage"
    assert render.plural(strings["en"]["topic_count"], 2) == "2 passages"
    assert render.plural(strings["zh"]["topic_count"], 1) == "1 处"
    for lang in ("zh", "en"):
        shown = re.findall(r'<span class="topic-count">([^<]+)</span>',
                           pages[lang]["topics/index.md"].markdown)
        counts = [len(hits) for hits in topics.occurrences(site).values() if hits]
        assert sorted(shown) == sorted(render.plural(strings[lang]["topic_count"], n)
                                       for n in counts)


def test_an_english_passage_is_its_units_english(site):
    r = render._Renderer(site, "en", "", topics.Index.of(site))
    quoted = 0
    for topic, o in passages(site):
        q = r.quote(topic, o)
        if q is None:
            continue
        english = r.shown(o.seminar, o.paragraph)
        if english is None:  # not translated: the Chinese, as the original
            assert (q.lang, q.text, q.match) == ("zh", o.sentence, o.match)
            continue
        quoted += 1
        assert q.lang == "en"
        assert all(part.strip() in english for part in unclipped(q.text)), (topic.slug, q.text)
        if q.match != (0, 0):  # the sentence naming the topic's English, marked
            named = q.text[q.match[0]:q.match[1]].casefold()
            assert any(named.startswith(x.casefold()) for x in topic.spellings["en"]), named
    assert quoted


def test_an_untranslated_passage_shows_the_chinese_marked_as_the_original(site):
    bare = dataclasses.replace(site, translations={})
    found = topics.occurrences(bare)
    slug, hits = next((slug, hits) for slug, hits in found.items()
                      if any(o.sentence for o in hits))
    page = next(p for p in render.render_site(bare, "en") if p.path == render.topic_path(slug))
    original = render.strings()["en"]["topic_original"]
    for o in hits:
        if o.sentence:
            plain = html.escape(o.sentence[o.match[1]:], quote=True)
            assert re.search(r'<blockquote class="occurrence" lang="zh"><p>[^<]*<mark>[^<]*</mark>'
                             + re.escape(plain), page.markdown)
    assert page.markdown.count(html.escape(original, quote=True)) == sum(
        1 for o in hits if o.sentence)


def test_a_sentence_does_not_end_at_a_title_or_an_initial():
    text = "Let me add to what Prof. Zuo and Dr. J. Smith said, e.g. on GANs. Next one. 好。再"
    assert topics.sentences(text) == [
        "Let me add to what Prof. Zuo and Dr. J. Smith said, e.g. on GANs.", "Next one.", "好。", "再"]
    assert topics.first_sentence("Sun et al. showed it works. More.") == "Sun et al. showed it works."
    # an opening that says little by itself takes the next sentence along
    assert topics.first_sentence("Mm. Right, that is useful. More.", at_least=12) == (
        "Mm. Right, that is useful.")
    assert topics.first_sentence("嗯。对这是一个比较有用的。然后", at_least=12) == "嗯。对这是一个比较有用的。"
    assert topics.first_sentence("Let me go first. Then more.", at_least=12) == "Let me go first."


def test_a_word_inside_a_longer_word_is_no_occurrence(site):
    # "GAN" inside "StyleGAN" or "BigGAN" does not touch the topic GAN, in either language
    r = render._Renderer(site, "en", "", topics.Index.of(site))
    for topic, o in passages(site):
        q = r.quote(topic, o)
        for text, (start, end) in ((o.sentence, o.match), (q.text, q.match) if q else ("", (0, 0))):
            if end:
                before = text[start - 1:start]
                assert not (before.isascii() and before.isalnum()
                            and text[start].isascii() and text[start].isalnum())


def test_topic_page_links_every_occurrence_to_its_turn(site, pages):
    page = pages["en"][render.topic_path("optical-flow")].markdown
    assert "learning-optical-flow/" in page
    anchors = re.findall(r'href="[^"]*/panel/[^"#]+/#(t\d+)"', page)
    assert anchors, "no panel answer links"
    assert "<mark>" in page


# The panel grid and the overview


def test_the_grid_links_every_turn_once_and_is_a_table_with_headers(site, pages):
    seminar = seminar_of(site)
    for lang in ("zh", "en"):
        md = pages[lang][f"seminars/{SLUG}/index.md"].markdown
        grid = md.split('<div class="panel-grid"', 1)[1].split("</div>", 1)[0]
        assert 'scope="col"' in grid and 'scope="row"' in grid
        # the table and its scrolling box are named by the caption above them
        caption = re.search(
            r'<p class="panel-grid-caption" id="([^"]+)">[^<]+</p>\s*<div class="panel-grid"', md)
        assert caption and grid.count(f'aria-labelledby="{caption[1]}"') == 2
        # a phone's list of the same answers, question by question, in the order given
        listed = md.split('<ol class="panel-list', 1)[1].split("</ol>", 1)[0]
        items = listed.split("\n<li>")[1:]
        assert len(items) == len(seminar.questions)
        chair = site.people[seminar.chair].name.get(lang)
        role = render.strings()[lang]["chair_role"]
        for q, item in zip(seminar.questions, items):
            for turn in q.turns:
                cell = re.search(rf'panel/{q.slug}/#{turn.anchor}">([^<]+)<span class="visually-hidden">([^<]+)</span></a>', grid)
                assert cell, (q.slug, turn.anchor)
                assert grid.count(f'panel/{q.slug}/#{turn.anchor}"') == 1, (q.slug, turn.anchor)
                # each cell's link says whose answer it is
                name = site.people[turn.speaker].name.get(lang)
                assert html.escape(name) in cell[2], (q.slug, turn.anchor)
            anchors = re.findall(rf'panel/{q.slug}/#(t\d+)">([^<]+)<', item)
            assert anchors == [(t.anchor, html.escape(site.people[t.speaker].name.get(lang)))
                               for t in q.turns]
            # the chair who asks is marked
            assert item.count(f"{role}<") == sum(t.speaker == seminar.chair for t in q.turns)
            assert html.escape(chair) in item
        # the questions are linked once in each view, not again after the transcript heading
        for q in seminar.questions:
            assert md.count(f"panel/{q.slug}/\"") + md.count(f"panel/{q.slug}.md)") == 2
            assert grid.count(f"panel/{q.slug}/\"") == listed.count(f"panel/{q.slug}/\"") == 1


# Speakers


def test_a_speaker_page_quotes_each_answer_under_its_question(site, pages):
    seminar = seminar_of(site)
    pid = "chen-change-loy"
    md = pages["zh"][render.person_path(pid)].markdown
    assert "· #t" not in md  # no raw anchors as link text
    for q in seminar.questions:
        mine = [t for t in q.turns if t.speaker == pid]
        if mine:
            assert md.count(f">{html.escape(q.short.zh)}</a>") == 1  # the title once
        for turn in mine:
            link = f'panel/{q.slug}/#{turn.anchor}"'
            assert md.count(link) == 1
            first = topics.first_sentence(turn.paragraphs[0].text)[:20]
            assert html.escape(first, quote=True) in md
            # quoted as text, with one link to the answer after it
            item = md.split(link, 1)[0].rsplit("<li>", 1)[1]
            assert html.escape(first, quote=True) in item and "<a " not in item.split(
                html.escape(first, quote=True))[0]
    # the seminar's heading is a quieter heading under the person's name
    assert re.search(r"^# .+ \{ \.person-name \}$", md, re.M)
    assert re.search(r"^## \[.+\]\(.+\) \{ #seminar-[^ ]+ \.person-seminar \}$", md, re.M)


def test_a_panel_question_marks_the_chair_who_asks(site, pages):
    seminar = seminar_of(site)
    for lang in ("zh", "en"):
        role = render.strings()[lang]["chair_role"]
        for q in seminar.questions:
            md = pages[lang][render.question_path(seminar, q.slug)].markdown
            articles = md.split('<article class="turn')[1:]
            assert len(articles) == len(q.turns)
            for turn, article in zip(q.turns, articles):
                heading = next(x for x in article.splitlines() if x.startswith("## "))
                # the anchor every citation and other page links to is kept
                assert heading.endswith(f"{{ #{turn.anchor} .turn-heading }}"), heading
                chair = turn.speaker == seminar.chair
                assert article.startswith(' turn-chair"') == chair, (q.slug, turn.anchor)
                assert (f">{role}<" in heading) == chair, heading


# Citations


def test_bibtex_escapes_braces_and_specials():
    assert citation.bibtex_escape(r"a{b}_c & 50% $x$ #1 ~^\ ") == (
        r"a\{b\}\_c \& 50\% \$x\$ \#1 \textasciitilde{}\textasciicircum{}\textbackslash{}")
    c = citation.Citation("k-1", ("A {B}",), "Title}{ with % and\nbreak", "Venue_1", "Org & Co",
                          "2021-01-09", "https://example.org/a/#t01", "en")
    entry = citation.bibtex(c)
    assert entry.startswith("@misc{k-1,\n") and entry.endswith("\n}")
    unescaped = re.sub(r"\\[{}]", "", entry)  # every brace left is the entry's own
    assert unescaped.count("{") == unescaped.count("}")
    assert r"title = {Title\}\{ with \% and break}" in entry
    assert "url = {https://example.org/a/\\#t01}" in entry


def test_every_talk_and_turn_offers_a_citation_with_its_permalink(site, pages):
    seminar = seminar_of(site)
    for lang in ("zh", "en"):
        for talk in seminar.talks:
            md = pages[lang][render.talk_path(seminar, talk.slug)].markdown
            assert md.count('<details class="cite">') == 1
            assert f"{HOME}{'en/' if lang == 'en' else ''}seminars/{SLUG}/talks/{talk.slug}/" in md
        for q in seminar.questions:
            md = pages[lang][render.question_path(seminar, q.slug)].markdown
            assert md.count('<details class="cite">') == len(q.turns)
            for turn in q.turns:
                assert f"/panel/{q.slug}/#{turn.anchor}" in md


def test_the_plain_reference_follows_the_page_language(site, pages):
    seminar = seminar_of(site)
    talk = next(t for t in seminar.talks if t.slug == "noise-modeling")
    zh = pages["zh"][render.talk_path(seminar, talk.slug)].markdown
    ref = re.search(r'<p class="cite-text">(.*?)</p>', zh)[1]
    assert ref.startswith(html.escape(site.people[talk.speaker].name.zh) + "：")
    assert not re.search(f"{HAN.pattern}[,:]|[,:]{HAN.pattern}", html.unescape(ref))
    en = pages["en"][render.talk_path(seminar, talk.slug)].markdown
    ref = html.unescape(re.search(r'<p class="cite-text">(.*?)</p>', en)[1])
    assert ref.startswith(f"{site.people[talk.speaker].name.en}. “{talk.title.en}.”")


def test_a_quoted_title_quotes_inside_it_with_single_marks():
    c = citation.Citation(key="k", authors=("Jinshan Pan",), venue="Seminar 8", publisher="CCF-CV",
                          title="Answer to “Can low-level vision help high-level tasks?”",
                          date="2021-01-09", url="u", language="en")
    english = "{authors}. “{title}.” {venue}, {publisher}, {date}. {url}"
    assert citation.reference(c, english, ", ") == (
        "Jinshan Pan. “Answer to ‘Can low-level vision help high-level tasks?’” "
        "Seminar 8, CCF-CV, 2021-01-09. u")
    plain = citation.Citation(**{**c.__dict__, "title": "Noise Modeling"})
    assert citation.reference(plain, english, ", ").startswith("Jinshan Pan. “Noise Modeling.” ")
    chinese = "{authors}：{title}［{venue}］。{url}"  # the title is not quoted: kept as it is
    zh = citation.Citation(**{**c.__dict__, "title": "关于“底层视觉能否帮助高层视觉任务”的圆桌发言"})
    assert citation.reference(zh, chinese, "，") == (
        "Jinshan Pan：关于“底层视觉能否帮助高层视觉任务”的圆桌发言［Seminar 8］。u")


def test_talk_and_question_pages_carry_scholar_meta(site, pages):
    seminar = seminar_of(site)
    q = seminar.questions[0]
    meta = front(pages["en"][render.question_path(seminar, q.slug)])["citation"]
    speakers = list(dict.fromkeys(site.people[t.speaker].name.en for t in q.turns))
    assert meta["citation_author"] == speakers
    assert meta["citation_publication_date"] == seminar.date.replace("-", "/")
    assert meta["citation_public_url"].startswith(HOME + "en/")
    assert meta["citation_language"] == "en"


# The front page


def test_the_front_page_has_every_seminar_newest_first_and_the_counts(site, pages):
    for lang in ("zh", "en"):
        page = pages[lang]["index.md"]
        assert page.source == ""  # no edit link to the interface strings
        md = page.markdown
        positions = [md.index(f'id="seminar-{s.slug}"') for s in site.seminars]
        assert positions == sorted(positions)
        counts = render.home_counts(site)
        assert counts["seminars"] == len(site.seminars)
        for n in counts.values():
            assert f"<dd>{n}</dd>" in md
        for target in ("speakers/index.md", "topics/index.md", "glossary.md", "about.md"):
            assert f"]({target})" in md
        assert 'href="feed.xml"' in md
        # each card names everyone of its seminar the speakers count counts: chair, speakers
        # and the panel's other guests
        cards = md.split('<article class="seminar-card"')[1:]
        for seminar, card in zip(site.seminars, cards):
            card = card.split("</article>", 1)[0]
            linked = set(re.findall(r'href="speakers/([^/"]+)/"', card))
            assert linked == {p for p in seminar.people if seminar.roles_of(p)}, seminar.slug
            # the talks and the questions, linked, and a few key topics with a link to the rest
            for talk in seminar.talks:
                assert f'href="{render.url_of(render.talk_path(seminar, talk.slug))}"' in card
            for q in seminar.questions:
                assert f'href="{render.url_of(render.question_path(seminar, q.slug))}"' in card
            chips = re.findall(r'<li><a href="topics/([^/"]+)/">', card)
            assert chips == [t.slug for t in render.key_topics(topics.Index.of(site), seminar)]
            assert 0 < len(chips) <= render.KEY_TOPICS
            assert re.search(r'<li class="topic-more"><a href="topics/">', card)


def test_a_seminars_key_topics_are_the_most_tagged_then_each_lists_first(site):
    for seminar in site.seminars:
        chips = [render.topic_chips(topics.Index.of(site), item) for item in (*seminar.talks, *seminar.questions)]
        tagged = {}
        for found in chips:
            for t in found:
                tagged[t.slug] = tagged.get(t.slug, 0) + 1
        key = [t.slug for t in render.key_topics(topics.Index.of(site), seminar, limit=len(tagged))]
        assert sorted(key) == sorted(tagged)  # all of them, once, with room for all
        counts = [tagged[slug] for slug in key]
        assert counts == sorted(counts, reverse=True)
        # among the topics tagged as often, each item's first topic comes before its others
        firsts = {found[0].slug for found in chips if found}
        for n in set(counts):
            same = [slug for slug in key if tagged[slug] == n]
            leading = [slug in firsts for slug in same]
            assert leading == sorted(leading, reverse=True), n
        assert render.key_topics(topics.Index.of(site), seminar, limit=3) == render.key_topics(topics.Index.of(site), seminar)[:3]


def test_the_english_front_page_is_described_in_english(pages):
    # its introduction names the series in Chinese too, which its description must not
    description = front(pages["en"]["index.md"])["description"]
    assert "Vision Unlimited" in description and not HAN.search(description)


def test_chinese_interface_strings_keep_full_width_punctuation():
    zh = render.strings()["zh"]
    for key in ("topics_intro", "topic_description", "panel_grid_caption", "transcript_see",
                "cite_venue", "cite_reference", "cite_turn_title", "topic_none"):
        assert not re.search(f"{HAN.pattern}[,:]|[,:]{HAN.pattern}", zh[key]), key


# The built site


@pytest.mark.build
def test_built_pages_carry_scholar_tags_and_the_feed_link(built_site):
    site, _ = built_site
    for prefix in ("", "en/"):
        page = (site / prefix / f"seminars/{SLUG}/talks/noise-modeling/index.html").read_text(
            encoding="utf-8")
        assert len(re.findall(r'<meta name="citation_author" content="[^"]+">', page)) == 1
        assert re.search(r'<meta name="citation_title" content="[^"]+">', page)
        feed = re.search(r'<link rel="alternate" type="application/atom\+xml" href="([^"]+)"',
                         page)[1]
        assert feed == "../../../../feed.xml"  # the language's own feed, beside its home
        assert (site / prefix / "feed.xml").is_file()
        topics_index = (site / prefix / "topics/index.html").read_text(encoding="utf-8")
        assert 'href="optical-flow/"' in topics_index


def test_citation_is_copied_from_its_disclosure(browser, site_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                  is_mobile=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server)
    page = context.new_page()
    page.goto(f"{site_server}/en/seminars/{SLUG}/panel/transformers-in-low-level-vision/")
    cite = page.locator("article.turn").nth(1).locator("details.cite")
    cite.locator("summary").tap()
    button = cite.locator("button.cite-copy").nth(1)
    expect(button).to_be_visible()  # shown where the clipboard can be written
    button.tap()
    expect(button).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@misc{") and "transformers-in-low-level-vision/\\#t02}" in copied
    context.close()
