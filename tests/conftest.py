"""Shared fixtures: the hook modules on sys.path, one strict build, a loopback server."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

SEED = ROOT / "seeds" / "2021-01-09-low-level-vision.txt"
DATA = ROOT / "seeds" / "2021-01-09-low-level-vision.yml"


def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as a contributor runs it (never with -q: it hides warnings)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


def copy_project(dest: Path) -> Path:
    """A copy of what a build reads, for tests that edit seeds or translations."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ["mkdocs.yml", "seeds", "hooks", "overrides", "docs"]:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    site = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site, result


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_server(built_site):
    """The built site on http://127.0.0.1:<free port>/ (loopback only)."""
    site, _ = built_site
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
