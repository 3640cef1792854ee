"""Shared by the supervision tests: a plan from the new-employee template, a session's form data."""

from datetime import timedelta

from django.utils import timezone

from laget.supervision.models import SupervisionPlan
from laget.supervision.services import new_employee_template, plans_from_template


def session_data(**changes):
    data = {
        "held_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "duration_minutes": "45",
        "status": "held",
        "kind": "process",
        "themes": ["workload", "emotional"],
        "notes": "Prioritering i en travel periode.",
    }
    data.update(changes)
    return data


def plan_for(world, person=None, **kwargs) -> SupervisionPlan:
    return plans_from_template(
        actor=world.user("leader"),
        template=new_employee_template(world.service_a),
        persons=[person or world.employee_person],
        starts_on=kwargs.pop("starts_on", timezone.localdate() - timedelta(days=60)),
        **kwargs,
    )[0]
