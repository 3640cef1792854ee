"""The free text around the register: the employee's comment with a proposed correction and
the leader's reason for a decision go through the case-information guard; a confirmed
override is logged with its kinds only. (The register's own fields are register data.)"""

import pytest
from django.urls import reverse

from laget.people.models import ChangeProposal
from tests.case_guard import CASE_TEXT, CONFIRM, assert_override_logged, assert_refused

pytestmark = pytest.mark.django_db

EXPERIENCE = {"months": "12", "employer": "Bufetat"}


def propose_url(person):
    return reverse("people:record_add", kwargs={"pk": person.pk, "kind": "erfaring"})


def test_the_comment_with_a_proposal_is_guarded_and_its_override_logged(client, world):
    employee = world.user("employee")
    client.force_login(employee)
    url = propose_url(world.employee_person)
    response = client.post(url, {**EXPERIENCE, "message": CASE_TEXT})
    assert_refused(response)
    assert CASE_TEXT in response.content.decode()
    assert not ChangeProposal.objects.exists()
    assert client.post(url, {**EXPERIENCE, "message": CASE_TEXT, **CONFIRM}).status_code == 302
    proposal = ChangeProposal.objects.get()
    assert proposal.message == CASE_TEXT
    assert_override_logged(proposal, employee)


def test_the_reason_for_a_decision_is_guarded_and_its_override_logged(client, world):
    client.force_login(world.user("employee"))
    client.post(propose_url(world.employee_person), {**EXPERIENCE, "message": "Fra CV-en."})
    proposal = ChangeProposal.objects.get()
    leader = world.user("leader")
    client.force_login(leader)
    url = reverse(
        "people:proposal_decide",
        kwargs={"pk": world.employee_person.pk, "proposal_id": proposal.pk},
    )
    assert_refused(client.post(url, {"decision": "reject", "note": CASE_TEXT}))
    proposal.refresh_from_db()
    assert proposal.status == "pending"
    response = client.post(url, {"decision": "reject", "note": CASE_TEXT, **CONFIRM})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decision_note) == ("rejected", CASE_TEXT)
    assert_override_logged(proposal, leader)
