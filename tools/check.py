"""The organisers' check: what the parser finds in one report, before any build.

    python -m tools.check seeds/2021-01-09-low-level-vision.txt
    python -m tools.check --write-translation seeds/2021-01-09-low-level-vision.txt

Run from the project's folder.

Prints the talks, the panel questions with the speaker of every turn, and the translation
units still missing or outdated; then every problem with the same `file:line` message as
the build, the glossary's and other seeds' included, and those across seminars (a number or
slug claimed twice, a person named two ways, one Chinese name under two ids), which name
both places. Exits 1 whenever `mkdocs build --strict`
would fail on the seeds: on errors and on warnings alike; 0 otherwise.

With --write-translation it first writes the translation file beside the report
(`<name>.en.txt`): every unit of the report in order, the English kept where there is some,
an empty text under each new unit's line, ready to be translated; units that are no
paragraph of the report are dropped and named.
"""

from __future__ import annotations

import sys
from pathlib import Path

from archive import coverage, load, translation
from archive.errors import SeedError
from archive.model import translation_path


def report(seed: Path) -> tuple[list[str], int]:
    """The lines to print, and the exit status."""
    try:
        loaded = load.load_seminar(seed, seed.parent.name)
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
    out.extend(f"  short    [{u}] (much shorter than the Chinese: cut off?)" for u, _ in c.short)
    out.extend(f"warning: {p}" for p in loaded.warnings)
    errors, warnings = _site_problems(seed, loaded.warnings)
    out.extend(f"warning: {p}" for p in warnings)
    out.extend(f"error: {p}" for p in errors)
    # a warning fails `mkdocs build --strict` as an error does: so does this check
    return out, 1 if errors or warnings or loaded.warnings else 0


def _site_problems(seed: Path, printed: list) -> tuple[list, list]:
    """What the build finds beyond this seed's own files: in the glossary, in other seeds, and
    across seminars (a number, slug or person claimed twice), as errors and warnings."""
    try:
        _, warnings = load.load_site(seed.parent.parent, seed.parent.name)
    except SeedError as exc:
        return exc.problems, []
    return [], [p for p in warnings if p not in printed]


def write_translation(seed: Path) -> str:
    """Write `<name>.en.txt` with every unit of the report; return its path."""
    loaded = load.load_seminar(seed, seed.parent.name, unknown_units=True)
    s = loaded.seminar
    for unit in sorted(set(loaded.units or {}) - {p.unit for p in s.paragraphs()}):
        print(f"dropped [{unit}]: not a paragraph of the report")
    labels = {p.unit: s.people[t.speaker].name.en for q in s.questions for t in q.turns
              for p in t.paragraphs}
    triples = [(p.unit, p.text, labels.get(p.unit, "")) for p in s.paragraphs()]
    target = Path(translation_path(str(seed)))
    target.write_text(translation.compose(triples, loaded.units or {}), encoding="utf-8")
    return str(target)


def main(argv: list[str]) -> int:
    write = "--write-translation" in argv
    args = [a for a in argv if a != "--write-translation"]
    if len(args) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    if not Path(args[0]).is_file():
        print(f"error: {args[0]}: no such report", file=sys.stderr)
        return 2
    if write:  # first, so that the report below describes the file as written
        try:
            print(f"wrote {write_translation(Path(args[0]))}")
        except SeedError as exc:
            print("\n".join(f"error: {p}" for p in exc.problems))
            return 1
    lines, status = report(Path(args[0]))
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
