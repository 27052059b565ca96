"""The organisers' check: what the parser finds in one report, before any build.

    python -m tools.check seeds/2021-01-09-low-level-vision.txt
    python -m tools.check --write-translation seeds/2021-01-09-low-level-vision.txt

Run from the project's folder.

Prints the talks, the panel questions with the speaker of every turn, and the translation
units still missing or outdated; then every problem with the same `file:line` message as
the build. Exits 1 when the report has errors (the build would stop), 0 otherwise.

With --write-translation it also writes the translation file beside the report
(`<name>.en.txt`): every unit of the report in order, the English kept where there is some,
an empty text under each new unit's line, ready to be translated.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hooks.archive import coverage, load, translation
from hooks.archive.errors import SeedError
from hooks.archive.model import translation_path


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
    out.extend(f"warning: {p}" for p in loaded.warnings)
    return out, 0


def write_translation(seed: Path) -> str:
    """Write `<name>.en.txt` with every unit of the report; return its path."""
    loaded = load.load_seminar(seed, seed.parent.name)
    s = loaded.seminar
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
    lines, status = report(Path(args[0]))
    print("\n".join(lines))
    if write and status == 0:
        print(f"wrote {write_translation(Path(args[0]))}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
