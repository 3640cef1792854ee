"""The demo's release, cell by cell, against the copy stored when the publication layer was
made (issue 25): a change to the code that builds publications must change no published cell
unless it means to, and then the copy is made again on purpose (see `GOLDEN`)."""

import json
import lzma
import os
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from laget.counts.refresh import refresh
from laget.counts.release import release
from laget.demo.services import demo_create

#: Made with `LAGET_RELEASE_WRITE=1 pytest laget/counts/tests/test_release.py`; a deliberate
#: change to what is published writes it again, and the diff shows every cell it changed.
GOLDEN = Path(__file__).with_name("release_demo.json.xz")
TODAY = date(2026, 12, 6)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.separate_worker]


def _release() -> dict:
    demo_create(today=TODAY)
    refresh(TODAY)
    return {day.isoformat(): release(day) for day in (TODAY, date(TODAY.year, 1, 1))}


def test_every_published_cell_of_the_demo_is_as_stored():
    found = _release()
    if os.environ.get("LAGET_RELEASE_WRITE"):
        text = json.dumps(found, ensure_ascii=False, indent=0, sort_keys=True) + "\n"
        GOLDEN.write_bytes(lzma.compress(text.encode(), preset=9 | lzma.PRESET_EXTREME))
    golden = json.loads(lzma.decompress(GOLDEN.read_bytes()))
    assert found.keys() == golden.keys()
    for day in golden:
        assert sorted(found[day]) == sorted(golden[day]), day
        for name, cells in golden[day].items():
            changed = {
                path: (cell, found[day][name].get(path))
                for path, cell in cells.items()
                if found[day][name].get(path) != cell
            }
            added = sorted(found[day][name].keys() - cells.keys())
            assert not changed and not added, (day, name, list(changed.items())[:5], added[:5])


def test_the_command_shows_the_release_a_reader_gets(capsys):
    demo_create(today=TODAY)
    refresh(TODAY)
    call_command("publication", "show", "--date", TODAY.isoformat(), "--name", "competence")
    out = capsys.readouterr().out
    assert out.startswith("competence (")
    assert "skjult (small)" in out and "skjult (secondary)" in out
    call_command("publication", "show", "--date", TODAY.isoformat(), "--json")
    shown = json.loads(capsys.readouterr().out)
    assert {"competence", "flows", "exits"} <= shown.keys()
    hidden = [c for c in shown["competence"].values() if c.get("hidden")]
    assert hidden and all("value" not in c and "persons" not in c for c in hidden)
    with pytest.raises(CommandError, match="Ingenting er publisert"):
        call_command("publication", "show", "--date", "2001-01-01")
