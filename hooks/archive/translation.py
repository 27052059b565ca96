"""Translation files: English units aligned with the Chinese report, and their freshness.

A translation file sits beside its seed (`<seed>.en.txt`). Each unit starts with a line

    [unit-id] hash  optional words (ignored, e.g. the speaker's name)

and runs until the next such line. `hash` fingerprints the Chinese text the unit was
translated from (see `fingerprint`): when the Chinese changes, the unit is *outdated*.
Lines starting with `#` before the first unit are comments.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass

from .errors import Problem

WHITESPACE = re.compile(r"\s+")
UNIT_LINE = re.compile(r"^\[(?P<unit>[^\]\s]+)\]\s+(?P<hash>[0-9a-f]{8})\b.*$")

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
    current: tuple[str, str, int] | None = None
    lines: list[str] = []

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
            current, lines = (m["unit"], m["hash"], no), []
        elif current:
            lines.append(line)
        elif line.strip() and not line.startswith("#"):
            problems.append(Problem(path, no, "text before the first unit",
                                    "a line '[unit-id] hash' first, or a '#' comment"))
    close()
    return units, problems


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
           "# to the one `python hooks/coverage.py` prints.", ""]
    for unit, chinese, label in units:
        old = existing.get(unit)
        text = old.text if old else ""
        h = old.source_hash if old else fingerprint(chinese)
        out.append(f"[{unit}] {h}" + (f"  {label}" if label else ""))
        out.append(text)
        out.append("")
    return "\n".join(out)
