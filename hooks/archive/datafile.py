"""Seminar data files (YAML) read with line numbers, checked against their schema.

A data file holds the facts a report does not carry: slugs, English names, affiliations,
aliases, short question titles. Every key is checked, so a typo names its line.
"""

from __future__ import annotations

import datetime
import difflib
import re
import urllib.parse

import yaml

from .errors import Problem, SeedError

# What each part of a data file may hold: key -> (required, kind). Kinds: "str", "int",
# "date", "text" (a {zh, en} pair), "list", "url", "time" (H:MM:SS), "arxiv", "doi",
# "platform", a nested schema (a mapping of its own keys), or ("list"|"map", schema).
TEXT = "text"
PERSON = {
    "name": (True, TEXT),
    "aliases": (False, "list"),
    "affiliation": (True, TEXT),
    # ids of other people with the same Chinese name: two people, not one given two ids
    "distinct_from": (False, "list"),
}
TALK = {
    "slug": (True, "slug"),
    "speaker": (True, "str"),
    "kind": (False, "str"),
    "title": (True, TEXT),
    "topics": (False, TEXT),
    "cue": (False, "str"),
    "start": (False, "time"),  # where the talk starts in the seminar's recording
}
QUESTION = {
    "slug": (True, "slug"),
    "short": (True, TEXT),
    "topics": (False, TEXT),
    "cue": (False, "str"),
    "start": (False, "time"),
}
# Where the report was published: its description in both languages and its address.
SOURCE = {"zh": (True, "str"), "en": (True, "str"), "url": (False, "url")}
RECORDING = {"url": (True, "url"), "platform": (True, "platform")}
# The video sites a recording may be on, with the hosts of their addresses; each opens a
# video at a time with `?t=<seconds>`.
PLATFORMS = {"bilibili": ("bilibili.com", "b23.tv")}
GLOSSARY_ENTRY = {
    "id": (True, "slug"),
    "zh": (True, "str"),
    "en": (True, "str"),
    "abbr": (False, "str"),
    "variants": (False, "list"),
    "explain": (False, TEXT),
}
GLOSSARY = {"entries": (True, ("list", GLOSSARY_ENTRY))}
PAPER = {
    "id": (True, "slug"),
    "title": (True, "str"),
    "authors": (True, "list"),
    "venue": (True, "str"),
    "year": (True, "int"),
    "kind": (False, "str"),  # "inproceedings" (the default) or "article"
    "arxiv": (False, "arxiv"),
    "doi": (False, "doi"),
    "terms": (False, "list"),  # glossary ids whose spellings name the paper
    "names": (False, "list"),  # further names the reports may use for it
}
PAPERS = {"papers": (True, ("list", PAPER))}
PAPER_KINDS = ("inproceedings", "article")
SEMINAR = {
    "slug": (True, "slug"),
    "number": (True, "int"),
    "date": (True, "date"),
    "posted": (True, "date"),
    "title": (True, TEXT),
    "organiser": (True, TEXT),
    "source": (True, SOURCE),
    "recording": (False, RECORDING),
    "chair": (True, "str"),
    "people": (True, ("map", PERSON)),  # keyed by person id: a slug
    "talks": (True, ("list", TALK)),
    "questions": (False, ("list", QUESTION)),
}


# Slugs and ids become folder names, file names, URLs, element ids and translation unit ids:
# one pattern for all of them, which needs no escaping anywhere and cannot leave its folder.
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# Names the site uses for its own pages and folders (seminars/<slug>/talks/..., speakers/,
# en/, search/, assets/...) and for translation units (intro/1, panel/1...): a slug or id
# equal to one of them would overwrite or shadow that page, folder, anchor or unit.
RESERVED = frozenset({
    "index", "talks", "talk", "panel", "side-by-side", "speakers", "seminars", "glossary",
    "about", "search", "assets", "en", "zh", "topics", "feed", "404", "sitemap", "title",
    "header", "intro", "closing", "preface", "transcript", "transcript-heading", "agenda",
    "report", "summary", "panel-questions", "stylesheets", "javascripts", "images", "pagefind",
    "papers",
})
SLUG_EXPECTED = ("lowercase ASCII letters, digits and single hyphens, e.g. 'noise-modeling', "
                 "and not one of: " + ", ".join(sorted(RESERVED)))


def slug_problem(value: str) -> str | None:
    """Why `value` cannot be a slug or id, or None when it can."""
    if not SLUG.fullmatch(value):
        return f"'{value}' is not a valid slug or id"
    if value in RESERVED:
        return f"'{value}' is a name the site uses for its own pages"
    return None


# Seminar numbers and the years a date may name: anything else is a typo.
MAX_NUMBER = 9999
FIRST_YEAR, LAST_YEAR = 2000, 2100
# The schema nests four levels deep; the checks recurse, so a deeper file is refused first.
MAX_DEPTH = 20
# What a drafted data file (`python -m tools.draft`) leaves for a person to write: refused
# wherever it is left, with what belongs there (by the value's key).
TODO = re.compile(r"\bTODO\b")
TODO_EXPECTED = {
    "en": "the English, which the report does not give",
    "zh": "the Chinese text",
    "slug": "a few English words as a slug, e.g. 'noise-modeling'",
    "chair": "the id of the person who chairs the seminar and asks the panel questions, "
             "a key of 'people'",
    "number": "the seminar's number in the series (第N期)",
    "date": "the day of the event, YYYY-MM-DD",
    "posted": "the day the report was published, YYYY-MM-DD",
}
# Unicode's control characters (category Cc): C0, DEL and C1.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# A time in a recording, as a player shows it: hours, minutes, seconds.
TIME = re.compile(r"(\d{1,2}):([0-5]\d):([0-5]\d)")
# arXiv identifiers: 1709.02371 (since 2007, with an optional version) or hep-th/9901001.
ARXIV = re.compile(r"\d{4}\.\d{4,5}(v\d+)?|[a-z-]+(\.[A-Z]{2})?/\d{7}(v\d+)?")
# A DOI: "10.", a registrant code, "/", a suffix without spaces or markup characters.
DOI = re.compile(r"10\.\d{4,9}/[^\s\"'<>\\]+")
# Characters an address never needs unencoded, and that would end an attribute or a tag.
NOT_IN_URL = re.compile(r"[\s\"'<>\\`{}|^]")
MAX_URL = 2000


class Node:
    """A YAML value with the line it was written on."""

    def __init__(self, value, line: int, key_lines: dict | None = None, raw: str | None = None):
        self.value = value
        self.line = line
        self.key_lines = key_lines or {}
        # a scalar as written: YAML reads 1:23:45 as a number (base 60) and 2012.00360 as
        # 2012.0036, so times and arXiv ids are read from here
        self.raw = raw


# libyaml when PyYAML has it (its wheels do): data files are read on every build
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALARS = yaml.SafeLoader("")  # turns one scalar node into its value (int, date, str...)
STR = "tag:yaml.org,2002:str"


MERGE = "tag:yaml.org,2002:merge"


def _scalar_value(node: yaml.ScalarNode, path: str):
    # most values are text, which the composer has already resolved: no constructor needed
    if node.tag == STR:
        return node.value
    try:
        return _SCALARS.construct_object(node)
    except (ValueError, OverflowError, yaml.YAMLError) as exc:
        line = node.start_mark.line + 1
        if node.tag.endswith(":timestamp"):  # e.g. 2021-02-30: a date by its form only
            raise SeedError(Problem(path, line, f"'{node.value}' is not a valid date ({exc})",
                                    "YYYY-MM-DD")) from None
        raise SeedError(Problem(path, line, f"'{node.value}' cannot be read as a value",
                                "quote it if it is text")) from None
    finally:
        # the constructor remembers every node it made a value of (for aliases within one
        # document): kept, that memory grew with every data file read under `mkdocs serve`
        _SCALARS.constructed_objects.clear()


def _plain(node: yaml.Node, path: str) -> Node:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out, key_lines = {}, {}
        for k, v in node.value:
            if k.tag == MERGE:
                raise SeedError(Problem(path, k.start_mark.line + 1, "YAML merge key '<<' is "
                                        "not allowed", "plain YAML: write the keys out in full"))
            key = str(_scalar_value(k, path)) if isinstance(k, yaml.ScalarNode) else None
            if key is None:
                raise SeedError(Problem(path, k.start_mark.line + 1, "a key must be plain text"))
            if key in out:
                raise SeedError(Problem(path, k.start_mark.line + 1, f"key '{key}' appears twice"))
            out[key] = _plain(v, path)
            key_lines[key] = k.start_mark.line + 1
        return Node(out, line, key_lines)
    if isinstance(node, yaml.SequenceNode):
        return Node([_plain(v, path) for v in node.value], line)
    return Node(_scalar_value(node, path), line, raw=str(node.value))


def _not_plain(text: str, path: str) -> list[Problem]:
    """Tags, anchors and aliases, found in the event stream before anything is built from
    it: data files need none of them, tags construct arbitrary values and aliases can
    multiply a small file into a huge one."""
    problems = []
    depth = 0
    for event in yaml.parse(text, Loader=LOADER):
        line = event.start_mark.line + 1
        depth += isinstance(event, yaml.CollectionStartEvent)
        depth -= isinstance(event, yaml.CollectionEndEvent)
        if depth > MAX_DEPTH:
            return [Problem(path, line, f"values nested more than {MAX_DEPTH} levels deep",
                            "the keys of CONTRIBUTING.md, a few levels deep")]
        if isinstance(event, yaml.AliasEvent):
            problems.append(Problem(path, line, f"YAML alias '*{event.anchor}' is not allowed",
                                    "write the value out in full"))
            continue
        anchor, tag = getattr(event, "anchor", None), getattr(event, "tag", None)
        if anchor is not None:
            problems.append(Problem(path, line, f"YAML anchor '&{anchor}' is not allowed",
                                    "plain YAML: write each value where it is used"))
        if tag is not None:
            tag = tag.replace("tag:yaml.org,2002:", "!!", 1)  # as it was written
            problems.append(Problem(path, line, f"YAML tag '{tag}' is not allowed",
                                    "plain YAML: text, numbers and dates, without '!' tags"))
        if len(problems) >= 20:
            break
    return problems


def load(text: str, path: str, schema: dict = SEMINAR) -> dict:
    """Parse and check a data file; return plain Python values (dates as ISO strings)."""
    try:
        problems = _not_plain(text, path)
        if problems:
            raise SeedError(problems)
        root = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        raise SeedError(Problem(path, line, f"not valid YAML: {getattr(exc, 'problem', exc)}",
                                "a mapping of keys such as 'slug:', 'title:', 'people:'")) from None
    if root is None:
        raise SeedError(Problem(path, 1, "the data file is empty", "keys " + ", ".join(schema)))
    problems: list[Problem] = []
    value = _check(_plain(root, path), schema, path, problems, "")
    if schema is SEMINAR and value.get("date") and value.get("posted") \
            and value["posted"] < value["date"]:  # both real dates (not TODO, not malformed)
        problems.append(Problem(path, value["_lines"]["posted"], f"'posted' ({value['posted']}) "
                                f"is before the seminar's 'date' ({value['date']})",
                                "the day the report was published"))
    if schema is SEMINAR:
        problems.extend(_recording_problems(value, path))
    if problems:
        raise SeedError(problems)
    return value


def _recording_problems(value: dict, path: str) -> list[Problem]:
    """A recording's address is on its platform's site; a time needs a recording."""
    out = []
    recording = value.get("recording") or {}
    platform, url = recording.get("platform"), recording.get("url")
    if platform and url:
        host = urllib.parse.urlsplit(url).hostname or ""
        hosts = PLATFORMS[platform]
        if not any(host == h or host.endswith("." + h) for h in hosts):
            out.append(Problem(path, recording["_lines"]["url"], f"'recording.url' is not an "
                               f"address on {platform} ('{host}')",
                               "an address on " + " or ".join(hosts)))
    if not recording:
        for kind in ("talks", "questions"):
            for n, entry in enumerate(value.get(kind) or [], 1):
                if entry.get("start"):
                    out.append(Problem(path, entry["_lines"]["start"], f"'{kind}[{n}].start' "
                                       "is given but the seminar has no 'recording'",
                                       "a 'recording:' with 'url' and 'platform'"))
    return out


def _check(node: Node, schema: dict, path: str, problems: list[Problem], where: str):
    if not isinstance(node.value, dict):
        problems.append(Problem(path, node.line, f"{where or 'the file'} must be a mapping",
                                "keys " + ", ".join(schema)))
        return {}
    out = {}
    for key, child in node.value.items():
        if key not in schema:
            close = difflib.get_close_matches(key, list(schema), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(schema)
            problems.append(Problem(path, node.key_lines[key],
                                    f"unknown key '{key}'" + (f" in {where}" if where else ""), hint))
            continue
        out[key] = _kind(child, schema[key][1], path, problems, f"{where}.{key}".strip("."))
    out["_lines"] = dict(node.key_lines)  # where each key was written, for later messages
    for key, (required, _) in schema.items():
        if required and key not in node.value:
            problems.append(Problem(path, node.line, f"missing key '{key}'"
                                    + (f" in {where}" if where else ""),
                                    "every " + (where.split(".")[-1] if where else "data file")
                                    + " needs it"))
    return out


def _kind(node: Node, kind, path: str, problems: list[Problem], where: str):
    if _todo(node, path, problems, where):
        return ""
    if isinstance(kind, dict):  # a nested mapping with keys of its own
        return _with_line(_check(node, kind, path, problems, where), node.line)
    if isinstance(kind, tuple):  # ("map", schema) or ("list", schema)
        container, schema = kind
        if container == "map":
            if not isinstance(node.value, dict):
                problems.append(Problem(path, node.line, f"'{where}' must be a mapping of ids"))
                return {}
            for k in node.value:  # a map's keys are ids (people): slugs too
                why = slug_problem(k)
                if why:
                    problems.append(Problem(path, node.key_lines[k], f"{why} in '{where}'",
                                            SLUG_EXPECTED))
            # an entry's line is the line of its id
            return {k: _with_line(_check(v, schema, path, problems, f"{where}.{k}"),
                                  node.key_lines[k])
                    for k, v in node.value.items()}
        if not isinstance(node.value, list):
            problems.append(Problem(path, node.line, f"'{where}' must be a list"))
            return []
        return [_with_line(_check(v, schema, path, problems, f"{where}[{i + 1}]"), v.line)
                for i, v in enumerate(node.value)]
    value = node.value
    if kind == TEXT:
        if isinstance(value, dict) and set(value) == {"zh", "en"}:
            return {lang: _scalar(value[lang], path, problems, f"{where}.{lang}")
                    for lang in ("zh", "en")}
        problems.append(Problem(path, node.line, f"'{where}' must give both languages",
                                "zh: ... and en: ..."))
        return {"zh": "", "en": ""}
    if kind == "list":
        if not isinstance(value, list):
            problems.append(Problem(path, node.line, f"'{where}' must be a list", "[a, b]"))
            return []
        return [_scalar(v, path, problems, where) for v in value]
    if kind == "int":
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_NUMBER:
            return value
        problems.append(Problem(path, node.line, f"'{where}' must be a whole number "
                                f"from 1 to {MAX_NUMBER}", f"not {value!r}"))
        return 0
    if kind == "date":
        if isinstance(value, datetime.datetime):
            value = value.date()
        if not isinstance(value, datetime.date):
            try:  # a quoted date, "2021-01-09", is a date too
                value = datetime.date.fromisoformat(str(value))
            except ValueError:
                value = None
        if value is not None and FIRST_YEAR <= value.year <= LAST_YEAR:
            return value.isoformat()
        problems.append(Problem(path, node.line, f"'{where}' must be a date from {FIRST_YEAR} "
                                f"to {LAST_YEAR}", "YYYY-MM-DD"))
        return ""
    if kind in WRITTEN:
        return _written(node, kind, path, problems, where)
    if kind == "slug":
        text = _scalar(node, path, problems, where)
        why = slug_problem(text) if text else None
        if why:
            problems.append(Problem(path, node.line, f"{why} in '{where}'", SLUG_EXPECTED))
        return text
    return _scalar(node, path, problems, where)


def _todo(node: Node, path: str, problems: list[Problem], where: str) -> bool:
    if not (isinstance(node.value, str) and TODO.search(node.value)):
        return False
    key = re.sub(r"\[\d+\]$", "", where.rsplit(".", 1)[-1])
    problems.append(Problem(path, node.line, f"'{where}' is still TODO",
                            TODO_EXPECTED.get(key, "the value: see CONTRIBUTING.md")))
    return True


def _scalar(node: Node, path: str, problems: list[Problem], where: str) -> str:
    if _todo(node, path, problems, where):
        return ""
    if isinstance(node.value, (dict, list)) or node.value is None:
        problems.append(Problem(path, node.line, f"'{where}' must be plain text"))
        return ""
    if isinstance(node.value, bool):  # YAML reads yes, no, on, off... as true or false
        problems.append(Problem(path, node.line, f"'{where}' is read as {node.value}, "
                                "not as text", "quote it: \"no\""))
        return ""
    text = str(node.value).strip()
    # names and titles are one line each; a line break or control character would change
    # the Markdown around them (a heading cut in two) or hide text
    bad = CONTROL.search(text)
    if bad:
        problems.append(Problem(path, node.line, f"'{where}' holds a line break or control "
                                f"character (U+{ord(bad[0]):04X})", "text on one line"))
        return ""
    if not text:
        problems.append(Problem(path, node.line, f"'{where}' is empty", "some text"))
    return text


# Kinds read as written and checked against a form: kind -> (form, what was expected).
WRITTEN = {
    "time": (TIME, "a time in the recording as H:MM:SS, e.g. 1:23:45"),
    "arxiv": (ARXIV, "an arXiv identifier such as 1709.02371"),
    "doi": (DOI, "a DOI such as 10.1109/CVPR.2018.00931, without https://doi.org/"),
    "url": (None, "a web address, https://host/path"),
    "platform": (None, "one of: " + ", ".join(PLATFORMS)),
}


def _written(node: Node, kind: str, path: str, problems: list[Problem], where: str) -> str:
    text = _scalar(node, path, problems, where)
    if not text:
        return ""
    if node.raw is not None and not isinstance(node.value, str):
        text = node.raw.strip()  # a number to YAML, but written as a time or an id
    form, expected = WRITTEN[kind]
    if kind == "url":
        ok = url_problem(text) is None
    elif kind == "platform":
        ok = text in PLATFORMS
    else:
        ok = bool(form.fullmatch(text))
    if not ok:
        why = url_problem(text) if kind == "url" else None
        problems.append(Problem(path, node.line, f"'{where}' is not {_KIND_NAMES[kind]}: "
                                f"'{text}'" + (f" ({why})" if why else ""), expected))
        return ""
    return text


_KIND_NAMES = {"time": "a time", "arxiv": "an arXiv identifier", "doi": "a DOI",
               "url": "a web address", "platform": "a known video platform"}


def url_problem(text: str) -> str | None:
    """Why `text` cannot be a link to another site, or None when it can."""
    if len(text) > MAX_URL:
        return f"longer than {MAX_URL} characters"
    bad = NOT_IN_URL.search(text)
    if bad:
        return f"it holds {bad[0]!r}: percent-encode it"
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("https", "http"):
        return "it must start with https:// or http://"
    if not parts.hostname or "." not in parts.hostname:
        return "it names no host"
    return None


def seconds(time: str) -> int:
    """A checked H:MM:SS time as a number of seconds."""
    h, m, s = TIME.fullmatch(time).groups()
    return int(h) * 3600 + int(m) * 60 + int(s)


def _with_line(value: dict, line: int) -> dict:
    value["_line"] = line
    return value
