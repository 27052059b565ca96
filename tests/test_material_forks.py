"""The templates forked from Material into overrides/, against pristine copies of the
originals they were made from: an upgrade of Material shows what changed upstream and which
fork to revisit, and a fork that no longer changes anything is noticed."""

from __future__ import annotations

import difflib
import importlib.metadata
import re
from dataclasses import dataclass
from pathlib import Path

import material
import pytest

from conftest import ROOT
from material_patch import MATERIAL_VERSION

INSTALLED = Path(material.__file__).parent / "templates"
PRISTINE = ROOT / "tests" / "fixtures" / f"material-{MATERIAL_VERSION}"
OVERRIDES = ROOT / "overrides"


@dataclass(frozen=True)
class Fork:
    path: str  # under overrides/, in place of Material's template of the same path
    original: str  # the Material template its code was copied from
    block: str | None = None  # the one block copied, when the fork extends the original


FORKS = [
    Fork("partials/copyright.html", "partials/copyright.html"),
    Fork("partials/header.html", "partials/header.html"),
    Fork("partials/nav-item.html", "partials/nav-item.html"),
    Fork("partials/search.html", "partials/search.html"),
    Fork("partials/source.html", "partials/source.html"),
    Fork("partials/toc.html", "partials/toc.html"),
    Fork("main.html", "base.html", block="site_meta"),
    Fork("404.html", "404.html", block="content"),
]
# What the forks replace or copy from: each must stay as it was when they were made.
ORIGINALS = sorted({f.path for f in FORKS} | {f.original for f in FORKS})


def code(template: str, block: str | None) -> str:
    """What a template does: its Jinja comments dropped, white space collapsed."""
    if block:
        found = re.search(r"{%-?\s*block\s+" + block + r"\s*-?%}(.*?){%-?\s*endblock",
                          template, re.S)
        assert found, f"no block {block}"
        template = found[1]
    return " ".join(re.sub(r"{#.*?#}", "", template, flags=re.S).split())


def test_the_pristine_copies_are_the_originals_of_the_forks():
    assert PRISTINE.is_dir(), (
        f"no pristine copies of Material {MATERIAL_VERSION}'s templates: copy {ORIGINALS} "
        f"from {INSTALLED} into {PRISTINE.relative_to(ROOT)}/")
    kept = sorted(p.relative_to(PRISTINE).as_posix() for p in PRISTINE.rglob("*") if p.is_file())
    assert kept == ORIGINALS


@pytest.mark.parametrize("name", ORIGINALS)
def test_the_installed_original_is_the_one_the_forks_were_made_from(name):
    pristine = (PRISTINE / name).read_text(encoding="utf-8")
    path = INSTALLED / name
    now = path.read_text(encoding="utf-8") if path.is_file() else ""
    if now != pristine:
        version = importlib.metadata.version("mkdocs-material")
        forks = [f"overrides/{f.path}" for f in FORKS if name in (f.path, f.original)]
        diff = "".join(difflib.unified_diff(
            pristine.splitlines(keepends=True), now.splitlines(keepends=True),
            fromfile=f"tests/fixtures/material-{MATERIAL_VERSION}/{name}",
            tofile=f"mkdocs-material {version}: material/templates/{name}"))
        pytest.fail(f"Material's {name} changed upstream: revisit {', '.join(forks)}\n{diff}",
                    pytrace=False)


@pytest.mark.parametrize("fork", FORKS, ids=[f.path for f in FORKS])
def test_each_fork_still_changes_its_original(fork):
    mine = code((OVERRIDES / fork.path).read_text(encoding="utf-8"), fork.block)
    upstream = code((PRISTINE / fork.original).read_text(encoding="utf-8"), fork.block)
    assert mine != upstream, f"overrides/{fork.path} is Material's own: delete it"


def test_every_template_of_material_replaced_in_overrides_is_a_checked_fork():
    upstream = {p.relative_to(INSTALLED).as_posix() for p in INSTALLED.rglob("*") if p.is_file()}
    replaced = sorted(p.relative_to(OVERRIDES).as_posix() for p in OVERRIDES.rglob("*")
                      if p.is_file() and p.relative_to(OVERRIDES).as_posix() in upstream)
    assert replaced == sorted(f.path for f in FORKS)


def test_no_template_names_a_material_release():
    for path in OVERRIDES.rglob("*"):
        if path.is_file():
            assert MATERIAL_VERSION.encode() not in path.read_bytes(), path


def test_the_generator_names_the_installed_material(built_site):
    site, _ = built_site
    version = importlib.metadata.version("mkdocs-material")
    for page in ["index.html", "en/index.html", "404.html"]:
        html = (site / page).read_text(encoding="utf-8")
        assert f'mkdocs-material-{version}">' in html, page


def test_the_pinned_material_is_the_one_the_patches_were_written_for():
    for name in ["requirements.in", "requirements.txt"]:
        text = (ROOT / name).read_text(encoding="utf-8")
        assert re.search(rf"^mkdocs-material=={re.escape(MATERIAL_VERSION)}\b", text, re.M), name
