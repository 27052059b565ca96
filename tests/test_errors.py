"""Bad input, through a real build: a clear `seeds/<file>:<line>: <what> (<expected>)`
message from MkDocs, never a traceback; tolerated problems are warnings, so --strict fails."""

from __future__ import annotations

import subprocess

import pytest

from archive import datafile, parse
from conftest import DATA, SEED, build_site, copy_project, main_content
from harness import engine, env
from archive.errors import SeedError

TXT = "seeds/2021-01-09-low-level-vision.txt"
YML = "seeds/2021-01-09-low-level-vision.yml"


def edit(project, name, change):
    path = project / name
    path.write_bytes(change(path.read_bytes()))


CASES = {
    "empty report": (TXT, lambda b: b" \n\xc2\xa0\n",
                     f"ERROR   -  {TXT}:1: the report is empty (the text of a seminar report)"),
    "not utf-8": (TXT, lambda b: b.decode("utf-8").encode("gb18030"),
                  f"ERROR   -  {TXT}:1: the file is not UTF-8"),
    "unknown speaker": (TXT, lambda b: b.replace("Ming-Hsuan Yang: ".encode(), "杨老师: ".encode()),
                        f"ERROR   -  {TXT}:48: unknown speaker '杨老师' (a name or alias listed "
                        "under 'people' in the data file)"),
    "misspelled key": (YML, lambda b: b.replace(b"\nchair:", b"\nchiar:"),
                       f"ERROR   -  {YML}:"),
}


@pytest.mark.build
@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_stops_the_build_with_its_file_and_line(tmp_path, case):
    name, change, message = CASES[case]
    project = copy_project(tmp_path / "p")
    edit(project, name, change)
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert message in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr


@pytest.mark.build
def test_misspelled_key_names_the_key_and_the_right_word(tmp_path):
    project = copy_project(tmp_path / "p")
    edit(project, YML, lambda b: b.replace(b"\nchair:", b"\nchiar:"))
    err = build_site(project, tmp_path / "site").stderr
    line = next(i for i, s in enumerate((project / YML).read_text("utf-8").split("\n"), 1)
                if s.startswith("chiar:"))
    assert f"{YML}:{line}: unknown key 'chiar' (did you mean 'chair'?)" in err
    assert "missing key 'chair'" in err


@pytest.mark.build
def test_missing_transcript_is_a_warning_and_builds_without_panel_pages(tmp_path):
    project = copy_project(tmp_path / "p")
    edit(project, TXT, lambda b: b.replace("Panel 实 录".encode(), "圆桌讨论记录".encode()))
    strict = build_site(project, tmp_path / "strict")
    assert strict.returncode != 0 and "WARNING" in strict.stderr
    assert f"{TXT}:28: no 'Panel 实录' section after this paragraph" in strict.stderr
    loose = subprocess.run(engine("build", "-d", str(tmp_path / "s")), cwd=project,
                           env=env(), capture_output=True, text=True, timeout=300)
    assert loose.returncode == 0
    base = tmp_path / "s/seminars/8-low-level-vision"
    assert (base / "index.html").exists() and not (base / "panel").exists()
    assert "圆桌讨论记录" in (base / "index.html").read_text(encoding="utf-8")


def test_questions_that_match_no_turn_are_named():
    text = SEED.read_text(encoding="utf-8")
    start = text.index("与会嘉宾就") + len("与会嘉宾就")
    end = text.index("等问题展开热烈讨论")
    text = text[:start] + "、".join(["“甲乙丙丁戊己”"] * 6) + text[end:]
    data = datafile.load(DATA.read_text(encoding="utf-8"), YML)
    with pytest.raises(SeedError) as err:
        parse.parse(text, data, TXT)
    assert str(err.value).startswith(f"{TXT}:36: the panel questions could not be matched to "
                                     "the chair's turns in order")


HOSTILE = ('<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) '
           '{{ config.site_name }} {% raw %} ==mark== ^^ins^^ *stars*')


@pytest.mark.build
def test_report_text_never_becomes_markup_in_a_real_build(tmp_path):
    project = copy_project(tmp_path / "p")
    edit(project, TXT, lambda b: b.replace("我来抛砖引玉吧。".encode(), HOSTILE.encode())
         .replace("\n\nDeqing Sun:我沿着".encode(),
                  "\n\n!!! note\n\n--8<-- \"mkdocs.yml\"\n\n# heading?\n\nDeqing Sun:我沿着".encode()))
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    page = (tmp_path / "site/seminars/8-low-level-vision/panel/open-problems-and-trends"
            / "index.html").read_text(encoding="utf-8")
    article = main_content(page)
    assert "<script>" not in article and "<img" not in article and "<mark>" not in article
    for literal in ["&lt;script&gt;alert(1)&lt;/script&gt;", "onerror=alert(1)&gt;",
                    "[x](javascript:alert(1))", "{{ config.site_name }}", "{% raw %}",
                    "==mark==", "^^ins^^", "*stars*", "!!! note", "--8&lt;-- \"mkdocs.yml\"",
                    "# heading?"]:
        assert literal in article, literal
    assert 'class="admonition note"' not in article and "site_url:" not in article
