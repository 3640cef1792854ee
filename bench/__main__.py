"""Run every benchmark in bench/, each in a process of its own, and judge its figures.

`python -m bench` (or `make bench`) runs every `bench_*.py` module; `python -m bench workforce
import` runs only those named. Each module runs as `python -m bench.<name>` in a fresh
interpreter: the ones that need Django set it up on a temporary SQLite database of their own
and remove it at the end, so no benchmark sees another's settings or database.

A printed line that ends with its target, e.g. `metrics (best of 5): 420 ms  (target < 1 s)`
or, naming where the target comes from, `first view: 2.1 s  (target < 5 s, issue 22)`, is a
figure: the first number after the line's last `: ` before the target is compared with it (ms
and s, MB and GB are converted), and OK or OVER is added to the line. A benchmark that fails (an
exception, a non-zero exit, or more time than its limit) is reported and the next one runs; the
exit status is 1 if any benchmark failed to run. A figure over its target is reported (OVER),
not a failure.

The time limit is BENCH_TIMEOUT seconds when set; otherwise a module's own `timeout(scale)`
for BENCH_SCALE (the benchmarks that load the synthetic nation and wait for the worker's
passes), else 1,800 s.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import platform
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

import bench

#: `(target < 5 s)`, or with its source after a comma: `(target < 5 s, issue 22)`
TARGET = re.compile(
    r"\(target\s*(?P<op><=|≤|<)\s*(?P<value>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>ms|s|MB|GB)?\s*"
    r"(?:,[^()]*)?\)\s*$"
)
DEFAULT_TIMEOUT = 1_800.0
#: how long a benchmark stopped for its time limit may take to clean up (bench/live.py gives
#: the worker 120 s to stop between two steps)
STOP_GRACE = 180.0
NUMBER = re.compile(r"(?P<value>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>ms|s|MB|GB)?\b")
SCALE = {"ms": ("time", 0.001), "s": ("time", 1.0), "MB": ("memory", 1.0), "GB": ("memory", 1e3)}


@dataclass
class Figure:
    benchmark: str
    line: str
    verdict: str  # OK, OVER or ? (the figure could not be read)


def _quantity(value: str, unit: str | None) -> tuple[str, float]:
    kind, factor = SCALE.get(unit or "", ("plain", 1.0))
    return kind, float(value.replace(",", "")) * factor


def judge(line: str) -> str | None:
    """OK, OVER or ? for a line with a target; None for any other line."""
    target = TARGET.search(line)
    if target is None:
        return None
    before = line[: target.start()]
    label_end = before.rfind(": ")
    figure = NUMBER.search(before, label_end + 2 if label_end >= 0 else 0)
    if figure is None:
        return "?"
    kind, value = _quantity(figure["value"], figure["unit"])
    target_kind, limit = _quantity(target["value"], target["unit"])
    if kind != target_kind:
        return "?"
    within = value <= limit if target["op"] in ("<=", "≤") else value < limit
    return "OK" if within else "OVER"


def run(name: str, timeout: float) -> tuple[int | None, list[Figure]]:
    """Run one benchmark module in its own interpreter, echoing its output with verdicts.
    Returns its exit code (None on timeout) and its figures."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and a bench module name
        [sys.executable, "-m", f"bench.{name}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    timed_out = threading.Event()

    def stop() -> None:
        """SIGTERM first, so that a benchmark stops the processes it started (gunicorn, the
        worker: each in a session of its own, which a SIGKILL of ours would leave running)
        and removes its database; SIGKILL after STOP_GRACE seconds."""
        timed_out.set()
        process.terminate()
        try:
            process.wait(timeout=STOP_GRACE)
        except subprocess.TimeoutExpired:
            process.kill()

    timer = threading.Timer(timeout, stop)
    timer.start()
    figures: list[Figure] = []
    try:
        assert process.stdout is not None
        for raw in process.stdout:
            line = raw.rstrip("\n")
            verdict = judge(line)
            if verdict is None:
                print(line, flush=True)
            else:
                print(f"{line}  {verdict}", flush=True)
                figures.append(Figure(name, line.strip(), verdict))
        code = process.wait()
    finally:
        timer.cancel()
    return (None if timed_out.is_set() else code), figures


def time_limit(name: str) -> float:
    """BENCH_TIMEOUT when set; else the module's own `timeout(scale)`; else the default."""
    if os.environ.get("BENCH_TIMEOUT"):
        return float(os.environ["BENCH_TIMEOUT"])
    own = getattr(importlib.import_module(f"bench.{name}"), "timeout", None)
    if own is None:
        return DEFAULT_TIMEOUT
    return float(own(int(os.environ.get("BENCH_SCALE", "1"))))


def cores() -> str:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    total = os.cpu_count()
    if usable is None or usable == total:
        return f"{total}"
    return f"{usable} usable of {total}"


def main(argv: list[str]) -> int:
    available = sorted(
        m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_")
    )
    wanted = [a if a.startswith("bench_") else f"bench_{a}" for a in argv]
    unknown = [w for w in wanted if w not in available]
    if unknown:
        print(f"No such benchmark: {', '.join(unknown)} (there are {', '.join(available)})")
        return 2
    names = wanted or available
    print(
        f"cores: {cores()}; Python {platform.python_version()} on {platform.machine()}, "
        f"{platform.system()} {platform.release()}",
        flush=True,
    )
    if not names:
        print("No benchmarks yet.")
        return 0
    figures: list[Figure] = []
    failed: list[str] = []
    durations: dict[str, float] = {}
    for name in names:
        print(f"\n== {name}", flush=True)
        started = time.perf_counter()
        timeout = time_limit(name)
        code, found = run(name, timeout)
        durations[name] = time.perf_counter() - started
        figures.extend(found)
        if code is None:
            print(f"!! {name} stopped after {timeout:.0f} s (BENCH_TIMEOUT)", flush=True)
            failed.append(f"{name} (timed out after {timeout:.0f} s)")
        elif code != 0:
            print(f"!! {name} failed (exit {code}); going on with the others", flush=True)
            failed.append(f"{name} (exit {code})")
    print(f"\n== summary ({cores()} cores)")
    for figure in figures:
        print(f"{figure.verdict:<4}  {figure.benchmark}: {figure.line}")
    over = sum(f.verdict == "OVER" for f in figures)
    print(
        f"{len(figures)} figures against targets: {len(figures) - over} OK, {over} over; "
        f"{len(names) - len(failed)} of {len(names)} benchmarks ran "
        f"({sum(durations.values()):.0f} s in all)"
    )
    if failed:
        print(f"failed to run: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
