"""The first version of a new seminar's data file, drafted from its report.

    python -m tools.draft seeds/2021-06-19-3d-vision.txt

Run from the project's folder. Writes `seeds/<name>.yml` beside the report and never
overwrites one. The draft holds what the report says (number, dates, Chinese title, chair,
people and affiliations, talks in order, panel questions in order); a person already in
another seminar's data file keeps their id, English name and aliases. What only a person can
write (English titles and affiliations, slugs that cannot be derived) is `TODO`, and
`python -m tools.check` refuses every TODO left, with its line. Exits 1 when nothing is
written.
"""

from __future__ import annotations

import sys
from pathlib import Path

from archive import datafile, draft, load
from archive.errors import SeedError
from archive.model import data_path


def other_data_files(seeds: Path, own: Path) -> tuple[dict[str, dict], list[str]]:
    """Every other seminar's data file, loaded (path -> data); and why any could not be."""
    others, skipped = {}, []
    for seed in load.seed_files(seeds):
        path = seed.with_suffix(".yml")
        if path == own or not path.is_file():
            continue
        rel = f"{seeds.name}/{path.name}"
        try:
            others[rel] = datafile.load(load.read_text(path, rel), rel)
        except SeedError as exc:
            skipped.append(f"warning: {exc.problems[0]} (its people are not reused)")
    return others, skipped


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    seed = Path(argv[0])
    if not seed.is_file() or not seed.name.endswith(".txt") or seed.name.endswith(".en.txt"):
        print(f"error: {seed}: no such report (seeds/<name>.txt)", file=sys.stderr)
        return 2
    target = Path(data_path(str(seed)))
    rel = f"{seed.parent.name}/{seed.name}"
    if target.exists():
        print(f"error: {target} already exists: a draft never overwrites a data file "
              "(move it away to draft again)", file=sys.stderr)
        return 1
    others, skipped = other_data_files(seed.parent, target)
    print("\n".join(skipped), end="\n" if skipped else "")
    try:
        drafted = draft.draft(load.read_text(seed, rel), rel, others)
    except SeedError as exc:
        print("\n".join(f"error: {p}" for p in exc.problems), file=sys.stderr)
        return 1
    try:
        with target.open("x", encoding="utf-8") as out:  # "x": never over a file made meanwhile
            out.write(drafted)
    except FileExistsError:
        print(f"error: {target} already exists: a draft never overwrites a data file",
              file=sys.stderr)
        return 1
    todo = sum(draft.value_part(line).count(draft.TODO) for line in drafted.splitlines())
    print(f"wrote {target}: {todo} TODO to fill in; then run python -m tools.check {seed}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
