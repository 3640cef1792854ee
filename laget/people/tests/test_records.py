"""The register by hand: leaders add records, employees propose them, leaders approve."""

import pytest
from django.urls import reverse

from laget.core.models import AuditEntry
from laget.people.models import ChangeProposal, Education, FurtherEducation

pytestmark = pytest.mark.django_db


def add_url(person, kind):
    return reverse("people:record_add", kwargs={"pk": person.pk, "kind": kind})


FURTHER = {
    "course": "Barnevernfaglig videreutdanning",
    "credits": "30",
    "relevant": "on",
    "status": "completed",
    "ends_on": "2024-06-30",
}
EDUCATION = {
    "level": "bachelor",
    "field": "Barnevern",
    "relevant": "on",
    "institution": "NTNU",
    "completed_on": "2012-06-15",
}


def test_a_leader_adds_further_education_and_the_status_follows(client, world):
    client.force_login(world.user("leader"))
    person = world.person_a
    client.post(add_url(person, "utdanning"), EDUCATION)
    before = (
        client.get(reverse("people:detail", kwargs={"pk": person.pk}))
        .context["competence"]
        .result.status.key
    )
    response = client.post(add_url(person, "videreutdanning"), FURTHER)
    assert response.status_code == 302
    record = FurtherEducation.objects.get(person=person)
    assert (record.source, record.credits) == ("manual", 30)
    after = client.get(reverse("people:detail", kwargs={"pk": person.pk})).context["competence"]
    assert before == "at_risk" and after.result.status.key == "meets"
    assert (
        AuditEntry.objects.filter(object_type="people.FurtherEducation", action="create").count()
        == 1
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({**FURTHER, "credits": "0"}, "credits"),
        ({**FURTHER, "credits": "tretti"}, "credits"),
        ({**FURTHER, "ends_on": "2099-01-01"}, "ends_on"),
        ({**FURTHER, "ends_on": ""}, "ends_on"),
        ({**FURTHER, "status": "magic"}, "status"),
    ],
)
def test_bad_further_education_is_explained_and_nothing_saved(client, world, data, field):
    client.force_login(world.user("leader"))
    response = client.post(add_url(world.person_a, "videreutdanning"), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not FurtherEducation.objects.exists() and not AuditEntry.objects.exists()


def test_an_employee_proposes_and_the_leader_approves(client, world):
    me = world.employee_person
    client.force_login(world.user("employee"))
    response = client.post(
        add_url(me, "utdanning"), {**EDUCATION, "message": "Glemt i HR-systemet"}
    )
    assert response["Location"] == reverse("people:me")
    assert not Education.objects.filter(person=me).exists()  # nothing until approved
    proposal = ChangeProposal.objects.get()
    assert (proposal.kind, proposal.status, proposal.data["completed_on"]) == (
        "education",
        "pending",
        "2012-06-15",
    )
    page = client.get(reverse("people:me")).content.decode()
    assert "Venter på leder" in page and "Godkjenn" not in page

    client.force_login(world.user("leader"))
    decide = reverse("people:proposal_decide", kwargs={"pk": me.pk, "proposal_id": proposal.pk})
    client.post(decide, {"decision": "approve", "note": "Sjekket vitnemål"})
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by, proposal.decision_note) == (
        "approved",
        world.user("leader"),
        "Sjekket vitnemål",
    )
    assert Education.objects.get(person=me).institution == "NTNU"
    assert (
        client.post(decide, {"decision": "approve"}).status_code == 302
    )  # already decided: no second record
    assert Education.objects.filter(person=me).count() == 1


def test_a_rejected_proposal_changes_nothing(client, world):
    me = world.employee_person
    client.force_login(world.user("employee"))
    client.post(add_url(me, "erfaring"), {"months": "12", "employer": "Bufetat"})
    proposal = ChangeProposal.objects.get()
    client.force_login(world.user("hr"))
    client.post(
        reverse("people:proposal_decide", kwargs={"pk": me.pk, "proposal_id": proposal.pk}),
        {"decision": "reject"},
    )
    proposal.refresh_from_db()
    assert proposal.status == "rejected" and not me.prior_experiences.exists()


def test_an_employee_cannot_propose_for_someone_else(client, world):
    client.force_login(world.user("employee"))
    assert client.get(add_url(world.person_a, "utdanning")).status_code == 404
    assert client.post(add_url(world.person_a, "utdanning"), EDUCATION).status_code == 404
    assert not ChangeProposal.objects.exists()


def test_an_unknown_decision_is_a_clear_400(client, world):
    proposal = ChangeProposal.objects.create(person=world.person_a, kind="other")
    client.force_login(world.user("leader"))
    response = client.post(
        reverse(
            "people:proposal_decide", kwargs={"pk": world.person_a.pk, "proposal_id": proposal.pk}
        ),
        {"decision": "maybe"},
    )
    assert response.status_code == 400


def test_a_leader_deletes_a_record_and_it_is_audited(client, world):
    record = Education.objects.create(
        person=world.person_a, level="bachelor", relevant=True, completed_on="2010-06-01"
    )
    client.force_login(world.user("leader"))
    client.post(
        reverse(
            "people:record_delete",
            kwargs={"pk": world.person_a.pk, "kind": "utdanning", "record_id": record.pk},
        )
    )
    assert not Education.objects.filter(pk=record.pk).exists()
    assert AuditEntry.objects.get().action == "delete"


@pytest.mark.parametrize(
    ("months", "said"), [("12.0", "12 mnd Bergen kommune"), ("4.5", "4,5 mnd Bergen kommune")]
)
def test_prior_experience_is_read_out_as_people_write_months(months, said):
    """Issue 28: «12.0 mnd» in the text a screen reader reads beside «Slett»."""
    from decimal import Decimal

    from laget.people.models import PriorExperience

    assert str(PriorExperience(months=Decimal(months), employer="Bergen kommune")) == said


@pytest.mark.parametrize(("credits", "said"), [("30.0", "30 stp"), ("7.5", "7,5 stp")])
def test_further_education_is_read_out_as_people_write_credits(credits, said):
    from decimal import Decimal

    from laget.people.models import FurtherEducation

    assert str(FurtherEducation(course="Barnevernfaglig veiledning", credits=Decimal(credits))) == (
        f"Barnevernfaglig veiledning ({said})"
    )
