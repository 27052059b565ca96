"""The archive package as one thing: one import name, one definition of what a Han character
is, and no memory that grows or leaks from one build (or one `mkdocs serve` rebuild) to the
next."""

from __future__ import annotations

import codecs
import re
import stat
import subprocess
import sys

import pytest
import yaml

from archive import datafile, render, topics, typography
from conftest import DATA, ROOT, strict_build

SOURCES = [*ROOT.glob("hooks/**/*.py"), *ROOT.glob("tools/*.py"), *ROOT.glob("bench/*.py"),
           *ROOT.glob("overrides/**/*.js")]


def test_the_archive_package_is_imported_by_one_name():
    # everything that imports the package, loaded in one process the way MkDocs loads the
    # hook (hooks/ on the path): one SeedError class, so each catches the others' errors
    code = ("import sys; sys.path.insert(0, 'hooks')\n"
            "import tools.check, tools.coverage, bench.datafile, seminar_site\n"
            "errors = {m.SeedError for m in list(sys.modules.values())\n"
            "          if isinstance(getattr(m, 'SeedError', None), type)}\n"
            "print(len(errors), sorted(n for n in sys.modules if n.startswith('hooks.')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "[]"]
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) hooks\.archive\b", text, re.M), path


def test_one_definition_of_the_han_characters():
    han = typography.HAN
    assert all(han.match(c) for c in "㐀䶿中鿿豈")  # extension A, unified, compatibility
    assert not any(han.match(c) for c in "䷀a，。ア가")  # a hexagram, Latin, marks, kana, hangul
    # the search worker runs in the browser: the same ranges, spelt as JavaScript escapes
    worker = (ROOT / "overrides/assets/search-worker.js").read_text(encoding="utf-8")
    [ranges] = re.findall(r'^const HAN_RANGES = "([^"]+)";$', worker, re.M)
    assert codecs.decode(ranges.replace("\\\\", "\\"), "unicode_escape") == typography.HAN_RANGES
    # nowhere else: a Han range starts at U+3400, in any spelling
    defined = [p.relative_to(ROOT).as_posix() for p in SOURCES
               if re.search(r"\\u3400|\u3400", p.read_text(encoding="utf-8"))]
    assert sorted(defined) == ["hooks/archive/typography.py", "overrides/assets/search-worker.js"]


def test_reading_data_files_again_and_again_keeps_nothing():
    # `mkdocs serve` reads every data file at each rebuild; the YAML constructor that makes
    # numbers and dates kept each value it had made, so its memory grew with every reload
    text = DATA.read_text(encoding="utf-8")
    for _ in range(3):
        data = datafile.load(text, "seeds/" + DATA.name)
        assert isinstance(data["number"], int)  # a value the constructor made
        assert datafile._SCALARS.constructed_objects == {}


def test_compiled_templates_stay_in_the_users_own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cache = render.bytecode_cache()
    folder = tmp_path / "cache/seminar-archive/templates"
    assert cache.directory == str(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700  # no one else writes our code
    # a relative XDG_CACHE_HOME is ignored (the XDG specification): the home folder's .cache
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    home = tmp_path / "home/.cache/seminar-archive/templates"
    assert render.bytecode_cache().directory == str(home)
    # no home folder to write to: templates are compiled at every build, nothing fails
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    assert render.bytecode_cache() is None


def test_topics_are_looked_up_in_the_index_made_for_the_site(site):
    # no cache keyed by a Site's identity: what a site's topics are comes from that site
    index = topics.Index.of(site)
    assert index == topics.Index.of(site)
    assert [t.slug for t in index.topics] == [t.slug for t in topics.collect(site)]
    assert not [name for name, value in vars(topics).items()
                if isinstance(value, dict) and not name.isupper() and not name.startswith("__")]


def test_the_hook_keeps_its_state_in_one_object():
    import seminar_site

    handlers = {name: getattr(seminar_site, name) for name in dir(seminar_site)
                if name.startswith("on_")}
    assert {"on_config", "on_files", "on_post_build", "on_serve"} <= set(handlers)
    assert len({id(h.__self__) for h in handlers.values()}) == 1
    # nothing else the module holds changes during a build: no dicts, lists or sets
    assert not [name for name, value in vars(seminar_site).items()
                if isinstance(value, (dict, list, set)) and not name.isupper()
                and not name.startswith("__")]


def test_the_plain_baseline_is_the_same_text_one_page_per_talk_and_question(site, tmp_path):
    import plain  # bench/plain.py

    count = plain.write_plain(ROOT, tmp_path)
    assert count == len(list((tmp_path / "docs").rglob("*.md")))
    for s in site.seminars:
        for lang in ("zh", "en"):
            folder = tmp_path / "docs" / lang / s.slug
            assert sorted(p.stem for p in (folder / "talks").glob("*.md")) == sorted(
                t.slug for t in s.talks)
            assert sorted(p.stem for p in (folder / "panel").glob("*.md")) == sorted(
                q.slug for q in s.questions)
        talk, question = s.talks[-1], s.questions[-1]
        zh = tmp_path / "docs/zh" / s.slug
        assert all(p.text in (zh / f"talks/{talk.slug}.md").read_text(encoding="utf-8")
                   for p in talk.paragraphs)
        panel = (zh / f"panel/{question.slug}.md").read_text(encoding="utf-8")
        assert all(p.text in panel for turn in question.turns for p in turn.paragraphs)
    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"] == {"name": "material", "language": "zh", "font": False}
    assert "hooks" not in config and "custom_dir" not in config["theme"]


@pytest.mark.build
def test_the_benchmark_times_the_hook_from_outside(tmp_path):
    result = strict_build(ROOT, tmp_path / "site", timed=True)
    assert result.returncode == 0, result.stderr
    seconds = dict(re.findall(r"(on_\w+) ([\d.]+) s", result.stderr.splitlines()[-1]))
    assert {"on_config", "on_files", "on_post_page", "on_post_build"} <= set(seconds)
    assert float(seconds["on_files"]) > 0  # the pages are rendered there
