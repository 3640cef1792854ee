"""The permission matrix: every URL the app has × every role × own versus foreign object.

URLs are discovered from the resolver. A URL missing from RULES fails the suite, so a new view
cannot ship without its access rule being stated and tested here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import ROLES, World
from laget.people.models import ChangeProposal, Education, Employment, RosterImport
from laget.planning.models import CompetencePlan, Measure
from laget.supervision.models import (
    Onboarding,
    OnboardingTask,
    SupervisionPlan,
    SupervisionSession,
    SupervisionTemplate,
)
from laget.supervision.services import (
    new_employee_template,
    onboarding_start,
    plans_from_template,
)
from laget.workforce.models import ExitInterview, SickLeaveImport, Vacancy
from tests.factories import EmploymentFactory

PUBLIC = "public"


@dataclass(frozen=True)
class Rule:
    """Who gets the page. `target` picks the object for the URL's pk (None: no pk)."""

    allowed_own: frozenset[str] | str
    allowed_foreign: frozenset[str] = frozenset()
    target: str | None = None  # "service" or "person"
    method: str = "get"
    ok_status: int = 200
    data: dict | None = None  # form data for POST
    status_when_logged_in: int | None = None  # a public page that redirects logged-in users


def roles(*names: str) -> frozenset[str]:
    return frozenset(names)


AUTHENTICATED = frozenset(ROLES)
AGGREGATE = roles("municipal", "municipal_os", "county", "county_other", "national", "admin")

#: A service's overview pages: its own leaders and HR, and everyone whose aggregates cover it.
SERVICE_AGGREGATES = Rule(
    roles(
        "leader", "hr", "municipal", "municipal_os", "county", "county_other", "national", "admin"
    ),
    allowed_foreign=roles("national", "admin"),
    target="service",
)
#: Person-level pages of a service: its leaders and HR, and admins.
SERVICE_PERSONS = Rule(roles("leader", "hr", "admin"), roles("admin"), target="service")

RULES: dict[str, Rule] = {
    "core:home": Rule(AUTHENTICATED, ok_status=302),
    "core:no_role": Rule(AUTHENTICATED),
    "core:health": Rule(PUBLIC),
    "accounts:login": Rule(PUBLIC, status_when_logged_in=302),
    "accounts:logout": Rule(AUTHENTICATED, method="post", ok_status=302),
    "organisations:overview": Rule(AGGREGATE),
    "competence_overview:overview": Rule(AGGREGATE),
    "projection:capacity": Rule(AGGREGATE),
    "organisations:detail": SERVICE_AGGREGATES,
    "competence:service": SERVICE_AGGREGATES,
    "projection_service:service": SERVICE_AGGREGATES,
    "organisations:staff": SERVICE_PERSONS,
    "roster:upload": SERVICE_PERSONS,
    "planning:index": SERVICE_PERSONS,
    "planning:pipeline": SERVICE_PERSONS,
    "planning:detail": Rule(roles("leader", "hr", "admin"), roles("admin"), target="plan"),
    "planning:measure_add": Rule(
        roles("leader", "hr", "admin"), roles("admin"), target="plan", method="post", ok_status=400
    ),
    "planning:measure_delete": Rule(
        roles("leader", "hr", "admin"),
        roles("admin"),
        target="measure",
        method="post",
        ok_status=302,
    ),
    "roster:template": SERVICE_PERSONS,
    "roster:export": SERVICE_PERSONS,
    "roster:preview": Rule(roles("leader", "hr", "admin"), roles("admin"), target="roster_import"),
    "roster:mapping": Rule(roles("leader", "hr", "admin"), roles("admin"), target="roster_import"),
    "people:record_add": Rule(
        roles("employee", "leader", "hr", "admin"), roles("admin"), target="person_kind"
    ),
    "people:record_delete": Rule(
        roles("leader", "hr", "admin"),
        roles("admin"),
        target="person_record",
        method="post",
        ok_status=302,
    ),
    "people:proposal_decide": Rule(
        roles("leader", "hr", "admin"),
        roles("admin"),
        target="proposal",
        method="post",
        ok_status=302,
        data={"decision": "reject"},
    ),
    "people:hire": Rule(roles("leader", "hr", "admin"), roles("admin"), target="service_pk"),
    "people:employment_edit": Rule(
        roles("leader", "hr", "admin"), roles("admin"), target="employment"
    ),
    "planning_person:career": Rule(
        roles("employee", "leader", "hr", "admin"), roles("admin"), target="person"
    ),
    "people:me": Rule(roles("employee")),
    "people:detail": Rule(
        roles("employee", "leader", "hr", "admin"), roles("admin"), target="person"
    ),
    "people:edit": Rule(roles("leader", "hr", "admin"), roles("admin"), target="person"),
    "supervision:service": SERVICE_AGGREGATES,
    "supervision:export": SERVICE_PERSONS,
    "supervision:plan_new": SERVICE_PERSONS,
    "supervision:templates": SERVICE_PERSONS,
    "supervision:debriefs": SERVICE_PERSONS,
    "supervision:onboarding": SERVICE_PERSONS,
    "supervision:template": Rule(
        roles("leader", "hr", "admin"), roles("admin"), target="supervision_template"
    ),
    "supervision:plan": Rule(roles("leader", "hr", "admin"), roles("admin"), target="plan_s"),
    "supervision:plan_end": Rule(
        roles("leader", "hr", "admin"),
        roles("admin"),
        target="plan_s",
        method="post",
        ok_status=302,
    ),
    "supervision:session_confirm": Rule(
        roles("leader", "hr", "admin"),
        roles("admin"),
        target="plan_session",
        method="post",
        ok_status=302,
    ),
    "supervision:pause_add": Rule(
        roles("leader", "hr", "admin"),
        roles("admin"),
        target="service",
        method="post",
        ok_status=302,
    ),
    "supervision:check_in": Rule(
        roles("employee", "leader", "hr", "admin"),
        roles("admin"),
        target="service",
        method="post",
        ok_status=302,
    ),
    "supervision_me:me": Rule(roles("employee")),
    "supervision_me:mentor": Rule(roles("employee")),
    "supervision_me:reflect": Rule(
        roles("employee"), target="own_session", method="post", ok_status=302
    ),
    "supervision_me:onboarding": Rule(
        roles("employee", "leader", "hr", "admin"), roles("admin"), target="onboarding"
    ),
    "supervision_me:task_toggle": Rule(
        roles("employee", "leader", "hr", "admin"),
        roles("admin"),
        target="onboarding_task",
        method="post",
        ok_status=302,
    ),
    "workforce_overview:overview": Rule(AGGREGATE),
    "workforce_overview:export": Rule(AGGREGATE),
    "workforce:service": SERVICE_AGGREGATES,
    "workforce:export": SERVICE_AGGREGATES,
    "workforce:sick_leave_upload": SERVICE_PERSONS,
    "workforce:sick_leave_template": SERVICE_PERSONS,
    "workforce:sick_leave_preview": Rule(
        roles("leader", "hr", "admin"), roles("admin"), target="sick_leave_import"
    ),
    "workforce:exits": SERVICE_PERSONS,
    "workforce:exit_add": Rule(roles("leader", "hr", "admin"), roles("admin"), target="leaver"),
    "workforce:exit_detail": Rule(
        roles("leader", "hr", "admin"), roles("admin"), target="exit_interview"
    ),
    "workforce:vacancies": SERVICE_PERSONS,
    "workforce:vacancy": Rule(roles("leader", "hr", "admin"), roles("admin"), target="vacancy"),
    "workforce:hire_add": Rule(
        roles("leader", "hr", "admin"),
        roles("admin"),
        target="vacancy",
        method="post",
        ok_status=400,
    ),
}


def _own_and_foreign(world: World, role: str, target: str | None) -> dict[str, object]:
    """The object in the role's own scope and one outside it, for the URL's pk."""
    if target is None:
        return {"own": None}
    own_service = {"municipal_os": world.service_b, "county_other": world.service_c}.get(
        role, world.service_a
    )
    foreign_service = world.service_c if role != "county_other" else world.service_a
    if target == "service":
        return {"own": own_service, "foreign": foreign_service}
    if target == "service_pk":
        return {"own": ("service_pk", own_service), "foreign": ("service_pk", foreign_service)}
    if target == "plan":
        return {"own": _plan(own_service), "foreign": _plan(foreign_service)}
    if target == "measure":
        return {"own": _measure(own_service), "foreign": _measure(foreign_service)}
    if target == "sick_leave_import":
        return {"own": _sick_import(own_service), "foreign": _sick_import(foreign_service)}
    if target == "leaver":
        return {"own": _leaver(own_service), "foreign": _leaver(foreign_service)}
    if target == "exit_interview":
        return {"own": _interview(own_service), "foreign": _interview(foreign_service)}
    if target == "vacancy":
        return {"own": _vacancy(own_service), "foreign": _vacancy(foreign_service)}
    if target == "supervision_template":
        return {"own": _template(own_service), "foreign": _template(foreign_service)}
    if target == "plan_s":
        return {"own": _splan(world.person_a), "foreign": _splan(world.person_c)}
    if target == "plan_session":
        return {
            "own": ("plan_session", _session(world.person_a)),
            "foreign": ("plan_session", _session(world.person_c)),
        }
    if target == "own_session":
        return {"own": _session(world.employee_person), "foreign": _session(world.person_c)}
    if target in ("onboarding", "onboarding_task"):
        own_person = world.employee_person if role == "employee" else world.person_a
        own, foreign = _onboarding(own_person), _onboarding(world.person_c)
        if target == "onboarding_task":
            own, foreign = own.tasks.first(), foreign.tasks.first()
        return {"own": own, "foreign": foreign}
    if target == "roster_import":
        return {"own": _pending_import(own_service), "foreign": _pending_import(foreign_service)}
    own_person = world.employee_person if role == "employee" else world.person_a
    if target == "person_kind":
        return {"own": ("kind", own_person), "foreign": ("kind", world.person_c)}
    if target == "person_record":
        return {"own": _record(own_person), "foreign": _record(world.person_c)}
    if target == "employment":
        own = world.person_a.employments.get()
        return {"own": own, "foreign": world.person_c.employments.get()}
    if target == "proposal":
        return {"own": _proposal(own_person), "foreign": _proposal(world.person_c)}
    return {"own": own_person, "foreign": world.person_c}


def _record(person) -> Education:
    return Education.objects.create(
        person=person, level="bachelor", relevant=True, completed_on=date(2010, 6, 1)
    )


def _proposal(person) -> ChangeProposal:
    return ChangeProposal.objects.create(person=person, kind="other", message="Feil etternavn")


def _plan(service) -> CompetencePlan:
    return CompetencePlan.objects.get_or_create(service=service, year=2026)[0]


def _measure(service) -> Measure:
    return Measure.objects.create(
        plan=_plan(service), kind="course", title="Kurs i samtaler med barn"
    )


def _pending_import(service) -> RosterImport:
    table = {"headers": ["Ansattnummer"], "rows": [[2, ["1"]]]}
    return RosterImport.objects.create(service=service, file_name="liste.xlsx", table=table)


def _template(service) -> SupervisionTemplate:
    return new_employee_template(service)


def _splan(person) -> SupervisionPlan:
    employment = person.employments.get()
    return plans_from_template(
        actor=None,
        template=new_employee_template(employment.service),
        persons=[person],
        starts_on=date(2026, 1, 5),
        check=False,
    )[0]


def _session(person) -> SupervisionSession:
    return SupervisionSession.objects.create(
        plan=_splan(person), held_on=date(2026, 2, 2), status="held", kind="case"
    )


def _onboarding(person) -> Onboarding:
    return onboarding_start(actor=None, employment=person.employments.get())


def _sick_import(service) -> SickLeaveImport:
    return SickLeaveImport.objects.create(service=service, file_name="sykefravaer.csv", rows=[])


def _leaver(service) -> Employment:
    return EmploymentFactory(
        service=service, start_date=date(2020, 1, 1), end_date=date(2026, 1, 31)
    )


def _interview(service) -> ExitInterview:
    return ExitInterview.objects.create(
        employment=_leaver(service),
        held_on=date(2026, 1, 20),
        destination="outside",
        would_return="maybe",
    )


def _vacancy(service) -> Vacancy:
    return Vacancy.objects.create(
        service=service,
        title="Barnevernskonsulent",
        role_category="core",
        requirement="master_desired",
        advertised_on=date(2026, 1, 5),
    )


def _kwargs(obj) -> dict[str, int] | None:
    if obj is None:
        return None
    if isinstance(obj, SupervisionTemplate):
        return {"pk": obj.service_id, "template_id": obj.pk}
    if isinstance(obj, SupervisionPlan):
        return {"pk": obj.service_id, "plan_id": obj.pk}
    if isinstance(obj, tuple) and obj[0] == "plan_session":
        session = obj[1]
        return {"pk": session.plan.service_id, "plan_id": session.plan_id, "session_id": session.pk}
    if isinstance(obj, SupervisionSession):
        return {"session_id": obj.pk}
    if isinstance(obj, Onboarding):
        return {"onboarding_id": obj.pk}
    if isinstance(obj, OnboardingTask):
        return {"onboarding_id": obj.onboarding_id, "task_id": obj.pk}
    if isinstance(obj, SickLeaveImport):
        return {"pk": obj.service_id, "import_id": obj.pk}
    if isinstance(obj, ExitInterview):
        return {"pk": obj.employment.service_id, "interview_id": obj.pk}
    if isinstance(obj, Vacancy):
        return {"pk": obj.service_id, "vacancy_id": obj.pk}
    if isinstance(obj, Employment) and obj.end_date is not None:
        return {"pk": obj.service_id, "employment_id": obj.pk}
    if isinstance(obj, CompetencePlan):
        return {"pk": obj.service_id, "year": obj.year}
    if isinstance(obj, Measure):
        return {"pk": obj.plan.service_id, "year": obj.plan.year, "measure_id": obj.pk}
    if isinstance(obj, RosterImport):
        return {"pk": obj.service_id, "import_id": obj.pk}
    if isinstance(obj, tuple) and obj[0] == "service_pk":
        return {"service_pk": obj[1].pk}
    if isinstance(obj, tuple):
        return {"pk": obj[1].pk, "kind": "utdanning"}
    if isinstance(obj, Employment):
        return {"pk": obj.person_id, "employment_id": obj.pk}
    if isinstance(obj, Education):
        return {"pk": obj.person_id, "kind": "utdanning", "record_id": obj.pk}
    if isinstance(obj, ChangeProposal):
        return {"pk": obj.person_id, "proposal_id": obj.pk}
    return {"pk": obj.pk}


def discovered_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or namespace
                if ns == "admin":
                    continue  # the admin has its own gate; see test_admin_is_for_admins_only
                walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_url_has_an_access_rule():
    missing = discovered_url_names() - RULES.keys()
    assert not missing, f"Add these URLs to RULES in {__name__}: {sorted(missing)}"
    stale = RULES.keys() - discovered_url_names()
    assert not stale, f"RULES names URLs that no longer exist: {sorted(stale)}"


def _cases():
    for name in sorted(RULES):
        for role in [*ROLES, "anonymous"]:
            yield pytest.param(name, role, id=f"{name}-{role}")


@pytest.mark.parametrize(("name", "role"), list(_cases()))
def test_access(client, world: World, name: str, role: str):
    rule = RULES[name]
    if role != "anonymous":
        client.force_login(world.user(role))
    targets = _own_and_foreign(world, role if role != "anonymous" else "leader", rule.target)
    for which, obj in targets.items():
        url = reverse(name, kwargs=_kwargs(obj))
        response = (
            getattr(client, rule.method)(url, rule.data or {})
            if rule.method == "post"
            else client.get(url)
        )
        allowed_roles = rule.allowed_own if which == "own" else rule.allowed_foreign
        if allowed_roles == PUBLIC:
            expected = rule.ok_status
            if role != "anonymous" and rule.status_when_logged_in is not None:
                expected = rule.status_when_logged_in
            assert response.status_code == expected, (url, role)
        elif role == "anonymous":
            assert response.status_code == 302 and "/konto/logg-inn/" in response["Location"], (
                url,
                role,
            )
        elif role in allowed_roles:
            assert response.status_code == rule.ok_status, (url, role, which)
        else:
            assert response.status_code in (403, 404), (url, role, which, response.status_code)
            _assert_no_person_data(response, world)


def _assert_no_person_data(response, world: World) -> None:
    body = response.content.decode()
    for person in (world.person_a, world.person_b, world.person_c, world.employee_person):
        assert person.family_name not in body


AGGREGATE_ONLY = ["municipal", "municipal_os", "county", "county_other", "national"]


@pytest.mark.parametrize("role", AGGREGATE_ONLY)
def test_aggregate_users_never_see_a_name(client, world: World, role: str):
    """Municipal, county and national users get 200s, but no person appears on any page."""
    client.force_login(world.user(role))
    pages: list[Callable[[], str]] = [
        lambda: reverse("organisations:overview"),
        lambda: reverse("competence_overview:overview"),
        lambda: reverse("workforce_overview:overview"),
    ]
    pages += [
        lambda s=s, name=name: reverse(name, kwargs={"pk": s.pk})
        for name in (
            "organisations:detail",
            "competence:service",
            "projection_service:service",
            "workforce:service",
            "supervision:service",
        )
        for s in (world.service_a, world.service_b, world.service_c)
    ]
    for page in pages:
        response = client.get(page())
        if response.status_code == 200:
            _assert_no_person_data(response, world)


@pytest.mark.parametrize("role", [r for r in ROLES if r != "admin"])
def test_admin_is_for_admins_only(client, world: World, role: str):
    client.force_login(world.user(role))
    response = client.get(reverse("admin:people_person_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admin_sees_the_admin(client, world: World):
    client.force_login(world.user("admin"))
    assert client.get(reverse("admin:people_person_changelist")).status_code == 200
