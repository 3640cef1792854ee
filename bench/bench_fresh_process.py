"""The pages users outside the services open, as they meet them (issue 22, item 8): the first
request in a new web process after a register change, and every request while the worker
refreshes the figures.

    BENCH_SCALE=1 (default): today's nation (`laget demo --national`) in a temporary SQLite
    database. BENCH_SCALE=10 BENCH_DATABASE_URL=postgres://…: ten times it in that database
    (loaded there, or used as it is when it holds the nation already; BENCH_LOAD=1 loads it
    again). BENCH_WORKERS=watch,force also measures the pages under a one-off
    `laget refresh-counts --force` (not at lower priority), after the worker's own loop.

In order, each in processes of its own as in production:
1. load the nation (timed, building the inputs and the demo's own refresh included);
2. start gunicorn (2 workers), log in through the form as `nasjonal` and
   `statsforvalter.trondelag` and request their overviews (services, competence, workforce)
   round after round: first with no worker running, then after a register change while the
   worker (`laget refresh-counts --watch 10`, which runs at nice 10) makes its pass, until the
   pass is done (or PASS_LIMIT has passed: the figure is printed all the same). Prints p50,
   p95 and max of each (target p95 < 1 s while the worker runs: Laget's own, the page target
   of bench_pages; issue 22 says the worker must not slow pages and sets no number), the
   pass's seconds and peak memory, and the web workers' peak memory (target < 500 MB, the
   load test's, bench/load/run.py);
3. after that pass, another register change, then for each page a new gunicorn: log in and
   time the page's first request (every single time, target < 1 s, the same page target: in
   a new process the first request is the figure; issue 22's «no page waits for a refresh»),
   then three more in the same server (either worker may answer them, so one of them may be
   that worker's first).
Fails if any page answered anything but 200, or said «ikke beregnet ennå» after the pass.
"""

from __future__ import annotations

import os
import re
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.live import (
    MEMORY_TARGET,
    PAGE_TARGET,
    Browser,
    Failed,
    describe_database,
    environment,
    machine_load,
    nation_ready,
    peak_mb,
    percentile,
    register_change,
    stop_on_sigterm,
    web,
    worker,
)

#: (user, label, path): the national overviews and the same for a county governor's office
PAGES = [
    ("nasjonal", "services overview", "/tjenester/"),
    ("nasjonal", "competence overview", "/kompetanse/"),
    ("nasjonal", "workforce overview", "/bemanning/"),
    ("statsforvalter.trondelag", "services overview", "/tjenester/"),
    ("statsforvalter.trondelag", "competence overview", "/kompetanse/"),
    ("statsforvalter.trondelag", "workforce overview", "/bemanning/"),
]
#: rounds of every page before timing them with no worker running: with two workers, a
#: page's first round may reach only one of them
WARM_ROUNDS = 3
BASELINE_ROUNDS = 5
#: requests after the first in each new process (either worker may answer them)
AFTER_FIRST = 3
#: bounds on the requests made while the worker runs: the pass of the nation ×1 took 1,000 s
#: niced on this 2-core machine while other work kept it busy (load average 8)
DURING_REQUESTS = 100_000
PASS_DONE = re.compile(r"revisjon (\d+): ([\d.]+) s")


@dataclass
class Requests:
    times: list[float] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    not_computed: list[str] = field(default_factory=list)
    outdated: int = 0

    def add(self, label: str, answer) -> None:
        self.times.append(answer.seconds)
        if answer.status != 200:
            self.failed.append(f"{label}: {answer.status}")
        elif answer.not_computed:
            self.not_computed.append(label)
        self.outdated += answer.outdated

    def summary(self) -> str:
        return (
            f"{len(self.times)} requests, p50 {percentile(self.times, 50):.2f} s, "
            f"max {max(self.times):.2f} s"
        )


def pass_limit(scale: int) -> float:
    """How long the requests go on while the worker's pass runs, at most (seconds)."""
    return 2_400.0 * max(1, scale)


def timeout(scale: int) -> float:
    """`python -m bench`'s time limit for this benchmark: the nation's load (with its own
    refresh), the pass, and the rest."""
    return 2 * pass_limit(scale) + 1_800.0


def main() -> None:
    from bench.bench_import import bench_database

    stop_on_sigterm()
    scale = int(os.environ.get("BENCH_SCALE", "1"))
    modes = [m.strip() for m in os.environ.get("BENCH_WORKERS", "watch").split(",") if m.strip()]
    print(machine_load(), flush=True)
    with bench_database("laget-bench-fresh-") as directory:
        problems = _run(scale, Path(directory), modes)
    print(f"after the run: {machine_load()}", flush=True)
    if problems:
        raise Failed("; ".join(problems))


def _run(scale: int, directory: Path, modes: list[str]) -> list[str]:
    env = environment(str(directory))
    nation_ready(scale, env, directory / "demo.log")
    describe_database()
    problems: list[str] = []
    with web(env, directory / "gunicorn-during.log") as server:
        browsers = {user: Browser(server.base) for user in dict.fromkeys(u for u, _, _ in PAGES)}
        for user, browser in browsers.items():
            browser.log_in(user)
        for _ in range(WARM_ROUNDS):  # each worker process reads the stored set once
            for user, _label, path in PAGES:
                browsers[user].get(path)
        quiet = Requests()
        for _ in range(BASELINE_ROUNDS):
            for user, _label, path in PAGES:
                quiet.add(f"{user} {path}", browsers[user].get(path))
        print(
            f"pages with no worker running ({quiet.summary()}), "
            f"p95: {percentile(quiet.times, 95):.2f} s",
            flush=True,
        )
        problems += [f"before the pass: {f}" for f in quiet.failed]
        for mode in modes:
            problems += _during(mode, env, browsers, pass_limit(scale))
        peaks = server.workers_peak_mb()
        print(
            f"the gunicorn workers' peak memory (VmHWM; {', '.join(f'{p:.0f}' for p in peaks)} "
            f"MB), largest: {max(peaks, default=0):.0f} MB  {MEMORY_TARGET}",
            flush=True,
        )
    problems += _first_requests(env, directory)
    return problems


def _during(
    mode: str, env: dict[str, str], browsers: dict[str, Browser], limit: float
) -> list[str]:
    """Request the pages round after round while a pass runs: the worker's loop after a
    change (`watch`), or a one-off forced pass (`force`); for `limit` seconds at most (the
    figure is printed all the same, and the unfinished pass reported)."""
    revision = register_change(f"Under-{mode}")
    args = ["--watch", "10"] if mode == "watch" else ["--force"]
    label = "the worker's pass after a change" if mode == "watch" else "`refresh-counts --force`"
    during = Requests()
    begun = time.perf_counter()
    with worker(args, env) as (process, output):
        deadline = time.monotonic() + limit
        done = None
        worker_peak = 0.0
        while len(during.times) < DURING_REQUESTS and time.monotonic() < deadline:
            done = output.first(PASS_DONE.search) if mode == "watch" else None
            if done or process.poll() is not None:
                break
            worker_peak = max(worker_peak, peak_mb(process.pid))
            for user, page, path in PAGES:
                during.add(f"{user} {page}", browsers[user].get(path))
        seconds = time.perf_counter() - begun
        finished = done is not None if mode == "watch" else process.poll() is not None
        problems = [] if finished else [f"{label} did not finish within {limit:.0f} s"]
        if mode == "force" and finished and process.returncode != 0:
            problems.append(f"{label} exited {process.returncode}: {output.lines[-5:]}")
    nice = "nice 10" if mode == "watch" else "not niced"
    if not finished:
        own = f"not done after {seconds:.0f} s (stopped at the limit)"
    else:
        own = f"{PASS_DONE.search(done)[2] if done else f'{seconds:.0f}'} s by its own clock"
    print(
        f"{label} ({nice}): {own}, {seconds:.0f} s from its start to its end; revision "
        f"{revision}; the worker's peak memory {worker_peak:.0f} MB",
        flush=True,
    )
    print(f"  {machine_load()}", flush=True)
    if not during.times:
        return [*problems, f"no page was requested during {label}"]
    print(
        f"pages during {label} ({during.summary()}; {during.outdated} said «Registeret er "
        f"endret siden»), p95: {percentile(during.times, 95):.2f} s  {PAGE_TARGET}",
        flush=True,
    )
    return problems + [f"during {label}: {f}" for f in during.failed]


def _first_requests(env: dict[str, str], directory: Path) -> list[str]:
    """After the pass, a change; then each page's first request in a new gunicorn."""
    revision = register_change("Etter-passet")
    print(
        f"first request of each page in a new gunicorn (2 workers) after a register change "
        f"(revision {revision}, the stored figures one older):",
        flush=True,
    )
    problems = []
    firsts = []
    for n, (user, label, path) in enumerate(PAGES):
        with web(env, directory / f"gunicorn-first-{n}.log") as server:
            browser = Browser(server.base)
            browser.log_in(user)
            first = browser.get(path)
            after = [browser.get(path) for _ in range(AFTER_FIRST)]
            peaks = server.workers_peak_mb()
        firsts.append(first.seconds)
        said = "says «Registeret er endret siden»" if first.outdated else "no «endret siden»"
        print(
            f"  {user}, {label} ({path}; {first.status}, {len(first.body) // 1024} KB, {said}; "
            f"then {', '.join(f'{a.seconds:.2f}' for a in after)} s; workers' peak "
            f"{', '.join(f'{p:.0f}' for p in peaks)} MB), first request: {first.seconds:.2f} s  "
            f"{PAGE_TARGET}",
            flush=True,
        )
        for which, answer in enumerate([first, *after]):
            if answer.status != 200:
                problems.append(f"{user} {path} (request {which + 1}): {answer.status}")
            elif answer.not_computed:
                problems.append(f"{user} {path} (request {which + 1}): «ikke beregnet ennå»")
    print(
        f"  ({len(firsts)} first requests: median {statistics.median(firsts):.2f} s, "
        f"max {max(firsts):.2f} s; {machine_load()})",
        flush=True,
    )
    return problems


if __name__ == "__main__":
    main()
