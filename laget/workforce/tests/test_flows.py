"""Turnover, leavers, hires and separations as users outside the services get them: protected
as one whole with every service and group (issue 13)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from laget.competence.publication import competence_publication, service_unit
from laget.domain.protection import audit, combined, recording
from laget.organisations.models import LearningNetwork, Municipality
from laget.workforce.flows import flows_publication
from laget.workforce.tests.test_views import _history
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def _network_with_leavers(world) -> tuple[LearningNetwork, dict]:
    """Five services in a network; last year Frøya lost 2 of its 6, the others 5 or more."""
    year = timezone.localdate().year - 1
    trondelag = Municipality.objects.get(number="5001").county
    services = {}
    for name, (stayers, leavers) in {
        "fosen": (10, 6),
        "heim": (5, 5),
        "hitra": (9, 5),
        "orkland": (12, 7),
        "froya": (4, 2),
    }.items():
        service = ServiceFactory(name=name.title(), slug=name, members=["5001"])
        _history(service, stayers=stayers, leavers=leavers, year=year)
        services[name] = service
    network = LearningNetwork.objects.create(name="Nettverk", county=trondelag)
    network.services.set(services.values())
    return network, services


def test_a_network_s_leavers_less_its_shown_services_give_no_hidden_one(client, world):
    network, services = _network_with_leavers(world)
    year = timezone.localdate().year - 1
    client.force_login(world.user("county"))
    with recording() as ledger:
        response = client.get(reverse("workforce_overview:overview"), {"network": network.pk})
        for service in services.values():
            client.get(reverse("workforce:service", kwargs={"pk": service.pk}))
    rows = {row.year: row for row in response.context["overview"].rows}
    flows = flows_publication(timezone.localdate())
    froya = flows.figure([services["froya"]], year, "leavers")
    assert froya.suppressed and froya.value == 2
    # the network's leavers are shown or not, but never with only Frøya's hidden
    hidden = [s for s in services.values() if flows.figure([s], year, "leavers").suppressed]
    assert rows[year].leavers.suppressed or len(hidden) >= 2
    units = competence_publication(timezone.localdate()).units
    groups = {u: [service_unit(pk) for pk in ids] for ids, u in units.items() if len(ids) > 1}
    together = combined(ledger.read.values(), groups=groups)
    assert any("flows." in k for k in together.sensitive)
    assert not together.revealed
    assert not together.exposed(audit(together.view, together.hidden))


def test_a_small_service_s_turnover_is_hidden_and_a_large_one_s_shown(client, world):
    _network, services = _network_with_leavers(world)
    year = timezone.localdate().year - 1
    client.force_login(world.user("national"))
    rows = {}
    for name in ("froya", "orkland"):
        page = client.get(reverse("workforce:service", kwargs={"pk": services[name].pk}))
        rows[name] = next(r for r in page.context["overview"].rows if r.year == year)
    assert rows["froya"].leavers.suppressed and rows["froya"].turnover.suppressed
    orkland = rows["orkland"]
    assert (orkland.at_start.shown, orkland.leavers.shown) == (19, 7)
    assert orkland.turnover.shown == pytest.approx(7 / 19)


def test_hires_by_source_give_no_small_service_away(client, world):
    """Frøya hired two from another child-welfare service; the others five or more each."""
    from laget.workforce.models import Hire, Vacancy

    network, services = _network_with_leavers(world)
    year = timezone.localdate().year - 1
    for name, count in {"fosen": 5, "heim": 6, "hitra": 5, "orkland": 7, "froya": 2}.items():
        vacancy = Vacancy.objects.create(
            service=services[name],
            title="Konsulent",
            role_category="core",
            requirement="master_required",
            advertised_on=timezone.localdate().replace(year=year, month=2, day=1),
        )
        for _ in range(count):
            Hire.objects.create(vacancy=vacancy, source="other_service", experience_years=3)
    client.force_login(world.user("county"))
    with recording() as ledger:
        client.get(reverse("workforce_overview:overview"), {"network": network.pk})
        pages = {
            name: client.get(reverse("workforce:service", kwargs={"pk": s.pk})).context["overview"]
            for name, s in services.items()
        }
    froya = {label: hires for label, hires, _ in pages["froya"].recruitment.hires_by_source}
    assert all(f.suppressed or f.value == 0 for f in froya.values())
    units = competence_publication(timezone.localdate()).units
    groups = {u: [service_unit(pk) for pk in ids] for ids, u in units.items() if len(ids) > 1}
    together = combined(ledger.read.values(), groups=groups)
    assert any("recruited" in k for k in together.sensitive)
    assert not together.exposed(audit(together.view, together.hidden))
