"""What a `mkdocs serve --dirty` rebuild may leave as it is: the pages an edit did not touch.

A generated page's HTML is made from its Markdown, its place in the site (its path, the page
it is listed as, its canonical page, the file it is edited in) and what every page shares
(the navigation, the list of pages, the theme overrides, mkdocs.yml). MkDocs' `--dirty`
rebuilds only the files whose `is_modified()` is true, and a generated file always says
true; here a generated page says false when the previous successful build of this process
wrote it from the same inputs and its output is still there. When anything every page
shares changes, every page is rebuilt, the pages of docs/ too.

Only `mkdocs serve --dirty` consults this: `mkdocs build` and a plain `mkdocs serve` rebuild
everything, and the strict full build stays the truth (tests/test_serve.py checks that a page
served after an edit is, byte for byte, what a full build writes).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from mkdocs.structure.files import File


class GeneratedPage(File):
    """A generated page that may report itself unmodified (`unchanged`)."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged


class Rebuilds:
    """The inputs of each page written by the last successful build, per language."""

    def __init__(self, shared_inputs: list[Path]):
        self.shared_inputs = shared_inputs  # files and folders every page's HTML depends on
        self.dirty = False  # set by on_startup: only `serve --dirty` skips pages
        self.written: dict[tuple[str, str], str] = {}  # (language, path) -> inputs' digest
        self.shared: dict[str, str] = {}  # language -> digest of what every page shares
        self.pending: tuple[dict, dict] = ({}, {})  # this build's, kept once it succeeds

    def mark(self, lang: str, files, pages: list[tuple[File, object]], nav) -> int:
        """Sets `unchanged` on the generated pages this build may skip; returns how many."""
        listed = sorted(f.src_uri for f in files)
        shared = _digest(repr(nav), "\n".join(listed), *(_tree(p) for p in self.shared_inputs))
        same = self.dirty and self.shared.get(lang) == shared
        if self.dirty and not same:
            for f in files.documentation_pages():  # docs/ pages: their navigation changed
                if not isinstance(f, GeneratedPage) and f.abs_dest_path:
                    Path(f.abs_dest_path).unlink(missing_ok=True)
        written, shareds = self.pending
        shareds[lang] = shared
        skipped = 0
        for f, page in pages:
            key = _digest(page.markdown, page.source, page.listed_as, page.canonical)
            written[(lang, page.path)] = key
            if isinstance(f, GeneratedPage):
                f.unchanged = (same and self.written.get((lang, page.path)) == key
                               and Path(f.abs_dest_path).is_file())
                skipped += f.unchanged
        return skipped

    def succeeded(self) -> None:
        written, shared = self.pending
        self.written.update(written)
        self.shared.update(shared)
        self.pending = ({}, {})

    def failed(self) -> None:
        """After a build that stopped, the next rebuilds every page."""
        self.written.clear()
        self.shared.clear()
        self.pending = ({}, {})


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def _tree(path: Path) -> str:
    """The state of a file or a folder's files (names, sizes, modification times)."""
    found = sorted(path.rglob("*")) if path.is_dir() else [path]
    return "\n".join(f"{p}:{s.st_size}:{s.st_mtime_ns}" for p in found if p.is_file()
                     for s in [p.stat()])
