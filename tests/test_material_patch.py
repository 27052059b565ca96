"""The changes made to Material's JavaScript, on the installed Material version."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from material_patch import BUNDLE, PatchError, apply, patches

TEMPLATES = Path(material.__file__).parent / "templates"


def installed(glob: str) -> str:
    [path] = TEMPLATES.glob(glob)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("glob", [BUNDLE])
def test_the_installed_code_is_patched_once_and_idempotently(glob):
    mine = [p for p in patches("zh") if p.files == glob]
    source = installed(glob)
    patched = apply(source, mine)
    for p in mine:
        assert patched.count(p.patched) == 1 and p.original not in patched
    assert apply(patched, mine) == patched


def test_a_changed_bundle_is_reported():
    with pytest.raises(PatchError, match="no longer contains"):
        apply("function(){}", patches("zh"))
