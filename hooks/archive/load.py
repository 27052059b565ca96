"""The seeds folder -> Site: every seminar with its data and translation files.

Reads files, nothing else: no MkDocs. A seminar is a pair `seeds/<name>.txt` (the report,
as published) + `seeds/<name>.yml` (its data file); `seeds/<name>.en.txt`, when present,
is its English translation.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from . import datafile, papers, parse, translation
from .errors import Problem, SeedError
from .model import (REPORT_SUFFIX, TRANSLATION_SUFFIX, Paper, Person, Seminar, Site, Term, Text,
                    data_path, translation_path)

GLOSSARY = "glossary.yml"


def seed_files(seeds: Path) -> list[Path]:
    return sorted(p for p in seeds.glob("*" + REPORT_SUFFIX)
                  if not p.name.endswith(TRANSLATION_SUFFIX))


def fingerprint(root: Path, folders: list[str]) -> str:
    """Content hash of every file the site is made from (hook modules survive rebuilds)."""
    h = hashlib.sha256()
    for folder in folders:
        for p in sorted((root / folder).rglob("*")):
            if p.is_file():
                h.update(str(p.relative_to(root)).encode())
                h.update(p.read_bytes())
    return h.hexdigest()


def read_text(path: Path, rel: str) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SeedError(Problem(rel, line, f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} "
                                "cannot be decoded)", "save the file as UTF-8, e.g. "
                                "`iconv -f GB18030 -t UTF-8`")) from None


@dataclass(frozen=True)
class Loaded:
    """One seed with what sits beside it."""

    seminar: Seminar
    warnings: list[Problem]
    units: dict | None  # translation units, when a translation file exists
    translation_path: str | None
    slug_line: int  # where the data file gives the seminar's slug
    person_lines: dict[str, int]  # where the data file gives each person


def load_seminar(seed: Path, seeds_dir: str = "seeds", unknown_units: bool = False) -> Loaded:
    """A report, its data file and its translation file. Raises SeedError, also for a
    translation unit that is not a paragraph of the report unless `unknown_units`."""
    rel = f"{seeds_dir}/{seed.name}"
    data_rel, tr_rel = data_path(rel), translation_path(rel)
    data_file = seed.parent / Path(data_rel).name
    if not data_file.exists():
        raise SeedError(Problem(rel, 1, f"no data file {data_rel} beside the report",
                                "a data file with the seminar's slug, people and talks"))
    data = datafile.load(read_text(data_file, data_rel), data_rel)
    seminar, warnings = parse.parse(read_text(seed, rel), data, rel)
    tr_path = seed.parent / Path(tr_rel).name
    lines = (data["_lines"]["slug"], {pid: p["_line"] for pid, p in data["people"].items()})
    if not tr_path.exists():
        return Loaded(seminar, warnings, None, None, *lines)
    units, tr_problems = translation.parse_units(read_text(tr_path, tr_rel), tr_rel)
    checked = units
    if seminar.transcript_heading is None:
        # built without panel pages (a warning of its own): the units of the transcript wait
        waiting = {"transcript-heading", "preface", *(q["slug"] for q in data.get("questions", []))}
        checked = {k: u for k, u in units.items() if k.split("/")[0] not in waiting}
    unknown = translation.unknown_units(checked, [p.unit for p in seminar.paragraphs()], tr_rel)
    if unknown and not unknown_units:
        raise SeedError(unknown)
    return Loaded(seminar, warnings + tr_problems, units, tr_rel, *lines)


def load_site(root: Path, seeds_dir: str = "seeds") -> tuple[Site, list[Problem]]:
    seeds = root / seeds_dir
    seminars, warnings, problems = [], [], []
    translations, translation_paths, slug_lines = {}, {}, {}
    named: dict[str, tuple[Person, str]] = {}  # person id -> as the first data file names them
    for seed in seed_files(seeds):
        try:
            loaded = load_seminar(seed, seeds_dir)
        except SeedError as exc:
            problems.extend(exc.problems)
            continue
        warnings.extend(loaded.warnings)
        seminars.append(loaded.seminar)
        slug_lines[loaded.seminar.slug] = loaded.slug_line
        problems.extend(_renamed_people(loaded, named))
        if loaded.units is not None:
            translations[loaded.seminar.slug] = loaded.units
            translation_paths[loaded.seminar.slug] = loaded.translation_path
    slugs = [s.slug for s in seminars]
    for s in seminars:
        if slugs.count(s.slug) > 1:
            problems.append(Problem(s.data_path, slug_lines[s.slug],
                                    f"seminar slug '{s.slug}' is claimed by another seed too",
                                    "a slug of its own for every seminar"))
    if problems:
        raise SeedError(problems)
    if not seminars:
        raise SeedError(Problem(seeds_dir, 0, "no seminar report found", "seeds/<name>.txt"))
    glossary = load_glossary(seeds, seeds_dir)
    paper_list = load_papers(seeds, seeds_dir, glossary)
    seminars.sort(key=lambda s: (s.date, s.number), reverse=True)
    people: dict[str, Person] = {}
    for s in seminars:
        for pid, person in s.people.items():
            people.setdefault(pid, person)
    english = {s.slug: english_questions(s, translations.get(s.slug, {})) for s in seminars}
    site = Site(tuple(seminars), people, translations, translation_paths, glossary,
                english, paper_list)
    return site, warnings + papers.unmentioned(site, f"{seeds_dir}/{papers.PAPERS}")


def _renamed_people(loaded: Loaded, named: dict) -> list[Problem]:
    """A person of several seminars has one page, so one name: the same in every data file."""
    s, out = loaded.seminar, []
    for pid, person in s.people.items():
        first, where = named.setdefault(pid, (person, s.data_path))
        if person.name != first.name:
            out.append(Problem(s.data_path, loaded.person_lines[pid],
                               f"person '{pid}' is named {person.name.zh} / {person.name.en} "
                               f"here and {first.name.zh} / {first.name.en} in {where}",
                               "one name per person in every data file; other spellings go "
                               "into 'aliases'"))
    return out


def english_questions(s: Seminar, units: dict) -> tuple[str, ...]:
    """The panel questions as the translation of the panel paragraph quotes them; the Chinese
    ones when it is missing or quotes another number of questions."""
    if not s.panel:
        return tuple(q.text for q in s.questions)
    shown = translation.lookup(units, s.panel[0].unit, s.panel[0].text)
    quoted = parse.QUOTED.findall(shown.text)
    if len(quoted) != len(s.questions):
        return tuple(q.text for q in s.questions)
    return tuple(quoted)


def load_glossary(seeds: Path, seeds_dir: str) -> tuple[Term, ...]:
    path = seeds / GLOSSARY
    if not path.exists():
        return ()
    rel = f"{seeds_dir}/{GLOSSARY}"
    data = datafile.load(read_text(path, rel), rel, datafile.GLOSSARY)
    _unique_ids(data["entries"], rel, "glossary id")
    return tuple(Term(e["id"], e["zh"], e["en"], e.get("abbr", ""), tuple(e.get("variants", [])),
                      Text(**e["explain"]) if e.get("explain") else None)
                 for e in data["entries"])


def load_papers(seeds: Path, seeds_dir: str, glossary: tuple[Term, ...]) -> tuple[Paper, ...]:
    """seeds/papers.yml, checked as the other data files are, and against the glossary."""
    path = seeds / papers.PAPERS
    if not path.exists():
        return ()
    rel = f"{seeds_dir}/{papers.PAPERS}"
    data = datafile.load(read_text(path, rel), rel, datafile.PAPERS)
    _unique_ids(data["papers"], rel, "paper id")
    terms = {t.id for t in glossary}
    problems = []
    for e in data["papers"]:
        where = f"paper '{e['id']}'"
        if not (e.get("arxiv") or e.get("doi")):
            problems.append(Problem(rel, e["_line"], f"{where} has neither 'arxiv' nor 'doi'",
                                    "the identifier its link is made from"))
        if not (e.get("terms") or e.get("names")):
            problems.append(Problem(rel, e["_line"], f"{where} has neither 'terms' nor 'names'",
                                    "how the reports name it"))
        for term in e.get("terms", []):
            if term not in terms:
                problems.append(Problem(rel, e["_lines"]["terms"], f"{where}: 'terms' names "
                                        f"'{term}', which is no glossary id",
                                        f"an 'id' of {seeds_dir}/{GLOSSARY}"))
        if e.get("kind", "inproceedings") not in datafile.PAPER_KINDS:
            problems.append(Problem(rel, e["_lines"]["kind"], f"{where}: unknown kind "
                                    f"'{e['kind']}'", " or ".join(datafile.PAPER_KINDS)))
    if problems:
        raise SeedError(problems)
    return tuple(Paper(e["id"], e["title"], tuple(e["authors"]), e["venue"], e["year"],
                       e.get("kind", "inproceedings"), e.get("arxiv", ""), e.get("doi", ""),
                       tuple(e.get("terms", [])), tuple(e.get("names", [])), e["_line"])
                 for e in data["papers"])


def _unique_ids(entries: list[dict], rel: str, what: str) -> None:
    ids = [e["id"] for e in entries]
    dupes = [e for e in entries if ids.count(e["id"]) > 1]
    if dupes:
        raise SeedError(Problem(rel, dupes[-1]["_line"], f"{what} '{dupes[-1]['id']}' is "
                                "used twice", "a unique id per entry"))
