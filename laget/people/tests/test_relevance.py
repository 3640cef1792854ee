"""What counts as relevant education (issue 24, item 5): the forms suggest from the shared
list, a name on it is relevant as the list says, one not on it is the leader's judgement, and
the person's page says why, with the list's sources."""

from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from laget.core.models import AuditEntry
from laget.people.models import ChangeProposal, Education, FurtherEducation
from tests.factories import EducationFactory, FurtherEducationFactory, staff

pytestmark = pytest.mark.django_db

EDUCATION = {"level": "bachelor", "institution": "NTNU", "completed_on": "2012-06-15"}
FURTHER = {"credits": "30", "status": "completed", "ends_on": "2024-06-30"}


def add(client, person, kind, data):
    url = reverse("people:record_add", kwargs={"pk": person.pk, "kind": kind})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def page(client, person) -> str:
    response = client.get(reverse("people:detail", kwargs={"pk": person.pk}))
    return unescape(response.content.decode())


def test_the_forms_suggest_from_the_list(client, world):
    client.force_login(world.user("leader"))
    person = world.person_a
    html = unescape(
        client.get(
            reverse("people:record_add", kwargs={"pk": person.pk, "kind": "utdanning"})
        ).content.decode()
    )
    assert 'list="id_field_forslag"' in html and '<datalist id="id_field_forslag">' in html
    assert '<option value="Bachelor i sosialt arbeid (sosionom)">' in html
    assert '<option value="Master i barnevernsarbeid">' in html
    assert "Lagets liste over relevant utdanning (versjon 1)" in html
    html = unescape(
        client.get(
            reverse("people:record_add", kwargs={"pk": person.pk, "kind": "videreutdanning"})
        ).content.decode()
    )
    assert '<datalist id="id_course_forslag">' in html
    assert '<option value="Barnevernfaglig veiledning">' in html
    assert "Bachelor i sosialt arbeid" not in html  # degrees are suggested for degrees only


def test_a_degree_on_the_list_counts_as_the_list_says_and_the_page_says_why(client, world):
    client.force_login(world.user("leader"))
    person = world.person_a
    add(client, person, "utdanning", {**EDUCATION, "field": "Sosionom"})  # «relevant» unticked
    record = Education.objects.get(person=person)
    assert (
        record.relevant,
        record.relevance_basis,
        record.relevance_entry,
        record.relevance_version,
    ) == (True, "list", "bachelor-sosialt-arbeid", "1")
    html = page(client, person)
    assert (
        "Står på listen over relevant utdanning som «Bachelor i sosialt arbeid (sosionom)»: "
        "teller som relevant bachelorutdanning." in html
    )
    assert (
        "Mer kunnskap – bedre barnevern. Kompetansestrategi for det kommunale barnevernet "
        "2018–2024 (regjeringen), kapittel 3, «Mer relevante bachelorutdanninger»: «De fleste "
        "ansatte i det kommunale barnevernet har treårig utdanning som barnevernspedagog eller "
        "sosionom.»" in html
    )


@pytest.mark.parametrize(
    ("ticked", "said"),
    [
        ({"relevant": "on"}, "Ikke på listen – lederen har vurdert den som relevant."),
        ({}, "Ikke på listen – lederen har vurdert den som ikke relevant."),
    ],
)
def test_a_degree_not_on_the_list_is_the_leaders_judgement(client, world, ticked, said):
    client.force_login(world.user("leader"))
    person = world.person_a
    add(client, person, "utdanning", {**EDUCATION, "field": "Vernepleie", **ticked})
    record = Education.objects.get(person=person)
    assert (record.relevant, record.relevance_basis) == (bool(ticked), "assessed")
    assert said in page(client, person)


def test_a_further_education_on_the_list_is_relevant_with_its_source(client, world):
    client.force_login(world.user("leader"))
    person = world.person_a
    add(client, person, "videreutdanning", {**FURTHER, "course": "Juss i barnevernfaglig arbeid"})
    record = FurtherEducation.objects.get(person=person)
    assert (record.relevant, record.relevance_basis, record.relevance_entry) == (
        True,
        "list",
        "vu-juss",
    )
    assert "tabell 3-2" in page(client, person)


def test_an_approved_proposal_is_classified_like_the_leaders_own(client, world):
    me = world.employee_person
    client.force_login(world.user("employee"))
    url = reverse("people:record_add", kwargs={"pk": me.pk, "kind": "utdanning"})
    client.post(url, {**EDUCATION, "field": "Barnevern", "message": "Fra vitnemålet"})
    proposal = ChangeProposal.objects.get()
    client.force_login(world.user("leader"))
    decide = reverse("people:proposal_decide", kwargs={"pk": me.pk, "proposal_id": proposal.pk})
    client.post(decide, {"decision": "approve"})
    record = Education.objects.get(person=me)
    assert (record.relevance_basis, record.relevance_entry) == ("list", "bachelor-barnevern")


def test_the_leader_decides_what_nobody_has_judged_and_the_status_follows(client, world):
    """A master from a file that did not say whether it is relevant, its name not on the list:
    «ikke vurdert», the status «må sjekkes»; the leader judges it relevant, and it counts."""
    person = staff(world.service_a, 1, start_date=date(2024, 1, 1))[0].person
    unjudged = EducationFactory(
        person=person,
        level="master",
        field="Helse- og sosialfag",
        relevant=False,
        relevance_basis="not_assessed",
        source="import",
    )
    client.force_login(world.user("leader"))
    html = page(client, person)
    assert "Ikke på listen over relevant utdanning, og ikke vurdert" in html
    assert "«Master Helse- og sosialfag» står ikke på listen over relevant utdanning" in html
    response = client.get(reverse("people:detail", kwargs={"pk": person.pk}))
    assert response.context["competence"].result.status.key == "needs_check"
    url = reverse(
        "people:record_assess",
        kwargs={"pk": person.pk, "kind": "utdanning", "record_id": unjudged.pk},
    )
    assert client.post(url, {"relevant": "kanskje"}).status_code == 400
    assert client.post(url, {"relevant": "ja"}).status_code == 302
    unjudged.refresh_from_db()
    assert (unjudged.relevant, unjudged.relevance_basis, unjudged.source) == (
        True,
        "assessed",
        "manual",
    )
    response = client.get(reverse("people:detail", kwargs={"pk": person.pk}))
    assert response.context["competence"].result.status.key == "meets"
    assert AuditEntry.objects.filter(object_type="people.Education", action="update").exists()


def test_a_sum_from_a_file_is_no_education_of_its_own(client, world):
    person = world.person_a
    FurtherEducationFactory(person=person, credits=Decimal(30), is_sum=True, source="import")
    client.force_login(world.user("leader"))
    assert "En sum fra en fil, uten emnene bak: registrer emnene." in page(client, person)


def test_a_degree_on_the_list_registered_as_not_relevant_before_it_says_so(client, world):
    """The migration changes no status: what was registered as not relevant stays so, and the
    page says the list counts it."""
    person = world.person_a
    EducationFactory(person=person, level="master", field="Barnevern", relevant=False)
    client.force_login(world.user("leader"))
    assert (
        "Står på listen over relevant utdanning som «Master i barnevern», men er registrert som "
        "ikke relevant fra før listen kom" in page(client, person)
    )
