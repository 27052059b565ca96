"""One spelling for punctuation that comes in two widths.

Reports are pasted from web pages and WeChat articles, and the same report may arrive with
ASCII or full-width punctuation. Both must give the same pages, so commas, colons,
semicolons, question and exclamation marks and parentheses are written the way Chinese
typesetting writes them: full-width next to Chinese text ("你好，世界", "阅读量：11",
"以及重建；第三点", "问题？"), ASCII between Latin words and digits ("derain,sr", "Flow: From",
"what?"). A pair of parentheses takes one width, full-width when Chinese stands beside
either of its marks, inside or out ("自监督学习（Self-supervised Learning）在", "（1）如何"), so
that a pair never mixes widths. A full-width mark carries its own space, so spaces after one
are dropped ("任务, 其主要" becomes "任务，其主要", never "任务， 其主要"). Nothing else is
touched. The translation fingerprints hash the text as settled here: a report pasted in
either width gives the same fingerprints.
"""

from __future__ import annotations

import re

SINGLE_MARKS = ",:;?!"  # the ASCII forms of the marks that stand alone
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
FULL_WIDTH.update({full: full for full in list(FULL_WIDTH.values())})
ASCII = {full: ascii_ for ascii_, full in FULL_WIDTH.items() if ascii_ != full}
ASCII.update({ascii_: ascii_ for ascii_ in ASCII.values()})
TWO_WIDTH_MARKS = "".join(FULL_WIDTH)  # both widths of every mark above
# Han characters: the CJK unified ideographs (extension A included) and compatibility ones.
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN = re.compile(f"[{HAN_RANGES}]")
# Han, CJK punctuation and full-width forms, and the curly quotes Chinese text uses.
CJK_CLASS = f"[\u3000-\u303f{HAN_RANGES}\uff00-\uffef“”‘’]"
CJK = re.compile(CJK_CLASS)
# Skipped when looking for a mark's neighbours: spaces, and the two-width marks themselves,
# so that the result does not depend on the width the marks came in (and is idempotent).
SKIPPED = " \t\u00a0\u3000" + TWO_WIDTH_MARKS
# One Chinese character that is not skipped. A mark right after one is full-width whatever
# follows, and that is most marks: settled by plain substitutions first.
CHINESE_NEIGHBOUR = rf"(?![{re.escape(SKIPPED)}]){CJK_CLASS}"
AFTER_CHINESE = [(re.compile(rf"{re.escape(mark)}(?<={CHINESE_NEIGHBOUR}{re.escape(mark)})"),
                  FULL_WIDTH[mark]) for mark in SINGLE_MARKS]
# The others look for their nearest neighbours.
SINGLE = "".join(m + FULL_WIDTH[m] for m in SINGLE_MARKS)
TWO_WIDTHS = re.compile(rf"[{re.escape(SINGLE)}](?<!{CHINESE_NEIGHBOUR}[{re.escape(SINGLE)}])")
PARENTHESIS = re.compile(r"[()（）]")
# Spaces after a full-width mark (line breaks are not spaces: text is per line).
SPACE_AFTER_FULL_WIDTH = re.compile(r"([，：；？！（）])[ \t\u00a0\u3000]+")


def _neighbour(text: str, i: int, step: int) -> str:
    while 0 <= i < len(text) and text[i] in SKIPPED:
        i += step
    return text[i] if 0 <= i < len(text) else ""


def _beside_chinese(text: str, i: int) -> bool:
    """Whether the nearest characters on either side of position i are Chinese."""
    return bool(CJK.match(_neighbour(text, i - 1, -1)) or CJK.match(_neighbour(text, i + 1, 1)))


def _parentheses(text: str) -> str:
    """Each pair of parentheses in one width; a mark without its partner on its own."""
    chars, opened, pairs = list(text), [], []
    for i, c in enumerate(text):
        if c in "(（":
            opened.append(i)
        elif c in ")）":
            pairs.append((opened.pop(), i) if opened else (i,))
    pairs.extend((i,) for i in opened)
    for marks in pairs:
        full = any(_beside_chinese(text, i) for i in marks)
        for i in marks:
            chars[i] = (FULL_WIDTH if full else ASCII)[text[i]]
    return "".join(chars)


def canonical_punctuation(text: str) -> str:
    def repl(m: re.Match) -> str:
        return (FULL_WIDTH if _beside_chinese(text, m.start()) else ASCII)[m[0]]

    for pattern, full in AFTER_CHINESE:
        text = pattern.sub(full, text)
    text = TWO_WIDTHS.sub(repl, text)
    if PARENTHESIS.search(text):
        text = _parentheses(text)
    return SPACE_AFTER_FULL_WIDTH.sub(r"\1", text)
