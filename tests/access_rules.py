"""The access rule of every URL the app has: who gets it, for which object, by which method.

A URL missing here fails `tests/test_access_matrix.py`, so a new view cannot ship without its
rule; the crawls (`tests/test_small_service_hidden.py`, `tests/test_protection_audit.py`,
`tests/test_fuzz_forms.py`, `tests/test_extremes.py`) discover their pages from these rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

from conftest import ROLES

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
    "core:glossary": Rule(PUBLIC),
    "accounts:login": Rule(PUBLIC, status_when_logged_in=302),
    "accounts:logout": Rule(AUTHENTICATED, method="post", ok_status=302),
    "organisations:overview": Rule(AGGREGATE),
    "competence_overview:overview": Rule(AGGREGATE),
    "projection:capacity": Rule(AGGREGATE),
    "organisations:detail": SERVICE_AGGREGATES,
    "competence:service": SERVICE_AGGREGATES,
    "projection_service:service": SERVICE_AGGREGATES,
    "organisations:staff": SERVICE_PERSONS,
    # one unit's staff and supervision: its leader, the service's leaders and HR, admins
    "organisations:unit": Rule(
        roles("leader", "unit_leader", "hr", "admin"), roles("admin"), target="unit"
    ),
    "competence:persons": SERVICE_PERSONS,
    "competence:scope": SERVICE_PERSONS,
    "competence:exemptions": SERVICE_PERSONS,
    "competence:exemption_delete": Rule(
        roles("leader", "hr", "admin"),
        roles("admin"),
        target="exemption",
        method="post",
        ok_status=302,
    ),
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
    "roster:discard": Rule(
        roles("leader", "hr", "admin"),
        roles("admin"),
        target="roster_import",
        method="post",
        ok_status=302,
    ),
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
    "people:record_assess": Rule(
        roles("leader", "hr", "admin"),
        roles("admin"),
        target="person_record",
        method="post",
        ok_status=302,
        data={"relevant": "ja"},
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
    # a unit's leader (avdelingsleder) reads the page of a person in the unit
    "people:detail": Rule(
        roles("employee", "leader", "unit_leader", "hr", "admin"), roles("admin"), target="person"
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
        target="rated_service",
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
    # an answer in a comment's thread: the leaders and the reviewers (an empty one: 400)
    "reports:comment_answer": Rule(
        roles("leader", "hr", "municipal", "municipal_os"),
        target="report_comment",
        method="post",
        ok_status=400,
    ),
    # A corrected version: the leaders confirm it (the form posts to reports:status); the
    # versions withdrawn stay inside the service (leaders and HR), municipal management 404.
    "reports:correct": Rule(roles("leader"), target="report"),
    "reports:withdrawn": Rule(roles("leader", "hr", "admin"), roles("admin"), target="report"),
    "reports:withdrawn_download": Rule(
        roles("leader", "hr", "admin"), roles("admin"), target="report_download", ok_status=302
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
    "workforce:sick_leave_discard": Rule(
        roles("leader", "hr", "admin"),
        roles("admin"),
        target="sick_leave_import",
        method="post",
        ok_status=302,
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
