"""Every `laget` command, each in a new process under the production settings.

The regional demo is loaded once (`laget demo`, into a temporary SQLite database and data
directory) and the other commands run against it, with the environment a server has: no
DJANGO_SETTINGS_MODULE, no test settings. Each must exit 0 (or the documented 1 for refused
input), never by a signal, with no abort or traceback on stderr, and leave its work visible to
the next process. Each command's exit code and seconds are collected from the tests' reports
and printed as a table at the end of the run (tests/conftest.py), also written to
artifacts/commands.txt.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tests.hostile_files import HOSTILE

LAGET = str(Path(sys.executable).with_name("laget"))
SECRET_KEY = "k" * 50
#: what stderr must never hold: a C++ abort, a signal, a Python traceback
FORBIDDEN = ("terminate", "Aborted", "Traceback", "Segmentation")
#: `laget` commands refuse bad input with status 1 (CommandError) and say why
REFUSED = 1
COMMAND_TIMEOUT = 300
YEAR = str(date.today().year)  # noqa: DTZ011 - this year's report, as a user types it


@dataclass
class Site:
    """This worker's data directory, with the demo loaded, and how commands reach it."""

    data_dir: Path
    env: dict[str, str]
    built: dict  # how the shared demo was made: each command's exit code, seconds and output


def _environment(data_dir: Path) -> dict[str, str]:
    """What a server's process has: no DJANGO_SETTINGS_MODULE, so the production settings."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(data_dir)),
        "SECRET_KEY": SECRET_KEY,
        "LAGET_DATA_DIR": str(data_dir),
        "DATABASE_URL": f"sqlite:///{data_dir}/laget.sqlite3",
    }


def _run(
    env: dict[str, str], args: list[str], cwd: Path
) -> tuple[subprocess.CompletedProcess, float]:
    started = time.perf_counter()
    result = subprocess.run(
        [LAGET, *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    return result, time.perf_counter() - started


def _shown(args: list[str], label: str | None) -> str:
    """The command line for the table: files by their name, `shell -c` code by what it does."""
    if label:
        return f"laget {args[0]} -c … ({label})"
    return "laget " + shlex.join(Path(a).name if a.startswith("/") else a for a in args)


def _check(result: subprocess.CompletedProcess, expected: int, shown: str) -> None:
    assert result.returncode >= 0, (
        f"{shown} was killed by signal {-result.returncode}:\n{result.stderr[-3000:]}"
    )
    for word in FORBIDDEN:
        assert word not in result.stderr, f"{shown} wrote «{word}» on stderr:\n{result.stderr}"
    assert result.returncode == expected, (
        f"{shown} exited {result.returncode}, not {expected}:\n{result.stderr[-3000:]}"
    )


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory) -> Path:
    """The regional demo, loaded once per test run however many xdist workers there are
    (the first worker to ask builds it under a lock; pytest 9.2 keeps xdist's loadgroup from
    putting this module on one worker, pytest-dev/pytest-xdist#1386)."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's directory, above each worker's
    template = shared / "laget-commands-demo"
    with (shared / "laget-commands-demo.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (template / "built.json").exists():
            template.mkdir(exist_ok=True)
            env = _environment(template)
            built = {}
            for args in (["migrate", "--no-input", "-v0"], ["demo"]):
                result, seconds = _run(env, args, template)
                built[args[0]] = {
                    "shown": _shown(args, None),
                    "returncode": result.returncode,
                    "seconds": round(seconds, 2),
                    "stdout": result.stdout,
                    "stderr": result.stderr,
                }
            (template / "built.json").write_text(json.dumps(built), encoding="utf-8")
    return template


@pytest.fixture(scope="module")
def site(demo_database, tmp_path_factory) -> Site:
    """A copy of the demo's database for this worker's tests (they change it)."""
    data_dir = tmp_path_factory.mktemp("laget-commands")
    for file in demo_database.glob("laget.sqlite3*"):  # with -wal and -shm, if any are left
        shutil.copy2(file, data_dir / file.name)
    built = json.loads((demo_database / "built.json").read_text(encoding="utf-8"))
    return Site(data_dir=data_dir, env=_environment(data_dir), built=built)


@pytest.fixture
def laget(site, request):
    """Run `laget <args>` in a new process against this worker's demo; check how it ended and
    record its exit code and seconds for the table."""

    def run(
        *args: str,
        expect: int = 0,
        env: dict[str, str] | None = None,
        label: str | None = None,
    ) -> subprocess.CompletedProcess:
        shown = _shown(list(args), label)
        result, seconds = _run(env or site.env, list(args), site.data_dir)
        request.node.user_properties.append(
            ("laget-command", (shown, result.returncode, round(seconds, 2)))
        )
        _check(result, expect, shown)
        return result

    return run


def _python(laget, code: str, label: str) -> dict:
    """Run `code` with `laget shell -c` (a new process) and read the JSON it prints last."""
    result = laget("shell", "-c", code, label=label)
    return json.loads(result.stdout.strip().splitlines()[-1])


# -- the demo and the reference data --------------------------------------------------------


def test_demo(site, request):
    migrate, demo = site.built["migrate"], site.built["demo"]
    for step in (migrate, demo):
        request.node.user_properties.append(
            ("laget-command", (step["shown"], step["returncode"], step["seconds"]))
        )
    for step in (migrate, demo):
        result = subprocess.CompletedProcess(
            step["shown"], step["returncode"], step["stdout"], step["stderr"]
        )
        _check(result, 0, step["shown"])
    assert "Passord for alle demobrukere: laget-demo-2026" in demo["stdout"]
    assert "statsforvalter.trondelag" in demo["stdout"]


def test_demo_refuses_scale_without_national(laget):
    result = laget("demo", "--scale", "2", expect=REFUSED)
    assert "--scale gjelder bare sammen med --national" in result.stderr


def test_demo_refuses_a_database_with_real_persons_and_no_demo(laget, site, tmp_path):
    env = {
        **site.env,
        "LAGET_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/real.sqlite3",
    }
    laget("migrate", "--no-input", "-v0", env=env)
    laget(
        "shell",
        "-c",
        "from laget.people.models import Person; "
        "Person.objects.create(given_name='Ekte', family_name='Person')",
        env=env,
        label="a person registered by hand",
    )
    result = laget("demo", expect=REFUSED, env=env)
    assert "Databasen inneholder ekte personer" in result.stderr


def test_load_reference_data(laget):
    result = laget("load_reference_data")
    assert "357 kommuner" in result.stdout


def test_check_and_collectstatic_as_make_run_does(laget, site):
    laget("check")
    result = laget("collectstatic", "--no-input")
    assert "static files copied" in result.stdout
    assert any((site.data_dir / "static").rglob("*.css"))


# -- a service's figures --------------------------------------------------------------------


def test_compliance(laget):
    result = laget("compliance", "--service", "trondheim", "--json")
    figures = json.loads(result.stdout)
    assert figures["service"]["name"] == "Trondheim barneverntjeneste"
    assert len(figures["persons"]) > 50 and "name" not in figures["persons"][0]
    assert figures["rule_set"]["version"]


def test_compliance_refuses_an_unknown_service(laget):
    result = laget("compliance", "--service", "Finnes ikke", "--json", expect=REFUSED)
    assert "Fant ingen tjeneste «Finnes ikke»" in result.stderr


def test_forecast(laget):
    result = laget("forecast", "--service", "froya", "--runs", "200", "--json")
    figures = json.loads(result.stdout)
    assert figures["service"]["name"] == "Frøya barneverntjeneste"
    assert len(figures["forecasts"]) >= 2


def test_forecast_refuses_an_unknown_parameter(laget, tmp_path):
    scenario = tmp_path / "scenario.json"
    scenario.write_text('{"turnover": 0.15}', encoding="utf-8")
    result = laget(
        "forecast", "--service", "froya", "--scenario", str(scenario), "--json", expect=REFUSED
    )
    assert "Ukjente nøkler: turnover" in result.stderr


def test_supervision_status_takes_a_full_name(laget):
    result = laget("supervision-status", "--service", "Trondheim barneverntjeneste", "--json")
    figures = json.loads(result.stdout)
    assert figures["service"] == "Trondheim barneverntjeneste" and figures["held"] > 0


def test_supervision_status_refuses_a_near_name_and_suggests_it(laget):
    result = laget("supervision-status", "--service", "Fosen barnevern", "--json", expect=REFUSED)
    assert "Fant ingen tjeneste «Fosen barnevern»" in result.stderr
    assert "Fosen barneverntjeneste (fosen)" in result.stderr


def test_capacity_gives_the_reports_figures(laget):
    result = laget("capacity", "--json")
    figures = json.loads(result.stdout)
    assert (figures["bachelor_or_less"], figures["non_compliant_now"]) == (5400, 2700)
    assert figures["annual_master_shortfall"] == 980


def test_capacity_refuses_a_file_that_is_not_json(laget, tmp_path):
    scenario = tmp_path / "scenario.json"
    scenario.write_text("not json", encoding="utf-8")
    result = laget("capacity", "--scenario", str(scenario), "--json", expect=REFUSED)
    assert "er ikke gyldig JSON" in result.stderr


# -- the status report ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_report(laget, tmp_path, fmt):
    out = tmp_path / f"trondheim.{fmt}"
    result = laget(
        "report", "--service", "trondheim", "--municipality", "5001",
        "--year", YEAR, "--format", fmt, "--out", str(out),
    )  # fmt: skip
    assert f"Skrev {out}" in result.stdout
    content = out.read_bytes()
    assert content.startswith(b"PK" if fmt == "docx" else b"%PDF") and len(content) > 10_000


def test_report_takes_a_full_name_in_any_case(laget, tmp_path):
    out = tmp_path / "fosen.html"
    laget(
        "report", "--service", "fosen barneverntjeneste", "--municipality", "5020",
        "--year", YEAR, "--format", "html", "--out", str(out),
    )  # fmt: skip
    assert "Fosen" in out.read_text(encoding="utf-8")


def test_report_refuses_a_municipality_the_service_does_not_serve(laget, tmp_path):
    out = tmp_path / "wrong.docx"
    result = laget(
        "report", "--service", "froya", "--municipality", "5001",
        "--year", YEAR, "--format", "docx", "--out", str(out),
        expect=REFUSED,
    )  # fmt: skip
    assert "betjener ikke kommune 5001" in result.stderr
    assert not out.exists()


def test_report_for_every_municipality_in_a_county(laget, tmp_path):
    out = tmp_path / "trondelag"
    result = laget(
        "report", "--county", "50", "--year", YEAR, "--format", "html",
        "--out-dir", str(out), "--jobs", "2",
    )  # fmt: skip
    assert "38 rapporter" in result.stdout
    files = list(out.iterdir())
    assert len(files) == 38 and all(file.stat().st_size > 1000 for file in files)


def test_report_refuses_a_county_without_a_directory(laget):
    result = laget(
        "report", "--county", "50", "--year", YEAR, "--format", "html", expect=REFUSED
    )  # fmt: skip
    assert "Oppgi --out-dir sammen med --county" in result.stderr


def test_audit_reports(laget):
    result = laget("audit-reports", "--json")
    reports = json.loads(result.stdout)["reports"]
    assert reports and all(report["passed"] for report in reports)


# -- the roster import ----------------------------------------------------------------------


def _froya_export(laget, tmp_path: Path) -> Path:
    """Frøya's roster as the staff page exports it (written by a `laget shell`)."""
    file = tmp_path / "froya.xlsx"
    laget(
        "shell",
        "-c",
        "from pathlib import Path; from django.utils import timezone; "
        "from laget.accounts.models import User; from laget.organisations.models import Service; "
        "from laget.people.roster.exporting import roster_xlsx_export; "
        "admin = User.objects.filter(is_superuser=True).order_by('pk').first(); "
        "_name, data = roster_xlsx_export(actor=admin, service=Service.objects.get(slug='froya'), "
        "today=timezone.localdate()); "
        f"Path({str(file)!r}).write_bytes(data)",
        label="Frøya's roster exported as on the staff page",
    )
    return file


def _add_row(file: Path, *, number: str, given: str, family: str, **changes: str) -> None:
    """One more employee: a copy of the first row with a new number and name."""
    workbook: Workbook = load_workbook(file)
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    row = [cell.value for cell in sheet[2]]
    values = {
        "Ansattnummer": number,
        "Fornavn": given,
        "Etternavn": family,
        "E-post": "",
        **changes,
    }
    for header, value in values.items():
        if header in headers:
            row[headers.index(header)] = value
    sheet.append(row)
    workbook.save(file)


def test_import_roster_of_the_services_own_export(laget, tmp_path):
    file = _froya_export(laget, tmp_path)
    result = laget("import-roster", str(file), "--service", "froya")
    assert "0 nye, 0 endret" in result.stdout  # the export imports back unchanged
    _add_row(file, number="990002", given="Kommando", family="Linjesen")
    result = laget("import-roster", str(file), "--service", "froya", "--dry-run")
    assert "Ville importert: 1 nye" in result.stdout
    result = laget("import-roster", str(file), "--service", "froya")
    assert "Importert: 1 nye" in result.stdout
    result = laget("compliance", "--service", "froya", "--json", "--with-names")
    names = [person["name"] for person in json.loads(result.stdout)["persons"]]
    assert "Kommando Linjesen" in names


def test_import_roster_refuses_a_file_with_an_error_and_writes_nothing(laget, tmp_path):
    file = _froya_export(laget, tmp_path)
    headers = [cell.value for cell in load_workbook(file).worksheets[0][1]]
    start = next(h for h in headers if h and h.lower().startswith("startdato"))
    _add_row(file, number="990003", given="Feil", family="Datosen", **{start: "31.02.2026"})
    result = laget("import-roster", str(file), "--service", "froya", expect=REFUSED)
    assert "Ingenting importert: 1 feil" in result.stderr
    result = laget("compliance", "--service", "froya", "--json", "--with-names")
    assert "Feil Datosen" not in result.stdout


@pytest.mark.parametrize("hostile", HOSTILE)
def test_import_roster_refuses_each_hostile_file_and_exits_1(laget, tmp_path, hostile):
    """Each file that once ended a process, or could: refused with its one message, exit 1,
    never a signal (tests/hostile_files.py; the web pages in tests/test_hostile_files.py)."""
    name, build, message = HOSTILE[hostile]
    file = tmp_path / name
    file.write_bytes(build())
    result = laget("import-roster", str(file), "--service", "froya", "--dry-run", expect=REFUSED)
    assert message in result.stderr.replace("\xa0", " ")


# -- the stored figures ---------------------------------------------------------------------

STORED = (
    "import json; from django.utils import timezone; "
    "from laget.core.models import RegisterRevision; "
    "from laget.publication.models import FillState, Release, ServiceCount; "
    "today = timezone.localdate(); "
    "print(json.dumps({'revision': RegisterRevision.current(), "
    "'counts_today': ServiceCount.objects.filter(end_time=today).count(), "
    "'counts_new_year': ServiceCount.objects.filter(end_time=today.replace(month=1, day=1))"
    ".count(), "
    "'fills': [[f.property, f.end_time.isoformat(), f.revision, f.state] "
    "for f in FillState.objects.order_by('property')], 'today': today.isoformat(), "
    "'released': [r.isoformat() for r in Release.objects.values_list('end_time', flat=True)]}))"
)


def _every_fill_is_current(stored: dict) -> None:
    """1 January's figures of every property (last year's report reads them), none of today's
    (nobody reads them: readers outside get the latest release, the service's own pages are
    live), and every date's fill done from the register as it is now; but a fixed date whose
    release has gone out, which is frozen as it went out (issue 26): done, from an earlier
    register."""
    new_year = stored["today"][:4] + "-01-01"
    kept = {prop for prop, day, _revision, _state in stored["fills"] if day == new_year}
    assert kept >= {"competence", "flows", "exits"}
    assert stored["counts_today"] == 0 and stored["counts_new_year"] > 0
    assert all(day != stored["today"] for _prop, day, _revision, _state in stored["fills"])
    out = [day for day in stored["released"] if day < stored["today"]]
    assert out  # the last month end that is over went out on the first pass
    for prop, day, revision, state in stored["fills"]:
        if day in out:
            assert state == "done" and revision <= stored["revision"], (prop, day)
        else:
            assert (revision, state) == (stored["revision"], "done"), (prop, day)


def test_refresh_counts_one_pass_leaves_the_figures_of_the_current_register(laget, tmp_path):
    file = _froya_export(laget, tmp_path)  # a register change first, so there is work to do
    _add_row(file, number="990004", given="Ny", family="Revisjonsen")
    laget("import-roster", str(file), "--service", "froya")
    result = laget("refresh-counts")
    assert result.stdout.strip()  # one line per step with its seconds
    stored = _python(laget, STORED, "stored figures and fill states")
    _every_fill_is_current(stored)


def test_refresh_counts_force_recounts(laget):
    help_text = laget("refresh-counts", "--help").stdout
    if not re.search(r"--force(?![-\w])", help_text):  # not Django's --force-color
        pytest.skip("laget refresh-counts has no --force yet (issue 22, item 2)")
    laget("refresh-counts", "--force")
    stored = _python(laget, STORED, "stored figures and fill states")
    _every_fill_is_current(stored)


def test_refresh_counts_refuses_a_date_before_2020(laget):
    result = laget("refresh-counts", "--date", "1999-01-01", expect=REFUSED)
    assert "Datoen må være mellom 01.01.2020 og i dag" in result.stderr


# -- the environment ------------------------------------------------------------------------


def test_commands_find_the_key_make_run_wrote(laget, site):
    """`make run` writes $LAGET_DATA_DIR/secret-key; a new shell's `laget …` finds it."""
    (site.data_dir / "secret-key").write_text(SECRET_KEY + "\n", encoding="utf-8")
    env = {k: v for k, v in site.env.items() if k != "SECRET_KEY"}
    result = laget("supervision-status", "--service", "fosen", "--json", env=env)
    assert json.loads(result.stdout)["service"] == "Fosen barneverntjeneste"


def test_commands_without_a_key_say_so_without_a_traceback(laget, site, tmp_path):
    env = {**site.env, "LAGET_DATA_DIR": str(tmp_path)}
    del env["SECRET_KEY"]
    result = laget("supervision-status", "--service", "fosen", env=env, expect=REFUSED)
    assert "SECRET_KEY must be set" in result.stderr


# -- `make run` again -------------------------------------------------------------------------


def test_demo_again_replaces_the_demo_and_what_was_added_to_it(laget, site, tmp_path):
    """`make run` a second time (last here, after the other commands changed the register): the
    demo is reset, and persons added while trying it go with it."""
    file = _froya_export(laget, tmp_path)
    _add_row(file, number="990001", given="Ekstra", family="Prøvesen")
    laget("import-roster", str(file), "--service", "froya")
    result = laget("demo")
    removed = re.search(r"Personer lagt til i demoen siden sist, fjernet: (\d+)\.", result.stdout)
    assert removed and int(removed[1]) >= 1, result.stdout
    counts = _python(
        laget,
        "import json; from laget.people.models import Person; "
        "print(json.dumps({'added': Person.objects.filter(family_name='Prøvesen').count(), "
        "'real': Person.objects.filter(is_synthetic=False).count(), "
        "'synthetic': Person.objects.filter(is_synthetic=True).count()}))",
        "persons after the demo",
    )
    assert counts["added"] == 0 and counts["real"] == 0 and counts["synthetic"] > 300
