"""`laget demo --national`: the whole country, Trøndelag as the regional demo.

The generator runs here with the synthetic services shrunk to a few staff (`fraction`), so
the tests stay fast; the sizes at full scale are checked without writing them. Most of the
time goes to the regional demo inside it (its status report), so it runs three times only."""

from functools import partial

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from django.utils import timezone

from laget.accounts.models import Role, RoleAssignment, User
from laget.demo import national
from laget.demo.national import (
    MAX_SERVICE_STAFF,
    NATIONAL_STAFF,
    national_create,
    national_sizes,
    national_structure,
)
from laget.demo.services import DEMO_LOGINS, DEMO_PASSWORD, SERVICE_SIZES
from laget.organisations.models import GovernorOffice, Municipality, Service
from laget.people.models import Education, Employment, Person
from laget.supervision.models import CheckIn, SupervisionPlan, SupervisionSession
from laget.workforce.models import ExitInterview, SickLeaveMonth, Vacancy

pytestmark = pytest.mark.django_db
SMALL = 0.02  # most synthetic services at their smallest (three staff), Oslo with 13


def _trondelag() -> tuple[list, list]:
    """Trøndelag's staff with their history, and the demo logins with their roles."""
    employments = sorted(
        Employment.objects.filter(service__slug__in=SERVICE_SIZES).values_list(
            "service__slug",
            "employee_number",
            "person__given_name",
            "person__family_name",
            "role_category",
            "fte_percent",
            "start_date",
            "end_date",
        )
    )
    logins = sorted(
        RoleAssignment.objects.filter(
            user__username__in=[login.username for login in DEMO_LOGINS]
        ).values_list("user__username", "role", "service__slug", "municipality__number")
    )
    return employments, logins


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in ("people", "workforce", "supervision", "organisations")
    }


def test_the_nation_at_full_scale_has_about_7200_staff_in_about_230_services():
    structure = national_structure()
    assert 210 <= len(structure) + len(SERVICE_SIZES) <= 250
    for scale in (1, 10, 20):
        staff = sum(national_sizes(structure, scale=scale).values()) + sum(SERVICE_SIZES.values())
        assert abs(staff - NATIONAL_STAFF * scale) <= 0.15 * NATIONAL_STAFF * scale, scale
    sizes = national_sizes(structure)
    assert min(sizes.values()) == 3 and 200 <= max(sizes.values()) <= 1_000
    assert max(national_sizes(structure, scale=20).values()) == MAX_SERVICE_STAFF
    # most municipalities share a service; the larger towns have one of their own
    members = [len(spec.members) for spec in structure]
    assert sum(n for n in members if n > 1) > sum(n for n in members if n == 1)
    assert all(2 <= n <= 6 for n in members if n > 1)
    hosts = {spec.slug: spec.members for spec in structure}
    assert hosts["bergen"] == ("4601",) and hosts["oslo"] == ("0301",)


@pytest.mark.parametrize("scale", ["0", "21", "-3"])
def test_a_scale_out_of_range_is_refused_and_changes_nothing(scale):
    before = _counts()
    with pytest.raises(CommandError, match="--scale"):
        call_command("demo", "--national", "--scale", scale)
    assert _counts() == before
    assert not User.objects.exists()


def test_scale_without_national_is_refused():
    with pytest.raises(CommandError, match="--national"):
        call_command("demo", "--scale", "2")


def _check_the_nation(out: str) -> None:
    today = timezone.localdate()  # the command's
    served = Municipality.objects.annotate(services_count=Count("services"))
    assert served.count() == 357
    assert set(served.values_list("services_count", flat=True)) == {1}
    services = Service.objects.count()
    assert services == len(national_structure()) + len(SERVICE_SIZES)
    sizes = national_sizes(national_structure(), fraction=SMALL)
    current = Employment.objects.active_on(today)
    assert current.count() == sum(sizes.values()) + sum(SERVICE_SIZES.values())
    assert not current.filter(service__isnull=True).exists()
    assert set(current.values_list("service__slug", flat=True)) == {*sizes, *SERVICE_SIZES}
    periods = Employment.objects.count()
    assert periods > 2 * current.count()
    assert not Person.objects.filter(is_synthetic=False).exists()

    # the summary line: services, municipalities, current staff, employment periods, seconds
    def n(value: int) -> str:
        return f"{value:,}".replace(",", " ")

    assert (
        f"{services} tjenester, 357 kommuner, {n(current.count())} nåværende ansatte, "
        f"{n(periods)} ansettelsesforhold, " in out
    )
    assert "statsforvalter.vestland" in out and "leder.trondheim" in out


def _check_a_national_service() -> None:
    today = timezone.localdate()
    oslo = Service.objects.get(slug="oslo")
    assert oslo.units.count() == 15
    assert oslo.employments.active_on(today).count() > 3
    bergen = Service.objects.get(slug="bergen")
    assert bergen.employments.filter(end_date__isnull=False).exists()  # leavers
    assert ExitInterview.objects.filter(employment__service=bergen).exists()
    assert Vacancy.objects.filter(service=bergen).exists()
    assert SickLeaveMonth.objects.filter(service=bergen).count() == 10 * 12 + today.month - 1
    assert Education.objects.filter(person__employments__service=bergen).exists()
    national_services = Service.objects.exclude(slug__in=SERVICE_SIZES)
    assert SupervisionPlan.objects.filter(service__in=national_services).exists()
    assert SupervisionSession.objects.filter(plan__service__in=national_services).exists()
    assert CheckIn.objects.filter(service__in=national_services).exists()
    for office in GovernorOffice.objects.all():
        assert RoleAssignment.objects.filter(role=Role.COUNTY, governor_office=office).exists()
    leader = User.objects.get(username="leder.oslo")
    assert leader.person.employments.get().service == oslo
    assert leader.check_password(DEMO_PASSWORD)


def test_the_nation_serves_every_municipality_repeats_for_a_seed_and_gives_way_to_trondelag(
    capsys, monkeypatch
):
    today = timezone.localdate()  # one day for all three runs, should they straddle midnight
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today)
    monkeypatch.setattr(
        "laget.demo.management.commands.demo.national_create",
        partial(national_create, fraction=SMALL),
    )
    # storing the nation's figures takes minutes (the README's figures); not what this tests
    monkeypatch.setattr("laget.demo.management.commands.demo.refresh", lambda day: {})
    call_command("demo", "--national")
    _check_the_nation(capsys.readouterr().out)
    _check_a_national_service()
    trondelag, counts = _trondelag(), _counts()

    call_command("demo", "--national")  # replaces itself with the same
    assert (_trondelag(), _counts()) == (trondelag, counts)

    call_command("demo")  # the regional demo: the same Trøndelag, and the nation is gone
    assert _trondelag() == trondelag
    assert set(Service.objects.values_list("slug", flat=True)) == set(SERVICE_SIZES)
    assert not User.objects.filter(username="statsforvalter.vestland").exists()
    assert not national.national_exists()
