"""Translation coverage per seminar: which English units are fresh, outdated or missing.

The build logs the summary at INFO level (`tools/coverage.py` prints it): an outdated or
missing translation is never a warning, so a Chinese typo fix or a new, untranslated seminar
keeps the strict build green.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Seminar
from .translation import FRESH, MISSING, OUTDATED, fingerprint, lookup, too_short


@dataclass(frozen=True)
class Coverage:
    seminar: str
    total: int
    outdated: tuple[tuple[str, str], ...]  # (unit, hash of the current Chinese)
    missing: tuple[tuple[str, str], ...]
    # fresh or outdated units much shorter than their Chinese (translation.too_short): most
    # likely cut off; listed, never a failure, since a concise translation can be right
    short: tuple[tuple[str, str], ...] = ()

    @property
    def fresh(self) -> int:
        return self.total - len(self.outdated) - len(self.missing)

    def summary(self) -> str:
        pct = 100.0 * self.fresh / self.total if self.total else 100.0
        return (f"translation of {self.seminar}: {self.fresh}/{self.total} units ({pct:.0f}%), "
                f"{len(self.outdated)} outdated, {len(self.missing)} missing"
                + (f", {len(self.short)} much shorter than the Chinese" if self.short else ""))


def coverage(seminar: Seminar, units: dict) -> Coverage:
    outdated, missing, short = [], [], []
    paragraphs = seminar.paragraphs()
    for p in paragraphs:
        status = lookup(units, p.unit, p.text).status
        if status != MISSING and too_short(units[p.unit], p.text):
            short.append((p.unit, fingerprint(p.text)))
        if status == OUTDATED:
            outdated.append((p.unit, fingerprint(p.text)))
        elif status == MISSING:
            missing.append((p.unit, fingerprint(p.text)))
        else:
            assert status == FRESH
    return Coverage(seminar.slug, len(paragraphs), tuple(outdated), tuple(missing), tuple(short))


def report(site) -> list[Coverage]:
    return [coverage(s, site.translations.get(s.slug, {})) for s in site.seminars]
