// Material's search worker, replaced: the same messages as Material's own (setup 0, ready 1,
// query 2, result 3), answered from Pagefind's chunked index of the page's language
// (hooks/pagefind_index.py). Material's bundle keeps the search box, the grouped results,
// the keyboard and the ?h= highlighting. Its URL ends in "#<language>" (overrides/main.html).
"use strict";

const LANG = decodeURIComponent(self.location.hash.slice(1)) || "zh";
const ROOT = new URL("../", self.location.href);  // this file is <site>/assets/
const JOIN = /\u200a/g;  // the index's word boundaries inside Chinese text (pagefind_index.JOIN)
// Han characters: hooks/archive/typography.py's HAN_RANGES, the same (a test compares them)
const HAN_RANGES = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";
const HAN = new RegExp(`[${HAN_RANGES}]`, "u");
const HAN_RUN = new RegExp(`[${HAN_RANGES}]+`, "gu");
const WORD_BUCKETS = 16;  // pagefind_index.WORD_BUCKETS
const LONGEST_WORD = 16;
const SHOWN = 10;  // results whose text is fetched: Material renders ten before scrolling
const LEADING_PUNCTUATION = /^[\s\u3000-\u303f\uff01-\uff0f\uff1a-\uff20.,;:!?)\]}»”’·]+/u;

let pagefind = null;
const buckets = new Map();
let latest = 0;

function load() {
  if (!pagefind) {
    pagefind = import(new URL(`pagefind/${LANG}/pagefind.js`, ROOT).href).then(async module => {
      await module.options({ basePath: new URL(`pagefind/${LANG}/`, ROOT).href, baseUrl: "/",
                             excerptLength: 24 });
      await module.init();
      return module;
    });
  }
  return pagefind;
}

function bucket(char) {
  const n = char.codePointAt(0) % WORD_BUCKETS;
  if (!buckets.has(n)) {
    buckets.set(n, fetch(new URL(`pagefind/words/${n}.txt`, ROOT))
      .then(r => (r.ok ? r.text() : ""))
      .then(text => new Set(text.split("\n").filter(Boolean))));
  }
  return buckets.get(n);
}

// A run of Chinese characters in the index's words: the fewest words, longest first; a
// character no word starts with stands alone, as jieba leaves it in the index
async function segmentRun(run) {
  const chars = Array.from(run);
  const words = await Promise.all(chars.map(bucket));
  const best = new Array(chars.length + 1).fill(Infinity);
  const step = new Array(chars.length + 1).fill(1);
  best[chars.length] = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    for (let len = Math.min(LONGEST_WORD, chars.length - i); len >= 1; len--) {
      if (len > 1 && !words[i].has(chars.slice(i, i + len).join(""))) continue;
      if (best[i + len] + 1 < best[i]) {
        best[i] = best[i + len] + 1;
        step[i] = len;
      }
    }
  }
  const out = [];
  for (let i = 0; i < chars.length; i += step[i]) out.push(chars.slice(i, i + step[i]).join(""));
  return out;
}

async function segment(query) {
  const parts = [];
  let last = 0;
  for (const match of query.matchAll(HAN_RUN)) {
    parts.push(query.slice(last, match.index));
    parts.push(...(await segmentRun(match[0])).map(w => ` ${w} `));
    last = match.index + match[0].length;
  }
  parts.push(query.slice(last));
  return parts.join("").replace(/\s+/g, " ").trim();
}

const escapeHTML = text => text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
// Pagefind gives the text back with its word boundaries as spaces: none between two Chinese
// characters or marks, as the page has none
const CJK = `[\\u2018\\u2019\\u201c\\u201d\\u3000-\\u303f${HAN_RANGES}\\uff00-\\uffef]`;
const CJK_SPACE = new RegExp(`(${CJK}(?:</mark>)?)\\s+(?=(?:<mark>)?${CJK}|[,.:;!?)])`, "gu");
// and none before a full-width mark ("GPU ：" is "GPU：" on the page)
const SPACE_BEFORE_FULL_WIDTH = /\s+(?=(?:<mark>)?[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20])/gu;
const clean = html => html.replace(JOIN, "").replace(CJK_SPACE, "$1")
  .replace(SPACE_BEFORE_FULL_WIDTH, "").replace(LEADING_PUNCTUATION, "");
const relative = url => url.replace(/^\/+/, "");

function weight(sub) {
  return (sub.weighted_locations || []).reduce((sum, l) => sum + l.weight, 0) || 1;
}

// One page as Material groups it: the page, then its sections (turns, #tNN), the best
// shown and the others folded under "more results on this page"
function group(data, score, terms) {
  // what the page is ("圆桌问题 · 第 8 期"), on a line of its own under the title (site.css)
  const context = data.meta.context
    ? `<span class="search-context">${escapeHTML(data.meta.context)}</span>` : "";
  const page = { location: relative(data.url),
                 title: escapeHTML(clean(data.meta.title || "")) + context,
                 text: clean(data.excerpt), score, terms };
  const sections = (data.sub_results || [])
    .filter(sub => sub.url.includes("#"))
    .map(sub => ({ sub, w: weight(sub) }))
    .sort((a, b) => b.w - a.w);
  const top = sections.length ? sections[0].w : 1;
  return [page, ...sections.map(({ sub, w }) => ({
    location: relative(sub.url), title: escapeHTML(clean(sub.title)), text: clean(sub.excerpt),
    score: w === top ? score : score * (w / top) * 0.99, terms,
  }))];
}

// Pagefind finds the pages holding every word of a query. When that is less than a screenful
// for a query of several words ("光流估计": the report says 光流, never with 估计), the pages
// holding some of the words follow: most of the words first, then by score
async function widened(module, words, found) {
  if (words.length < 2 || found.results.length >= SHOWN) return found.results;
  const seen = new Set(found.results.map(r => r.id));
  const partial = new Map();
  for (const each of await Promise.all(words.map(w => module.search(w)))) {
    for (const r of (each ? each.results : [])) {
      if (seen.has(r.id)) continue;
      const p = partial.get(r.id) || { result: r, words: 0, score: 0 };
      p.words += 1;
      p.score += r.score;
      partial.set(r.id, p);
    }
  }
  const more = [...partial.values()].sort((a, b) => b.words - a.words || b.score - a.score);
  return [...found.results, ...more.map(p => p.result)];
}

async function search(query, id) {
  const [module, segmented] = await Promise.all([load(), segment(query)]);
  const words = [...new Set(segmented.split(" ").filter(Boolean))];
  const terms = Object.fromEntries(words.map(w => [w, true]));
  const found = await module.search(segmented);
  if (id !== latest || !found) return null;
  const results = await widened(module, words, found);
  if (id !== latest) return null;
  const shown = results.slice(0, SHOWN);
  const pages = await Promise.all(shown.map(r => r.data()));
  return pages.map((data, i) => group(data, shown[i].score, terms));
}

// Opening search (overrides/assets/site.js) starts loading the library and its wasm, so
// they arrive while the reader types
new BroadcastChannel("search-open").addEventListener("message", () => load());

self.addEventListener("message", async ({ data: message }) => {
  switch (message.type) {
    case 0:  // setup: Material's own index is empty; Pagefind loads when a query arrives
      self.postMessage({ type: 1 });
      break;
    case 2: {  // query
      const id = ++latest;
      const query = message.data.trim();
      if (!query) {
        self.postMessage({ type: 3, data: { items: [] } });
        break;
      }
      try {
        const items = await search(query, id);
        if (items !== null && id === latest) self.postMessage({ type: 3, data: { items } });
      } catch (err) {
        console.error(err);
        if (id === latest) self.postMessage({ type: 3, data: { items: [] } });
      }
      break;
    }
  }
});
