from datetime import date

import pytest
from django.core.management import call_command

from laget.accounts.models import User
from laget.demo.services import DEMO_PASSWORD, SERVICE_SIZES, demo_create
from laget.people.models import Employment, Person
from laget.workforce.models import SickLeaveMonth, Vacancy

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


def _snapshot():
    return list(
        Employment.objects.order_by(
            "service__slug", "person__family_name", "person__given_name", "start_date"
        ).values_list(
            "service__slug",
            "person__given_name",
            "person__family_name",
            "role_category",
            "fte_percent",
            "start_date",
        )
    )


def test_demo_is_deterministic_and_replaces_itself():
    demo_create(today=TODAY)
    first = _snapshot()
    counts = (Person.objects.count(), SickLeaveMonth.objects.count(), Vacancy.objects.count())
    demo_create(today=TODAY)
    assert _snapshot() == first
    assert (Person.objects.count(), SickLeaveMonth.objects.count(), Vacancy.objects.count()) == (
        counts
    )
    current = Employment.objects.active_on(TODAY)
    assert current.count() == sum(SERVICE_SIZES.values())


def test_the_command_prints_the_logins_and_stores_the_figures_for_outside_users(capsys):
    from laget.core.models import RegisterRevision
    from laget.publication.models import StoredPublication

    call_command("demo")
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out and "leder.trondheim" in out and "statsforvalter.trondelag" in out
    # the first county or national page reads them instead of building them
    assert "lagret på" in out
    revision = RegisterRevision.current()
    stored = set(StoredPublication.objects.values_list("name", "revision"))
    assert {("competence", revision), ("flows", revision), ("exits", revision)} <= stored


def test_the_command_refuses_a_database_with_real_persons():
    from django.core.management.base import CommandError

    from tests.factories import PersonFactory

    PersonFactory(is_synthetic=False)
    with pytest.raises(CommandError, match="ekte personer"):
        call_command("demo")
    assert not User.objects.exists()
