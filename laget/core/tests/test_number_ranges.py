"""Numbers beyond what the database or the domain allows are refused, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from laget.core.fields import ModelMultipleChoiceField
from laget.people.models import Person
from laget.supervision.models import SupervisionPlan
from laget.supervision.services import new_employee_template

HUGE = "99999999999999999999999999"


@pytest.mark.django_db
@pytest.mark.parametrize("value", [HUGE, f"-{HUGE}", "0", "1e5", "١٢"])
def test_an_id_beyond_the_integer_range_is_an_invalid_choice(value):
    field = ModelMultipleChoiceField(queryset=Person.objects.all())
    with pytest.raises(Exception) as raised:
        field.clean([value])
    assert type(raised.value).__name__ == "ValidationError"


@pytest.mark.django_db
def test_a_huge_id_on_new_supervision_plan_is_refused(client, world):
    client.force_login(world.user("leader"))
    url = reverse("supervision:plan_new", kwargs={"pk": world.service_a.pk})
    client.get(url)
    template = new_employee_template(world.service_a)
    response = client.post(
        url, {"template": template.pk, "persons": [HUGE], "starts_on": "2026-09-01"}
    )
    assert response.status_code == 400
    assert not SupervisionPlan.objects.filter(service=world.service_a).exists()
