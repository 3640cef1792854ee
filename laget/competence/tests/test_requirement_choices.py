"""The requirement's open questions made explicit (issue 15): which roles it is counted for in
a service, exemptions as their own status, and the formal education beside «oppfyller»."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from laget.competence import selectors
from laget.competence.models import Exemption
from laget.core.models import AuditEntry
from laget.domain.competence import Status
from laget.people.models import RoleCategory
from tests.factories import EducationFactory, EmploymentFactory, FurtherEducationFactory

pytestmark = pytest.mark.django_db


def _master(employment):
    EducationFactory(person=employment.person, level="master", completed_on=date(2015, 6, 1))
    return employment


def _status_counts(world) -> dict[str, int]:
    """Service A's statuses as its leader sees them (live, every status)."""
    overview = selectors.competence_overview(
        user=world.user("leader"),
        services=[world.service_a],
        today=timezone.localdate(),
        with_persons=False,
    )
    return {row.key: row.count.value for row in overview.statuses}


# Which roles: a per-service choice ----------------------------------------------------------


def test_staff_in_measures_count_only_once_the_leader_says_the_municipality_decided_so(
    client, world
):
    measures = _master(EmploymentFactory(service=world.service_a, role_category="measures"))
    leader = world.user("leader")
    client.force_login(leader)
    page = client.get(reverse("competence:service", kwargs={"pk": world.service_a.pk}))
    text = page.content.decode()
    assert "Kravet er her regnet for ledere, stedfortredere og ansatte med kjerneoppgaver" in text
    assert "ikke for ansatte i tiltak" in text
    row = next(
        r
        for r in selectors.service_persons(service=world.service_a, today=timezone.localdate())
        if r.person == measures.person
    )
    assert row.result.status is Status.NOT_SUBJECT
    before = _status_counts(world)

    url = reverse("competence:scope", kwargs={"pk": world.service_a.pk})
    assert client.post(url, {"roles": ["measures"]}).status_code == 302
    world.service_a.refresh_from_db()
    assert world.service_a.requirement_extra_roles == ["measures"]
    assert AuditEntry.objects.filter(summary__contains="hvem kompetansekravet").exists()

    after = _status_counts(world)
    assert after["meets"] == before["meets"] + 1
    text = client.get(reverse("competence:service", kwargs={"pk": world.service_a.pk})).content
    assert (
        "også for ansatte i tiltak, som kommunen har regnet med fordi de gjør oppgaver"
        in text.decode()
    )


def test_the_scope_form_offers_only_the_rule_sets_open_roles_and_refuses_others(client, world):
    client.force_login(world.user("leader"))
    url = reverse("competence:scope", kwargs={"pk": world.service_a.pk})
    html = client.get(url).content.decode()
    assert 'value="measures"' in html and 'value="core"' not in html
    response = client.post(url, {"roles": ["administrative"]})
    assert response.status_code == 400
    assert "ds-error-summary" in response.content.decode()
    world.service_a.refresh_from_db()
    assert world.service_a.requirement_extra_roles == []


def test_the_county_sees_the_coverage_across_its_services(client, world):
    world.service_a.requirement_extra_roles = ["measures"]
    world.service_a.save()
    client.force_login(world.user("national"))
    html = client.get(reverse("competence_overview:overview")).content.decode()
    assert re.search(r"for ansatte i tiltak i 1 av \d+ tjenester", html)


# Exemptions -------------------------------------------------------------------------------


def _exemption_data(**overrides):
    today = timezone.localdate()
    data = {
        "position_title": "",
        "granted_by": "Statsforvalteren i Trøndelag",
        "granted_on": (today - timedelta(days=30)).isoformat(),
        "valid_from": (today - timedelta(days=30)).isoformat(),
        "valid_until": (today + timedelta(days=60)).isoformat(),
        "conditions": "Må starte på master innen ett år.",
        "document_reference": "2026/1234-5",
    }
    return {**data, **overrides}


def test_an_exempted_person_is_unntatt_never_meeting_it_and_the_leader_is_reminded(client, world):
    person = world.person_a  # no education registered: cannot meet or at risk
    before = _status_counts(world)
    client.force_login(world.user("leader"))
    url = reverse("competence:exemptions", kwargs={"pk": world.service_a.pk})
    response = client.post(url, _exemption_data(person=person.pk))
    assert response.status_code == 302, response.content.decode()
    assert Exemption.objects.get().person == person

    after = _status_counts(world)
    assert after["exempt"] == 1 and after["meets"] == before["meets"]
    assert sum(after.values()) == sum(before.values())
    row = next(
        r
        for r in selectors.service_persons(service=world.service_a, today=timezone.localdate())
        if r.person == person
    )
    assert row.result.status is Status.EXEMPT
    assert row.label.startswith("Unntatt fra kravet til")
    assert "uten unntaket:" in row.label
    own = selectors.competence_status_for_person(
        user=None, person=person, today=timezone.localdate()
    )
    assert own.result.status is Status.EXEMPT
    # the end date, 60 days away, is named on the leader's start page
    start = client.get(reverse("organisations:detail", kwargs={"pk": world.service_a.pk}))
    assert "unntak fra kompetansekravet går ut innen 90 dager" in start.content.decode()


def test_a_position_exemption_covers_whoever_holds_the_position_and_only_while_in_force(world):
    leader = EmploymentFactory(service=world.service_a, position_title="Barnevernleder")
    leader.role_category = RoleCategory.LEADER
    leader.save()
    today = timezone.localdate()
    exemption = Exemption.objects.create(
        service=world.service_a,
        position_title="barnevernleder",  # the title as written in the decision
        granted_by="Statsforvalteren",
        granted_on=today - timedelta(days=400),
        valid_from=today - timedelta(days=400),
        valid_until=today + timedelta(days=400),
    )
    rows = {
        r.person: r.result.status
        for r in selectors.service_persons(service=world.service_a, today=today)
    }
    assert rows[leader.person] is Status.EXEMPT
    assert sum(s is Status.EXEMPT for s in rows.values()) == 1
    exemption.valid_until = today - timedelta(days=1)
    exemption.save()
    rows = {
        r.person: r.result.status
        for r in selectors.service_persons(service=world.service_a, today=today)
    }
    assert Status.EXEMPT not in rows.values()


def test_a_bad_exemption_is_refused_with_the_errors_and_nothing_saved(client, world):
    client.force_login(world.user("leader"))
    url = reverse("competence:exemptions", kwargs={"pk": world.service_a.pk})
    both = _exemption_data(person=world.person_a.pk, position_title="Barnevernleder")
    backwards = _exemption_data(person=world.person_a.pk, valid_until=date(2020, 1, 1).isoformat())
    case_info = _exemption_data(
        person=world.person_a.pk, conditions="Gjelder saken til 12039912345"
    )
    for data in (both, backwards, case_info):
        response = client.post(url, data)
        assert response.status_code == 400
        assert "Unntaket ble ikke registrert" in response.content.decode()
    assert not Exemption.objects.exists()


def test_exemptions_of_another_service_are_out_of_reach(client, world):
    other = Exemption.objects.create(
        service=world.service_c,
        person=world.person_c,
        granted_by="Statsforvalteren",
        granted_on=date(2026, 1, 1),
        valid_from=date(2026, 1, 1),
        valid_until=date(2027, 1, 1),
    )
    client.force_login(world.user("leader"))
    url = reverse(
        "competence:exemption_delete", kwargs={"pk": world.service_a.pk, "exemption_id": other.pk}
    )
    assert client.post(url).status_code == 404
    assert Exemption.objects.filter(pk=other.pk).exists()
    # and choosing a person outside the service is refused
    add = reverse("competence:exemptions", kwargs={"pk": world.service_a.pk})
    assert client.post(add, _exemption_data(person=world.person_c.pk)).status_code == 400


# The formal education beside «oppfyller» --------------------------------------------------


def test_formal_education_in_place_is_shown_beside_meeting_it(client, world):
    """Three new staff with a bachelor and 30 credits: the education is in place, but two
    years of experience do not meet the requirement."""
    start = timezone.localdate() - timedelta(days=730)
    for _ in range(3):
        employment = EmploymentFactory(service=world.service_a, start_date=start)
        EducationFactory(person=employment.person)
        FurtherEducationFactory(person=employment.person, credits=Decimal(30))
    overview = selectors.competence_overview(
        user=world.user("leader"),
        services=[world.service_a],
        today=timezone.localdate(),
        with_persons=False,
    )
    assert overview.education_in_place.value == 3
    meets = next(r for r in overview.statuses if r.key == "meets").count.value
    assert meets == 0
    client.force_login(world.user("leader"))
    html = client.get(reverse("competence:service", kwargs={"pk": world.service_a.pk})).content
    assert "Formell utdanning på plass" in html.decode()
    assert "58\u00a0%" in html.decode()  # the mapping's figure, with what it counted


def test_compliance_json_names_the_coverage_and_the_formal_education(world):
    world.service_a.requirement_extra_roles = ["measures"]
    world.service_a.save()
    out = StringIO()
    call_command("compliance", "--service", world.service_a.slug, "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert "også for ansatte i tiltak" in data["coverage"]
    assert data["education_in_place"] == 0
    assert data["exempt"] == 0


# In the admin ------------------------------------------------------------------------------


def test_the_admin_registers_an_exemption_and_the_person_gets_their_own_status(client, world):
    client.force_login(world.user("admin"))
    today = timezone.localdate()
    response = client.post(
        reverse("admin:competence_exemption_add"),
        {
            "service": world.service_a.pk,
            "person": world.person_a.pk,
            "position_title": "",
            "granted_by": "Statsforvalteren i Trøndelag",
            "granted_on": today.isoformat(),
            "valid_from": today.isoformat(),
            "valid_until": (today + timedelta(days=365)).isoformat(),
            "conditions": "",
            "document_reference": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    exemption = Exemption.objects.get()
    assert exemption.created_by == world.user("admin")
    own = selectors.competence_status_for_person(user=None, person=world.person_a, today=today)
    assert own.result.status is Status.EXEMPT
    # a person and a position at once is refused there too
    response = client.post(
        reverse("admin:competence_exemption_add"),
        {
            "service": world.service_a.pk,
            "person": world.person_a.pk,
            "position_title": "Barnevernleder",
            "granted_by": "Statsforvalteren",
            "granted_on": today.isoformat(),
            "valid_from": today.isoformat(),
            "valid_until": today.isoformat(),
        },
    )
    assert response.status_code == 200 and Exemption.objects.count() == 1


def test_a_service_cannot_be_given_an_unknown_role_in_the_admin(world):
    from django.core.exceptions import ValidationError

    world.service_a.requirement_extra_roles = ["tiltak"]  # the label, not the key
    with pytest.raises(ValidationError):
        world.service_a.full_clean()


def test_an_exempt_person_s_pages_say_the_status_they_would_have(client, world):
    """Issue 28: «uten unntaket: unntatt fra kravet» where the person's status without the
    exemption belongs: on the staff list and on the person's own page."""
    import re

    today = timezone.localdate()

    def exempt(person):
        Exemption.objects.create(
            service=world.service_a,
            person=person,
            granted_by="Statsforvalteren",
            granted_on=today - timedelta(days=10),
            valid_from=today - timedelta(days=10),
            valid_until=today + timedelta(days=400),
        )

    exempt(world.person_a)
    client.force_login(world.user("leader"))
    said = set()
    for url in (
        reverse("organisations:staff", kwargs={"pk": world.service_a.pk}),
        reverse("people:detail", kwargs={"pk": world.person_a.pk}),
    ):
        said |= set(re.findall(r"uten unntaket: ([^)<]+)", client.get(url).content.decode()))
    exempt(world.employee_person)
    client.force_login(world.user("employee"))
    own = client.get(reverse("people:me")).content.decode()
    said |= set(re.findall(r"uten unntaket: ([^)<]+)", own))
    assert len(said) >= 1 and "unntatt fra kravet" not in said, said
