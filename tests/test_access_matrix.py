"""The permission matrix: every URL the app has × every role × own versus foreign object.

URLs are discovered from the resolver. A URL missing from RULES fails the suite, so a new view
cannot ship without its access rule being stated and tested here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import ROLES, World
from tests.access_targets import own_and_foreign, url_kwargs

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

REPORT_READERS = Rule(
    roles("leader", "hr", "municipal", "municipal_os", "admin"), roles("admin"), target="report"
)

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
    # Status reports: a draft is seen by the service's leaders and HR and the municipality's
    # management only; only the leaders edit; reviewers (municipality, HR) comment.
    "reports_service:index": SERVICE_AGGREGATES,
    "reports:overview": Rule(AUTHENTICATED),
    "reports:detail": REPORT_READERS,
    "reports:history": REPORT_READERS,
    "reports:download": Rule(REPORT_READERS.allowed_own, roles("admin"), target="report_download"),
    "reports:section_edit": Rule(roles("leader"), target="report_section"),
    "reports:comparisons": Rule(roles("leader"), target="report", method="post", ok_status=302),
    "reports:status": Rule(roles("leader"), target="report", method="post", ok_status=302),
    "reports:comment_add": Rule(
        roles("hr", "municipal", "municipal_os"), target="report", method="post", ok_status=400
    ),
    "reports:comment_handled": Rule(
        roles("leader"), target="report_comment", method="post", ok_status=302
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
    targets = own_and_foreign(world, role if role != "anonymous" else "leader", rule.target)
    for which, obj in targets.items():
        url = reverse(name, kwargs=url_kwargs(obj))
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
