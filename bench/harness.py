"""What the tests and the benchmarks share: a copy of the project, a strict build, `mkdocs
serve` on a free loopback port, and the system Chromium.

The tests import it by name (`pythonpath` in pytest.ini), the benchmarks from beside it.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from serve import free_port

ROOT = Path(__file__).resolve().parent.parent
# What a build reads, and the organisers' tools.
PROJECT_FILES = ["mkdocs.yml", "seeds", "hooks", "overrides", "docs", "tools"]
# The system Chromium (Debian's package); Playwright never downloads a browser here.
# CHROMIUM_PATH points at another Chromium or Chrome.
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
# The engine that builds and serves: `mkdocs`, or `properdocs` (its maintained fork, which
# scripts/test-properdocs installs in a venv of its own), run as `python -m <engine>`.
ENGINE = os.environ.get("SITE_ENGINE", "mkdocs")


def engine(*args: str) -> list[str]:
    """The command line of the engine's subcommand `args`, in this Python."""
    return [sys.executable, "-m", ENGINE, *args]


def env() -> dict:
    """The environment as it is now (a test may set SOURCE_DATE_EPOCH), without the notice
    MkDocs 1.6 and Material 9.8 print about their future on every run."""
    return dict(os.environ, NO_MKDOCS_2_WARNING="1")


def copy_project(dest: Path, names: list[str] = PROJECT_FILES,
                 only: str | None = None) -> Path:
    """A copy of what a build reads, to edit or to grow without touching the project; with
    `only` (a seed's name without extension), its seeds/ keeps that seminar and the glossary."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    if only is not None:
        for seed in (dest / "seeds").iterdir():
            if seed.name.split(".")[0] != only and seed.name != "glossary.yml":
                seed.unlink()
    return dest


def strict_build(project: Path, site_dir: Path, timeout: float = 600,
                 timed: bool = False) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as a contributor runs it (never with -q: it hides warnings);
    `timed`, with the seconds spent in the hook's handlers on stderr (bench/timed_build.py)."""
    args = ("build", "--strict", "-d", str(site_dir))
    command = [sys.executable, str(ROOT / "bench/timed_build.py"), *args] if timed else engine(*args)
    return subprocess.run(command, cwd=project, env=env(), capture_output=True, text=True,
                          timeout=timeout)


def fetch(url: str) -> str:
    """The text at a URL, or "" while nothing answers there."""
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, seconds: float = 60.0, step: float = 0.2) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


@contextlib.contextmanager
def mkdocs_serve(project: Path, log_path: Path, mount: str = "vision-unlimited/"):
    """`mkdocs serve` of a project on a free loopback port: yields the site's URL (the path
    of site_url) and stops the server on exit."""
    port = free_port()
    with open(log_path, "w+", encoding="utf-8") as log:
        proc = subprocess.Popen(
            engine("serve", "-a", f"127.0.0.1:{port}"),
            cwd=project, stdout=log, stderr=subprocess.STDOUT, env=env())
        try:
            yield f"http://127.0.0.1:{port}/{mount}", proc
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def gz(path: Path) -> int:
    """Bytes of a file as a server that compresses sends it."""
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
