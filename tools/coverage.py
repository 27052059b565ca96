"""Translation coverage per seminar: which English units are fresh, outdated or missing.

    python -m tools.coverage            # report; exit 0
    python -m tools.coverage --check    # exit 1 if any unit is outdated or missing

Run from the project's folder. The build logs the same summary at INFO level.
"""

from __future__ import annotations

import sys
from pathlib import Path

from archive import coverage, load
from archive.errors import SeedError

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    try:
        site, _ = load.load_site(ROOT)
    except SeedError as exc:
        print(exc, file=sys.stderr)
        return 2
    incomplete = False
    for c in coverage.report(site):
        print(c.summary())
        for label, rows in (("outdated", c.outdated), ("missing", c.missing)):
            for unit, h in rows:
                print(f"  {label:8} [{unit}] {h}")
        incomplete |= bool(c.outdated or c.missing)
    return 1 if incomplete and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
