"""The few changes made to Material's JavaScript, on the built copy, checked every build.

Each patch replaces one exact snippet of Material 9.8's minified code, and a changed
snippet (a Material upgrade) is reported instead of silently skipped:

- the language switcher fetched `sitemap.xml` next to every `<link rel="alternate">`; with
  per-page hreflang alternates those files do not exist, so every page logged two 404s. Our
  own script (overrides/assets/site.js) does the switching, so the bundle is told to look
  only at alternates that opt in, which none do.

Search needs no patch: its worker is replaced through Material's configuration
(overrides/main.html, overrides/assets/search-worker.js).

Every patch is tried on its own, and any that does not apply stops the build (`mkdocs serve`
included) with the list of all of them: an unpatched bundle is never published. The build
also stops on any Material release but MATERIAL_VERSION.
"""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

# The Material release the patches below and the templates forked in overrides/ were copied
# from. Minified code changes with every release, so any other one is refused until both are
# re-checked: tests/test_material_patch.py tries every patch on the installed code, and
# tests/test_material_forks.py diffs the installed originals of the forks against pristine
# copies of this release's (tests/fixtures/material-<version>/).
MATERIAL_VERSION = "9.8.2"

BUNDLE = "assets/javascripts/bundle.*.min.js"


@dataclass(frozen=True)
class Patch:
    files: str  # glob under the site folder
    original: str
    patched: str
    why: str


def patches(default_language: str) -> list[Patch]:
    """Each patch stands alone: deleting one, or all of a file's, needs no other change."""
    return [
        Patch(BUNDLE, 'M("link[rel=alternate]")', 'M("link[rel=alternate][data-md-sitemap]")',
              "the language switcher's sitemap.xml fetch"),
    ]


class PatchError(PluginError):
    """Material is not the code the patches were written for; the message says what to do."""


@dataclass(frozen=True)
class Failure:
    patch: Patch
    file: str  # under the site folder (the patch's glob when no file matches it)
    problem: str

    def __str__(self) -> str:
        return f'"{self.patch.why}" in {self.file}: {self.problem}'


def check_version(installed: str | None = None) -> None:
    """Refuses any Material but MATERIAL_VERSION (by default, the installed one)."""
    if installed is None:
        try:
            installed = importlib.metadata.version("mkdocs-material")
        except importlib.metadata.PackageNotFoundError:
            installed = "(none)"
    if installed != MATERIAL_VERSION:
        raise PatchError(
            f"mkdocs-material {MATERIAL_VERSION} is needed, and {installed} is installed: the "
            f"patches of its JavaScript in hooks/material_patch.py and its templates forked in "
            f"overrides/ are copies of {MATERIAL_VERSION}'s code. Install the pinned release "
            f"(pip install --require-hashes -r requirements.txt), or, to move to {installed}: "
            f"run pytest tests/test_material_patch.py tests/test_material_forks.py to see what "
            f"changed upstream and which patches no longer apply, update those patches and "
            f"forks, replace tests/fixtures/material-{MATERIAL_VERSION}/ with the new release's "
            f"templates, then set MATERIAL_VERSION in hooks/material_patch.py.")


def apply(source: str, file_patches: list[Patch], file: str) -> tuple[str, list[Failure]]:
    """The source with each patch that applies applied (applying twice changes nothing), and
    the patches that do not."""
    failures = []
    for p in file_patches:
        if p.patched in source:
            continue
        found = source.count(p.original)
        if found != 1:
            failures.append(Failure(p, file, f"its snippet {p.original!r} is found {found} "
                                             f"times (expected exactly once)"))
            continue
        source = source.replace(p.original, p.patched)
    return source, failures


def patch_site(site_dir: Path, site_patches: list[Patch]) -> None:
    """Patches the built copies of Material's files, each patch on its own; raises PatchError
    listing every patch that did not apply."""
    failures = []
    for glob in dict.fromkeys(p.files for p in site_patches):
        mine = [p for p in site_patches if p.files == glob]
        paths = sorted(site_dir.glob(glob))
        if not paths:
            failures += [Failure(p, glob, "no file of the site matches") for p in mine]
        for path in paths:
            source = path.read_text(encoding="utf-8")
            patched, failed = apply(source, mine, path.relative_to(site_dir).as_posix())
            failures += failed
            if patched != source:
                path.write_text(patched, encoding="utf-8")
    if failures:
        raise PatchError(report(failures))


def report(failures: list[Failure]) -> str:
    lines = "\n".join(f"  - {f}" for f in failures)
    return (f"{len(failures)} patch(es) of Material's JavaScript no longer apply, and the site "
            f"is not built with Material's unpatched code:\n{lines}\n"
            f"For each, read the patch in hooks/material_patch.py (what it changes and why), "
            f"find that code in the same file of the installed Material "
            f"(site-packages/material/templates/), then update the patch's `original` and "
            f"`patched` to its new form, or delete the patch if Material no longer needs it.")
