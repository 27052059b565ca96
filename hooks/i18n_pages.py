"""The one place that knows mkdocs-static-i18n 1.3's internals.

static-i18n builds each language in turn and rebuilds the file list from disk in its own
`on_files` (priority -100), so generated pages must be added after it, one language per
build, carrying the attributes it would have set: `locale`, `localization`,
`locale_alternate_of`, `norm_src_uri`, `alternates` (language -> File, used by the language
switcher) and a place in `i18n_files_per_language` (used by its sitemap.xml).
"""

from __future__ import annotations

from copy import deepcopy

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

PLUGIN = "i18n"


def plugin(config: MkDocsConfig):
    return config.plugins[PLUGIN]


def current_language(config: MkDocsConfig) -> str:
    return plugin(config).current_language


def languages(config: MkDocsConfig) -> tuple[str, str]:
    """(default language, all languages)"""
    p = plugin(config)
    return p.default_language, list(p.all_languages)


def building_other_languages(config: MkDocsConfig) -> bool:
    """True while the default language's build is building the others (nested builds)."""
    return plugin(config).building


def reset_alternates(config: MkDocsConfig) -> None:
    """The language switcher of a page that is no page (404.html): each language's home.

    static-i18n leaves the last rendered page's alternates in `extra.alternate`.
    """
    initial = plugin(config).extra_alternate
    if initial:
        # static-i18n sets it as an attribute, which templates read before the item
        config.extra.alternate = deepcopy(initial)


def src_uri(path: str, lang: str, default: str) -> str:
    return path if lang == default else f"{lang}/{path}"


def add_pages(files: Files, config: MkDocsConfig, pages, file_class: type[File] = File
              ) -> list[File]:
    """Add this build's generated pages (all in the current language) to `files`, as
    `file_class` files; returns them in the order of `pages`."""
    p = plugin(config)
    lang, default = p.current_language, p.default_language
    added, made = [], []
    for page in pages:
        f = file_class.generated(config, src_uri(page.path, lang, default), content=page.markdown)
        made.append(f)
        f.locale = lang
        f.localization = None if lang == default else lang
        f.locale_alternate_of = lang
        f.norm_src_uri = page.path
        f.alternates = {}
        for other in p.all_languages:
            if other == lang:
                f.alternates[other] = f
            else:
                f.alternates[other] = File(src_uri(page.path, other, default), None,
                                           config.site_dir, config.use_directory_urls)
        f.edit_source = page.source
        files.append(f)
        if page.listed_as or page.canonical:  # the navigation keeps the reader's place there
            f.listed_src_uri = src_uri(page.listed_as or page.canonical, lang, default)
        if page.canonical:  # an alternate view: its canonical page stands for it in the sitemap
            f.main_src_uri = src_uri(page.canonical, lang, default)
            f.canonical_url = File(f.main_src_uri, None, config.site_dir,
                                   config.use_directory_urls).url
        else:
            added.append(f)
    # the sitemap lists each page once: alternate views are left out
    p.i18n_files_per_language.setdefault(lang, []).extend(added)
    return made
