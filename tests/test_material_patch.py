"""The one change made to Material's bundle, on the installed Material version."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from material_patch import ORIGINAL, PATCHED, PatchError, patch_bundle


def installed_bundle() -> str:
    folder = Path(material.__file__).parent / "templates/assets/javascripts"
    [bundle] = folder.glob("bundle.*.min.js")
    return bundle.read_text(encoding="utf-8")


def test_the_installed_bundle_is_patched_once_and_idempotently():
    source = installed_bundle()
    patched = patch_bundle(source)
    assert patched.count(PATCHED) == 1 and ORIGINAL not in patched
    assert len(patched) == len(source) + len(PATCHED) - len(ORIGINAL)
    assert patch_bundle(patched) == patched


def test_a_changed_bundle_is_reported():
    with pytest.raises(PatchError, match="no longer contains"):
        patch_bundle("function(){}")
