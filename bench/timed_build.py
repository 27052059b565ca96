"""A build with the hook's handlers timed, for the benchmarks (the hook keeps no timings).

    python bench/timed_build.py build --strict -d /tmp/site     # from the project's folder

Runs the engine's own command line (`mkdocs`, or SITE_ENGINE's) in this process, with each
handler of hooks/seminar_site.py wrapped in a timer as the engine registers it; at the end it
prints to stderr `seminar_site hook: <s> s in all languages (<handler> <s> s, ...)`, the
seconds spent in the hook's handlers over every language build (bench/quality.py reads it).
"""

from __future__ import annotations

import functools
import importlib
import sys
import time

from harness import ENGINE

HOOK = "hooks/seminar_site.py"  # as mkdocs.yml names it: the engine registers it by that name
LINE = "seminar_site hook: {total:.3f} s in all languages ({detail})"


def timed(method, name: str, seconds: dict[str, float]):
    @functools.wraps(method)
    def handler(*args, **kwargs):
        started = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started

    # the engine orders an event's handlers by this attribute, read when it registers them
    handler.mkdocs_priority = getattr(method, "mkdocs_priority", 0)
    return handler


def time_hook(seconds: dict[str, float]) -> None:
    """From now on, the engine registers the hook's handlers timed into `seconds`."""
    plugins = importlib.import_module(f"{ENGINE}.plugins")
    register = plugins.PluginCollection._register_event

    def register_timed(self, event_name, method, plugin_name=None):
        if plugin_name == HOOK and not isinstance(method, plugins.CombinedEvent):
            method = timed(method, f"on_{event_name}", seconds)
        register(self, event_name, method, plugin_name)

    plugins.PluginCollection._register_event = register_timed


def main(argv: list[str]) -> None:
    seconds: dict[str, float] = {}
    cli = importlib.import_module(f"{ENGINE}.__main__").cli  # ProperDocs aliases mkdocs.* here
    time_hook(seconds)
    try:
        cli.main(args=argv, prog_name=ENGINE)
    finally:
        detail = ", ".join(f"{k} {v:.3f} s" for k, v in sorted(seconds.items()))
        print(LINE.format(total=sum(seconds.values()), detail=detail), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
