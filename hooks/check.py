"""The organisers' check: what the parser finds in one report, before any build.

    python hooks/check.py seeds/2021-01-09-low-level-vision.txt

Prints the talks, the panel questions with the speaker of every turn, and the translation
units still missing or outdated; then every problem with the same `file:line` message as
the build. Exits 1 when the report has errors (the build would stop), 0 otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the sibling modules are importable by name
    sys.path.insert(0, str(Path(__file__).resolve().parent))

import archive  # noqa: E402
import coverage  # noqa: E402
from errors import SeedError  # noqa: E402


def report(seed: Path) -> tuple[list[str], int]:
    """The lines to print, and the exit status."""
    try:
        loaded = archive.load_seminar(seed, seed.parent.name)
    except SeedError as exc:
        return [f"error: {p}" for p in exc.problems], 1
    s, people = loaded.seminar, loaded.seminar.people
    out = [f"{s.seed_path}: seminar {s.number} ({s.date}), {s.title.zh} / {s.title.en}",
           f"talks: {len(s.talks)}"]
    for t in s.talks:
        lines = ", ".join(str(p.line_no) for p in t.paragraphs)
        out.append(f"  {t.slug}: {people[t.speaker].name.zh} ({t.kind}), line {lines}")
    out.append(f"panel questions: {len(s.questions)}")
    for q in s.questions:
        out.append(f"  {q.number}. {q.slug}: {len(q.turns)} turns")
        for turn in q.turns:
            mark = " (closing)" if turn.closing else ""
            out.append(f"     {turn.anchor} line {turn.line_no}: {people[turn.speaker].name.zh}"
                       f" [{turn.prefix.strip() or '-'}]{mark}")
    c = coverage.coverage(s, loaded.units or {})
    out.append(c.summary())
    out.extend(f"  outdated [{u}]" for u, _ in c.outdated)
    out.extend(f"  missing  [{u}]" for u, _ in c.missing)
    out.extend(f"warning: {p}" for p in loaded.warnings)
    return out, 0


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    lines, status = report(Path(argv[0]))
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
