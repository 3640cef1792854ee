"""A group's staff by role in the form its staff allow (issue 27, item 1: roles recoded as
leadership, core, other before cells are hidden): what a county user gets of a network."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from laget.competence.publication import competence_publication, service_unit
from laget.domain import role_groups
from laget.domain.protection import audit, combined, recording
from laget.organisations.models import LearningNetwork, Municipality
from laget.people.models import RoleCategory
from tests.factories import ServiceFactory, staff

pytestmark = pytest.mark.django_db

#: one service's staff: a leader, a deputy, ten in core work, two in measures, one in
#: administration (15)
ROLES = {"leader": 1, "deputy_leader": 1, "core": 10, "measures": 2, "administrative": 1}


def _network(world, services: int) -> LearningNetwork:
    trondelag = Municipality.objects.get(number="5001").county
    network = LearningNetwork.objects.create(name="Nettverk", county=trondelag)
    for index in range(services):
        service = ServiceFactory(name=f"Tjeneste {index}", slug=f"t{index}", members=["5001"])
        for role, count in ROLES.items():
            staff(service, count, role_category=role)
        network.services.add(service)
    return network


def test_a_network_of_45_shows_leadership_core_and_other_roles(client, world):
    """Three services of 15: each role on its own would be three leaders, three deputies,
    six in measures and three in administration, hidden with the partners they need; as three
    groups, leadership 6, core 30 and other roles 9 are all shown, and the attack on
    everything the county user read finds no small figure."""
    network = _network(world, 3)
    client.force_login(world.user("county"))
    with recording() as ledger:
        response = client.get(reverse("workforce_overview:overview"), {"network": network.pk})
    overview = response.context["overview"]
    assert overview.role_form == role_groups.BY_KEY["groups"]
    rows = {row.label: row for row in overview.by_role}
    assert list(rows) == [group.label for group in role_groups.GROUPS]
    shown = {label: row.headcount.shown for label, row in rows.items()}
    assert shown == {
        role_groups.LEADERSHIP.label: 6,
        role_groups.CORE.label: 30,
        role_groups.OTHER.label: 9,
    }
    # no single role but core work reaches the reader, and turnover only for single roles
    assert not {str(label) for value, label in RoleCategory.choices if value != "core"} & set(rows)
    assert rows[role_groups.LEADERSHIP.label].turnover.value is None
    fte = rows[role_groups.LEADERSHIP.label].fte  # shown with its head count, as a role's
    assert not fte.suppressed and fte.value == pytest.approx(6.0)
    html = response.content.decode()
    assert "tre rollegrupper" in html and role_groups.OTHER.label in html
    units = competence_publication(timezone.localdate()).units
    groups = {u: [service_unit(pk) for pk in ids] for ids, u in units.items() if len(ids) > 1}
    together = combined(ledger.read.values(), groups=groups)
    assert any("staff_roles." in k for k in together.view.cells)
    assert not together.exposed(audit(together.view, together.hidden))


def test_a_network_under_24_shows_no_split_and_says_why(client, world):
    network = _network(world, 1)
    network.services.add(world.service_a)  # a network of the 15 and Tjeneste A's few
    client.force_login(world.user("county"))
    response = client.get(reverse("workforce_overview:overview"), {"network": network.pk})
    overview = response.context["overview"]
    assert overview.headcount.shown is not None and overview.headcount.shown < 24
    assert overview.role_form == role_groups.BY_KEY["none"]
    assert overview.by_role == []
    assert "Etter rollekategori vises ikke" in response.content.decode()


def test_the_forms_follow_the_staff_and_every_role_is_in_one_group():
    assert role_groups.form_for(None).key == "none"
    assert [role_groups.form_for(n).key for n in (0, 23, 24, 199, 200)] == [
        "none", "none", "groups", "groups", "roles",
    ]  # fmt: skip
    assert sorted(r for g in role_groups.GROUPS for r in g.roles) == sorted(RoleCategory.values)
    assert tuple(RoleCategory.values) == role_groups.ROLES
    assert role_groups.merged({"leader": 2, "deputy_leader": 1, "other": 4}) == {
        "leadership": 3, "core": 0, "other": 4,
    }  # fmt: skip
    with pytest.raises(ValueError, match="unknown role"):
        role_groups.merged({"chief": 1})
    with pytest.raises(ValueError):
        role_groups.form_for(-1)
    # kept from 1 December: no finer before the next, coarser at once
    assert role_groups.form_for(250, "groups").key == "groups"
    assert role_groups.form_for(20, "groups").key == "none"
    assert role_groups.form_for(None, "roles").key == "none"
