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
import re
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml

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


SHARED_SEEDS = ("glossary.yml", "papers.yml")


def copy_project(dest: Path, names: list[str] = PROJECT_FILES,
                 only: str | None = None) -> Path:
    """A copy of what a build reads, to edit or to grow without touching the project; with
    `only` (a seed's name without extension), its seeds/ keeps that seminar and the files
    every seminar shares (the glossary, the papers)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    if only is not None:
        for seed in (dest / "seeds").iterdir():
            if seed.name.split(".")[0] != only and seed.name not in SHARED_SEEDS:
                seed.unlink()
    return dest


# A small fictional seminar (a report and its data file, untranslated) the tests add to a copy
# of the project; its data file says number 10, slug 10-3d-vision, which seeds/ may hold one day.
FIXTURE = ROOT / "tests" / "fixtures" / "second-seminar"
GLOSSARY = "glossary.yml"


@dataclass(frozen=True)
class Added:
    """A seminar copied into a project's seeds/, as it was given its place there."""

    number: int
    slug: str
    name: str  # its files' name in seeds/, without suffix

    @property
    def base(self) -> str:
        """Its folder in the built site (and under en/)."""
        return f"seminars/{self.slug}"


def data_files(seeds: Path) -> dict[str, dict]:
    """The data files of seeds/ as plain YAML: file name (without suffix) -> data."""
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8-sig")) or {}
            for p in sorted(seeds.glob("*.yml")) if p.name != GLOSSARY}


def taken(seeds: Path) -> tuple[set[int], set[str], set[str]]:
    """The numbers, seminar slugs and file names the data files in seeds/ use."""
    files = data_files(seeds)
    return ({d.get("number") for d in files.values()}, {d.get("slug") for d in files.values()},
            set(files))


def add_seminar(seeds: Path, source: Path = FIXTURE, number: int | None = None) -> Added:
    """Copy the fictional seminar in `source` (report, data file, translation if any) into
    `seeds` under a number, a slug and file names seeds/ does not use yet (see `place`). Its
    people are fictional: each is told apart (`distinct_from`) from anyone of seeds/ with the
    same Chinese name under another id."""
    ids: dict[str, set[str]] = {}  # Chinese name -> the ids seeds/ gives it
    for data in data_files(seeds).values():
        for pid, person in (data.get("people") or {}).items():
            ids.setdefault(person["name"]["zh"], set()).add(pid)
    added = copy_seminar(source, seeds, place(seeds, source, number))
    path = seeds / f"{added.name}.yml"
    text = path.read_bytes().decode("utf-8")
    for pid, person in yaml.safe_load(text)["people"].items():
        others = sorted(ids.get(person["name"]["zh"], set()) - {pid})
        if others:
            text = re.sub(rf"(?m)^(  {pid}:\r?\n    name: .*?(\r?)\n)", lambda m: (
                f"{m[1]}    distinct_from: [{', '.join(others)}]{m[2]}\n"), text, count=1)
    path.write_bytes(text.encode("utf-8"))
    return added


def place(seeds: Path, source: Path = FIXTURE, number: int | None = None) -> Added:
    """Where the seminar in `source` fits into `seeds`: the first number from its own that
    seeds/ does not use, with the words of its slug after the number, and its file name, or
    that name and the number when seeds/ has it. With `number`, that number, used or not (to
    see a taken one refused)."""
    [data_file] = source.glob("*.yml")
    own = yaml.safe_load(data_file.read_text(encoding="utf-8-sig"))
    words = re.sub(r"^\d+-", "", own["slug"])
    numbers, slugs, names = taken(seeds)
    if number is None:
        number = next(n for n in range(own["number"], own["number"] + 10_000)
                      if n not in numbers and f"{n}-{words}" not in slugs)
    name = data_file.stem if data_file.stem not in names else f"{data_file.stem}-{number}"
    return Added(number, f"{number}-{words}", name)


def copy_seminar(source: Path, dest: Path, added: Added) -> Added:
    """Copy the seminar in `source` into the folder `dest` under `added`'s file name, its data
    file saying `added`'s number and slug (every other byte as it was)."""
    [data_file] = source.glob("*.yml")
    for path in source.iterdir():
        rest = path.name[len(data_file.stem):]  # ".txt", ".yml", ".en.txt"
        shutil.copy(path, dest / f"{added.name}{rest}")
    data = data_file.read_bytes().decode("utf-8")
    # the report names its number too ("第10期"): a drafted data file must find the new one
    own = re.search(r"(?m)^number: (\d+)", data)[1]
    report = dest / f"{added.name}.txt"
    report.write_bytes(report.read_bytes().replace(f"第{own}期".encode(), f"第{added.number}期".encode()))
    data = re.sub(r"(?m)^slug: .*?(\r?)$", lambda m: f"slug: {added.slug}{m[1]}", data, count=1)
    data = re.sub(r"(?m)^number: .*?(\r?)$", lambda m: f"number: {added.number}{m[1]}", data,
                  count=1)
    (dest / f"{added.name}.yml").write_bytes(data.encode("utf-8"))
    return added


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
def mkdocs_serve(project: Path, log_path: Path, mount: str = "vision-unlimited/",
                 args: tuple[str, ...] = (), port: int | None = None):
    """`mkdocs serve` of a project (with `args`, e.g. `--dirty`) on a loopback port (a free
    one by default): yields the site's URL (the path of site_url) and stops the server on
    exit."""
    port = port or free_port()
    with open(log_path, "w+", encoding="utf-8") as log:
        proc = subprocess.Popen(
            engine("serve", *args, "-a", f"127.0.0.1:{port}"),
            cwd=project, stdout=log, stderr=subprocess.STDOUT, env=env())
        try:
            yield f"http://127.0.0.1:{port}/{mount}", proc
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def gz(path: Path) -> int:
    """Bytes of a file as a server that compresses sends it."""
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
