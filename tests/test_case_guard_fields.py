"""Every stored free-text field passes the case-information guard (issue 23, item 3).

The models are walked, so a text field added later fails here until it carries the guard
(`laget.core.validators.CaseGuard`, a model-field validator: the admin, every model form,
`full_clean` and the forms with the writer's confirmation all use it) or is listed in EXEMPT
with the reason it holds no free text. Then each field the issue names, through the page that
writes it, and the roster import's text columns."""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from laget.core.models import AuditEntry
from laget.core.tabular import Table
from laget.core.validators import GUARD_PUBLIC, GUARD_REGISTER, case_guard_of
from laget.people.models import Education, Employment, FurtherEducation, Person, PriorExperience
from laget.people.roster.columns import BY_KEY, COLUMNS, COURSES
from laget.people.roster.mapping import guess_mapping
from laget.people.roster.validation import GUARDED, validate_table
from laget.people.tests.roster_files import HEADERS, row
from laget.planning.models import CompetencePlan, Measure
from laget.reports.tests.helpers import new_report, status
from laget.supervision.models import SupervisionPlan, SupervisionTemplate
from laget.workforce.models import Vacancy
from tests.case_guard import CASE_TEXT, CONFIRM, assert_override_entry, assert_refused

#: Text fields that hold no free text, each with the reason. Fields with choices, slugs and
#: e-mail addresses are not free text either and are not listed.
EXEMPT = {
    # Laget writes these itself
    "core.AuditEntry.object_type": "a model's label, written by audit_record",
    "core.AuditEntry.object_id": "a primary key, written by audit_record",
    "core.AuditEntry.summary": "written by Laget from fixed sentences that name fields, never "
    "their content (tests/test_audit_free_text.py); audit_record withholds one the guard flags",
    "reports.StatusReport.audit_finding": "the protection audit's finding, written by Laget",
    "reports.WithdrawnReportVersion.reason": "the protection audit's finding, copied by Laget",
    "reports.ReportRevision.summary": "written by Laget from fixed sentences (status changes)",
    "reports.ReportComment.section_key": "a chapter's key from the report template",
    "reports.ReportComment.author_name": "the commenting user's own name, copied from the user",
    "reports.ReportTemplate.version": "Bufdir's template, loaded by a data migration",
    "reports.ReportTemplate.title": "Bufdir's template, loaded by a data migration",
    "reports.ReportTemplate.source": "Bufdir's template, loaded by a data migration",
    "competence.CompetenceRuleSet.name": "the rule set shipped with Laget (not editable)",
    "competence.CompetenceRuleSet.version": "the rule set shipped with Laget (not editable)",
    "supervision.CheckIn.period": "a period code such as 2026-K4, set by Laget",
    "people.Education.relevance_entry": "a key of the list of relevant education, set by Laget",
    "people.Education.relevance_version": "the list's version, set by Laget",
    "people.FurtherEducation.relevance_entry": "a key of the list of relevant education, set "
    "by Laget",
    "people.FurtherEducation.relevance_version": "the list's version, set by Laget",
    "planning.Measure.semester": "a semester code, H2027 or V2028, checked by its form",
    "people.RosterImport.file_name": "the uploaded file's name, kept while the import is "
    "pending; set by the import, shown only to the uploader",
    "workforce.SickLeaveImport.file_name": "the uploaded file's name, kept while the import "
    "is pending; set by the import, shown only to the uploader",
    # the register of organisations and users (names, not text about anyone)
    "organisations.GovernorOffice.name": "reference data (the government's list)",
    "organisations.County.number": "reference data (SSB's county number)",
    "organisations.County.name": "reference data (SSB's county name)",
    "organisations.Municipality.number": "reference data (SSB's municipality number)",
    "organisations.Municipality.name": "reference data (SSB's municipality name)",
    "organisations.Service.name": "the service's name, set by an administrator",
    "organisations.ServiceUnit.name": "a unit's name, set by an administrator or the demo",
    "organisations.LearningNetwork.name": "a network's name, set by an administrator",
    "workforce.SickLeaveReference.source": "the source of a reference value (SSB, KS), set by "
    "an administrator",
    "accounts.User.username": "the login name",
    "accounts.User.password": "a password hash",
    "accounts.User.first_name": "the user's own name (a staff member's name is register data)",
    "accounts.User.last_name": "the user's own name (a staff member's name is register data)",
    # computed figures and the worker
    "counts.ServiceCount.property": "a figure's key",
    "counts.ServiceCount.subgroup": "a figure's subgroup key",
    "counts.ServiceCount.rule_set": "a rule set's version",
    "counts.FillState.property": "a figure's key",
    "counts.StoredPublication.name": "a publication's key",
    "counts.PublishedFigure.name": "a publication's key",
    "counts.PublishedFigure.unit": "a unit's key",
    "counts.PublishedFigure.metric": "a metric's key",
    "counts.WantedPublication.name": "a publication's key",
    "counts.WorkerLock.holder": "the worker's host and process id",
    "counts.Release.rule_set": "a rule set's version",
    "counts.Release.protection": "the protection's version",
    "counts.ReleaseCell.publication": "a publication's key",
    "counts.ReleaseCell.path": "a published cell's path, built from keys",
    "counts.ReleaseRelation.publication": "a publication's key",
    "counts.ReleaseRelation.view": "a view's path, built from keys",
    "counts.ReleaseRelation.result": "a published cell's key",
    # Django's own tables
    "auth.Permission.name": "Django: a permission's name",
    "auth.Permission.codename": "Django: a permission's code",
    "auth.Group.name": "Django: a group's name, set by an administrator",
    "contenttypes.ContentType.app_label": "Django: an app's label",
    "contenttypes.ContentType.model": "Django: a model's name",
    "sessions.Session.session_key": "Django: a session key",
    "admin.LogEntry.object_id": "Django's admin history: a primary key",
    "admin.LogEntry.change_message": "Django's admin history: which fields changed (JSON)",
    "sessions.Session.session_data": "Django: the encoded session",
    "admin.LogEntry.object_repr": "Django's admin history: str() of what a superuser changed "
    "in the admin (the admin refuses what the model's guard refuses)",
    "axes.AccessAttempt.user_agent": "axes: the browser of a failed login",
    "axes.AccessAttempt.username": "axes: the login name tried",
    "axes.AccessAttempt.http_accept": "axes: a request header",
    "axes.AccessAttempt.path_info": "axes: a path",
    "axes.AccessAttempt.get_data": "axes: the request's query (logged by axes)",
    "axes.AccessAttempt.post_data": "axes: the login form's fields (logged by axes)",
    "axes.AccessFailureLog.user_agent": "axes: the browser of a failed login",
    "axes.AccessFailureLog.username": "axes: the login name tried",
    "axes.AccessFailureLog.http_accept": "axes: a request header",
    "axes.AccessFailureLog.path_info": "axes: a path",
    "axes.AccessLog.user_agent": "axes: the browser of a login",
    "axes.AccessLog.username": "axes: the login name",
    "axes.AccessLog.http_accept": "axes: a request header",
    "axes.AccessLog.path_info": "axes: a path",
    "axes.AccessLog.session_hash": "axes: a hash",
}


def _is_free_text(field: models.Field) -> bool:
    return (
        isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and not isinstance(field, models.SlugField | models.EmailField)
    )


def text_fields() -> dict[str, models.Field]:
    return {
        f"{model._meta.label}.{field.name}": field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.Field) and _is_free_text(field)
    }


def test_every_stored_free_text_field_is_guarded_or_exempt_with_a_reason():
    fields = text_fields()
    unguarded = sorted(
        name
        for name, field in fields.items()
        if case_guard_of(field) is None and name not in EXEMPT
    )
    assert unguarded == [], (
        "free text without the case-information guard: give the model field "
        "validators=[GUARD_NOTES] (notes), [GUARD_PUBLIC] (titles, public text) or "
        "[GUARD_REGISTER] (a person's name), or list it in EXEMPT with the reason"
    )
    guarded = sorted(name for name, field in fields.items() if case_guard_of(field))
    print(f"\ncase guard: {len(guarded)} text fields guarded, {len(EXEMPT)} exempt")
    assert len(guarded) >= 40


def test_no_exemption_names_a_field_that_is_guarded_or_gone():
    fields = text_fields()
    assert sorted(name for name in EXEMPT if name not in fields) == []
    assert sorted(name for name in EXEMPT if case_guard_of(fields[name])) == []


@pytest.mark.parametrize(
    ("name", "guard"),
    [
        ("supervision.SupervisionTemplate.name", GUARD_PUBLIC),
        ("supervision.SupervisionPlan.name", GUARD_PUBLIC),
        ("supervision.SupervisionPlan.external_supervisor", GUARD_REGISTER),
        ("workforce.Vacancy.title", GUARD_PUBLIC),
        ("planning.Measure.title", GUARD_PUBLIC),
        ("planning.Measure.provider", GUARD_PUBLIC),
        ("people.Employment.end_reason", GUARD_PUBLIC),
        ("people.Employment.position_title", GUARD_PUBLIC),
        ("people.Employment.employee_number", GUARD_REGISTER),
        ("people.Person.given_name", GUARD_REGISTER),
        ("reports.StatusReport.council_reference", GUARD_PUBLIC),
    ],
)
def test_the_fields_the_issue_names_carry_the_guard(name, guard):
    assert case_guard_of(text_fields()[name]) == guard


# --- Through the pages that write them ----------------------------------------------------------


@pytest.mark.django_db
def test_a_templates_name_is_guarded_and_its_override_logged(client, world):
    leader = world.user("leader")
    client.force_login(leader)
    url = reverse("supervision:templates", kwargs={"pk": world.service_a.pk})
    data = {
        "name": CASE_TEXT,
        "form": "individual",
        "kinds": ["case"],
        "supervisor_category": "leader",
        "first_interval": "14",
        "goals": "",
    }
    assert_refused(client.post(url, data))
    assert not SupervisionTemplate.objects.filter(name=CASE_TEXT).exists()
    assert client.post(url, {**data, **CONFIRM}).status_code == 302
    assert_override_entry(SupervisionTemplate.objects.get(name=CASE_TEXT), leader)


@pytest.mark.django_db
def test_an_external_supervisor_is_a_name_and_nothing_else(client, world):
    client.force_login(world.user("leader"))
    template = SupervisionTemplate.objects.create(
        service=world.service_a,
        name="Ekstern prosessveiledning",
        kinds=["process"],
        supervisor_category="external",
        steps=[{"until_day": None, "interval_days": 30}],
    )
    url = reverse("supervision:plan_new", kwargs={"pk": world.service_a.pk})
    data = {
        "template": template.pk,
        "persons": [world.person_a.pk],
        "starts_on": "2026-11-02",
        "external_supervisor": "Kari Nordmann, 12031512345",
    }
    response = client.post(url, {**data, **CONFIRM})
    assert response.status_code == 400  # refused outright: a name holds no number
    assert "Ser ut som et fødselsnummer: «12031512345»" in response.content.decode()
    assert not SupervisionPlan.objects.exists()
    data["external_supervisor"] = "Kari Nordmann, RVTS Midt"  # a person's name is register data
    assert client.post(url, data).status_code == 302
    assert SupervisionPlan.objects.get().external_supervisor == "Kari Nordmann, RVTS Midt"


@pytest.mark.django_db
def test_a_vacancys_title_is_guarded_and_its_override_logged(client, world):
    leader = world.user("leader")
    client.force_login(leader)
    url = reverse("workforce:vacancies", kwargs={"pk": world.service_a.pk})
    data = {
        "title": CASE_TEXT,
        "role_category": "core",
        "requirement": "none",
        "positions": "1",
        "advertised_on": "2026-01-05",
        "applicants": "3",
        "qualified_applicants": "2",
    }
    assert_refused(client.post(url, data))
    assert not Vacancy.objects.exists()
    assert client.post(url, {**data, **CONFIRM}).status_code == 302
    assert_override_entry(Vacancy.objects.get(), leader)


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["title", "provider"])
def test_a_measures_title_and_provider_are_guarded_and_the_override_logged(client, world, field):
    leader = world.user("leader")
    client.force_login(leader)
    plan = CompetencePlan.objects.create(service=world.service_a, year=2026, created_by=leader)
    url = reverse("planning:measure_add", kwargs={"pk": plan.service_id, "year": plan.year})
    data = {"kind": "course", "title": "Kurs i traumebevisst omsorg", "semester": "H2027"}
    data[field] = CASE_TEXT
    assert_refused(client.post(url, data))
    assert not Measure.objects.exists()
    assert client.post(url, {**data, **CONFIRM}).status_code == 302
    assert_override_entry(Measure.objects.get(), leader)


@pytest.mark.django_db
def test_an_employments_end_reason_is_guarded_and_its_override_logged(client, world):
    leader = world.user("leader")
    client.force_login(leader)
    employment = world.person_a.employments.get()
    url = reverse(
        "people:employment_edit",
        kwargs={"pk": employment.person_id, "employment_id": employment.pk},
    )
    data = {
        "employee_number": employment.employee_number,
        "position_title": employment.position_title,
        "role_category": employment.role_category,
        "unit": "",
        "fte_percent": str(employment.fte_percent),
        "start_date": employment.start_date.isoformat(),
        "end_date": "2026-12-31",
        "end_reason": CASE_TEXT,
    }
    assert_refused(client.post(url, data))
    employment.refresh_from_db()
    assert employment.end_reason == ""
    assert client.post(url, {**data, **CONFIRM}).status_code == 302
    employment.refresh_from_db()
    assert employment.end_reason == CASE_TEXT
    assert_override_entry(employment, leader)


@pytest.mark.django_db
def test_a_new_employees_name_and_number_are_refused_when_they_hold_case_information(client, world):
    from tests.factories import hire_form

    client.force_login(world.user("leader"))
    url = reverse("people:hire", kwargs={"service_pk": world.service_a.pk})
    before = Person.objects.count()
    for field, value in [
        ("person-given_name", "Ola f. 2015"),
        ("person-family_name", "Nordmann, fnr 12031512345"),
        ("employment-employee_number", "120315 123 45"),
    ]:
        response = client.post(url, {**hire_form(), field: value, **CONFIRM})
        assert response.status_code == 400, field
        assert "Kan inneholde opplysninger som identifiserer en sak" in response.content.decode()
    assert Person.objects.count() == before


@pytest.mark.django_db
def test_the_council_reference_is_guarded(client, world):
    report = new_report(world.service_a, actor=world.user("leader"))
    status(world, report, "final")
    client.force_login(world.user("leader"))
    url = reverse("reports:status", kwargs={"report_id": report.pk})
    sent = {"to": "sent", "sent_on": "2026-11-20"}
    response = client.post(url, {**sent, "council_reference": "Sak om jenta (2015)"}, follow=True)
    assert "Saksnummeret er ikke lagret" in response.content.decode()
    report.refresh_from_db()
    assert (report.status, report.council_reference) == ("final", "")
    client.post(url, {**sent, "council_reference": "PS 45/26"})
    report.refresh_from_db()
    assert (report.status, report.council_reference) == ("sent", "PS 45/26")
    assert not AuditEntry.objects.filter(summary__contains="2015").exists()


# --- The roster import's text columns ----------------------------------------------------------

#: The roster's columns that are not text: numbers, dates, choices, an address, a unit by name.
NOT_TEXT = {
    "email",
    "birth_year",
    "role_category",
    "unit",
    "fte_percent",
    "start_date",
    "end_date",
    "education_level",
    "education_relevant",
    "education_completed",
    "further_completed_credits",
    "further_in_progress_credits",
    "further_expected_end",
    "prior_experience_months",
    # each course's credits, date and relevance (its name is text, below)
    *(
        f"course_{n}_{part}"
        for n in range(1, COURSES + 1)
        for part in ("credits", "completed", "relevant")
    ),
}
#: Where each text column is stored.
STORED_IN = {
    "employee_number": (Employment, "employee_number"),
    "given_name": (Person, "given_name"),
    "family_name": (Person, "family_name"),
    "position_title": (Employment, "position_title"),
    "end_reason": (Employment, "end_reason"),
    "education_field": (Education, "field"),
    "education_institution": (Education, "institution"),
    "prior_experience_from": (PriorExperience, "employer"),
    **{f"course_{n}_name": (FurtherEducation, "course") for n in range(1, COURSES + 1)},
}


def test_every_text_column_of_the_roster_is_guarded_as_the_field_it_is_stored_in():
    assert set(GUARDED) == {c.key for c in COLUMNS} - NOT_TEXT == set(STORED_IN)
    for key, (model, name) in STORED_IN.items():
        assert GUARDED[key] == case_guard_of(model._meta.get_field(name)), key


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("end_reason", "Flyttet med jenta (2015)"),
        ("position_title", "Kontaktperson for Ahmadi-familien"),
        ("education_institution", "NTNU, fnr 12031512345"),
        ("prior_experience_from", "Fosterhjem for 13-åringen"),
        ("education_field", "Barnet Lilly"),
        ("given_name", "Kari f. 2015"),
        ("employee_number", "1203 1512 345"),
        ("course_1_name", "Veiledning av Ahmadi-familien"),
    ],
)
def test_the_roster_import_refuses_case_information_in_its_text_columns(key, value):
    beside = {"end_reason": {"end_date": "30.06.2026"}, "course_1_name": {"course_1_credits": "30"}}
    cells = row(**{key: value, **beside.get(key, {})})
    result = validate_table(
        Table(HEADERS, [(2, cells)]), guess_mapping(HEADERS), units=set(), today=date(2026, 11, 1)
    )
    assert [(e.row, e.column) for e in result.errors] == [(2, BY_KEY[key].header)]
    assert "kan inneholde opplysninger som identifiserer en sak" in result.errors[0].message
    assert result.rows == []


@pytest.mark.django_db
def test_the_roster_template_example_passes_the_guard():
    result = validate_table(
        Table(HEADERS, [(2, row())]), guess_mapping(HEADERS), units=set(), today=date(2026, 11, 1)
    )
    assert [e for e in result.errors if "identifiserer" in e.message] == []
