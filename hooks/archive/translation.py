"""Translation files: English units aligned with the Chinese report, and their freshness.

A translation file sits beside its seed (`<seed>.en.txt`). Each unit starts with a line

    [unit-id] hash  optional words (ignored, e.g. the speaker's name)

and runs until the next such line. `hash` fingerprints the Chinese text the unit was
translated from (see `fingerprint`): when the Chinese changes, the unit is *outdated*.
Lines starting with `#` before the first unit are comments.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
from dataclasses import dataclass

from .errors import Problem, SeedError
from .typography import HAN

WHITESPACE = re.compile(r"\s+")
UNIT_LINE = re.compile(r"^\[(?P<unit>[^\]\s]+)\]\s+(?P<hash>[0-9a-f]{8})\b.*$")
# A line that means to be a unit's line but is not one: `[id]` alone, `[id]` and a
# hexadecimal word (a hash of the wrong length or case), or any `[a/b]` (the ids of talks and
# turns hold a '/'). Read as English, it would show on the page and put the next unit's text
# under the previous one.
HEADER_ATTEMPT = re.compile(r"^\s*\[(?P<unit>[^\]\s]+)\](?P<rest>\s+[0-9a-fA-F]+\b.*|\s*)$")
UNIT_ID_LIKE = re.compile(r"^\s*\[[^\]\s]*/[^\]\s]*\]")

# English words per Chinese character (or English word of the source) below which a unit is
# listed as suspiciously short: the translation had every unit between 0.5 and 1.1 when this
# was set, so a unit at less than half the lowest is most likely cut off, not concise.
SHORT_RATIO = 0.25
# Sources shorter than this (in characters and words) are too short for a ratio to mean much.
SHORT_MIN_SOURCE = 40

FRESH, OUTDATED, MISSING = "fresh", "outdated", "missing"


@dataclass(frozen=True)
class Unit:
    unit: str
    source_hash: str
    text: str
    line_no: int


@functools.lru_cache(maxsize=1 << 16)  # every English page looks up its units' freshness
def fingerprint(text: str) -> str:
    """8 hex digits of a paragraph as the parser gives it (line ends, BOM, Unicode form and
    punctuation widths already settled there), every whitespace removed."""
    return hashlib.sha256(WHITESPACE.sub("", text).encode("utf-8")).hexdigest()[:8]


def parse_units(text: str, path: str) -> tuple[dict[str, Unit], list[Problem]]:
    units: dict[str, Unit] = {}
    problems: list[Problem] = []
    malformed: list[Problem] = []
    current: tuple[str, str, int] | None = None
    lines: list[str] = []
    skipping = False  # the text under a malformed unit line: reported with that line

    def close() -> None:
        if current:
            unit, h, no = current
            body = "\n".join(lines).strip()
            if unit in units:
                problems.append(Problem(path, no, f"unit '{unit}' appears twice",
                                        "each unit once"))
            units[unit] = Unit(unit, h, body, no)

    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    for no, line in enumerate(text.split("\n"), 1):
        m = UNIT_LINE.match(line)
        if m:
            close()
            current, lines, skipping = (m["unit"], m["hash"], no), [], False
        elif HEADER_ATTEMPT.match(line) or UNIT_ID_LIKE.match(line):
            malformed.append(Problem(path, no, f"malformed unit line '{line.strip()[:60]}'",
                                    "'[unit-id] hash' with the 8 lowercase hexadecimal digits "
                                    "`python -m tools.coverage` prints"))
            close()
            current, lines, skipping = None, [], True
        elif current:
            lines.append(line)
        elif line.strip() and not line.startswith("#") and not skipping:
            problems.append(Problem(path, no, "text before the first unit",
                                    "a line '[unit-id] hash' first, or a '#' comment"))
    close()
    if malformed:
        raise SeedError(malformed + problems)
    return units, problems


def unknown_units(units: dict[str, Unit], known: list[str], path: str) -> list[Problem]:
    """Units whose id is not a paragraph of the report: misspelled, or left from an old
    version. Their English would be silently unused."""
    known_set = set(known)
    out = []
    for unit in units.values():
        if unit.unit in known_set:
            continue
        close = difflib.get_close_matches(unit.unit, known, n=1, cutoff=0.6)
        out.append(Problem(path, unit.line_no, f"unit '{unit.unit}' is not a paragraph of the "
                           "report", f"did you mean '{close[0]}'?" if close else
                           "a unit id that `python -m tools.check --write-translation` writes"))
    return out


WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")


def too_short(unit: Unit, chinese: str) -> bool:
    """An English unit much shorter than its Chinese source (e.g. a file cut mid-unit)."""
    source = len(HAN.findall(chinese)) + len(WORD.findall(HAN.sub(" ", chinese)))
    if source < SHORT_MIN_SOURCE:
        return False
    return len(WORD.findall(unit.text)) < SHORT_RATIO * source


@dataclass(frozen=True)
class Rendering:
    """What the English page shows for one Chinese unit."""

    text: str  # English, or the Chinese when missing
    status: str  # FRESH, OUTDATED or MISSING


def lookup(units: dict[str, Unit], unit: str, chinese: str) -> Rendering:
    found = units.get(unit)
    if found is None or not found.text:
        return Rendering(chinese, MISSING)
    status = FRESH if found.source_hash == fingerprint(chinese) else OUTDATED
    return Rendering(found.text, status)


def compose(units: list[tuple[str, str, str]], existing: dict[str, Unit]) -> str:
    """A translation file for (unit, chinese, label) triples, keeping existing English."""
    out = ["# English translation, unit by unit. Edit the text under a unit's line; keep the",
           "# line itself. After checking a unit against a changed Chinese text, update its hash",
           "# to the one `python -m tools.coverage` prints.", ""]
    for unit, chinese, label in units:
        old = existing.get(unit)
        text = old.text if old else ""
        h = old.source_hash if old else fingerprint(chinese)
        out.append(f"[{unit}] {h}" + (f"  {label}" if label else ""))
        out.append(text)
        out.append("")
    return "\n".join(out)
