"""How long reading a large data file takes: the real seminar's data file with N extra people
(each named in one added line of the report, so every check runs on them).

    python -m bench.datafile            # 10,000 people (about 1 MB), median of 5 runs
    python -m bench.datafile 2000 3     # 2,000 people, median of 3 runs

Run from the project's folder, like the organisers' tools.

Reports the file's size and the median time of datafile.load + parse.parse, the part of a
build (and of tools/check.py) that grows with the data file.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import tools  # noqa: F401 (puts hooks/ on the path: the archive package has one name)
from archive import datafile, parse

ROOT = Path(__file__).resolve().parent.parent

SEED = ROOT / "seeds" / "2021-01-09-low-level-vision.txt"


def project(n: int) -> tuple[str, str]:
    """(report, data file) with n more people, each mentioned once in the introduction."""
    report = SEED.read_text(encoding="utf-8")
    data = SEED.with_suffix(".yml").read_text(encoding="utf-8")
    people = "".join(
        f"  extra-person-{i}:\n"
        f"    name: {{zh: 嘉宾{i}号, en: Guest Number {i}}}\n"
        f"    aliases: [Guest {i}]\n"
        f"    affiliation: {{zh: 某大学第{i}研究所, en: Institute {i} of Some University}}\n"
        for i in range(n))
    data = data.replace("\npeople:\n", "\npeople:\n" + people, 1)
    names = "、".join(f"嘉宾{i}号" for i in range(n))
    marker = "计算机视觉专委会B站公众号"
    report = report.replace(marker, f"与会者还有{names}。{marker}", 1)
    return report, data


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 10_000
    runs = int(argv[1]) if len(argv) > 1 else 5
    report, data = project(n)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        parsed = datafile.load(data, "seeds/x.yml")
        parse.parse(report, parsed, "seeds/x.txt")
        times.append(time.perf_counter() - started)
    size = len(data.encode("utf-8"))
    print(f"{n} people, data file {size / 1e6:.2f} MB: median {statistics.median(times):.2f} s "
          f"over {runs} runs (min {min(times):.2f}, max {max(times):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
