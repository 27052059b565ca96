"""Seminar data files (YAML) read with line numbers, checked against their schema.

A data file holds the facts a report does not carry: slugs, English names, affiliations,
aliases, short question titles. Every key is checked, so a typo names its line.
"""

from __future__ import annotations

import datetime
import difflib

import yaml

from .errors import Problem, SeedError

# What each part of a data file may hold: key -> (required, kind). Kinds: "str", "int",
# "date", "text" (a {zh, en} pair), "list", "map", or a nested schema.
TEXT = "text"
PERSON = {
    "name": (True, TEXT),
    "aliases": (False, "list"),
    "affiliation": (True, TEXT),
}
TALK = {
    "slug": (True, "str"),
    "speaker": (True, "str"),
    "kind": (False, "str"),
    "title": (True, TEXT),
    "topics": (False, TEXT),
    "cue": (False, "str"),
}
QUESTION = {
    "slug": (True, "str"),
    "short": (True, TEXT),
    "topics": (False, TEXT),
    "cue": (False, "str"),
}
GLOSSARY_ENTRY = {
    "id": (True, "str"),
    "zh": (True, "str"),
    "en": (True, "str"),
    "abbr": (False, "str"),
    "variants": (False, "list"),
    "explain": (False, TEXT),
}
GLOSSARY = {"entries": (True, ("list", GLOSSARY_ENTRY))}
SEMINAR = {
    "slug": (True, "str"),
    "number": (True, "int"),
    "date": (True, "date"),
    "posted": (True, "date"),
    "title": (True, TEXT),
    "organiser": (True, TEXT),
    "source": (True, TEXT),
    "chair": (True, "str"),
    "people": (True, ("map", PERSON)),
    "talks": (True, ("list", TALK)),
    "questions": (False, ("list", QUESTION)),
}


class Node:
    """A YAML value with the line it was written on."""

    def __init__(self, value, line: int, key_lines: dict | None = None):
        self.value = value
        self.line = line
        self.key_lines = key_lines or {}


# libyaml when PyYAML has it (its wheels do): data files are read on every build
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALARS = yaml.SafeLoader("")  # turns one scalar node into its value (int, date, str...)
STR = "tag:yaml.org,2002:str"


def _scalar_value(node: yaml.ScalarNode):
    # most values are text, which the composer has already resolved: no constructor needed
    return node.value if node.tag == STR else _SCALARS.construct_object(node)


def _plain(node: yaml.Node, path: str) -> Node:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out, key_lines = {}, {}
        for k, v in node.value:
            key = str(_scalar_value(k)) if isinstance(k, yaml.ScalarNode) else None
            if key is None:
                raise SeedError(Problem(path, k.start_mark.line + 1, "a key must be plain text"))
            if key in out:
                raise SeedError(Problem(path, k.start_mark.line + 1, f"key '{key}' appears twice"))
            out[key] = _plain(v, path)
            key_lines[key] = k.start_mark.line + 1
        return Node(out, line, key_lines)
    if isinstance(node, yaml.SequenceNode):
        return Node([_plain(v, path) for v in node.value], line)
    return Node(_scalar_value(node), line)


def load(text: str, path: str, schema: dict = SEMINAR) -> dict:
    """Parse and check a data file; return plain Python values (dates as ISO strings)."""
    try:
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
    if problems:
        raise SeedError(problems)
    return value


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
    if isinstance(kind, tuple):  # ("map", schema) or ("list", schema)
        container, schema = kind
        if container == "map":
            if not isinstance(node.value, dict):
                problems.append(Problem(path, node.line, f"'{where}' must be a mapping of ids"))
                return {}
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
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        problems.append(Problem(path, node.line, f"'{where}' must be a whole number"))
        return 0
    if kind == "date":
        if isinstance(value, datetime.date):
            return value.isoformat()
        try:  # a quoted date, "2021-01-09", is a date too
            return datetime.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            pass
        problems.append(Problem(path, node.line, f"'{where}' must be a date", "YYYY-MM-DD"))
        return ""
    return _scalar(node, path, problems, where)


def _scalar(node: Node, path: str, problems: list[Problem], where: str) -> str:
    if isinstance(node.value, (dict, list)) or node.value is None:
        problems.append(Problem(path, node.line, f"'{where}' must be plain text"))
        return ""
    return str(node.value)


def _with_line(value: dict, line: int) -> dict:
    value["_line"] = line
    return value
