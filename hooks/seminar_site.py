"""MkDocs hook: the reports in seeds/ become pages, generated in memory at every build.

Thin on purpose: loading, parsing and rendering live in the `archive` package beside this
file (no MkDocs there), static-i18n's internals in i18n_pages.py, the changes to Material's
JavaScript in material_patch.py; this file wires them to MkDocs events.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from urllib.parse import urlsplit

import markupsafe
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

import i18n_pages
import material_patch
import not_found
import pagefind_index
import rebuild
from archive import coverage, load, render, search_scope, topics
from archive.errors import SeedError

log = logging.getLogger("mkdocs.hooks.seminar_site")

# The search index segments Chinese with jieba (pagefind_index.py); its dictionary
# messages are noise
import jieba  # noqa: E402

jieba.setLogLevel(logging.WARNING)

ROOT = Path(__file__).resolve().parent.parent
# What the generated pages are made from; a change to any of them means a new Site.
SOURCES = ["seeds", str(render.TEMPLATES.relative_to(ROOT))]
# What `mkdocs serve` watches on top of docs/ and mkdocs.yml (theme overrides included).
WATCHED = [*SOURCES, "overrides"]

# Hooks


class SeminarSite:
    """What the hook keeps from one event to the next, in one place: `mkdocs serve` keeps
    this module, and so this object, between rebuilds, and every language build of one
    build passes through the same handlers."""

    def __init__(self):
        # the Site, keyed by the content of its sources: every language build of one
        # rebuild reuses the parse
        self.key: str | None = None
        self.site = None
        self.topics = None  # the Site's topics.Index, one for every language
        self.warnings = 0
        # what the search index needs and a page's HTML does not show, by output file
        self.search_extra: dict[str, dict] = {}
        # the search index of the build under way (pagefind_index.Indexer), fed page by page
        self.indexer = None
        # under `mkdocs serve --dirty`, the last build's index catching up: (thread, indexer)
        self.behind = None
        # what `mkdocs serve --dirty` may leave unbuilt: the pages an edit did not touch
        self.rebuilds = rebuild.Rebuilds([ROOT / "overrides", ROOT / "mkdocs.yml", ROOT / "docs"])
        # the 404 page of each language build, merged into one after the last (not_found.py)
        self.not_found: dict[str, str] = {}
        # navigation pages marked active for a page the navigation does not list
        self.borrowed: list = []

    def on_config(self, config):
        material_patch.check_version()  # the patches and template forks are Material's own code
        self.current_site()  # every build starts here: a changed seed means a new Site
        if config.strict and self.warnings:
            # --strict rejects the build anyway: stop before rendering (a data file with
            # thousands of people would render thousands of pages first)
            raise PluginError(f"{self.warnings} warning(s) in seeds/ with --strict; see above")
        return config

    @event_priority(-150)  # after static-i18n's on_files (-100), which rebuilds the file list
    def on_files(self, files, config):
        site = self.site or self.current_site()  # loaded (and checked for changes) by on_config
        lang = i18n_pages.current_language(config)
        default = i18n_pages.languages(config)[0]
        if lang == default:  # the first language of a build: the index starts beside it
            if self.indexer is not None:  # a build that stopped half way (mkdocs serve)
                self.indexer.abandon()
            self.stop_index_behind()
            self.search_extra.clear()
            self.indexer = pagefind_index.Indexer(Path(config.site_dir),
                                                  search_scope.user_words(site))
        self.indexer.begin(lang)
        # the language's home page as an absolute URL: the citations' permalinks and the feed
        home = config.site_url + i18n_pages.src_uri("", lang, default) if config.site_url else ""
        pages = render.render_site(site, lang, home, self.topics)
        made = i18n_pages.add_pages(files, config, pages, rebuild.GeneratedPage)
        if config.site_url:  # an Atom feed of the seminars per language, beside its home page
            files.append(File.generated(config, i18n_pages.src_uri("feed.xml", lang, default),
                                        content=render.feed(site, lang, home)))
        config["nav"] = render.navigation(site, lang,
                                          lambda path: i18n_pages.src_uri(path, lang, default))
        skipped = self.rebuilds.mark(lang, files, list(zip(made, pages)), config["nav"])
        if self.rebuilds.dirty:
            log.info(f"{lang}: {len(pages) - skipped} of {len(pages)} generated pages to build")
        return files

    @event_priority(-150)  # after static-i18n's on_nav, the last to touch the titles
    def on_nav(self, nav, config, files):
        # Navigation labels are text (data-file titles and names); MkDocs makes them the
        # titles of sections and pages, which its and Material's templates insert as HTML
        for item in _nav_items(nav.items):
            if item.title:
                item.title = str(markupsafe.escape(item.title))
        return nav

    def on_page_markdown(self, markdown, page, config, files):
        # Pagefind indexes the site after the build (pagefind_index.py); Material's own index
        # stays empty, a few hundred bytes its bundle still fetches
        search = page.meta.get("search") or {}
        self.search_extra[page.file.dest_uri] = {"tags": page.meta.get("tags") or [],
                                                 "weight": search.get("boost", 1.0),
                                                 "context": search.get("context", "")}
        page.meta["search"] = {"exclude": True}
        return markdown

    def on_page_context(self, context, page, config, nav):
        canonical = getattr(page.file, "canonical_url", None)
        if canonical and config.site_url:
            page.canonical_url = config.site_url + canonical
        source = getattr(page.file, "edit_source", None)
        if source and config.repo_url and config.edit_uri:
            # generated pages have no file in docs/: edit the repository file their text
            # comes from
            branch = config.edit_uri.rstrip("/").removesuffix(Path(config.docs_dir).name)
            page.edit_url = f"{config.repo_url.rstrip('/')}/{branch.strip('/')}/{source}"
        listed_uri = getattr(page.file, "listed_src_uri", None)
        if listed_uri:
            # a page the navigation does not list (a side-by-side view, a person, a topic)
            # keeps the reader's place by highlighting the listed page that stands for it; an
            # alternate view also leads on as the page it shows again does
            listed = next((p for p in nav.pages if p.file.src_uri == listed_uri), None)
            if listed is not None:
                listed.active = True  # opens its sections too; undone in on_post_page
                self.borrowed.append(listed)
                if getattr(page.file, "main_src_uri", None):
                    page.previous_page, page.next_page = listed.previous_page, listed.next_page
        return context

    @event_priority(-200)  # the page as written, after any other plugin's changes
    def on_post_page(self, output, page, config):
        while self.borrowed:  # the navigation pages a page it does not list marked active
            self.borrowed.pop().active = False
        self.indexer.page(page.file.dest_uri, output,
                          self.search_extra.pop(page.file.dest_uri, {}))
        return output

    def on_env(self, env, config, files):
        env.globals["material_version"] = material_patch.MATERIAL_VERSION  # overrides/main.html
        if config.site_url:  # the language's Atom feed, linked from every page's head
            default = i18n_pages.languages(config)[0]
            env.globals["feed_uri"] = i18n_pages.src_uri(
                "feed.xml", i18n_pages.current_language(config), default)
        return env

    def on_template_context(self, context, template_name, config):
        if template_name == "404.html":
            i18n_pages.reset_alternates(config)
        return context

    def on_post_template(self, output, template_name, config):
        if template_name == not_found.TEMPLATE:
            self.not_found[i18n_pages.current_language(config)] = output
        return output

    @event_priority(-200)  # after static-i18n's on_post_build, which builds the other languages
    def on_post_build(self, config):
        if i18n_pages.building_other_languages(config):
            return  # another language is being built: the site is not complete yet
        site_dir = Path(config.site_dir)
        default, _ = i18n_pages.languages(config)
        # every language's build copies Material's assets into the one site folder: patched once
        material_patch.patch_site(site_dir, material_patch.patches(default))  # or stops the build
        if default in self.not_found:
            try:
                page = not_found.merge(self.not_found, default,
                                       urlsplit(config.site_url or "/").path)
            except not_found.NotFoundError as exc:
                raise PluginError(str(exc)) from None
            (site_dir / not_found.TEMPLATE).write_text(page, encoding="utf-8")
            self.not_found.clear()
        indexer, self.indexer = self.indexer, None
        self.rebuilds.succeeded()
        if self.rebuilds.dirty:
            # `mkdocs serve --dirty`: the edited page is served at once, search catches up (it
            # reads the pages this rebuild left as they were back from the site folder)
            self.behind = (threading.Thread(target=_finish_index, args=(indexer,), daemon=True),
                           indexer)
            self.behind[0].start()
        else:
            _finish_index(indexer)

    def on_build_error(self, error):
        # a build that stopped (a patch that no longer applies, a page that failed): its
        # search index must stop writing before MkDocs removes or serves the site folder
        indexer, self.indexer = self.indexer, None
        if indexer is not None:
            indexer.abandon()
        self.rebuilds.failed()

    def on_startup(self, command, dirty):
        self.rebuilds.dirty = command == "serve" and dirty
        if self.rebuilds.dirty:
            # MkDocs warns that a dirty build may leave navigation and links stale; rebuild.py
            # rebuilds every page whose navigation, links or text changed: the warning is noise
            logging.getLogger("mkdocs.commands.build").addFilter(_not_dirty_warning)

    def on_shutdown(self):
        self.stop_index_behind()

    def stop_index_behind(self) -> None:
        """The index a `serve --dirty` rebuild left catching up: a new build replaces it."""
        if self.behind is not None:
            thread, indexer = self.behind
            indexer.abandon()
            thread.join(timeout=60)
            self.behind = None

    def on_serve(self, server, config, builder):
        for folder in WATCHED:
            server.watch(str(ROOT / folder))
        return server

    def current_site(self):
        """The Site of the sources as they are now: loaded again only when they changed."""
        key = load.fingerprint(ROOT, SOURCES)
        if self.key != key:
            try:
                site, warnings = load.load_site(ROOT)
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
            self.key, self.site, self.warnings = key, site, len(warnings)
            self.topics = topics.Index.of(site)
        return self.site


# MkDocs finds a hook's handlers as the module's `on_*` functions: the one object's methods
_hook = SeminarSite()
on_config, on_files, on_nav = _hook.on_config, _hook.on_files, _hook.on_nav
on_page_markdown, on_page_context, on_post_page = (
    _hook.on_page_markdown, _hook.on_page_context, _hook.on_post_page)
on_env, on_template_context, on_post_template = (
    _hook.on_env, _hook.on_template_context, _hook.on_post_template)
on_post_build, on_build_error, on_serve = (
    _hook.on_post_build, _hook.on_build_error, _hook.on_serve)
on_startup, on_shutdown = _hook.on_startup, _hook.on_shutdown


# Helpers


def _finish_index(indexer) -> None:
    try:
        result = indexer.finish()
    except RuntimeError as exc:
        if not indexer.abandoned:  # a newer build stopped it: no error of its own
            log.error(str(exc))
        return
    # the indexing step's share of the build is what it held the build up: handing pages
    # over and waiting at the end; the rest ran beside the build
    log.info(f"search index: {result['counts']} pages in {indexer.seconds:.3f} s "
             f"({result['seconds']:.3f} s of CPU beside the build)")


def _not_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _nav_items(items):
    for item in items:
        yield item
        yield from _nav_items(item.children or [])
