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

from laget.core.models import RegisterRevision
from laget.demo.services import demo_create
from laget.domain.competence import stated
from laget.domain.protection import View
from laget.domain.protection.stated import apply
from laget.publication import published
from laget.publication.attack import release_attack, release_audit
from laget.publication.calendar import latest_release_day
from laget.publication.models import Release, ReleaseRelation, ServiceCount, StoredPublication
from laget.publication.published import published as stored_publication
from laget.publication.refresh import refresh
from laget.publication.release import (
    ReleaseOut,
    is_release_day,
    live,
    release_store,
    stored_release,
)

#: Made with `LAGET_RELEASE_WRITE=1 pytest laget/publication/tests/test_release.py`; a deliberate
#: change to what is published writes it again, and the diff shows every cell it changed.
GOLDEN = Path(__file__).with_name("release_demo.json.xz")
TODAY = date(2026, 12, 6)

#: ids start at 1 (the release names services and sets by id), on PostgreSQL too
pytestmark = [
    pytest.mark.django_db(transaction=True, reset_sequences=True),
    pytest.mark.separate_worker,
]


#: what readers outside get on TODAY (the latest release, 1 December) and what last year's
#: status report reads (1 January); TODAY's own figures go out with the next release
DAYS = (latest_release_day(TODAY), date(TODAY.year, 1, 1))


def _release() -> dict:
    demo_create(today=TODAY)
    refresh(TODAY)
    return {day.isoformat(): live(day) for day in DAYS}


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
    # stored as a release in tables, and read back from them alone: the same cells, with no
    # stored publication (and so none of the code that built them) left to read
    for day in DAYS:
        if not Release.objects.filter(end_time=day).exists():  # the worker sent 1 December's
            release_store(day)
    # read by another process, from the store (the detail tables packed), the same cells
    published._memory.clear()
    for day in DAYS:
        assert live(day) == golden[day.isoformat()]
    StoredPublication.objects.all().delete()
    published._memory.clear()
    for day in DAYS:
        assert stored_release(day) == golden[day.isoformat()]
        assert release_audit(day) == []  # a reader of the tables narrows no hidden cell
        # nor one who also reads what the pages say beside the figures (issue 26)
        attack = release_attack(day, reader=what_the_pages_say)
        print(f"release {day}: {attack.summary()}")
        assert attack.exposed == []
        assert attack.relations["inequalities"] and attack.relations["rules from pages"]
        assert attack.narrowest >= 5


def what_the_pages_say(view_path: str, view: View) -> None:
    """What a reader of a service's competence page knows besides its figures: the rules the
    page states, as it records them when it prints them («Kravet er her regnet for …», the
    timeline's «hvis planene holder og ingen slutter»), not the relations the publication
    declares: it is the attacker the protection must stand."""
    from laget.competence.profiles import rule_set_in_force
    from laget.competence.publication import service_unit
    from laget.competence.text import coverage_text, timeline_text
    from laget.organisations.models import Service

    if not view_path.startswith(".details["):
        return
    service = Service.objects.get(pk=int(view_path[len(".details[") :].split("]")[0]))
    unit = service_unit(service.pk)
    _record, rules = rule_set_in_force(TODAY)
    said = coverage_text(rules, {unit: frozenset(service.extra_roles)}).statements
    apply(view, [*said, *timeline_text([unit]).statements], stated.RULES)


def test_the_command_shows_the_release_a_reader_gets(capsys):
    demo_create(today=TODAY)
    refresh(TODAY, days=[TODAY])  # a date asked for: no page reads a day's own figures
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
    with pytest.raises(CommandError, match="Ingenting er beregnet per 2001-01-01"):
        call_command("publication", "release", "--date", "2001-01-01")
    # what the protection costs, per publication: each published cell once, as the release
    # lists them view by view
    call_command("publication", "loss", "--date", TODAY.isoformat(), "--json")
    loss = json.loads(capsys.readouterr().out)
    keys: dict[str, str] = {}  # by key: small where a view judged it so, else as hidden
    constants = ("|band.low", "|band.high", "|form.least", "|form.most")  # no figures
    for path, cell in shown["competence"].items():
        if "|" in path and "#" not in path and not path.endswith(constants):
            key, why = path.split("|", 1)[1], cell.get("why", "")
            if keys.get(key) != "small":
                keys[key] = why if why or key not in keys else keys[key]
    assert loss["competence"]["cells"] == len(keys)
    assert loss["competence"]["primary"] == sum(why == "small" for why in keys.values())
    assert loss["competence"]["secondary"] == sum(why == "secondary" for why in keys.values())
    assert loss["competence"]["secondary_persons"] > loss["competence"]["secondary"]
    assert loss["i alt"]["cells"] == sum(v["cells"] for k, v in loss.items() if k != "i alt")
    # the units shown coarser than all six statuses: every service and group of the demo but
    # the nation (250 covered)
    published = stored_publication("competence", TODAY, exact=True)
    assert loss["competence"]["recoded"] == len(published.units) - 1 > 20
    call_command("publication", "loss", "--date", TODAY.isoformat())
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Informasjonstap per 2026-12-06")
    assert any(line.startswith("  competence: ") for line in lines)
    assert lines[-1].startswith("  i alt: ")
    with pytest.raises(CommandError, match="Ingenting er beregnet per 2001-01-01"):
        call_command("publication", "loss", "--date", "2001-01-01")
    call_command("publication", "release", "--date", TODAY.isoformat())
    assert "Utgivelsen per 2026-12-06 er lagret" in capsys.readouterr().out
    call_command("publication", "show", "--date", TODAY.isoformat(), "--json")
    assert json.loads(capsys.readouterr().out) == shown
    call_command("publication", "audit", "--date", TODAY.isoformat())
    assert "ingen av de" in capsys.readouterr().out
    # the audit reads the tables alone: a relation the reader knows and the protection did
    # not (a hidden small count equal to a shown zero) exposes it, and the command says so
    release = Release.objects.get(end_time=TODAY)
    small = release.cells.filter(why="small", path__contains="|").first()
    view, key = small.path.split("|", 1)
    zero = next(
        path
        for path, value, persons in release.cells.filter(
            publication=small.publication, path__startswith=view + "|", why=""
        ).values_list("path", "value", "persons")
        if value == 0 and persons == 0
    )
    ReleaseRelation.objects.create(
        release=release,
        publication=small.publication,
        view=view,
        kind="sum",
        result=key,
        operands=[zero.split("|", 1)[1]],
        decimals=None,
    )
    exposed = {cell.path: (cell.low, cell.high) for cell in release_audit(TODAY)}
    assert exposed[small.path] == (0, 0)  # and what its relations then give away with it
    with pytest.raises(CommandError, match=f"{len(exposed)} av"):
        call_command("publication", "audit", "--date", TODAY.isoformat())


def test_release_days_are_month_ends_and_the_first_of_december():
    assert [d for d in (date(2026, m, 28) for m in range(1, 13)) if is_release_day(d)] == [
        date(2026, 2, 28)
    ]
    assert is_release_day(date(2026, 12, 1)) and is_release_day(date(2026, 12, 31))
    assert is_release_day(date(2028, 2, 29)) and not is_release_day(date(2028, 2, 28))
    assert not is_release_day(date(2026, 12, 6))


@pytest.mark.django_db
def test_the_worker_stores_a_release_once_its_date_is_over_and_never_again(world):
    """A fixed date's figures go out the first pass after the date, and are frozen: a
    register change about that date goes into the next release, never into the one out."""
    from laget.people.models import Employment
    from tests.factories import staff_with_register

    staff_with_register(world.service_a, 6)
    refresh(date(2026, 12, 1))  # 1 December is not over: nothing goes out for it
    assert list(Release.objects.values_list("end_time", flat=True)) == [date(2026, 11, 30)]
    refresh(date(2026, 12, 6))
    release = Release.objects.get(end_time=date(2026, 12, 1))
    assert release.protection and release.min_n == 5 and release.rule_set
    hidden = release.cells.exclude(why="")
    assert hidden.exists() and not hidden.filter(value__isnull=False).exists()
    assert not hidden.filter(persons__isnull=False).exists()
    out = stored_release(date(2026, 12, 1))

    def staff_counted(day) -> float:
        """Service A's staff as counted for the release of `day` (the figure itself may be
        hidden: two of the world's services have everyone in one status)."""
        return ServiceCount.objects.get(
            property="competence", end_time=day, service=world.service_a, subgroup="staff"
        ).value

    counted = staff_counted(date(2026, 12, 1))
    # a correction about November: three more staff since 1 November
    for employment in staff_with_register(world.service_a, 3):
        Employment.objects.filter(pk=employment.pk).update(start_date=date(2026, 11, 1))
    RegisterRevision.bump()
    refresh(date(2026, 12, 6))
    assert stored_release(date(2026, 12, 1)) == out  # frozen
    with pytest.raises(ReleaseOut, match="er ute og endres ikke"):
        release_store(date(2026, 12, 1), today=date(2026, 12, 6))
    with pytest.raises(CommandError, match="rettelser kommer med neste utgivelse"):
        call_command("publication", "release", "--date", "2026-12-01")
    refresh(date(2027, 1, 1))  # the next release has it
    assert stored_release(date(2026, 12, 31)) != out
    assert staff_counted(date(2026, 12, 31)) == counted + 3


def test_a_unit_of_the_whole_nation_is_a_path_a_release_can_store():
    """The nation's unit holds every service: keyed by its set of services, its path ran past
    the 300 characters a release cell has, and `laget demo --national` stopped at the release
    (found by the loss benchmark). Each unit is keyed by its name, with its services."""
    from laget.publication.release import release_cells

    units = {frozenset(range(1, 230)): "national", frozenset({7}): "service:7"}
    cells = dict(release_cells("competence", {"units": units}))
    assert all(len(path) <= 300 for path in cells)
    assert cells["competence[units][service:7][0]"] == {"value": 7}
    assert cells["competence[units][national][228]"] == {"value": 229}
