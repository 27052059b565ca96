"""One 404 page for both languages.

GitHub Pages serves the root `404.html` for every missing path, and static-i18n writes that
file once per language build, each over the last (upstream #284). The page of the default
language is kept; the other language's page, rendered by its own build, travels inside it
as JSON data (escaped for a <script> element): what comes before Material's dialog in its <body> (header, navigation, content,
footer), its title and Material's configuration (search strings, search worker). A script
placed right after that configuration swaps them in when the path is under the other
language's folder, before Material's deferred scripts run, so they bind to the swapped
elements.
"""

from __future__ import annotations

import html
import re

from jinja2.utils import htmlsafe_json_dumps

TEMPLATE = "404.html"
# Material's markup, as base.html writes it; a missing marker stops the build (see split).
BODY = re.compile(r"<body\b[^>]*>")
DIALOG = '<div class="md-dialog"'
CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
TITLE = re.compile(r"<title>(.*?)</title>", re.S)

DATA_ID = "__other_language"
SWAP = """<script id="%(id)s" type="application/json">%(data)s</script>
<script>
(function () {
  var other = JSON.parse(document.getElementById("%(id)s").textContent);
  if (location.pathname.indexOf(other.root) !== 0) return;
  var dialog = document.querySelector(".md-dialog"), body = document.body;
  while (body.firstChild && body.firstChild !== dialog) body.removeChild(body.firstChild);
  dialog.insertAdjacentHTML("beforebegin", other.body);
  document.getElementById("__config").textContent = other.config;
  document.documentElement.lang = other.lang;
  document.title = other.title;
})();
</script>"""


class NotFoundError(Exception):
    pass


def _parts(page: str) -> dict:
    body, config, title = BODY.search(page), CONFIG.search(page), TITLE.search(page)
    start = body.end() if body else -1
    end = page.find(DIALOG, start)
    if not (body and config and title) or end < 0:
        raise NotFoundError(f"{TEMPLATE}: Material's markup changed (<body>, {DIALOG!r}, "
                            "#__config or <title> not found)")
    return {"body": page[start:end], "config": config[2], "title": title[1]}


def merge(pages: dict[str, str], default: str, root: str) -> str:
    """The default language's 404 page, carrying the others. `pages`: language -> HTML;
    `root`: the site's path ("/vision-unlimited/"), under which `<root><lang>/` is that
    language's folder."""
    out = pages[default]
    _parts(out)  # the page it goes into has the markup the script expects
    for lang, page in pages.items():
        if lang == default:
            continue
        parts = _parts(page)
        # the title is HTML text: the browser's document.title wants it unescaped
        data = {"root": f"{root}{lang}/", "lang": lang, "title": html.unescape(parts["title"]),
                "body": parts["body"], "config": parts["config"]}
        script = SWAP % {"id": f"{DATA_ID}-{lang}", "data": htmlsafe_json_dumps(data)}
        config = CONFIG.search(out)
        out = out[: config.end()] + "\n" + script + out[config.end():]
    return out
