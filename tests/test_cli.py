"""The `laget` console command runs Django's management commands."""

import json
import os
import shutil
import subprocess


def test_laget_command_runs_management_commands(tmp_path):
    laget = shutil.which("laget") or os.path.join(os.path.dirname(os.sys.executable), "laget")
    env = {
        **os.environ,
        "SECRET_KEY": "x" * 50,
        "LAGET_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/cli.sqlite3",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [laget, "migrate", "-v0"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    result = subprocess.run(
        [laget, "load_reference_data"], env=env, capture_output=True, text=True, check=False
    )
    assert "357 kommuner" in result.stdout


def test_commands_after_make_run_need_no_exported_key_and_take_a_full_name(tmp_path):
    """`make run` writes var/secret-key; a new shell's `laget …` finds it by itself."""
    laget = shutil.which("laget") or os.path.join(os.path.dirname(os.sys.executable), "laget")
    (tmp_path / "secret-key").write_text("k" * 50 + "\n", encoding="utf-8")
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    env["LAGET_DATA_DIR"] = str(tmp_path)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([laget, *args], env=env, capture_output=True, text=True, check=False)

    for args in (
        ["migrate", "-v0"],
        ["load_reference_data"],
        [
            "shell",
            "-c",
            "from laget.organisations.services import trondelag_structure_load as f; f()",
        ],
    ):
        result = run(*args)
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "laget.sqlite3").exists()
    result = run("supervision-status", "--service", "Fosen barneverntjeneste", "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["service"] == "Fosen barneverntjeneste" and figures["held"] == 0
    result = run("supervision-status", "--service", "Fosen barnevern", "--json")
    assert result.returncode == 1
    assert "Fant ingen tjeneste «Fosen barnevern»" in result.stderr
    assert "Fosen barneverntjeneste (fosen)" in result.stderr
    # the status report takes the full name too, with the same message for a miss
    out = tmp_path / "fosen.html"
    result = run(
        "report", "--service", "fosen barneverntjeneste", "--municipality", "5020",
        "--year", "2026", "--format", "html", "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Fosen" in out.read_text(encoding="utf-8")
    result = run(
        "report", "--service", "Fosen barnevern", "--municipality", "5020",
        "--year", "2026", "--format", "html", "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 1 and "Fosen barneverntjeneste (fosen)" in result.stderr
