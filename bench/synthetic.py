"""Copies of the project with N seminars, for benchmarks: the real seminar plus N-1 synthetic
ones made from it (same size and shape, their own slug, number and date).

    python bench/synthetic.py 10 /tmp/archive-10     # writes a project folder
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from harness import copy_project, taken

SEED = "2021-01-09-low-level-vision"


def make_project(n: int, dest: Path) -> Path:
    """A buildable copy of the project whose seeds/ holds n seminars."""
    if dest.exists():
        shutil.rmtree(dest)
    seeds = copy_project(dest) / "seeds"
    text = (seeds / f"{SEED}.txt").read_bytes()
    data = (seeds / f"{SEED}.yml").read_text(encoding="utf-8")
    translation = (seeds / f"{SEED}.en.txt").read_bytes()
    numbers, slugs, _ = taken(seeds)
    free = (k for k in range(101, 10_000)  # numbers and slugs no seminar of seeds/ uses
            if k not in numbers and f"{k}-synthetic" not in slugs)
    for k in range(1, n):
        number = next(free)
        name = f"2030-{1 + k // 28:02d}-{1 + k % 28:02d}-synthetic-{number}"
        (seeds / f"{name}.txt").write_bytes(text)
        (seeds / f"{name}.en.txt").write_bytes(translation)
        d = re.sub(r"(?m)^slug: .*$", f"slug: {number}-synthetic", data)
        d = re.sub(r"(?m)^number: .*$", f"number: {number}", d)
        d = re.sub(r"(?m)^date: .*$", f"date: {name[:10]}", d)
        d = re.sub(r"(?m)^posted: .*$", f"posted: {name[:10]}", d)  # not before the seminar
        (seeds / f"{name}.yml").write_text(d, encoding="utf-8")
    return dest


if __name__ == "__main__":
    print(make_project(int(sys.argv[1]), Path(sys.argv[2])))
