"""Load test runner (`make loadtest`): gunicorn on the database in DATABASE_URL, every page
warmed once, then locust headless, then the figures against their targets.

    DATABASE_URL=sqlite:////tmp/load.sqlite3 make loadtest

The database must hold the demo data (`laget migrate && laget demo`; never a production
database: the demo users have a published password). Settings, from the environment:

    LOAD_USERS       simulated users at once                    20
    LOAD_SPAWN_RATE  users started per second                    2
    LOAD_DURATION    how long locust runs (locust's -t)          3m
    LOAD_WORKERS     gunicorn sync workers                       3
    LOAD_THINK_MIN   seconds a user reads a page, at least       5
    LOAD_THINK_MAX   … and at most                               15
    LOAD_OUT         where requests.csv and the logs go          a new temporary directory

Prints p50/p95/p99 per page type (exact, from every request locust made; the warm-up is not
counted), over all page views and over all requests, the errors, and the peak resident memory
(VmHWM) of each gunicorn worker. Targets: p95 of the page views < 1.5 s at 20 users (the
login post, slow on purpose with Argon2 and once per working day, is shown but left out of
it), no errors, worker memory < 500 MB. The exit status is 1 only if the test could not run
(the server did not start, a page failed in the warm-up, locust made no requests); a figure
over its target is printed as OVER.
"""

from __future__ import annotations

import csv
import math
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import requests
from laget_pages import (
    LOGIN,
    PASSWORD,
    ROLES,
    SERVICE,
    SERVICE_PAGES,
    csrf_token,
    links,
    loaded_by_htmx,
    merge,
)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
BIN = Path(sys.executable).parent
P95_TARGET = 1.5  # seconds
MEMORY_TARGET = 500  # MB


class Failed(Exception):
    """The load test could not run."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _kb(status: str, key: str) -> int:
    for line in status.splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


class WorkerMemory:
    """Samples the gunicorn workers (the master's children) every second: VmHWM, the peak
    resident memory the kernel keeps for each process, and how many workers there were."""

    def __init__(self, master: int) -> None:
        self.master = master
        self.peak_kb: dict[int, int] = {}
        self.rss_kb: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def workers(self) -> list[int]:
        try:
            children = Path(f"/proc/{self.master}/task/{self.master}/children").read_text()
            return [int(pid) for pid in children.split()]
        except OSError:
            pids = []
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    fields = stat.read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == self.master:
                    pids.append(int(stat.parent.name))
            return pids

    def sample(self) -> None:
        for pid in self.workers():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            self.peak_kb[pid] = max(self.peak_kb.get(pid, 0), _kb(status, "VmHWM"))
            self.rss_kb[pid] = _kb(status, "VmRSS")

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            self.sample()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.sample()
        self._stop.set()
        self._thread.join()


def server_env() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "laget.settings.production",
        "DEBUG": "0",
        "LAGET_HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECRET_KEY": os.environ.get("SECRET_KEY")
        or "loadtest-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    }


def check_database() -> None:
    """The database is migrated (a page on a missing table would be an error under load)."""
    check = subprocess.run(  # noqa: S603
        [str(BIN / "laget"), "migrate", "--check"],
        cwd=REPO,
        env=server_env(),
        capture_output=True,
        text=True,
    )
    if check.returncode != 0:
        raise Failed(
            "DATABASE_URL is not migrated (or cannot be opened): run `laget migrate` on it "
            f"first.\n{(check.stdout + check.stderr).strip()[-2000:]}"
        )


def start_server(port: int, workers: int, out: Path) -> subprocess.Popen:
    env = server_env()
    log = out / "gunicorn.log"
    command = [
        str(BIN / "gunicorn"),
        "laget.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--timeout",
        "30",
        "--error-logfile",
        str(log),
        "--capture-output",
        "--no-control-socket",  # gunicorn's default socket is one per machine user
    ]
    server = subprocess.Popen(command, cwd=REPO, env=env, start_new_session=True)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    try:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise Failed(f"gunicorn stopped (exit {server.returncode}); see {log}")
            try:
                if requests.get(f"{base}/helse/", timeout=30).status_code == 200:
                    return server
            except requests.RequestException:
                pass
            time.sleep(0.25)
        raise Failed(f"gunicorn did not answer /helse/ within 90 s; see {log}")
    except BaseException:
        stop_server(server)
        raise


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def warm_up(base: str) -> None:
    """One demo user of each role logs in and opens every page that role visits, once."""
    problems = []

    def get(session: requests.Session, path: str, label: str, headers=None) -> str | None:
        started = time.perf_counter()
        response = session.get(base + path, headers=headers, allow_redirects=False, timeout=60)
        took = time.perf_counter() - started
        if response.status_code != 200:
            problems.append(f"{label} {path}: {response.status_code}")
            return None
        timings.append(f"{label} {took:.2f}")
        if headers is None:
            for part in loaded_by_htmx(response.text):
                get(session, part, "  (htmx)", {"HX-Request": "true"})
        return response.text

    for role in ROLES:
        username = role.usernames[0]
        timings: list[str] = []
        session = requests.Session()
        form = session.get(base + LOGIN, timeout=30)
        response = session.post(
            base + LOGIN,
            data={
                "username": username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": csrf_token(form.text) or "",
                "next": "",
            },
            headers={"Referer": base + LOGIN},
            allow_redirects=False,
            timeout=30,
        )
        if response.status_code != 302:
            raise Failed(
                f"warm-up: {username} could not log in ({response.status_code}); is the demo "
                "data loaded (`laget demo`) in DATABASE_URL?"
            )
        landing = urlsplit(response.headers["Location"]).path
        html = get(session, landing, "landing")
        pages = merge({}, links(html or ""))
        for name in role.visits:
            if name == SERVICE:
                service = pages.get("service start page", [])
                on_page = links(get(session, service[0], "a service") or "") if service else {}
                for sub in SERVICE_PAGES:
                    if on_page.get(sub):
                        get(session, on_page[sub][0], f"  {sub}")
            elif pages.get(name):
                get(session, pages[name][0], name)
            else:
                problems.append(f"{role.name} ({username}) has no link to «{name}»")
        print(f"  {role.name} ({username}): " + ", ".join(timings), flush=True)
    if problems:
        raise Failed("warm-up: " + "; ".join(problems))


def run_locust(base: str, users: int, spawn: str, duration: str, out: Path, memory) -> Path:
    """Locust headless; every request is written to requests.csv (see locustfile.py)."""
    record = out / "requests.csv"
    record.unlink(missing_ok=True)
    command = [
        str(BIN / "locust"),
        "-f",
        str(HERE / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        spawn,
        "--run-time",
        duration,
        "--host",
        base,
        "--html",
        str(out / "locust.html"),
        "--only-summary",
    ]
    env = {**os.environ, "LOAD_RECORD": str(record)}
    started = time.monotonic()
    with open(out / "locust.log", "w") as log:
        locust = subprocess.Popen(  # noqa: S603
            command, stdout=log, stderr=subprocess.STDOUT, cwd=REPO, env=env
        )
        while True:
            try:
                locust.wait(timeout=30)
                break
            except subprocess.TimeoutExpired:
                rss = sum(memory.rss_kb.values()) / 1024
                print(
                    f"  {time.monotonic() - started:.0f} s; the workers' memory now {rss:.0f} MB "
                    "in all",
                    flush=True,
                )
    if not record.exists() or record.stat().st_size == 0:
        raise Failed(f"locust made no requests (exit {locust.returncode}); see {out}/locust.log")
    return record


def percentile(times: list[float], p: float) -> float:
    """Nearest rank: the smallest time that p % of the requests took at most."""
    ordered = sorted(times)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class Figures:
    times: list[float] = field(default_factory=list)  # seconds, failed requests included
    errors: int = 0

    def row(self, name: str, width: int) -> str:
        if not self.times:
            return f"{name:<{width}}  {0:>8}  {self.errors:>6}"
        p95 = percentile(self.times, 95)
        return (
            f"{name:<{width}}  {len(self.times):>8}  {self.errors:>6}"
            f" {percentile(self.times, 50):>6.2f} {p95:>6.2f} {percentile(self.times, 99):>6.2f}"
            f" {max(self.times):>6.2f}{'  OVER' if p95 >= P95_TARGET else ''}"
        )


def report(record: Path, out: Path, memory: WorkerMemory, workers: int, users: int) -> None:
    by_type: dict[str, Figures] = defaultdict(Figures)
    pages, everything = Figures(), Figures()
    messages: Counter[str] = Counter()
    with open(record, newline="", encoding="utf-8") as f:
        for _when, method, name, took, error in csv.reader(f):
            figures = by_type[name]
            if took:
                figures.times.append(float(took) / 1000)
                everything.times.append(float(took) / 1000)
                if name != "login (post)":
                    pages.times.append(float(took) / 1000)
            if error:
                figures.errors += 1
                everything.errors += 1
                pages.errors += name != "login (post)"
                messages[f"{method} {name}: {error}"] += 1
    width = max([len(n) for n in by_type] + [len("page views (all but the login post)")])
    print(f"\n{'page type':<{width}}  requests  errors    p50    p95    p99    max  (seconds)")
    for name in sorted(by_type):
        print(by_type[name].row(name, width))
    print(pages.row("page views (all but the login post)", width))
    print(everything.row("all requests", width))
    for message, count in messages.most_common(10):
        print(f"  error: {count}× {message}")
    p95 = percentile(pages.times, 95) if pages.times else float("nan")
    peak = max(memory.peak_kb.values(), default=0) / 1024
    restarted = len(memory.peak_kb) - workers
    tracebacks = (out / "gunicorn.log").read_text(errors="replace").count("Traceback")

    def verdict(ok: bool) -> str:
        return "OK" if ok else "OVER"

    print(
        f"\np95 of the page views at {users} users: {p95:.2f} s  (target < {P95_TARGET} s)  "
        f"{verdict(p95 < P95_TARGET)}"
    )
    print(
        f"errors: {everything.errors} of {len(everything.times):,} requests  (target 0)  "
        f"{verdict(everything.errors == 0)}"
    )
    print(
        f"peak worker memory (VmHWM, largest of {len(memory.peak_kb)} workers): {peak:.0f} MB  "
        f"(target < {MEMORY_TARGET} MB)  {verdict(peak < MEMORY_TARGET)}"
    )
    print(
        "  per worker: "
        + ", ".join(f"{kb / 1024:.0f} MB" for kb in memory.peak_kb.values())
        + (f"; {restarted} worker(s) restarted (timeouts?)" if restarted > 0 else "")
    )
    print(f"tracebacks in the server log: {tracebacks}")
    print(f"every request, locust's HTML report and the logs: {out}")


def main() -> int:
    database = os.environ.get("DATABASE_URL")
    if not database:
        print("Set DATABASE_URL to a database with the demo data, e.g.")
        print("  DATABASE_URL=sqlite:////tmp/load.sqlite3 make loadtest")
        return 1
    users = int(os.environ.get("LOAD_USERS", "20"))
    spawn = os.environ.get("LOAD_SPAWN_RATE", "2")
    duration = os.environ.get("LOAD_DURATION", "3m")
    workers = int(os.environ.get("LOAD_WORKERS", "3"))
    out = Path(os.environ.get("LOAD_OUT") or tempfile.mkdtemp(prefix="laget-load-"))
    out.mkdir(parents=True, exist_ok=True)
    parts = urlsplit(database)
    print(
        f"cores: {os.cpu_count()}; gunicorn: {workers} sync workers; locust: {users} users "
        f"(+{spawn}/s) for {duration}, think time {os.environ.get('LOAD_THINK_MIN', '5')}–"
        f"{os.environ.get('LOAD_THINK_MAX', '15')} s; database: {parts.scheme} "
        f"{parts.hostname or ''}{parts.path}",
        flush=True,
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    try:
        check_database()
        server = start_server(port, workers, out)
    except Failed as error:
        print(f"failed: {error}")
        return 1
    memory = WorkerMemory(server.pid)
    memory.start()
    try:
        print(f"server on {base}; warm-up, one user of each role, each page once:", flush=True)
        warm_up(base)
        print(f"locust: {users} users for {duration}…", flush=True)
        record = run_locust(base, users, spawn, duration, out, memory)
        memory.stop()
        report(record, out, memory, workers, users)
    except (Failed, requests.RequestException) as error:
        print(f"failed: {error}")
        return 1
    finally:
        if memory._thread.is_alive():
            memory.stop()
        stop_server(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
