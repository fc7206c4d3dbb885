"""The wall clock of one ``sphinx-build``, in this process: when each Sphinx event is
first emitted, the time spent in its handlers, the time Python's garbage collector
took (and how many collections). Run it under ``/usr/bin/time``: the wall clock
after the last line is the interpreter's exit.

    .venv/bin/python bench/timeline.py [--gc-threshold N,N,N] [--handlers] -- SPHINX-BUILD-ARGUMENTS

For example, a rebuild after one edit of a migrated handbook in /tmp/hb:

    .venv/bin/python bench/timeline.py -- -b dirhtml -c . -j 3 -q /tmp/hb/docs /tmp/hb/html

Times are seconds since this script started. With ``-j N`` the forked readers and
writers collect garbage too; only this process's collections are counted (``-j 1``
counts them all). ``--gc-threshold`` sets ``gc.set_threshold`` first, to weigh the
collector's time against the memory ``/usr/bin/time -v`` reports. ``--handlers`` adds
each event handler's own time in this process (those over 5 ms), slowest first.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time

STARTED = time.perf_counter()


def since() -> float:
    return time.perf_counter() - STARTED


class CollectorClock:
    """``gc.callbacks`` entry adding up the collections' time."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.collections = 0
        self._start = 0.0
        #: (seconds since the start, seconds taken, generation) of each collection
        self.log: list[tuple[float, float, int]] = []

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            taken = time.perf_counter() - self._start
            self.seconds += taken
            self.collections += 1
            self.log.append((self._start - STARTED, taken, info["generation"]))

    def between(self, start: float, end: float) -> str:
        """The collections that began in [start, end): seconds, and counts per generation."""
        inside = [(taken, generation) for began, taken, generation in self.log if start <= began < end]
        if not inside:
            return ""
        counts = [sum(1 for _, g in inside if g == generation) for generation in range(3)]
        return f"   gc {sum(t for t, _ in inside):.3f} s ({'/'.join(map(str, counts))})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gc-threshold", help="gc.set_threshold values, comma-separated")
    parser.add_argument("--handlers", action="store_true", help="time each event handler")
    parser.add_argument("sphinx_args", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    if args.gc_threshold:
        gc.set_threshold(*map(int, args.gc_threshold.split(",")))
    clock = CollectorClock()
    gc.callbacks.append(clock)

    import sphinx.events
    from sphinx.cmd.build import main as sphinx_build

    events: dict[str, list[float]] = {}
    emit = sphinx.events.EventManager.emit

    def timed_emit(self, name, *arguments, **keywords):
        first = since()
        try:
            return emit(self, name, *arguments, **keywords)
        finally:
            events.setdefault(name, [first, 0.0])[1] += since() - first

    sphinx.events.EventManager.emit = timed_emit
    handlers: dict[str, float] = {}
    if args.handlers:
        connect = sphinx.events.EventManager.connect

        def timed_connect(self, name, callback, priority):
            label = f"{name}: {getattr(callback, '__module__', '?')}.{getattr(callback, '__qualname__', callback)}"

            def timed_callback(*arguments, **keywords):
                first = time.perf_counter()
                try:
                    return callback(*arguments, **keywords)
                finally:
                    handlers[label] = handlers.get(label, 0.0) + time.perf_counter() - first

            timed_callback.__wrapped__ = callback  # type: ignore[attr-defined]  # for inspect.unwrap
            return connect(self, name, timed_callback, priority)

        sphinx.events.EventManager.connect = timed_connect
    status = sphinx_build([a for a in args.sphinx_args if a != "--"])
    timeline = sorted(events.items(), key=lambda item: item[1][0])
    print(f"  0.000  {'':19}  start{clock.between(0.0, timeline[0][1][0] if timeline else since())}", file=sys.stderr)
    for index, (name, (first, spent)) in enumerate(timeline):
        until = timeline[index + 1][1][0] if index + 1 < len(timeline) else since()
        print(f"{first:7.3f}  {spent:6.3f} in handlers  {name}{clock.between(first, until)}", file=sys.stderr)
    print(f"{since():7.3f}  sphinx-build returned {status}", file=sys.stderr)
    for label, spent in sorted(handlers.items(), key=lambda item: -item[1]):
        if spent >= 0.005:
            print(f"  {spent:6.3f}  {label}", file=sys.stderr)
    print(f"garbage collector: {clock.seconds:.3f} s in {clock.collections} collections"
          " (after each event: the collections until the next, per generation 0/1/2)", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
