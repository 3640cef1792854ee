"""The objects the access matrix tries: for each kind of URL, one in the role's own scope and
one outside it, and the URL arguments that name them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from conftest import World
from laget.accounts.models import Role
from laget.competence.models import Exemption
from laget.organisations.models import Municipality, Service, ServiceUnit
from laget.people.models import ChangeProposal, Education, Employment, Person, RosterImport
from laget.planning.models import CompetencePlan, Measure
from laget.reports.models import ReportComment, ReportTemplate, Status, StatusReport
from laget.reports.services import live_content
from laget.supervision.models import (
    MENTOR_TASK,
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
from tests.factories import (
    EmploymentFactory,
    RoleAssignmentFactory,
    ServiceFactory,
    UserFactory,
    staff_with_register,
)

#: Tydal's management: sees service D's aggregates (suppressed), not its persons.
MUNICIPAL_D = "municipal_d"


@dataclass
class SmallWorld(World):
    """The world plus service D (Tydal, Trøndelag) with 3 staff: every figure about D that
    municipal, county and national users see rests on fewer than 5 persons."""

    service_d: Service
    persons_d: tuple[Person, ...]

    @property
    def persons(self) -> list[Person]:
        """Every person whose name must never reach a user without person access."""
        named = [self.person_a, self.person_b, self.person_c, self.employee_person]
        return [*named, *self.persons_d]


def build_small_world(world: World) -> SmallWorld:
    service_d = ServiceFactory(
        name="Tjeneste D", slug="d", host_municipality=Municipality.objects.get(number="5033")
    )
    employments = staff_with_register(service_d, 3, start_date=date(2019, 8, 1))
    for i, employment in enumerate(employments):  # names no page can contain by chance
        employment.person.family_name = f"Småtjenestesen{i}"
        employment.person.save()
    last_year = timezone.localdate().year - 1
    leaver = EmploymentFactory(  # turnover, exit and recruitment figures rest on D's few too
        service=service_d,
        start_date=date(2019, 8, 1),
        end_date=date(last_year, 6, 30),
        person__family_name="Småtjenestesen-sluttet",
    )
    ExitInterview.objects.create(
        employment=leaver,
        held_on=date(last_year, 6, 20),
        destination="other_service",
        would_return="maybe",
    )
    Vacancy.objects.create(
        service=service_d,
        title="Barnevernskonsulent",
        role_category="core",
        requirement="master_desired",
        advertised_on=date(last_year, 5, 1),
        applicants=3,
        qualified_applicants=3,
        filled_on=date(last_year, 6, 1),
    )
    users = dict(world.users)
    users[MUNICIPAL_D] = UserFactory(username=MUNICIPAL_D)
    RoleAssignmentFactory(
        user=users[MUNICIPAL_D],
        role=Role.MUNICIPAL,
        municipality=Municipality.objects.get(number="5033"),
    )
    return SmallWorld(
        **{**world.__dict__, "users": users},
        service_d=service_d,
        persons_d=tuple(
            Person.objects.filter(employments__service=service_d).order_by("pk").distinct()
        ),
    )


def own_and_foreign(world: World, role: str, target: str | None) -> dict[str, object]:
    """The object in the role's own scope and one outside it, for the URL's pk."""
    if target is None:
        return {"own": None}
    own_service = {"municipal_os": world.service_b, "county_other": world.service_c}.get(
        role, world.service_a
    )
    foreign_service = world.service_c if role != "county_other" else world.service_a
    if target == "service":
        return {"own": own_service, "foreign": foreign_service}
    if target == "rated_service":
        # an employee rates the supervision of a service where they have a plan (issue 28)
        _splan(world.employee_person)
        return {"own": own_service, "foreign": foreign_service}
    if target == "unit":
        return {
            "own": ServiceUnit.objects.get_or_create(
                service=own_service, name="Enhet A1" if own_service == world.service_a else "Enhet"
            )[0],
            "foreign": ServiceUnit.objects.get_or_create(service=foreign_service, name="Enhet C")[
                0
            ],
        }
    if target == "service_pk":
        return {"own": ("service_pk", own_service), "foreign": ("service_pk", foreign_service)}
    if target == "plan":
        return {"own": _plan(own_service), "foreign": _plan(foreign_service)}
    if target == "measure":
        return {"own": _measure(own_service), "foreign": _measure(foreign_service)}
    if target == "exemption":
        return {"own": _exemption(own_service), "foreign": _exemption(foreign_service)}
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
            # an item ticked by hand (the first, «Fadder er utpekt», follows the mentor)
            own, foreign = (o.tasks.exclude(title=MENTOR_TASK).first() for o in (own, foreign))
        return {"own": own, "foreign": foreign}
    if target.startswith("report"):
        own_report = _report(own_service, "3430" if role == "municipal_os" else None)
        foreign_report = _report(foreign_service)
        if target == "report_comment":
            return {"own": _comment(own_report), "foreign": _comment(foreign_report)}
        if target == "report":
            return {"own": own_report, "foreign": foreign_report}
        return {"own": (target, own_report), "foreign": (target, foreign_report)}
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


def _exemption(service) -> Exemption:
    return Exemption.objects.create(
        service=service,
        position_title="Barnevernskonsulent",
        granted_by="Statsforvalteren",
        granted_on=date(2026, 1, 5),
        valid_from=date(2026, 1, 5),
        valid_until=date(2027, 12, 31),
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


def _report(service, number: str | None = None) -> StatusReport:
    """A draft report for the service's host (or the member `number`)."""
    municipality = (
        service.municipalities.get(number=number) if number else service.host_municipality
    )
    return StatusReport.objects.create(
        service=service,
        municipality=municipality,
        year=2026,
        template=ReportTemplate.in_force(date(2026, 1, 1)),
    )


def _comment(report: StatusReport) -> ReportComment:
    return ReportComment.objects.create(
        report=report,
        section_key="sammendrag",
        author_name="X",
        text="Kommentar",
        revision_number=1,
    )


def url_kwargs(obj) -> dict[str, int | str] | None:
    if obj is None:
        return None
    if isinstance(obj, StatusReport):
        return {"report_id": obj.pk}
    if isinstance(obj, ServiceUnit):
        return {"pk": obj.service_id, "unit_id": obj.pk}
    if isinstance(obj, ReportComment):
        return {"report_id": obj.report_id, "comment_id": obj.pk}
    if isinstance(obj, tuple) and obj[0] == "report_section":
        return {"report_id": obj[1].pk, "key": "sammendrag"}
    if isinstance(obj, tuple) and obj[0] == "report_download":
        return {"report_id": obj[1].pk, "fmt": "html"}
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
    if isinstance(obj, Exemption):
        return {"pk": obj.service_id, "exemption_id": obj.pk}
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


def sent_report(service: Service) -> StatusReport:
    """Last year's report for the service's host municipality, sent to the council: a public
    document, which county and national users may read."""
    year = timezone.localdate().year - 1
    report = StatusReport.objects.create(
        service=service,
        municipality=service.host_municipality,
        year=year,
        template=ReportTemplate.in_force(date(year, 12, 31)),
    )
    report.snapshot = live_content(report, timezone.localdate())
    report.status, report.finalised_at = Status.SENT, timezone.now()
    report.sent_on = timezone.localdate()
    report.save()
    return report


def assert_no_person_data(response, world: World) -> None:
    """No family name of the world's staff anywhere in the response."""
    body = response.content.decode(errors="replace")
    persons = (
        world.persons
        if isinstance(world, SmallWorld)
        else (world.person_a, world.person_b, world.person_c, world.employee_person)
    )
    for person in persons:
        assert person.family_name not in body, person.family_name
