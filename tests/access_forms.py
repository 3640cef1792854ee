"""Forms posted with another service's objects in their fields, for the access matrix.

Each case is a form of service A (the leader's and HR's own) with a field naming an object of
service B, and the same form with A's own object instead. The own form must be stored (so the
refusal is about the object, not about the rest of the data); the other must be refused and
store nothing. Every POST view is either here or in NO_OBJECT_FIELDS, with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from laget.organisations.models import ServiceUnit
from laget.planning.models import CompetencePlan
from laget.supervision.services import (
    new_employee_template,
    onboarding_start,
    plans_from_template,
)
from tests.access_targets import SmallWorld


@dataclass(frozen=True)
class Built:
    """The form naming another service's object, and the same form naming the own one."""

    url: str
    data: dict
    own_data: dict
    own_url: str = ""  # when the object is the URL's: the same form at the own object's URL


@dataclass(frozen=True)
class CrossPost:
    url_name: str
    what: str
    build: Callable[[SmallWorld], Built]
    roles: tuple[str, ...] = ("leader", "hr", "admin")


def _today():
    return timezone.localdate()


def _measure(w: SmallWorld) -> Built:
    year = _today().year
    CompetencePlan.objects.get_or_create(service=w.service_a, year=year)
    url = reverse("planning:measure_add", kwargs={"pk": w.service_a.pk, "year": year})
    data = {
        "kind": "further_education",
        "title": "Videreutdanning i barnevern",
        "credits": "30",
        "ends_on": f"{year + 1}-06-30",
    }
    return Built(url, {**data, "person": w.person_b.pk}, {**data, "person": w.person_a.pk})


def _exemption(w: SmallWorld) -> Built:
    url = reverse("competence:exemptions", kwargs={"pk": w.service_a.pk})
    data = {
        "granted_by": "Statsforvalteren",
        "granted_on": _today().isoformat(),
        "valid_from": _today().isoformat(),
        "valid_until": f"{_today().year + 2}-12-31",
    }
    return Built(url, {**data, "person": w.person_b.pk}, {**data, "person": w.person_a.pk})


def _plan_new(w: SmallWorld, field: str) -> Built:
    url = reverse("supervision:plan_new", kwargs={"pk": w.service_a.pk})
    own_template = new_employee_template(w.service_a)
    data = {
        "template": own_template.pk,
        "persons": [w.person_a.pk],
        "starts_on": _today().isoformat(),
    }
    foreign = {
        "persons": {"persons": [w.person_b.pk]},
        "template": {"template": new_employee_template(w.service_b).pk},
        "supervisor": {"supervisor": w.person_b.pk},
    }[field]
    own = {"supervisor": {"supervisor": w.employee_person.pk}}.get(field, {})
    return Built(url, {**data, **foreign}, {**data, **own})


def _session(w: SmallWorld) -> Built:
    """A session logged through A's path for B's plan (the plan id is the object)."""
    own_plan, b_plan = (
        plans_from_template(
            actor=None,
            template=new_employee_template(service),
            persons=[person],
            starts_on=_today() - timedelta(days=30),
            check=False,
        )[0]
        for service, person in ((w.service_a, w.person_a), (w.service_b, w.person_b))
    )
    data = {
        "held_on": _today().isoformat(),
        "duration_minutes": "60",
        "status": "held",
        "kind": "case",
        "notes": "",
    }
    url = reverse("supervision:plan", kwargs={"pk": w.service_a.pk, "plan_id": b_plan.pk})
    own_url = reverse("supervision:plan", kwargs={"pk": w.service_a.pk, "plan_id": own_plan.pk})
    return Built(url, data, data, own_url=own_url)


def _debrief(w: SmallWorld) -> Built:
    url = reverse("supervision:debriefs", kwargs={"pk": w.service_a.pk})
    day = (_today() - timedelta(days=7)).isoformat()
    data = {"event_on": day, "event_kind": "threat", "offered_on": day, "notes": ""}
    return Built(url, {**data, "person": w.person_b.pk}, {**data, "person": w.person_a.pk})


def _pause(w: SmallWorld) -> Built:
    url = reverse("supervision:pause_add", kwargs={"pk": w.service_a.pk})
    data = {
        "starts_on": _today().isoformat(),
        "ends_on": (_today() + timedelta(days=30)).isoformat(),
        "reason": "Permisjon",
    }
    return Built(url, {**data, "person": w.person_b.pk}, {**data, "person": w.person_a.pk})


def _mentor(w: SmallWorld) -> Built:
    onboarding = onboarding_start(actor=None, employment=w.person_a.employments.get())
    url = reverse("supervision_me:onboarding", kwargs={"onboarding_id": onboarding.pk})
    return Built(url, {"mentor": w.person_b.pk}, {"mentor": w.employee_person.pk})


def _units(w: SmallWorld) -> tuple[ServiceUnit, ServiceUnit]:
    return (
        ServiceUnit.objects.create(service=w.service_a, name="Trondheim øst"),
        ServiceUnit.objects.create(service=w.service_b, name="Røros"),
    )


def _employment(w: SmallWorld) -> Built:
    own_unit, foreign_unit = _units(w)
    employment = w.person_a.employments.get()
    url = reverse(
        "people:employment_edit", kwargs={"pk": w.person_a.pk, "employment_id": employment.pk}
    )
    data = {
        "employee_number": "",
        "position_title": employment.position_title,
        "role_category": employment.role_category,
        "fte_percent": str(employment.fte_percent),
        "start_date": employment.start_date.isoformat(),
        "end_date": "",
        "end_reason": "",
    }
    return Built(url, {**data, "unit": foreign_unit.pk}, {**data, "unit": own_unit.pk})


def _hire(w: SmallWorld) -> Built:
    own_unit, foreign_unit = _units(w)
    url = reverse("people:hire", kwargs={"service_pk": w.service_a.pk})
    data = {
        "person-given_name": "Nora",
        "person-family_name": "Nyansatt",
        "person-email": "",
        "person-birth_year": "1995",
        "employment-employee_number": "N-1",
        "employment-position_title": "Barnevernskonsulent",
        "employment-role_category": "core",
        "employment-fte_percent": "100",
        "employment-start_date": _today().isoformat(),
        "employment-end_date": "",
        "employment-end_reason": "",
    }
    return Built(
        url,
        {**data, "employment-unit": foreign_unit.pk},
        {**data, "employment-unit": own_unit.pk},
    )


def _report(w: SmallWorld) -> Built:
    url = reverse("reports_service:index", kwargs={"pk": w.service_a.pk})
    data = {"year": str(_today().year), "comparisons": ["county"]}
    return Built(
        url,
        {**data, "municipality": w.service_b.host_municipality_id},
        {**data, "municipality": w.service_a.host_municipality_id},
    )


CROSS_POSTS = [
    CrossPost("planning:measure_add", "a measure for B's person in A's plan", _measure),
    CrossPost("competence:exemptions", "an exemption in A for B's person", _exemption),
    CrossPost("supervision:plan_new", "A's plan for B's person", lambda w: _plan_new(w, "persons")),
    CrossPost(
        "supervision:plan_new", "A's plan from B's template", lambda w: _plan_new(w, "template")
    ),
    CrossPost(
        "supervision:plan_new", "B's person as supervisor", lambda w: _plan_new(w, "supervisor")
    ),
    CrossPost("supervision:plan", "a session for B's plan under A", _session),
    CrossPost("supervision:debriefs", "a debrief for B's person", _debrief),
    CrossPost("supervision:pause_add", "a pause for B's person", _pause),
    CrossPost("supervision_me:onboarding", "B's person as mentor in A", _mentor),
    CrossPost("people:employment_edit", "A's employment in B's unit", _employment),
    CrossPost("people:hire", "a hire in A to B's unit", _hire),
    CrossPost(
        "reports_service:index",
        "A's report for B's municipality",
        _report,
        roles=("leader",),  # only a service's leaders start a report
    ),
]

#: POST views whose forms name no object but the ones in the URL (which the matrix swaps for
#: another service's) and choices that are not objects.
NO_OBJECT_FIELDS = {
    "accounts:login": "user name and password",
    "accounts:logout": "nothing",
    "planning:index": "a year",
    "planning:detail": "the phase's text and choices",
    "planning:measure_delete": "nothing; the measure is in the URL",
    "competence:scope": "role categories, not objects",
    "competence:exemption_delete": "nothing; the exemption is in the URL",
    "planning_person:career": "text and a date; the person is in the URL",
    "people:edit": "the person's details; the person is in the URL",
    "people:record_add": "the record's fields; the person is in the URL",
    "people:record_delete": "nothing; the person and the record are in the URL",
    "people:record_assess": "«ja» or «nei»; the person and the record are in the URL",
    "people:proposal_decide": "a decision; the proposal is in the URL",
    "roster:upload": "a file, matched within the service",
    "roster:preview": "nothing; the import is in the URL",
    "roster:mapping": "column names",
    "roster:discard": "nothing; the upload is in the URL",
    "supervision:plan_end": "nothing; the plan is in the URL",
    "supervision:session_confirm": "nothing; the session is in the URL",
    "supervision:templates": "the template's fields",
    "supervision:template": "the template's fields; the template is in the URL",
    "supervision:check_in": "three scores",
    "supervision:onboarding": "an item's title, days and who",
    "supervision_me:reflect": "text; the session is in the URL",
    "supervision_me:task_toggle": "done or not; the task is in the URL",
    "reports:section_edit": "text; the chapter is in the URL",
    "reports:comparisons": "comparison choices",
    "reports:status": "a status and a date",
    "reports:comment_add": "a chapter key and text",
    "reports:comment_handled": "nothing; the comment is in the URL",
    "reports:comment_answer": "text; the comment is in the URL",
    "workforce:sick_leave_upload": "a file; units are matched within the service",
    "workforce:sick_leave_preview": "nothing; the import is in the URL",
    "workforce:sick_leave_discard": "nothing; the upload is in the URL",
    "workforce:exit_add": "the interview's fields; the employment is in the URL",
    "workforce:vacancies": "the vacancy's fields",
    "workforce:vacancy": "the vacancy's fields; the vacancy is in the URL",
    "workforce:hire_add": "the hire's fields; the vacancy is in the URL",
}
