"""Every talk with its sources: the papers its text names (seeds/papers.yml), the moment in
the seminar's recording, and the report's own address, on the pages and in the citations;
and the checks on the files that hold them."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from archive import citation, datafile, load, papers, render
from archive.errors import SeedError
from archive.model import Paper, Recording
from conftest import DATA, ROOT, build_site, copy_project, main_content, seminar_of

FIXTURE = Path(__file__).parent / "fixtures" / "second-seminar"
FIXTURE_DATA = FIXTURE / "2021-06-19-3d-vision.yml"
PAPERS = ROOT / "seeds" / "papers.yml"
HOME = "https://example.org/archive/"
REPORT_URL = "https://tc.ccf.org.cn/ccfcv/zyhd/sjwx/2021-05-05/727897.shtml"


def problems_of(text: str, schema=datafile.SEMINAR, path: str = "seeds/x.yml") -> list[str]:
    try:
        datafile.load(text, path, schema)
    except SeedError as exc:
        return [str(p) for p in exc.problems]
    return []


def line_of(text: str, needle: str, last: bool = False) -> int:
    lines = [i for i, s in enumerate(text.split("\n"), 1) if needle in s]
    return lines[-1 if last else 0]


# The data file: recording, start times, the report's address


@pytest.fixture(scope="module")
def fixture_data() -> str:
    return FIXTURE_DATA.read_text(encoding="utf-8")


def test_the_fixture_seminar_has_a_recording_and_times(fixture_data):
    data = datafile.load(fixture_data, "seeds/f.yml")
    assert data["recording"]["platform"] == "bilibili"
    # YAML 1.1 reads 1:23:45 as a number in base 60: the time is kept as written
    assert data["questions"][0]["start"] == "1:23:45"
    assert data["talks"][1]["start"] == "0:12:30"
    assert datafile.seconds("1:23:45") == 5025


@pytest.mark.parametrize("bad, expected", [
    ("1:60:00", "is not a time: '1:60:00'"),
    ("83:45", "is not a time: '83:45'"),
    ('"1:23:4"', "is not a time: '1:23:4'"),
    ("soon", "is not a time: 'soon'"),
])
def test_a_bad_time_is_refused_with_its_line(fixture_data, bad, expected):
    text = fixture_data.replace("start: 1:23:45", f"start: {bad}")
    line = line_of(text, f"start: {bad}")
    [problem] = problems_of(text)
    assert problem.startswith(f"seeds/x.yml:{line}: 'questions[1].start' {expected}")
    assert "(a time in the recording as H:MM:SS, e.g. 1:23:45)" in problem


@pytest.mark.parametrize("bad, why", [
    ("javascript:alert(1)", "it must start with https:// or http://"),
    ('"https://www.bilibili.com/video/a\\"onclick=x"', "it holds '\"'"),
    ("https://www.bilibili.com/video/<b>", "it holds '<'"),
    ("https://", "it names no host"),
])
def test_a_bad_address_is_refused_with_its_line(fixture_data, bad, why):
    text = fixture_data.replace("url: https://www.bilibili.com/video/BV0000000000?p=1",
                                f"url: {bad}")
    line = line_of(text, "recording:") + 1
    [problem] = problems_of(text)
    assert problem.startswith(f"seeds/x.yml:{line}: 'recording.url' is not a web address")
    assert why in problem


def test_a_recording_is_on_its_platform_and_a_time_needs_a_recording(fixture_data):
    elsewhere = fixture_data.replace("www.bilibili.com", "video.example.org")
    [problem] = problems_of(elsewhere)
    assert problem == (f"seeds/x.yml:{line_of(elsewhere, 'video.example.org')}: 'recording.url' "
                       "is not an address on bilibili ('video.example.org') (an address on "
                       "bilibili.com or b23.tv)")
    unknown = fixture_data.replace("platform: bilibili", "platform: vimeo")
    assert problems_of(unknown) == [f"seeds/x.yml:{line_of(unknown, 'vimeo')}: "
                                    "'recording.platform' is not a known video platform: "
                                    "'vimeo' (one of: bilibili)"]
    without = re.sub(r"recording:\n  url: .*\n  platform: bilibili\n", "", fixture_data)
    assert problems_of(without) == [
        f"seeds/x.yml:{line_of(without, 'start: 0:12:30')}: 'talks[2].start' is given but the "
        "seminar has no 'recording' (a 'recording:' with 'url' and 'platform')",
        f"seeds/x.yml:{line_of(without, 'start: 1:23:45')}: 'questions[1].start' is given but "
        "the seminar has no 'recording' (a 'recording:' with 'url' and 'platform')"]


def test_the_source_address_is_checked_like_any_address():
    text = DATA.read_text(encoding="utf-8")
    assert f"url: {REPORT_URL}" in text
    bad = text.replace(REPORT_URL, "tc.ccf.org.cn/727897.shtml")
    [problem] = problems_of(bad)
    assert problem.startswith(f"seeds/x.yml:{line_of(bad, '727897')}: 'source.url' is not a web "
                              "address: 'tc.ccf.org.cn/727897.shtml' (it must start with")


def test_a_link_into_the_recording_sets_its_time_and_keeps_the_rest():
    r = Recording("https://www.bilibili.com/video/BV0000000000?p=2&t=10#reply", "bilibili")
    assert r.at(5025) == "https://www.bilibili.com/video/BV0000000000?p=2&t=5025#reply"
    assert Recording("https://b23.tv/abc", "bilibili").at(0) == "https://b23.tv/abc?t=0"


# papers.yml: its checks


def test_the_papers_file_loads_with_every_paper_mentioned(site):
    assert [p.id for p in site.papers][:2] == ["pwc-net", "deep-generative-prior"]
    pwc = next(p for p in site.papers if p.id == "pwc-net")
    assert (pwc.arxiv, pwc.year, pwc.venue) == ("1709.02371", 2018, "CVPR")
    assert pwc.authors == ("Deqing Sun", "Xiaodong Yang", "Ming-Yu Liu", "Jan Kautz")
    assert papers.unmentioned(site) == []  # the `site` fixture also checks: no warning


def edited_papers(tmp_path: Path, change) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("glossary.yml", "papers.yml"):
        shutil.copy(ROOT / "seeds" / name, seeds / name)
    (seeds / "papers.yml").write_text(change(PAPERS.read_text(encoding="utf-8")),
                                      encoding="utf-8")
    return seeds


def paper_problems(tmp_path: Path, change) -> list[str]:
    seeds = edited_papers(tmp_path, change)
    glossary = load.load_glossary(seeds, "seeds")
    try:
        load.load_papers(seeds, "seeds", glossary)
    except SeedError as exc:
        return [str(p) for p in exc.problems]
    return []


PAPER_CASES = {
    # the second of the two is the one named
    "duplicate id": (lambda t: t.replace("id: biggan", "id: stylegan"), "id: stylegan",
                     "paper id 'stylegan' is used twice (a unique id per entry)"),
    "unknown term": (lambda t: t.replace("terms: [stylegan]", "terms: [style-gan]"),
                     "terms: [style-gan]", "paper 'stylegan': 'terms' names 'style-gan', which "
                     "is no glossary id (an 'id' of seeds/glossary.yml)"),
    "no identifier": (lambda t: t.replace('    arxiv: "1812.04948"\n', ""), "id: stylegan",
                      "paper 'stylegan' has neither 'arxiv' nor 'doi' (the identifier its "
                      "link is made from)"),
    "no name": (lambda t: t.replace("    terms: [stylegan]\n", ""), "id: stylegan",
                "paper 'stylegan' has neither 'terms' nor 'names' (how the reports name it)"),
    "bad arXiv id": (lambda t: t.replace('"1812.04948"', "18120.4948"), "18120.4948",
                     "'papers[4].arxiv' is not an arXiv identifier: '18120.4948'"),
    "bad DOI": (lambda t: t.replace("doi: 10.1145/", "doi: https://doi.org/10.1145/"),
                "doi: https://doi.org", "'papers[6].doi' is not a DOI"),
    "unknown kind": (lambda t: t.replace("kind: article", "kind: book"), "kind: book",
                     "paper 'hdrnet': unknown kind 'book' (inproceedings or article)"),
    "misspelled key": (lambda t: t.replace("    venue: MICCAI", "    venu: MICCAI"),
                       "venu: MICCAI", "unknown key 'venu' in papers[8] (did you mean 'venue'?)"),
    "YAML alias": (lambda t: t.replace("authors: [Kaiming He", "authors: &a [Kaiming He"),
                   "&a [Kaiming", "YAML anchor '&a' is not allowed"),
    "not a list": (lambda t: t.replace("papers:\n", "papers: x\nold:\n", 1), "papers: x",
                   "'papers' must be a list"),
}


@pytest.mark.parametrize("case", sorted(PAPER_CASES))
def test_papers_file_problems_name_their_line(tmp_path, case):
    change, needle, message = PAPER_CASES[case]
    text = change(PAPERS.read_text(encoding="utf-8"))
    problems = paper_problems(tmp_path, change)
    line = line_of(text, needle, last=case == "duplicate id")
    assert any(p.startswith(f"seeds/papers.yml:{line}: {message}")
               for p in problems), problems


def test_an_unquoted_arxiv_id_keeps_its_digits(tmp_path):
    # YAML reads 2012.00360 as the number 2012.0036: the id is taken as written
    seeds = edited_papers(tmp_path, lambda t: t.replace('"2012.00364"', "2012.00360"))
    found = load.load_papers(seeds, "seeds", load.load_glossary(seeds, "seeds"))
    assert next(p for p in found if p.id == "ipt").arxiv == "2012.00360"


def test_a_paper_no_page_names_is_a_warning_with_its_line(site):
    ghost = Paper("ghost", "A Paper Nobody Named", ("A. Author",), "CVPR", 2020,
                  arxiv="2001.00001", names=("GhostNet-Unnamed",), line=7)
    # a name found only inside a longer word names nothing: "tyleGAN" inside "StyleGAN"
    inside = Paper("inside", "Inside", ("B. Author",), "CVPR", 2019, arxiv="1812.04948",
                   names=("tyleGAN",), line=9)
    assert any("tyleGAN" in p.text for s in site.seminars for q in s.questions for t in q.turns
               for p in t.paragraphs)
    other = replace(site, papers=(*site.papers, ghost, inside))
    assert [str(w) for w in papers.unmentioned(other)] == [
        f"seeds/papers.yml:{n}: paper '{pid}' is named on no talk or panel page (one of its "
        "'names' or a spelling of its glossary 'terms' in a report; or leave the paper out)"
        for n, pid in ((7, "ghost"), (9, "inside"))]


def test_where_each_paper_is_named(site):
    seminar = seminar_of(site)
    found = papers.mentions(site)
    where = {pid: [(m.talk.slug if m.talk else f"{m.question.slug}#{m.turn.anchor}")
                   for m in ms] for pid, ms in found.items()}
    assert where["deep-generative-prior"] == ["deep-generative-prior"]  # the talk's title
    assert where["pwc-net"][0] == "learning-optical-flow"
    # a turn's mention names the turn: RESNET101 is a variant of the ResNet term
    [resnet] = found["resnet"]
    assert "RESNET101" in "".join(p.text for p in resnet.turn.paragraphs)
    talk = next(t for t in seminar.talks if t.slug == "learning-optical-flow")
    assert [p.id for p in papers.on_page(site, talk)] == ["pwc-net"]
    q = next(q for q in seminar.questions if q.slug == "network-design-and-priors")
    assert [p.id for p in papers.on_page(site, q)] == ["vgg", "pwc-net", "hdrnet"]


# Citations


def test_a_paper_cites_as_bibtex_with_its_identifiers_and_escaped():
    p = Paper("x-net", "X-Net: 100% {Fast} & Small", ("Ann Lee", "Bo Wu"), "ACM Trans. Graph.",
              2017, kind="article", arxiv="1707.02880", doi="10.1145/3072959.3073592")
    assert citation.paper_bibtex(p) == (
        "@article{x-net,\n"
        "  author = {Ann Lee and Bo Wu},\n"
        "  title = {{X-Net: 100\\% \\{Fast\\} \\& Small}},\n"
        "  journal = {ACM Trans. Graph.},\n"
        "  year = {2017},\n"
        "  eprint = {1707.02880},\n"
        "  archiveprefix = {arXiv},\n"
        "  doi = {10.1145/3072959.3073592},\n"
        "  url = {https://arxiv.org/abs/1707.02880}\n"
        "}")
    many = Paper("m", "Many", tuple(f"A{i}" for i in range(10)), "CVPR", 2021,
                 doi="10.1/a_b")
    assert citation.paper_reference(many, "et al.") == "A0, A1, A2, et al. Many. CVPR 2021."
    asked = replace(many, authors=("Ann",), title="Can it?")
    assert citation.paper_reference(asked, "et al.") == "Ann. Can it? CVPR 2021."
    assert many.url == "https://doi.org/10.1/a_b"


def test_the_report_address_is_where_a_citation_says_the_text_came_from():
    c = citation.Citation("k", ("Ann",), "T", "V", "P", "2021-01-09", "https://a/x/", "en",
                          source_url=REPORT_URL)
    assert f"howpublished = {{V, P, retrieved from {REPORT_URL}}}" in citation.bibtex(
        c, ", ", "retrieved from {url}")
    assert citation.reference(c, "{authors}. “{title}.” {venue}, {publisher}, {date}. {url}",
                              ", ", " Retrieved from {url}.") == (
        f"Ann. “T.” V, P, 2021-01-09. https://a/x/ Retrieved from {REPORT_URL}.")


# Pages


@pytest.fixture(scope="module")
def pages(site):
    return {lang: {p.path: p for p in render.render_site(
        site, lang, HOME + ("en/" if lang == "en" else ""))} for lang in ("zh", "en")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_talk_and_question_pages_list_the_papers_they_name(site, pages, lang):
    seminar = seminar_of(site)
    heading = {"zh": "## 提及的论文 { #papers }", "en": "## Papers mentioned { #papers }"}[lang]
    for talk in seminar.talks:
        md = pages[lang][render.talk_path(seminar, talk.slug)].markdown
        named = papers.on_page(site, talk)
        assert (heading in md) == bool(named), talk.slug
        for p in named:
            assert f'<a href="{p.url}">{p.title}</a>' in md
            assert f"@inproceedings{{{p.id}," in md or f"@article{{{p.id}," in md
            assert f'href="../../../../papers/#{p.id}"' in md
    md = pages[lang][render.question_path(seminar, "network-design-and-priors")].markdown
    listed = re.findall(r'<p class="paper-title"[^>]*><a href="([^"]+)"', md)
    assert listed == ["https://arxiv.org/abs/1409.1556", "https://arxiv.org/abs/1709.02371",
                      "https://arxiv.org/abs/1707.02880"]
    assert 'href="https://doi.org/10.1145/3072959.3073592">doi:10.1145/3072959.3073592</a>' in md


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_papers_index_links_every_mention_to_its_turn(site, pages, lang):
    seminar = seminar_of(site)
    md = pages[lang][render.PAPERS_PATH].markdown
    for p in site.papers:
        assert f'<li class="paper" id="{p.id}">' in md
    for pid, found in papers.mentions(site).items():
        part = md.split(f'id="{pid}"', 1)[1].split('<li class="paper"', 1)[0]
        for m in found:
            if m.talk:
                href = render.url_relative(render.PAPERS_PATH,
                                           render.talk_path(m.seminar, m.talk.slug))
            else:
                href = render.url_relative(render.PAPERS_PATH, render.question_path(
                    m.seminar, m.question.slug)) + (f"#{m.turn.anchor}" if m.turn else "")
            assert f'href="{href}"' in part, (pid, href)
    hdrnet = md.split('id="hdrnet"', 1)[1].split('<li class="paper"', 1)[0]
    assert 'network-design-and-priors/#t03"' in hdrnet and seminar.slug in hdrnet
    # reachable: the front page, the navigation, the topic page of the same term
    assert "](papers/index.md)" in pages[lang]["index.md"].markdown
    topic = pages[lang]["topics/pwc-net.md"].markdown
    assert 'href="../../papers/#pwc-net"' in topic
    nav = render.navigation(site, lang, lambda path: path)
    assert any(list(item.values()) == [render.PAPERS_PATH] for item in nav)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_made_from_the_report_gives_its_address(site, pages, lang):
    seminar = seminar_of(site)
    assert seminar.source_url == REPORT_URL
    made = [p for path, p in pages[lang].items()
            if path.startswith(render.seminar_dir(seminar) + "/")]
    assert len(made) > 10
    for page in made:
        provenance = re.search(r'<p class="provenance">.*</p>', page.markdown)[0]
        assert f'<a href="{REPORT_URL}">{REPORT_URL}</a>' in provenance, page.path
    talk = pages[lang][render.talk_path(seminar, "noise-modeling")].markdown
    bib = re.search(r"@misc\{.*?\n\}", talk, re.S)[0]
    assert REPORT_URL in re.search(r"howpublished = \{.*\}", bib)[0]
    reference = re.search(r'<p class="cite-text">(.*?)</p>', talk)[0]
    assert REPORT_URL in reference


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    """The project's seeds with the fictional seminar beside them."""
    root = tmp_path_factory.mktemp("two")
    seeds = root / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    for f in FIXTURE.iterdir():
        shutil.copy(f, seeds / f.name)
    site, warnings = load.load_site(root)
    assert [str(w) for w in warnings if "papers.yml" in str(w)] == []
    return site


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_fixture_seminar_links_its_recording_at_each_start(fixture_site, lang):
    [seminar] = [s for s in fixture_site.seminars if s.slug == "10-3d-vision"]
    pages = {p.path: p.markdown for p in render.render_site(fixture_site, lang, HOME)}
    video = "https://www.bilibili.com/video/BV0000000000?p=1"
    label = {"zh": "录像 {}</a>（哔哩哔哩）", "en": "Recording at {}</a> (Bilibili)"}[lang]
    talk = pages[render.talk_path(seminar, "lidar-visual-slam")]
    assert (f'<a class="recording-link" href="{video}&amp;t=750"><span aria-hidden="true">▶ '
            f'</span>{label.format("0:12:30")}') in talk
    question = pages[render.question_path(seminar, "implicit-or-explicit-representations")]
    assert f'href="{video}&amp;t=5025"' in question and label.format("1:23:45") in question
    # no start, no link; and the seminar's page links the whole recording
    assert "recording-link" not in pages[render.talk_path(seminar, "welcome-address")]
    assert "recording-link" not in pages[render.question_path(seminar,
                                                              "multi-sensor-fusion-at-scale")]
    platform = {"zh": "哔哩哔哩", "en": "Bilibili"}[lang]
    assert f'<a href="{video.replace("&", "&amp;")}">{platform}</a>' in pages[
        f"{render.seminar_dir(seminar)}/index.md"]
    # a seminar without a recording shows none
    real = seminar_of(fixture_site)
    assert real.recording is None
    assert not any("recording-link" in md for path, md in pages.items()
                   if path.startswith(render.seminar_dir(real)))


# A build


@pytest.mark.build
def test_the_strict_build_refuses_a_paper_no_page_names(tmp_path):
    project = copy_project(tmp_path / "p")
    path = project / "seeds" / "papers.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n  - id: never-named\n    title: Never Named\n    authors: [A. B]\n"
                    "    venue: CVPR\n    year: 2020\n    arxiv: \"2001.00001\"\n"
                    "    names: [NeverNamedNet]\n", encoding="utf-8")
    line = len(text.split("\n")) + 1
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert (f"WARNING -  seeds/papers.yml:{line}: paper 'never-named' is named on no talk or "
            "panel page") in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr


@pytest.mark.build
def test_the_built_pages_link_papers_and_nothing_loads_from_elsewhere(built_site):
    site, _ = built_site
    page = main_content((site / "en/seminars/8-low-level-vision/talks/learning-optical-flow/"
                         "index.html").read_text(encoding="utf-8"))
    assert '<a href="https://arxiv.org/abs/1709.02371">PWC-Net: CNNs for Optical Flow' in page
    index = (site / "papers/index.html").read_text(encoding="utf-8")
    assert 'id="esrgan"' in index and "open-problems-and-trends/#t08" in index
    # links only: no element that loads something from another origin
    assert not re.search(r'<(?:script|img|iframe|source|link|video|embed|object)\b[^>]*'
                         r'\b(?:src|href|data)="https?://(?!ccf-cv-archive)', index)
