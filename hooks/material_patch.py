"""The few changes made to Material's JavaScript, on the built copy, checked every build.

Each patch replaces one exact snippet of Material 9.8's minified code, and a changed
snippet (a Material upgrade) is reported instead of silently skipped:

- the language switcher fetched `sitemap.xml` next to every `<link rel="alternate">`; with
  per-page hreflang alternates those files do not exist, so every page logged two 404s. Our
  own script (overrides/assets/site.js) does the switching, so the bundle is told to look
  only at alternates that opt in, which none do.

Search needs no patch: its worker is replaced through Material's configuration
(overrides/main.html, overrides/assets/search-worker.js).
"""

from __future__ import annotations

from dataclasses import dataclass

BUNDLE = "assets/javascripts/bundle.*.min.js"


@dataclass(frozen=True)
class Patch:
    files: str  # glob under the site folder
    original: str
    patched: str
    why: str


def patches(default_language: str) -> list[Patch]:
    return [
        Patch(BUNDLE, 'M("link[rel=alternate]")', 'M("link[rel=alternate][data-md-sitemap]")',
              "the language switcher's sitemap.xml fetch"),
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
