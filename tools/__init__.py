"""The organisers' commands, run from the project's folder (`python -m tools.check`).

They import the archive package by the one name the MkDocs hook and the tests use, `archive`
(MkDocs puts hooks/ on the path while it loads the hook; pytest.ini does for the tests): a
second name, `hooks.archive`, would load every module twice, with two `SeedError` classes
that do not catch each other's errors.
"""

import sys
from pathlib import Path

HOOKS = str(Path(__file__).resolve().parent.parent / "hooks")
if HOOKS not in sys.path:
    sys.path.insert(0, HOOKS)
