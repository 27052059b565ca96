"""Problems in a seed or its data file, reported as `seeds/<file>:<line>: <what> (<expected>)`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str  # as the contributor knows it, e.g. "seeds/2021-01-09-topic.txt"
    line: int  # 1-based; 0 when the problem concerns the whole file
    what: str
    expected: str = ""
    # where the same thing is also written, "seeds/<other>:<line>", for a problem across files
    also: str = ""

    def __str__(self) -> str:
        where = located(self.path, self.line)
        notes = ([f"also in {self.also}"] if self.also else []) + (
            [self.expected] if self.expected else [])
        tail = f" ({'; '.join(notes)})" if notes else ""
        return f"{where}: {self.what}{tail}"


def located(path: str, line: int) -> str:
    """`path:line`, as a message names a place."""
    return f"{path}:{line}" if line else path


class SeedError(Exception):
    """One or more problems that stop a seminar from being built."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
