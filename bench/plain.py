"""The plain-site baseline: what the archive's build costs against the same text as a site
anyone would make by hand, and that comparison at 1 and 50 seminars.

    python bench/plain.py                        # 1 and 50 seminars, 5 pairs of builds each
    python bench/plain.py --sizes 1 --runs 5
    python bench/plain.py --write 1 /tmp/plain   # only write the plain project, to look at

The plain site is made from a project's seeds by this script, never by hand: each seminar's
report and translation, split by the archive's parser, become one Markdown page per talk and
per panel question in docs/zh and docs/en (static-i18n's folder structure), plus a page per
seminar with its introduction. Default Material (`theme.font: false`, so nothing loads from
another origin), Material's search, mkdocs-static-i18n, jieba installed (Material's search
segments Chinese with it), no hook, no template, no overrides. The real site is the project
itself at that size (bench/synthetic.py's copies).

Builds alternate, real then plain, after one unmeasured build of each (jieba's dictionary
cache, the compiled templates); each is a strict build in a fresh process, timed as a whole
(wall seconds, and CPU seconds of the process and its children). Reports the medians and the
real/plain ratio, pair by pair (the median of the pairs' ratios); writes
bench/results/plain.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import synthetic
from harness import ROOT, engine, env, strict_build

sys.path.insert(0, str(ROOT / "hooks"))  # the archive package, by the name the hook uses
from archive import load  # noqa: E402
from archive.model import Seminar, Site  # noqa: E402

LANGUAGES = ("zh", "en")
CONFIG = """\
site_name: Plain archive
site_url: https://example.org/plain/
theme:
  name: material
  language: zh
  font: false
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - locale: zh
          default: true
          name: 中文
          build: true
        - locale: en
          name: English
          build: true
"""


# The plain project


def text_of(site: Site, s: Seminar, lang: str):
    """A paragraph's text in a language: the report's, or its translation's (the report's
    where a unit is not translated, as a hand-made site would leave it)."""
    units = site.translations.get(s.slug, {})

    def text(p) -> str:
        if lang == "zh" or p.unit not in units or not units[p.unit].text:
            return p.text
        return units[p.unit].text

    return text


def pages(site: Site, s: Seminar, lang: str) -> dict[str, str]:
    """One seminar's pages in one language: path under docs/<lang>/ -> Markdown."""
    text = text_of(site, s, lang)
    out = {f"{s.slug}/index.md": "\n\n".join([f"# {s.title.get(lang)}",
                                               *(text(p) for p in s.intro)]) + "\n"}
    for talk in s.talks:
        speaker = site.people[talk.speaker].name.get(lang)
        out[f"{s.slug}/talks/{talk.slug}.md"] = "\n\n".join(
            [f"# {talk.title.get(lang)}", f"*{speaker}*", *(text(p) for p in talk.paragraphs)]
        ) + "\n"
    for q in s.questions:
        body = [f"# {q.short.get(lang)}"]
        for turn in q.turns:
            name = site.people[turn.speaker].name.get(lang)
            body.extend(f"**{name}**: {text(p)}" if i == 0 else text(p)
                        for i, p in enumerate(turn.paragraphs))
        out[f"{s.slug}/panel/{q.slug}.md"] = "\n\n".join(body) + "\n"
    return out


def write_plain(project: Path, dest: Path) -> int:
    """The plain project of `project`'s seeds in `dest`; returns the number of pages."""
    site, _ = load.load_site(project)
    count = 0
    for lang in LANGUAGES:
        docs = dest / "docs" / lang
        home = ["# Plain archive", *(f"- [{s.title.get(lang)}]({s.slug}/index.md)"
                                    for s in site.seminars)]
        docs.mkdir(parents=True)
        (docs / "index.md").write_text("\n".join(home) + "\n", encoding="utf-8")
        count += 1
        for s in site.seminars:
            for path, markdown in pages(site, s, lang).items():
                (docs / path).parent.mkdir(parents=True, exist_ok=True)
                (docs / path).write_text(markdown, encoding="utf-8")
                count += 1
    (dest / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return count


# Timing


def timed(project: Path, site_dir: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one strict build in its own process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = strict_build(project, site_dir)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        raise SystemExit(f"{project}: the strict build failed\n{result.stderr[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compare(n: int, runs: int, tmp: Path) -> dict:
    real = synthetic.make_project(n, tmp / f"real-{n}")
    plain = tmp / f"plain-{n}"
    write_plain(real, plain)
    for project in (real, plain):  # warm-up, not counted
        timed(project, tmp / "warm-up")
    pairs = []
    for i in range(runs):
        r = timed(real, tmp / f"site-real-{n}-{i}")
        p = timed(plain, tmp / f"site-plain-{n}-{i}")
        pairs.append((r, p))
        print(f"  {n} seminar(s), pair {i + 1}/{runs}: real {r[0]:.2f} s, plain {p[0]:.2f} s",
              file=sys.stderr)
    med = statistics.median
    return {
        "seminars": n, "runs": runs,  # pages: the HTML pages each build wrote
        "real_pages": len(list((tmp / f"site-real-{n}-0").rglob("index.html"))),
        "plain_pages": len(list((tmp / f"site-plain-{n}-0").rglob("index.html"))),
        "real_seconds": round(med(r[0] for r, _ in pairs), 2),
        "plain_seconds": round(med(p[0] for _, p in pairs), 2),
        "ratio": round(med(r[0] / p[0] for r, p in pairs), 2),
        "real_cpu_seconds": round(med(r[1] for r, _ in pairs), 2),
        "plain_cpu_seconds": round(med(p[1] for _, p in pairs), 2),
        "cpu_ratio": round(med(r[1] / p[1] for r, p in pairs), 2),
    }


def print_table(results: list[dict]) -> None:
    print("| seminars | pages real / plain | real s | plain s | ratio | CPU ratio | runs |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['seminars']} | {r['real_pages']} / {r['plain_pages']} | "
              f"{r['real_seconds']} | {r['plain_seconds']} | {r['ratio']:.2f}× | "
              f"{r['cpu_ratio']:.2f}× | {r['runs']} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,50", help="numbers of seminars, comma-separated")
    ap.add_argument("--runs", type=int, default=5, help="pairs of builds at each size")
    ap.add_argument("--write", nargs=2, metavar=("SEMINARS", "FOLDER"),
                    help="only write the plain project of that many seminars")
    args = ap.parse_args()
    if args.write:
        n, folder = int(args.write[0]), Path(args.write[1])
        with tempfile.TemporaryDirectory() as tmp:
            pages_written = write_plain(synthetic.make_project(n, Path(tmp) / "real"), folder)
        print(f"{folder}: {pages_written} pages; build it with: "
              f"{' '.join(engine('build', '--strict'))}")
        return
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(x) for x in args.sizes.split(",")):
            results.append(compare(n, args.runs, Path(tmp)))
    out = ROOT / "bench/results/plain.json"  # the sizes measured before are kept
    kept = json.loads(out.read_text(encoding="utf-8")) if out.exists() else []
    measured = {r["seminars"] for r in results}
    results = sorted([r for r in kept if r["seminars"] not in measured] + results,
                     key=lambda r: r["seminars"])
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"engine: {engine()[-1]}, {os.cpu_count()} CPUs; {out.relative_to(ROOT)}:")
    print_table(results)


if __name__ == "__main__":
    main()
