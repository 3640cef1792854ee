"""The worker as it runs: `laget refresh-counts` in processes of their own under the production
settings, on a database of their own with the regional demo. Stopped with SIGTERM in the middle
of a pass it exits cleanly and the stored figures are the previous complete set; a second
worker waits for the first."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

LAGET = shutil.which("laget") or str(Path(sys.executable).with_name("laget"))


def _env(tmp: Path) -> dict[str, str]:
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "SECRET_KEY": "w" * 50,
        "LAGET_HTTPS": "0",
        "LAGET_DATA_DIR": str(tmp),
        "DATABASE_URL": f"sqlite:///{tmp}/worker.sqlite3",
    }


def _run(env, *args, check=True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [LAGET, *args], env=env, capture_output=True, text=True, check=False, timeout=600
    )
    if check:
        assert result.returncode == 0, result.stderr[-3000:]
    return result


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> dict[str, str]:
    env = _env(tmp_path_factory.mktemp("worker"))
    _run(env, "migrate", "-v0")
    _run(env, "demo")
    return env


def _stored(env) -> str:
    return _run(
        env,
        "shell",
        "-c",
        "from laget.publication.models import StoredPublication as S; "
        "print(sorted((n, str(d), r, b.isoformat()) for n, d, r, b in "
        "S.objects.values_list('name', 'end_time', 'revision', 'built_at')))",
    ).stdout


def _bump(env) -> None:
    _run(env, "shell", "-c", "from laget.core.models import RegisterRevision as R; R.bump()")


def _held(env, seconds: float = 120) -> None:
    """Wait until a worker holds the lock (read straight from the SQLite file)."""
    path = env["DATABASE_URL"].removeprefix("sqlite:///")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with sqlite3.connect(path) as db:
            row = db.execute("select holder from counts_workerlock where id = 1").fetchone()
        if row and row[0]:
            return
        time.sleep(0.1)
    pytest.fail("the first worker never took the lock")


def _clean(result_err: str) -> None:
    for word in ("terminate", "Aborted", "Traceback", "Segmentation"):
        assert word not in result_err, result_err[-3000:]


def test_sigterm_in_the_middle_of_a_pass_exits_cleanly_and_keeps_the_previous_set(demo):
    before = _stored(demo)
    _bump(demo)
    worker = subprocess.Popen(
        [LAGET, "refresh-counts", "--force"],
        env=demo,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _held(demo)  # the pass (about 6 s on a quiet machine) is under way
    time.sleep(0.5)
    worker.send_signal(signal.SIGTERM)
    out, err = worker.communicate(timeout=120)
    print(f"\nrefresh-counts --force, SIGTERM in the pass: exit {worker.returncode}")
    assert worker.returncode == 0, err[-3000:]
    _clean(err)
    assert "Stoppet før tallene var ferdige; de forrige gjelder fortsatt." in out, out
    assert _stored(demo) == before  # not one publication of the pass stored
    lock = _run(
        demo,
        "shell",
        "-c",
        "from laget.publication.models import WorkerLock as W; print(repr(W.objects.get().holder))",
    ).stdout
    assert lock.strip().splitlines()[-1] == "''"  # released
    # the next pass brings them up to date
    _run(demo, "refresh-counts")
    assert _stored(demo) != before


def test_a_second_worker_waits_for_the_first(demo):
    _bump(demo)
    started = time.monotonic()
    first = subprocess.Popen(
        [LAGET, "refresh-counts", "--force"],
        env=demo,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _held(demo)  # the first holds the lock before the second starts
    second = subprocess.Popen(
        [LAGET, "refresh-counts"],
        env=demo,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    first_out, first_err = first.communicate(timeout=300)
    first_done = time.monotonic()
    second_out, second_err = second.communicate(timeout=300)
    second_done = time.monotonic()
    print(
        f"\nfirst worker: exit {first.returncode} after {first_done - started:.1f} s; "
        f"second: exit {second.returncode} after {second_done - started:.1f} s"
    )
    assert first.returncode == 0 and second.returncode == 0, (first_err, second_err)
    _clean(first_err + second_err)
    assert "Another worker is refreshing the figures; waiting for it." in second_err
    assert second_done > first_done
    assert "I alt" in first_out and "I alt" in second_out


def test_a_pass_does_not_hold_up_the_web_processes_writes(demo):
    """On SQLite the worker reads in a deferred transaction: a write of another process (a
    leader saving a form) waits at most for one short store, never for the whole pass."""
    _bump(demo)
    worker = subprocess.Popen(
        [LAGET, "refresh-counts", "--force"],
        env=demo,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _held(demo)
    path = demo["DATABASE_URL"].removeprefix("sqlite:///")
    waits = []
    while worker.poll() is None and len(waits) < 400:
        started = time.monotonic()
        with sqlite3.connect(path, timeout=30, isolation_level=None) as db:
            db.execute("BEGIN IMMEDIATE")
            db.execute("UPDATE core_registerrevision SET changed_at = changed_at")
            db.execute("COMMIT")
        waits.append(time.monotonic() - started)
        time.sleep(0.05)
    _out, err = worker.communicate(timeout=300)
    assert worker.returncode == 0, err[-3000:]
    print(f"\nwrites during a pass: {len(waits)}, longest wait {max(waits):.2f} s")
    assert len(waits) >= 10 and max(waits) < 2.0
