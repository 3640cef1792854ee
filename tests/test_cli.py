"""The `laget` console command runs Django's management commands."""

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
