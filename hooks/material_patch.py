"""One change to Material's JavaScript bundle, made on the built copy, checked every build.

Material's language switcher fetches `sitemap.xml` next to every `<link rel="alternate">` of
the page head. With per-page hreflang alternates (which the head must carry for search
engines) those files do not exist, so every page logged two 404s. The switcher's work is
done by our own script (overrides/assets/site.js), so the bundle is told to look only at
alternates that opt in, which none do.
"""

from __future__ import annotations

ORIGINAL = 'M("link[rel=alternate]")'
PATCHED = 'M("link[rel=alternate][data-md-sitemap]")'


class PatchError(Exception):
    pass


def patch_bundle(source: str) -> str:
    """The bundle with the sitemap look-up disabled; idempotent."""
    if PATCHED in source:
        return source
    if source.count(ORIGINAL) != 1:
        raise PatchError(f"Material's bundle no longer contains {ORIGINAL} exactly once: "
                         "re-check the language switcher's sitemap fetch (hooks/material_patch.py)")
    return source.replace(ORIGINAL, PATCHED)
