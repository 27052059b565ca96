"""The few changes made to Material's JavaScript, on the built copy, checked every build.

Each patch replaces one exact snippet of Material 9.8's minified code, and a changed
snippet (a Material upgrade) is reported instead of silently skipped:

- the language switcher fetched `sitemap.xml` next to every `<link rel="alternate">`; with
  per-page hreflang alternates those files do not exist, so every page logged two 404s. Our
  own script (overrides/assets/site.js) does the switching, so the bundle is told to look
  only at alternates that opt in, which none do;
- the search index is fetched per language (`en/search/search_index.json` on English
  pages), so results never cross languages;
- the search index is fetched when search first opens, not on every page view (with many
  seminars it is the largest download by far): Material waits like this for `file://`
  pages only, and its `?h=` highlighting now asks for the index only on a page opened
  with `?h=`, a search result;
- the worker's query segmentation (`fe`: split a Han run into words of the index) never
  tried a word that ends the query, so "噪声" was searched as "噪" and "大脑" as "大".
"""

from __future__ import annotations

from dataclasses import dataclass

BUNDLE = "assets/javascripts/bundle.*.min.js"
WORKER = "assets/javascripts/workers/search.*.min.js"


@dataclass(frozen=True)
class Patch:
    files: str  # glob under the site folder
    original: str
    patched: str
    why: str


def patches(default_language: str) -> list[Patch]:
    index = ('(document.documentElement.lang==="{d}"?"":document.documentElement.lang+"/")'
             .format(d=default_language))
    return [
        Patch(BUNDLE, 'M("link[rel=alternate]")', 'M("link[rel=alternate][data-md-sitemap]")',
              "the language switcher's sitemap.xml fetch"),
        Patch(BUNDLE, 'ze(new URL("search/search_index.json",Or.base))',
              f'ze(new URL({index}+"search/search_index.json",Or.base))',
              "the per-language search index"),
        Patch(BUNDLE, '_t(`${new URL("search/search_index.js",Or.base)}`)',
              f'_t(`${{new URL({index}+"search/search_index.js",Or.base)}}`)',
              "the per-language search index (file:// fallback)"),
        Patch(BUNDLE, 'L($(location.protocol!=="file:"),Je("search")).pipe(Re(o=>o),b(()=>t))',
              'L($(!1),Je("search")).pipe(Re(o=>o),b(()=>t))',
              "the search index fetched when search opens"),
        Patch(BUNDLE, 'z([t,r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")))])'
                      '.pipe(m(([o,n])=>xi(o.config)(n.searchParams.get("h")))',
              'r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")),b(n=>t.pipe(m(o=>[o,n]))))'
              '.pipe(m(([o,n])=>xi(o.config)(n.searchParams.get("h")))',
              "the index fetched for highlighting only with ?h="),
        Patch(WORKER, "for(let o=s+1;o<t.length;o++)", "for(let o=s+1;o<=t.length;o++)",
              "the query segmentation's last word"),
        Patch(WORKER, "n[a]&&a<t.length-1&&", "n[a]&&a<t.length&&",
              "the query segmentation's last character"),
    ]


class PatchError(Exception):
    pass


def apply(source: str, file_patches: list[Patch]) -> str:
    """The source with every patch applied; applying twice changes nothing."""
    for p in file_patches:
        if p.patched in source:
            continue
        if source.count(p.original) != 1:
            raise PatchError(f"Material's code no longer contains {p.original!r} exactly once: "
                             f"re-check {p.why} (hooks/material_patch.py)")
        source = source.replace(p.original, p.patched)
    return source
