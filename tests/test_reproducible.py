"""Two builds of the same commit give byte-identical sites.

The one thing that varies between builds is the date MkDocs writes as every page's
`<lastmod>` in sitemap.xml (and so sitemap.xml.gz): the build date. SOURCE_DATE_EPOCH pins
it; the README's build command and the workflows set it to the last commit's time.
"""

from __future__ import annotations

import pytest

from conftest import ROOT, build_site


def snapshot(site) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


@pytest.mark.build
def test_two_builds_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1610150400")  # 2021-01-09
    first, second = tmp_path / "a", tmp_path / "b"
    assert build_site(ROOT, first).returncode == 0
    assert build_site(ROOT, second).returncode == 0
    a, b = snapshot(first), snapshot(second)
    assert a.keys() == b.keys() and len(a) > 100
    assert [name for name in a if a[name] != b[name]] == []
    assert b"<lastmod>2021-01-09</lastmod>" in a["sitemap.xml"]
