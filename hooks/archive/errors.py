"""Problems in a seed or its data file, reported as `seeds/<file>:<line>: <what> (<expected>)`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str  # as the contributor knows it, e.g. "seeds/2021-01-09-topic.txt"
    line: int  # 1-based; 0 when the problem concerns the whole file
    what: str
    expected: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        tail = f" ({self.expected})" if self.expected else ""
        return f"{where}: {self.what}{tail}"


class SeedError(Exception):
    """One or more problems that stop a seminar from being built."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
