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
from .errors import Problem, SeedError, located
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
    data: dict  # the data file as datafile.load checked it: '_lines' give each key's line

    def line(self, key: str) -> int:
        """Where the data file gives one of its top-level keys ('slug', 'number'...)."""
        return self.data["_lines"][key]

    def person_line(self, pid: str) -> int:
        """Where the data file names a person (the line of `name:`, else of the id)."""
        person = self.data["people"][pid]
        return person["_lines"].get("name", person["_line"])


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
    if not tr_path.exists():
        return Loaded(seminar, warnings, None, None, data)
    units, tr_problems = translation.parse_units(read_text(tr_path, tr_rel), tr_rel)
    checked = units
    if seminar.transcript_heading is None:
        # built without panel pages (a warning of its own): the units of the transcript wait
        waiting = {"transcript-heading", "preface", *(q["slug"] for q in data.get("questions", []))}
        checked = {k: u for k, u in units.items() if k.split("/")[0] not in waiting}
    unknown = translation.unknown_units(checked, [p.unit for p in seminar.paragraphs()], tr_rel)
    if unknown and not unknown_units:
        raise SeedError(unknown)
    return Loaded(seminar, warnings + tr_problems, units, tr_rel, data)


def load_site(root: Path, seeds_dir: str = "seeds") -> tuple[Site, list[Problem]]:
    seeds = root / seeds_dir
    seminars, warnings, problems, every = [], [], [], []
    translations, translation_paths = {}, {}
    for seed in seed_files(seeds):
        try:
            loaded = load_seminar(seed, seeds_dir)
        except SeedError as exc:
            problems.extend(exc.problems)
            continue
        every.append(loaded)
        warnings.extend(loaded.warnings)
        seminars.append(loaded.seminar)
        if loaded.units is not None:
            translations[loaded.seminar.slug] = loaded.units
            translation_paths[loaded.seminar.slug] = loaded.translation_path
    errors, doubts = across(every)
    problems.extend(errors)
    warnings.extend(doubts)
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


DISTINCT = "distinct_from"


def across(every: list[Loaded]) -> tuple[list[Problem], list[Problem]]:
    """What no data file shows alone: errors (a number or slug claimed by two seminars, one
    person named two ways) and warnings (one Chinese name under two ids, unless a data file
    says they are two people). Each names the place it is found and the earlier one."""
    errors: list[Problem] = []
    first: dict[tuple, tuple[str, str]] = {}  # (what, value) -> (place, how it was written)
    for x in every:
        s = x.seminar
        for key, value, expected in (
                ("number", s.number, "a number of its own for every seminar"),
                ("slug", s.slug, "a slug of its own for every seminar")):
            place = located(s.data_path, x.line(key))
            seen, _ = first.setdefault((key, value), (place, ""))
            if seen != place:
                errors.append(Problem(s.data_path, x.line(key), f"seminar {key} '{value}' is "
                                      "claimed by another seminar too", expected, also=seen))
        for pid, person in s.people.items():
            place = located(s.data_path, x.person_line(pid))
            seen, name = first.setdefault(("person", pid), (place, person.name))
            if seen != place and person.name != name:
                errors.append(Problem(
                    s.data_path, x.person_line(pid), f"person '{pid}' is named "
                    f"{person.name.zh} / {person.name.en} here and {name.zh} / {name.en} "
                    "in another data file", "one name per person in every data file; other "
                    "spellings go into 'aliases'", also=seen))
    return errors, _one_name_two_ids(every)


def _one_name_two_ids(every: list[Loaded]) -> list[Problem]:
    """Two ids with one Chinese name are most likely one person given two ids by two data
    files (two speaker pages): a warning, unless `distinct_from` on either says otherwise."""
    distinct: set[frozenset] = set()
    named: dict[str, str] = {}  # person id -> Chinese name, as first given
    for x in every:
        for pid, person in x.seminar.people.items():
            named.setdefault(pid, person.name.zh)
            distinct.update(frozenset((pid, other)) for other in
                            x.data["people"][pid].get(DISTINCT, []))
    out: list[Problem] = []
    first: dict[str, dict[str, str]] = {}  # Chinese name -> person id -> place
    for x in every:
        s = x.seminar
        for pid, person in s.people.items():
            place = located(s.data_path, x.person_line(pid))
            ids = first.setdefault(person.name.zh, {})
            for other, seen in ids.items():
                pair = frozenset((pid, other))
                if other != pid and pair not in distinct:
                    distinct.add(pair)  # said once per pair of ids
                    out.append(Problem(
                        s.data_path, x.person_line(pid), f"person '{pid}' has the Chinese name "
                        f"{person.name.zh} of person '{other}'", f"the id '{other}' if this is "
                        f"the same person; if not, '{DISTINCT}: [{other}]' under '{pid}'",
                        also=seen))
            ids.setdefault(pid, place)
            entry = x.data["people"][pid]
            for other in entry.get(DISTINCT, []):
                if named.get(other) != person.name.zh or other == pid:
                    line = entry["_lines"][DISTINCT]
                    out.append(Problem(s.data_path, line, f"'{DISTINCT}' of person '{pid}' names "
                                       f"'{other}', who is not another person named "
                                       f"{person.name.zh}", "the id of another person with "
                                       "the same Chinese name, or no 'distinct_from'"))
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
