"""Search benchmark: accuracy of the query set, index sizes, time to results, and at 1, 10
and 50 seminars the index bytes a reader downloads when search first opens (a page view
without search downloads none) and the time from opening search to its being ready.

    python bench/search.py                 # prints a table, writes bench/results/search.json
    python bench/search.py --runs 7        # more timing runs (medians are reported)

Needs the test requirements (Playwright) and the system Chromium (CHROMIUM_PATH).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

import serve
import synthetic

ROOT = Path(__file__).resolve().parent.parent
QUERIES = yaml.safe_load((ROOT / "tests/search_queries.yml").read_text(encoding="utf-8"))
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
INDEX = {"zh": "search/search_index.json", "en": "en/search/search_index.json"}


def build(project: Path, site: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                   cwd=project, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def accuracy_and_latency(url: str, runs: int) -> dict:
    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        for lang, queries in QUERIES.items():
            page.goto(url + ("/en/" if lang == "en" else "/"))
            box = page.locator("input.md-search__input")
            opened = time.perf_counter()
            box.click()  # opening search fetches the index and sets the worker up
            # Material's "type to start searching" line, shown once the index is loaded
            empty = page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                                  ".translations['search.result.placeholder']")
            meta_is = "t => document.querySelector('.md-search-result__meta').innerText === t"
            page.wait_for_function(meta_is, arg=empty, timeout=60000)
            ready_ms = (time.perf_counter() - opened) * 1000
            results = page.locator(".md-search-result__item > a")
            top1 = top3 = 0
            latencies = []
            for item in queries:
                want = f"{url}/{item['page']}"
                for run in range(runs):
                    box.fill("")
                    box.press("End")  # an empty box: Material shows its "type to search" line
                    page.wait_for_function(meta_is, arg=empty, timeout=30000)
                    box.fill(item["q"])  # no key event yet, so no search yet
                    started = time.perf_counter()
                    box.press("End")  # the last keystroke
                    page.wait_for_function(
                        "t => document.querySelector('.md-search-result__meta').innerText !== t",
                        arg=empty, timeout=30000)
                    latencies.append((time.perf_counter() - started) * 1000)
                hrefs = [h.split("?")[0].split("#")[0]
                         for h in results.evaluate_all("a => a.map(x => x.href)")]
                top1 += hrefs[:1] == [want]
                top3 += want in hrefs[:3]
            out[lang] = {"queries": len(queries), "top1": top1 / len(queries),
                         "top3": top3 / len(queries),
                         "ms_to_results_median": statistics.median(latencies),
                         "ms_open_to_ready": ready_ms}
        browser.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", default="1,10,50")
    args = ap.parse_args()
    report = {"scale": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for n in [int(x) for x in args.sizes.split(",")]:
            project = synthetic.make_project(n, Path(tmp) / f"p{n}")
            site = Path(tmp) / f"site{n}"
            seconds = build(project, site)
            row = {"build_seconds": round(seconds, 2)}
            for lang, rel in INDEX.items():
                row[f"index_{lang}_bytes"] = (site / rel).stat().st_size
                row[f"index_{lang}_gzip_bytes"] = gz(site / rel)
            server, url = serve.start(site)
            measured = accuracy_and_latency(url, args.runs)
            server.shutdown()
            for lang, r in measured.items():
                row[f"ms_to_results_{lang}"] = round(r["ms_to_results_median"], 1)
                row[f"ms_open_to_ready_{lang}"] = round(r["ms_open_to_ready"])
            if n == 1:  # synthetic seminars repeat the real one: accuracy is judged on it alone
                report["search"] = measured
            report["scale"][n] = row
    out = ROOT / "bench/results/search.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print("| language | queries | top-1 | top-3 | ms to results (median) |")
    print("|---|---|---|---|---|")
    for lang, r in report.get("search", {}).items():
        print(f"| {lang} | {r['queries']} | {r['top1']:.0%} | {r['top3']:.0%} | "
              f"{r['ms_to_results_median']:.0f} |")
    print()
    print("| seminars | build s | zh index bytes (gzip: downloaded when search opens) | en index "
          "bytes (gzip) | ms to results zh / en | ms from opening search to ready zh / en |")
    print("|---|---|---|---|---|---|")
    for n, r in report["scale"].items():
        print(f"| {n} | {r['build_seconds']} | {r['index_zh_bytes']:,} ({r['index_zh_gzip_bytes']:,})"
              f" | {r['index_en_bytes']:,} ({r['index_en_gzip_bytes']:,}) | "
              f"{r['ms_to_results_zh']} / {r['ms_to_results_en']} | "
              f"{r['ms_open_to_ready_zh']} / {r['ms_open_to_ready_en']} |")
    print(f"\nwritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
