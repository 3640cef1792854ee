"""Hostile files through every door: the roster and sick-leave upload pages and
`laget import-roster` (in this process here; as its own process in tests/test_commands.py).

Each file is refused with one message, imports nothing, and leaves the web process as it was:
its peak memory during the request is measured (the kernel's high-water mark, reset first).
Where the scan would not have refused a file, the child that parses it dies instead, and the
user reads «Filen kunne ikke leses» with the limit it broke.
"""

from __future__ import annotations

import functools
import os
import signal
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from laget.core import tabular
from laget.core.tabular import Limits, read_table
from laget.core.tabular_scan import Refused
from laget.people.models import Employment, RosterImport
from laget.people.tests.roster_files import HEADERS, csv_bytes, row, xlsx
from laget.workforce.models import SickLeaveImport, SickLeaveMonth
from tests import hostile_files
from tests.hostile_files import HOSTILE, inline, sheet

DOORS = ["roster:upload", "workforce:sick_leave_upload", "import-roster"]
#: what the web process may grow by while it refuses a file (Django's own request, the
#: scan's buffers); the shared-string file once took it from 0.5 to 4.3 GB
MEMORY_MB = 40


@functools.cache
def _file(name: str) -> tuple[str, bytes, str]:
    file_name, build, message = HOSTILE[name]
    return file_name, build(), message


def _megabytes(field: str) -> int:
    status = Path("/proc/self/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith(field + ":"))
    return int(line.split()[1]) // 1024


def _peak_growth(action) -> int:
    """How far this process's resident memory rose above where it stood, at its highest,
    while `action` ran."""
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets the high-water mark
        field = "VmHWM"
    except OSError:
        field = "VmRSS"  # no reset: the memory afterwards, a weaker measure
    before = _megabytes("VmRSS")
    action()
    return _megabytes(field) - before


def _through(door: str, world, client, tmp_path, name: str, content: bytes) -> str:
    """The one message `door` answers a file with; nothing imported."""
    employments = Employment.objects.count()
    if door == "import-roster":
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(CommandError) as refused:
            call_command("import-roster", str(path), "--service", "a", "--dry-run")
        shown = [str(refused.value)]
    else:
        client.force_login(world.user("leader"))
        response = client.post(
            reverse(door, kwargs={"pk": world.service_a.pk}),
            {"file": SimpleUploadedFile(name, content)},
        )
        assert response.status_code in (400, 422)  # the form again, with the message
        page = response.content.decode()
        listed = page.split('<ul class="ds-list">', 1)[1].split("</ul>", 1)[0]
        shown = [item.split("</li>", 1)[0] for item in listed.split("<li>")[1:]]
    assert not RosterImport.objects.exists() and not SickLeaveImport.objects.exists()
    assert not SickLeaveMonth.objects.exists()
    assert Employment.objects.count() == employments
    assert len(shown) == 1, shown
    return shown[0]


@pytest.mark.django_db
@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize("hostile", HOSTILE)
def test_every_door_refuses_each_hostile_file_with_one_message(
    hostile, door, world, client, tmp_path
):
    name, content, expected = _file(hostile)
    shown: list[str] = []
    started = time.perf_counter()
    growth = _peak_growth(
        lambda: shown.append(_through(door, world, client, tmp_path, name, content))
    )
    seconds = time.perf_counter() - started
    assert expected in shown[0].replace("&nbsp;", " ").replace("\xa0", " ")
    assert growth < MEMORY_MB, f"the web process grew by {growth} MB"
    print(f"\n{hostile} ({len(content):,} bytes) via {door}: {seconds:.2f} s, +{growth} MB")


# When the scan lets a file through, the child dies, not this process ----------------------

#: the files that make calamine allocate past any memory (or expand to gigabytes of text)
CHILD_KILLERS = [
    "dimension_bomb",
    "leading_zero_bomb",
    "dense_bomb",
    "unnamed_part_bomb",
    "shared_string_bomb",
]
MEMORY = "Filen kunne ikke leses: den krevde mer enn 1024 MB minne."


@pytest.mark.parametrize("hostile", CHILD_KILLERS)
def test_without_the_scan_the_child_dies_of_each_file_and_this_process_goes_on(hostile):
    _name, content, _message = _file(hostile)
    refusal: list[Refused] = []

    def parse() -> None:
        with pytest.raises(Refused) as refused:
            tabular._in_child("xlsx", content, tabular.limits_from_settings())
        refusal.append(refused.value)

    growth = _peak_growth(parse)
    assert refusal[0].code == "memory"
    assert growth < MEMORY_MB, f"this process grew by {growth} MB"


@pytest.mark.django_db
@pytest.mark.parametrize("door", DOORS)
def test_a_file_the_scan_misses_is_refused_by_every_door_when_the_child_dies(
    door, world, client, tmp_path, monkeypatch
):
    """The scan switched off, the 512 GB workbook reaches calamine: the child aborts (SIGABRT
    after a failed allocation), the user reads «Filen kunne ikke leses», and the web process
    answers the next request."""
    monkeypatch.setattr(tabular, "scan_xlsx", lambda content, limits: None)
    name, content, _message = _file("leading_zero_bomb")
    shown: list[str] = []
    growth = _peak_growth(
        lambda: shown.append(_through(door, world, client, tmp_path, name, content))
    )
    assert shown == [MEMORY]
    assert growth < MEMORY_MB
    client.force_login(world.user("leader"))
    assert (
        client.get(reverse("roster:upload", kwargs={"pk": world.service_a.pk})).status_code == 200
    )


# A child that misbehaves in every other way ------------------------------------------------

#: a second of processor time; the wait long enough for a loaded machine to give it that
QUICK = Limits(child_cpu_seconds=1, child_seconds=30, max_total_chars=100_000)
#: a wait of two seconds, for the children that sleep
SHORT_WAIT = Limits(child_cpu_seconds=1, child_seconds=2, max_total_chars=100_000)
CRASHED = "Filen kunne ikke leses: leseren stoppet uventet."


@pytest.fixture
def misbehaving(monkeypatch):
    """Reads through a child that does what `mode` says (laget/core/tests/misbehaving_child.py)
    instead of parsing: the table it hands back, or the refusal and the seconds it took."""
    monkeypatch.setattr(tabular, "CHILD_MODULE", "laget.core.tests.misbehaving_child")

    def run(mode: str, limits: Limits = QUICK) -> tuple[tabular.Table | Refused, float]:
        started = time.perf_counter()
        try:
            result: tabular.Table | Refused = tabular._read_in_child(mode, b"", limits)
        except Refused as refusal:
            result = refusal
        return result, time.perf_counter() - started

    return run


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("abort", CRASHED),  # SIGABRT, as calamine's failed allocation
        ("spin", "Filen kunne ikke leses: den tok mer enn 1 sekund å lese."),  # RLIMIT_CPU
        ("sleep", "Filen kunne ikke leses: den tok mer enn 2 sekunder å lese."),  # the wait
        ("allocate", MEMORY),  # RLIMIT_AS
        ("flood", "Filen kunne ikke leses: den gir mer enn 9 MB tekst."),  # RLIMIT_FSIZE
        ("garbage", CRASHED),  # not JSON
        ("shape", CRASHED),  # a row shorter than the headers
        ("params", CRASHED),  # a refusal with numbers that are not numbers
    ],
)
def test_a_child_that_dies_or_misbehaves_gives_one_refusal(misbehaving, mode, message):
    limits = SHORT_WAIT if mode == "sleep" else QUICK
    refusal, seconds = misbehaving(mode, limits)
    assert isinstance(refusal, Refused)
    assert tabular._message(refusal, limits) == message
    assert seconds < (4 if mode == "sleep" else 30)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def test_a_child_past_its_time_is_killed_with_every_process_it_started(misbehaving, tmp_path):
    record = tmp_path / "grandchild"
    refusal, seconds = misbehaving(f"linger:{record}", Limits(child_seconds=5))
    assert isinstance(refusal, Refused) and refusal.code == "time"
    grandchild = int(record.read_text())
    if grandchild > 0:  # root may fork despite RLIMIT_NPROC; the group's kill reached it
        deadline = time.monotonic() + 2
        while _alive(grandchild) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(grandchild)
    assert seconds < 7


def test_the_child_starts_with_a_clean_environment_and_its_own_limits(misbehaving, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "hemmelig")
    monkeypatch.setenv("DATABASE_URL", "postgres://hemmelig@db/laget")
    environment, _seconds = misbehaving("environment")
    assert isinstance(environment, tabular.Table)
    assert {name for name, _value in (cells for _n, cells in environment.rows)} == {"LC_ALL"}
    limits, _seconds = misbehaving("limits")
    assert isinstance(limits, tabular.Table)
    assert {name: (soft, hard) for name, soft, hard in (c for _n, c in limits.rows)} == {
        "RLIMIT_AS": (str(QUICK.child_memory_bytes), str(QUICK.child_memory_bytes)),
        "RLIMIT_CPU": ("1", "2"),
        "RLIMIT_FSIZE": (str(QUICK.max_output_bytes), str(QUICK.max_output_bytes)),
        "RLIMIT_CORE": ("0", "0"),
    }


def test_after_a_child_s_death_the_next_file_reads_as_ever(misbehaving, monkeypatch):
    misbehaving("abort")
    monkeypatch.undo()
    table = read_table("f.csv", csv_bytes([row()]))
    assert table.headers == HEADERS and len(table.rows) == 1
    assert signal.getsignal(signal.SIGCHLD) == signal.SIG_DFL  # nothing left installed here


# Ordinary files, and what a child costs -----------------------------------------------------


def test_an_ordinary_file_of_1000_rows_reads_in_well_under_a_second_more(capsys):
    rows = [row(employee_number=str(1000 + i), email=f"p{i}@kommune.no") for i in range(1000)]
    for name, content in (("ansatte.xlsx", xlsx(rows)), ("ansatte.csv", csv_bytes(rows))):
        read_table(name, content)  # warm: the first child pays for the disk cache
        started = time.perf_counter()
        table = read_table(name, content)
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        tabular._read_in_child(name.rpartition(".")[2], content, tabular.limits_from_settings())
        child = time.perf_counter() - started
        assert len(table.rows) == 1000 and table.headers == HEADERS
        assert seconds < 3.0
        with capsys.disabled():
            print(
                f"\n{name}, 1,000 rows × {len(HEADERS)} columns ({len(content):,} bytes): "
                f"read_table {seconds * 1000:.0f} ms, of which the child {child * 1000:.0f} ms"
            )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cp1252.csv", csv_bytes([row(given_name="Åse")], encoding="cp1252")),
        ("bom.csv", csv_bytes([row(given_name="Åse")], encoding="utf-8-sig")),
    ],
)
def test_files_once_mistaken_for_hostile_still_read(name, content):
    table = read_table(name, content)
    assert table.rows[0][1][HEADERS.index("Fornavn")] == "Åse"


def test_a_workbook_whose_parts_start_with_a_byte_order_mark_still_reads():
    body = f'<row r="1">{inline("A1", "Fornavn")}</row><row r="2">{inline("A2", "Åse")}</row>'
    table = read_table("bom.xlsx", hostile_files.workbook(["\ufeff" + sheet(body)]))
    assert table.headers == ["Fornavn"] and table.rows == [(2, ["Åse"])]
