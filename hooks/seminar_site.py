"""MkDocs hook: the reports in seeds/ become pages, generated in memory at every build.

Thin on purpose: parsing (parse.py), rendering (render.py) and static-i18n's internals
(i18n_pages.py) live in their own modules; this file wires them to MkDocs events.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import tempfile
import time
from pathlib import Path

import markupsafe
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import archive
import coverage
import i18n_pages
import material_patch
import render
import search_scope
from errors import SeedError

log = logging.getLogger("mkdocs.hooks.seminar_site")

# Material's search segments Chinese with jieba (requirements.txt); its dictionary
# messages are noise
import jieba  # noqa: E402

jieba.setLogLevel(logging.WARNING)

ROOT = Path(__file__).resolve().parent.parent
# What the generated pages are made from; a change to any of them means a new Site.
SOURCES = ["seeds", "overrides/pages"]
# What `mkdocs serve` watches on top of docs/ and mkdocs.yml (theme overrides included).
WATCHED = ["seeds", "overrides"]

# Hooks
# Cache keyed by content: `mkdocs serve` keeps this module between rebuilds, and every
# language build of one rebuild reuses the parse.
_cache: dict = {"key": None, "site": None, "warnings": 0}
# Seconds spent in this hook's handlers during one build (all languages); logged at the end
# so the benchmark can compare the hook's share with the whole build's.
timings: dict[str, float] = {}


def _timed(handler):
    @functools.wraps(handler)
    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return handler(*args, **kwargs)
        finally:
            name = handler.__name__
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - started

    return timed


@event_priority(50)  # before Material's search plugin reads its jieba user dictionary
@_timed
def on_config(config):
    site = _site()  # every build starts here: a changed seed means a new Site
    if config.strict and _cache["warnings"]:
        # --strict rejects the build anyway: stop before rendering (a data file with
        # thousands of people would render thousands of pages first)
        raise PluginError(f"{_cache['warnings']} warning(s) in seeds/ with --strict; see above")
    search = config.plugins.get("material/search")
    if search is not None:
        search.config.jieba_dict_user = _jieba_user_dict(site)
    return config


@event_priority(-150)  # after static-i18n's on_files (-100), which rebuilds the file list
@_timed
def on_files(files, config):
    site = _cache["site"] or _site()  # loaded (and checked for changes) by on_config
    lang = i18n_pages.current_language(config)
    pages = render.render_site(site, lang)
    i18n_pages.add_pages(files, config, pages)
    config["nav"] = _nav(site, lang, i18n_pages.languages(config)[0])
    return files


@event_priority(-150)  # after static-i18n's on_nav, the last to touch the titles
@_timed
def on_nav(nav, config, files):
    # Navigation labels are text (data-file titles and names); MkDocs makes them the titles
    # of sections and pages, which its and Material's templates insert as HTML
    for item in _nav_items(nav.items):
        if item.title:
            item.title = str(markupsafe.escape(item.title))
    return nav


@_timed
def on_page_context(context, page, config, nav):
    canonical = getattr(page.file, "canonical_url", None)
    if canonical and config.site_url:
        page.canonical_url = config.site_url + canonical
    source = getattr(page.file, "edit_source", None)
    if source and config.repo_url and config.edit_uri:
        # generated pages have no file in docs/: edit the repository file their text comes from
        branch = config.edit_uri.rstrip("/").removesuffix(Path(config.docs_dir).name)
        page.edit_url = f"{config.repo_url.rstrip('/')}/{branch.strip('/')}/{source}"
    return context


@_timed
def on_template_context(context, template_name, config):
    if template_name == "404.html":
        i18n_pages.reset_alternates(config)
    return context


@event_priority(-200)  # after static-i18n's on_post_build, which builds the other languages
def on_post_build(config):
    _post_build(config)
    if not i18n_pages.building_other_languages(config):
        total = sum(timings.values())
        detail = ", ".join(f"{k} {v:.3f} s" for k, v in sorted(timings.items()))
        log.info(f"seminar_site hook: {total:.3f} s in all languages ({detail})")
        timings.clear()


@_timed
def _post_build(config):
    site_dir = Path(config.site_dir)
    default, languages = i18n_pages.languages(config)
    patches = material_patch.patches(default)
    for glob in sorted({p.files for p in patches}):
        for path in site_dir.glob(glob):
            try:
                patched = material_patch.apply(path.read_text(encoding="utf-8"),
                                               [p for p in patches if p.files == glob])
            except material_patch.PatchError as exc:
                log.warning(str(exc))
                continue
            path.write_text(patched, encoding="utf-8")
    if not i18n_pages.building_other_languages(config):
        _split_search_index(site_dir, languages, default)


def on_serve(server, config, builder):
    for folder in WATCHED:
        server.watch(str(ROOT / folder))
    return server


# Helpers


def _nav_items(items):
    for item in items:
        yield item
        yield from _nav_items(item.children or [])


def _split_search_index(site_dir: Path, languages: list[str], default: str) -> None:
    merged = site_dir / search_scope.index_path(default, default)
    if not merged.exists():
        return
    index = json.loads(merged.read_text(encoding="utf-8"))
    for lang, part in search_scope.split_index(index, languages, default).items():
        target = site_dir / search_scope.index_path(lang, default)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(part, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")


def _jieba_user_dict(site) -> str:
    """The archive's own words, as a jieba user dictionary file Material's search loads."""
    words = "\n".join(search_scope.user_words(site)) + "\n"
    digest = hashlib.sha256(words.encode("utf-8")).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"seminar-archive-jieba-{digest}.txt"
    if not path.exists():
        path.write_text(words, encoding="utf-8")
    return str(path)


def _site():
    key = archive.fingerprint(ROOT, SOURCES)
    if _cache["key"] != key:
        try:
            site, warnings = archive.load_site(ROOT)
        except SeedError as exc:
            for problem in exc.problems:
                log.error(str(problem))
            raise PluginError(f"{len(exc.problems)} problem(s) in seeds/; see above") from None
        for problem in warnings:
            log.warning(str(problem))
        for report in coverage.report(site):
            log.info(report.summary())
            for unit, _ in report.outdated + report.missing:
                log.info(f"  untranslated or outdated: [{unit}]")
            for unit, _ in report.short:
                log.info(f"  much shorter than the Chinese (cut off?): [{unit}]")
        _cache.update(key=key, site=site, warnings=len(warnings))
    return _cache["site"]


def _nav(site: render.Site, lang: str, default: str) -> list:
    t = render.strings()[lang]

    def uri(path: str) -> str:
        return i18n_pages.src_uri(path, lang, default)

    seminars = []
    for s in site.seminars:
        talks = [{site.people[k.speaker].name.get(lang) + " · " + k.title.get(lang):
                  uri(render.talk_path(s, k.slug))} for k in s.talks]
        questions = [{f"{q.number}. {q.short.get(lang)}": uri(render.question_path(s, q.slug))}
                     for q in s.questions]
        children = [uri(f"{render.seminar_dir(s)}/index.md"), {t["talks"]: talks}]
        if questions:
            children.append({t["panel"]: questions})
        seminars.append({t["seminar_number"].format(n=s.number) + " · " + s.title.get(lang):
                         children})
    return [
        {t["home_title"]: uri("index.md")},
        {t["home_seminars"]: seminars},
        # the index only: people are many, and a top-level section is never pruned, so
        # listing them would put every person into the HTML of every page
        {t["speakers"]: uri("speakers/index.md")},
        *([{t["glossary"]: uri("glossary.md")}] if site.glossary else []),
        {t["home_about"]: uri("about.md")},
    ]
