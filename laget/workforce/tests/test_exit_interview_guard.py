"""The exit interview's free text goes through the case-information guard: refused with the
findings until confirmed; a confirmed override is logged with its kinds only."""

from datetime import date

import pytest
from django.urls import reverse

from laget.workforce.models import ExitInterview, ExitReason
from tests.case_guard import CASE_TEXT, CONFIRM, assert_override_logged, assert_refused
from tests.factories import EmploymentFactory

pytestmark = pytest.mark.django_db


def test_the_exit_interviews_free_text_is_guarded_and_its_override_logged(client, world):
    leaver = EmploymentFactory(
        service=world.service_a, start_date=date(2020, 1, 1), end_date=date(2026, 1, 31)
    )
    leader = world.user("leader")
    client.force_login(leader)
    url = reverse(
        "workforce:exit_add", kwargs={"pk": world.service_a.pk, "employment_id": leaver.pk}
    )
    data = {
        "held_on": "2026-01-25",
        "destination": "other_service",
        "would_return": "yes",
        "free_text": CASE_TEXT,
        "store_free_text": "on",
        **{f"reason_{reason}": "0" for reason, _label in ExitReason.choices},
    }
    assert_refused(client.post(url, data))
    assert not ExitInterview.objects.exists()
    assert client.post(url, {**data, **CONFIRM}).status_code == 302
    interview = ExitInterview.objects.get()
    assert interview.free_text == CASE_TEXT
    assert_override_logged(interview, leader)
