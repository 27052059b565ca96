"""One spelling for punctuation that comes in two widths.

Reports are pasted from web pages and WeChat articles, and the same report may arrive with
ASCII or full-width commas and colons. Both must give the same pages, so commas and colons
are written the way Chinese typesetting writes them: full-width next to Chinese text
("你好，世界", "阅读量：11"), ASCII between Latin words and digits ("derain,sr", "Flow: From").
A full-width mark carries its own space, so spaces after one are dropped ("任务, 其主要"
becomes "任务，其主要", never "任务， 其主要"). Nothing else is touched; the translation
fingerprints ignore the difference too (they hash text without whitespace).
"""

from __future__ import annotations

import re

FULL_WIDTH = {",": "，", "，": "，", ":": "：", "：": "："}
ASCII = {",": ",", "，": ",", ":": ":", "：": ":"}
# Han characters: the CJK unified ideographs (extension A included) and compatibility ones.
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN = re.compile(f"[{HAN_RANGES}]")
# Han, CJK punctuation and full-width forms, and the curly quotes Chinese text uses.
CJK_CLASS = f"[\u3000-\u303f{HAN_RANGES}\uff00-\uffef“”‘’]"
CJK = re.compile(CJK_CLASS)
# Skipped when looking for a mark's neighbours: spaces, and the two-width marks themselves,
# so that the result does not depend on the width the marks came in (and is idempotent).
SKIPPED = " \t\u00a0\u3000,，:："
# One Chinese character that is not skipped. A mark right after one is full-width whatever
# follows, and that is most marks: settled by plain substitutions first.
CHINESE_NEIGHBOUR = rf"(?![{re.escape(SKIPPED)}]){CJK_CLASS}"
AFTER_CHINESE = [(re.compile(rf"{mark}(?<={CHINESE_NEIGHBOUR}{mark})"), FULL_WIDTH[mark])
                 for mark in ",:"]
# The others look for their nearest neighbours.
TWO_WIDTHS = re.compile(rf"[,，:：](?<!{CHINESE_NEIGHBOUR}[，：])")
# Spaces after a full-width comma or colon (line breaks are not spaces: text is per line).
SPACE_AFTER_FULL_WIDTH = re.compile(r"([，：])[ \t\u00a0\u3000]+")


def _neighbour(text: str, i: int, step: int) -> str:
    while 0 <= i < len(text) and text[i] in SKIPPED:
        i += step
    return text[i] if 0 <= i < len(text) else ""


def canonical_punctuation(text: str) -> str:
    def repl(m: re.Match) -> str:
        before = _neighbour(text, m.start() - 1, -1)
        after = _neighbour(text, m.end(), 1)
        chinese = bool(CJK.match(before) or CJK.match(after))
        return (FULL_WIDTH if chinese else ASCII)[m[0]]

    for pattern, full in AFTER_CHINESE:
        text = pattern.sub(full, text)
    return SPACE_AFTER_FULL_WIDTH.sub(r"\1", TWO_WIDTHS.sub(repl, text))
