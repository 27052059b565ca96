"""Page quality and speed: Lighthouse scores, page weight, build scaling, serve reload time.

    npm ci --prefix bench                  # Lighthouse 12.2.3 (once)
    python bench/quality.py                # everything; prints tables, writes JSON
    python bench/quality.py --only lighthouse --runs 5
    python bench/quality.py --only build --sizes 1,10,50
    python bench/quality.py --report       # the tables of the last run, from the JSON

Lighthouse runs on Debian's Chromium (CHROME_PATH, default /usr/bin/chromium) against the
built site served on 127.0.0.1 with gzip (bench/serve.py), mobile and desktop presets.
Scores are medians of the runs; accessibility, best practices and SEO do not vary.
Results go to bench/results/quality.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import serve
import synthetic
from harness import fetch, gz, mkdocs_serve, strict_build, wait_for

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "bench/node_modules/.bin/lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
BASE = "seminars/8-low-level-vision"
PAGES = {
    "home": "",
    "overview": f"{BASE}/",
    "talk": f"{BASE}/talks/learning-optical-flow/",
    "longest panel question": f"{BASE}/panel/open-problems-and-trends/",
    "speakers": "speakers/",
}
INDEX = re.compile(r"/search/search_index\.json$")


def build(project: Path, site: Path) -> tuple[float, float]:
    """(seconds for the whole strict build, seconds spent in the hook's handlers)."""
    started = time.perf_counter()
    result = strict_build(project, site, timed=True)
    result.check_returncode()
    seconds = time.perf_counter() - started
    hook = float(re.search(r"seminar_site hook: ([\d.]+) s", result.stderr)[1])
    return seconds, hook


def lighthouse(url: str, preset: str) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        args = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={out.name}", "--quiet",
                f"--only-categories={','.join(CATEGORIES)}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
        if preset == "desktop":
            args.append("--preset=desktop")
        subprocess.run(args, check=True, env=dict(os.environ, CHROME_PATH=CHROME),
                       capture_output=True, timeout=300)
        report = json.loads(Path(out.name).read_text(encoding="utf-8"))
    requests = report["audits"]["network-requests"]["details"]["items"]
    return {
        "scores": {c: report["categories"][c]["score"] for c in CATEGORIES},
        "bytes": sum(r["transferSize"] for r in requests),
        "bytes_without_index": sum(r["transferSize"] for r in requests if not INDEX.search(r["url"])),
        "external_requests": [r["url"] for r in requests
                              if not r["url"].startswith(("http://127.0.0.1", "data:"))],
        "below_one": sorted(k for k, v in report["audits"].items()
                            if v.get("scoreDisplayMode") == "binary" and v.get("score") == 0),
    }


def run_lighthouse(site: Path, runs: int) -> dict:
    server, url = serve.start(site)
    out = {}
    try:
        for lang, prefix in (("zh", ""), ("en", "en/")):
            for name, path in PAGES.items():
                for preset in ("mobile", "desktop"):
                    results = [lighthouse(f"{url}/{prefix}{path}", preset) for _ in range(runs)]
                    out[f"{lang} {name} {preset}"] = {
                        "performance_median": statistics.median(
                            r["scores"]["performance"] for r in results),
                        **{c: results[0]["scores"][c] for c in CATEGORIES[1:]},
                        "kb_first_load": round(statistics.median(r["bytes"] for r in results) / 1024, 1),
                        "kb_without_search_index": round(statistics.median(
                            r["bytes_without_index"] for r in results) / 1024, 1),
                        "external_requests": results[0]["external_requests"],
                        "failed_audits": results[0]["below_one"],
                    }
    finally:
        server.shutdown()
    return out


def run_build(sizes: list[int], runs: int) -> dict:
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            project = synthetic.make_project(n, Path(tmp) / f"p{n}")
            timings = [build(project, Path(tmp) / f"s{n}-{i}") for i in range(runs)]
            site = Path(tmp) / f"s{n}-0"
            seconds = statistics.median(t[0] for t in timings)
            hook = statistics.median(t[1] for t in timings)
            talk = site / BASE / "talks/learning-optical-flow/index.html"
            # all of a language's Pagefind index chunks (stored gzipped); a search fetches
            # only the chunks of its words (bench/search.py)
            index = {lang: sum(p.stat().st_size
                               for p in (site / "pagefind" / lang / "index").glob("*.pf_index"))
                     for lang in ("zh", "en")}
            out[n] = {"seconds": round(seconds, 2), "seconds_per_seminar": round(seconds / n, 3),
                      "hook_seconds": round(hook, 3), "hook_share": round(hook / seconds, 3),
                      "first_build_hook_seconds": round(timings[0][1], 3),
                      "talk_html_gzip_bytes": gz(talk),
                      "search_index_gzip_bytes": index,
                      "pages": len(list(site.rglob("index.html")))}
    return out


def run_serve(runs: int, seminars: int) -> dict:
    """Seconds from saving a report to the new text being served by `mkdocs serve --dirty`
    (the README's command) in an archive of `seminars` seminars, median of runs."""
    with tempfile.TemporaryDirectory() as tmp:
        project = synthetic.make_project(seminars, Path(tmp) / "p")
        log = Path(tmp) / "serve.log"
        with mkdocs_serve(project, log, args=("--dirty",)) as (url, _):
            page = url + BASE + "/"
            wait_for(lambda: "圆满结束" in fetch(page), 900, 0.5)
            seed = project / "seeds" / f"{synthetic.SEED}.txt"
            seconds = []
            for i in range(runs):
                marker = f"标记{i}"
                text = seed.read_text(encoding="utf-8")
                seed.write_text(re.sub(r"圆满结束。(标记\d+)?", f"圆满结束。{marker}", text, count=1),
                                encoding="utf-8")
                started = time.monotonic()
                wait_for(lambda: marker in fetch(page), 300, 0.05)
                seconds.append(time.monotonic() - started)
                time.sleep(1.5)
            rebuilds = log.read_text(encoding="utf-8").count("Detected file changes")
    return {"save_to_served_seconds_median": round(statistics.median(seconds), 2),
            "save_to_served_seconds": [round(x, 2) for x in seconds],
            "edits": runs, "rebuilds": rebuilds, "seminars": seminars}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", choices=["lighthouse", "build", "serve"])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="1,10,50")
    ap.add_argument("--serve-seminars", type=int, default=50,
                    help="the archive's size for the serve measurement")
    ap.add_argument("--report", action="store_true", help="print the tables of the last run")
    args = ap.parse_args()
    out_path = ROOT / "bench/results/quality.json"
    report = json.loads(out_path.read_text()) if out_path.exists() else {}
    if args.report:
        print_tables(report)
        return
    if args.only in (None, "lighthouse"):
        with tempfile.TemporaryDirectory() as tmp:
            build(ROOT, Path(tmp) / "site")
            report["lighthouse"] = run_lighthouse(Path(tmp) / "site", args.runs)
    if args.only in (None, "build"):
        report["build"] = run_build([int(x) for x in args.sizes.split(",")], min(args.runs, 3))
    if args.only in (None, "serve"):
        report["serve"] = run_serve(args.runs, args.serve_seminars)
    out_path.parent.mkdir(exist_ok=True)
    out_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_tables(report)
    print(f"\nwritten to {out_path.relative_to(ROOT)}")


def print_tables(report: dict) -> None:
    if "lighthouse" in report:
        print("| page | perf (median) | a11y | best practices | SEO | KB first load | KB without "
              "search index | KB search index | external requests |")
        print("|---|---|---|---|---|---|---|---|---|")
        for page, r in report["lighthouse"].items():
            index = round(r["kb_first_load"] - r["kb_without_search_index"], 1)
            print(f"| {page} | {r['performance_median']:.2f} | {r['accessibility']:.2f} | "
                  f"{r['best-practices']:.2f} | {r['seo']:.2f} | {r['kb_first_load']} | "
                  f"{r['kb_without_search_index']} | {index} | {len(r['external_requests'])} |")
    if "build" in report:
        print("\n| seminars | pages | build s (median) | s per seminar | hook s | hook share | "
              "talk page HTML (gzip) | search index zh / en (gzip) |")
        print("|---|---|---|---|---|---|---|---|")
        for n, r in report["build"].items():
            index = r.get("search_index_gzip_bytes", {})
            print(f"| {n} | {r['pages']} | {r['seconds']} | {r['seconds_per_seminar']} | "
                  f"{r['hook_seconds']} (first {r['first_build_hook_seconds']}) | "
                  f"{r['hook_share']:.1%} | {r['talk_html_gzip_bytes']:,} | "
                  + " / ".join(f"{v / 1024:.1f} KB" for v in index.values()) + " |")
    if "serve" in report:
        r = report["serve"]
        print(f"\nserve --dirty, {r.get('seminars', 1)} seminars: {r['edits']} edits, "
              f"{r['rebuilds']} rebuilds, save to served {r['save_to_served_seconds_median']} s "
              f"(median; each: {r.get('save_to_served_seconds', '?')})")
    print("\n| target | measured | met |")
    print("|---|---|---|")
    for target, measured, met in targets(report):
        print(f"| {target} | {measured} | {'yes' if met else '**no**'} |")


def targets(report: dict) -> list[tuple[str, str, bool]]:
    """Issue 7's targets against the last run's figures."""
    out = []
    lh = report.get("lighthouse", {})
    if lh:
        perf = [r["performance_median"] for r in lh.values()]
        out.append(("performance median >= 0.99 (1.00 aimed) on every page and preset",
                    f"min {min(perf):.2f}, {sum(p == 1 for p in perf)}/{len(perf)} at 1.00",
                    min(perf) >= 0.99))
        for c in CATEGORIES[1:]:
            low = min(r[c] for r in lh.values())
            out.append((f"{c} 1.00 everywhere", f"min {low:.2f}", low == 1))
        talk = max(r["kb_without_search_index"] for k, r in lh.items() if " talk " in k)
        out.append(("talk page <= 90 KB first load, search index excluded", f"{talk} KB",
                    talk <= 90))
        external = sum(len(r["external_requests"]) for r in lh.values())
        out.append(("no external request", str(external), external == 0))
    build_runs = {str(n): r for n, r in report.get("build", {}).items()}  # JSON keys are text
    if build_runs:
        share = max(r["hook_share"] for r in build_runs.values())
        out.append(("hook <= 5% of the build at every size", f"max {share:.1%}", share <= 0.05))
        if "10" in build_runs and "50" in build_runs:
            ratio = build_runs["50"]["seconds"] / build_runs["10"]["seconds"]
            out.append(("50 seminars build in < 10x the time of 10", f"{ratio:.1f}x", ratio < 10))
    if "serve" in report:
        r = report["serve"]
        out.append(("serve rebuilds once per edit", f"{r['rebuilds']} for {r['edits']}",
                    r["rebuilds"] == r["edits"]))
        if r.get("seminars", 1) >= 50:
            out.append(("an edit served in <= 10 s at 50 seminars (serve --dirty)",
                        f"{r['save_to_served_seconds_median']} s",
                        r["save_to_served_seconds_median"] <= 10))
    return out


if __name__ == "__main__":
    main()
