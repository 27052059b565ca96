"""Search benchmark, per language at 1, 10 and 50 seminars (bench/synthetic.py):

- the bytes a reader downloads for a first search: everything fetched from opening search
  to the first results (Pagefind's library and wasm, index chunks, the Chinese words the
  query needs, the text of the results shown), compressed as GitHub Pages serves it; and,
  apart, what search costs a page view that never searches (worker, Material's empty index);
- the time from opening search to the first results (a fresh browser, loopback, timed in
  the page: from the box taking focus, and from the query's last keystroke);
- top-1 and top-3 accuracy on tests/search_queries.yml (at 1 seminar: the synthetic ones
  repeat the real one, so their pages tie with it);
- the indexing step's share of the build: the seconds it holds the build up (handing pages
  over, waiting for the index at the end; the hook logs them), and apart the CPU seconds it
  spends beside the build on the other core.

    python bench/search.py                 # prints tables, writes bench/results/search.json
    python bench/search.py --runs 7        # more timing runs (medians are reported)
    python bench/search.py --sizes 1       # one size only

Needs the test requirements (Playwright) and the system Chromium (CHROMIUM_PATH).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import tempfile
import time
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

import serve
import synthetic
from harness import CHROMIUM, CHROMIUM_FLAGS, ROOT, strict_build

QUERIES = yaml.safe_load((ROOT / "tests/search_queries.yml").read_text(encoding="utf-8"))
HOME = {"zh": "/", "en": "/en/"}
# the first search of a reader: a term of each language's query set
FIRST = {"zh": "噪声建模", "en": "optical flow"}
INDEX_LOG = re.compile(r"search index: .* pages in ([0-9.]+) s \(([0-9.]+) s of CPU beside")
RESULT = ".md-search-result__item > a"
# in-page times: search opened (the box takes focus), last keystroke, first result shown
MARKS = """() => {
  const marks = window.__marks = {};
  const box = document.querySelector("input.md-search__input");
  box.addEventListener("focus", () => { marks.focus ??= performance.now(); });
  box.addEventListener("keyup", () => { marks.keyup = performance.now(); });
  new MutationObserver(() => {
    if (document.querySelector(".md-search-result__item")) marks.results ??= performance.now();
  }).observe(document.querySelector(".md-search-result__list"), {childList: true});
}"""


def build(project: Path, site: Path) -> tuple[float, float, float]:
    """Seconds for the whole build, for its indexing step, and CPU seconds of indexing beside
    the build."""
    started = time.perf_counter()
    run = strict_build(project, site)
    run.check_returncode()
    total = time.perf_counter() - started
    logged = INDEX_LOG.search(run.stderr)
    return total, float(logged.group(1)), float(logged.group(2))


def type_query(box, query: str) -> None:
    box.fill(query)  # no key event yet, so no search yet
    box.press("End")  # the last keystroke (an IME commit sends one too)


def first_search(browser, url: str, lang: str) -> dict:
    """A reader with an empty cache opens a page, then searches once."""
    context = browser.new_context()
    page = context.new_page()
    sizes: list[tuple[str, int]] = []  # from opening search on
    view: list[tuple[str, int]] = []  # search's share of the page view before
    recording = {"on": False}

    def finished(request):
        size = (request.url, request.sizes()["responseBodySize"])
        if recording["on"]:
            sizes.append(size)
        elif "search" in request.url or "pagefind" in request.url:
            view.append(size)

    page.on("requestfinished", finished)
    page.goto(url + HOME[lang])
    page.wait_for_load_state("networkidle")
    recording["on"] = True
    # timed in the page: Playwright's own steps between click and keystroke take ~0.2 s
    page.evaluate(MARKS)
    box = page.locator("input.md-search__input")
    box.click()
    type_query(box, FIRST[lang])
    page.locator(RESULT).first.wait_for(timeout=30000)
    marks = page.evaluate("window.__marks")
    page.wait_for_load_state("networkidle")  # the rest of the shown results' text
    context.close()
    return {"ms": marks["results"] - marks["focus"],
            "ms_typed": marks["results"] - marks["keyup"], "bytes": sum(b for _, b in sizes),
            "requests": len(sizes), "page_view_bytes": sum(b for _, b in view),
            "other_language": [u for u, _ in sizes if f"/pagefind/{lang}/" not in u
                               and "/pagefind/words/" not in u]}


def accuracy(browser, url: str, queries: dict) -> dict:
    out = {}
    page = browser.new_page()
    for lang, items in queries.items():
        page.goto(url + HOME[lang])
        box = page.locator("input.md-search__input")
        box.click()
        top1 = top3 = 0
        crossing: list[str] = []
        misses: list[str] = []
        for item in items:
            want = f"{url}/{item['page']}"
            box.fill("")
            box.press("End")
            page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
            type_query(box, item["q"])
            try:
                page.locator(RESULT).first.wait_for(timeout=5000)
            except Exception:  # no result at all: a miss
                misses.append(item["q"])
                continue
            # pages in order: a page's sections link to it too
            hrefs = list(dict.fromkeys(
                h.split("?")[0].split("#")[0]
                for h in page.locator(RESULT).evaluate_all("a => a.map(x => x.href)")))
            top1 += hrefs[:1] == [want]
            top3 += want in hrefs[:3]
            if hrefs[:1] != [want]:
                misses.append(item["q"])
            crossing += [h for h in hrefs if h.startswith(f"{url}/en/") != (lang == "en")]
        out[lang] = {"queries": len(items), "top1": top1 / len(items), "top3": top3 / len(items),
                     "misses": misses, "other_language_results": len(crossing)}
    page.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="1,10,50")
    args = ap.parse_args()
    report: dict = {"scale": {}}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for n in [int(x) for x in args.sizes.split(",")]:
            project = synthetic.make_project(n, Path(tmp) / f"p{n}")
            site = Path(tmp) / f"site{n}"
            builds = [build(project, site) for _ in range(max(1, args.runs // 2))]
            total = statistics.median(b[0] for b in builds)
            indexing = statistics.median(b[1] for b in builds)
            row = {"build_seconds": round(total, 2), "index_seconds": round(indexing, 2),
                   "index_share": round(indexing / total, 3),
                   "index_cpu_seconds_beside": round(statistics.median(b[2] for b in builds), 2)}
            server, url = serve.start(site)
            for lang in ("zh", "en"):
                runs = [first_search(browser, url, lang) for _ in range(args.runs)]
                row[lang] = {
                    "first_search_gzip_bytes": statistics.median(r["bytes"] for r in runs),
                    "first_search_requests": statistics.median(r["requests"] for r in runs),
                    "ms_open_to_first_results": round(statistics.median(r["ms"] for r in runs)),
                    "ms_keystroke_to_first_results": round(
                        statistics.median(r["ms_typed"] for r in runs)),
                    "page_view_search_bytes": statistics.median(r["page_view_bytes"] for r in runs),
                    "other_language_requests": sorted({u for r in runs for u in r["other_language"]}),
                }
            if n == 1:  # synthetic seminars repeat the real one: accuracy is judged on it alone
                report["accuracy"] = accuracy(browser, url, QUERIES)
            server.shutdown()
            report["scale"][n] = row
        browser.close()
    out = ROOT / "bench/results/search.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print("| language | queries | top-1 | top-3 | results from the other language | misses |")
    print("|---|---|---|---|---|---|")
    for lang, r in report.get("accuracy", {}).items():
        print(f"| {lang} | {r['queries']} | {r['top1']:.0%} | {r['top3']:.0%} | "
              f"{r['other_language_results']} | {', '.join(r['misses']) or '-'} |")
    print()
    print("| seminars | build s | indexing s (share) | indexing CPU s beside the build | "
          "first search KB gzip zh / en | "
          "requests zh / en | ms open to first results zh / en | ms last keystroke to "
          "results zh / en | page view KB zh / en |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n, r in report["scale"].items():
        zh, en = r["zh"], r["en"]
        print(f"| {n} | {r['build_seconds']} | {r['index_seconds']} ({r['index_share']:.0%}) | "
              f"{r['index_cpu_seconds_beside']} | "
              f"{zh['first_search_gzip_bytes'] / 1000:.1f} / {en['first_search_gzip_bytes'] / 1000:.1f} | "
              f"{zh['first_search_requests']:g} / {en['first_search_requests']:g} | "
              f"{zh['ms_open_to_first_results']} / {en['ms_open_to_first_results']} | "
              f"{zh['ms_keystroke_to_first_results']} / {en['ms_keystroke_to_first_results']} | "
              f"{zh['page_view_search_bytes'] / 1000:.1f} / {en['page_view_search_bytes'] / 1000:.1f} |")
    print(f"\nwritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
