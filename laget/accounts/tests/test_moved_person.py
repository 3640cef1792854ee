"""A person who leaves a service: access is decided per employment (see accounts.access).

The former service keeps its own rows (the employment in its statistics, its exit interview,
its onboarding and supervision plans) but loses the person's record the day the person starts
in another service. A person who works nowhere now stays readable, not writable, for the
former service for LAGET_FORMER_SERVICE_READ_DAYS days after the end date.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from laget.accounts import access
from laget.accounts.models import Role
from laget.people.models import ChangeProposal, Education, Employment, Person
from laget.planning.models import CareerPlan
from laget.supervision.models import SupervisionPlan
from laget.supervision.services import new_employee_template, onboarding_start, plans_from_template
from laget.workforce.models import ExitInterview
from laget.workforce.years import last_complete_year
from tests.factories import EducationFactory, EmploymentFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def today() -> date:
    return timezone.localdate()


@pytest.fixture
def leader_b(world):
    user = UserFactory(username="leader_b")
    RoleAssignmentFactory(user=user, role=Role.LEADER, service=world.service_b)
    return user


def leave(person: Person, service, end: date) -> Employment:
    employment = person.employments.get(service=service)
    employment.end_date, employment.end_reason = end, "Ny jobb"
    employment.save()
    return employment


def move(world, *, days_ago: int = 10) -> tuple[Person, Employment, Employment]:
    """person_a leaves A `days_ago` days ago and starts in B the day after."""
    person = world.person_a
    old = leave(person, world.service_a, today() - timedelta(days=days_ago))
    new = EmploymentFactory(
        person=person, service=world.service_b, start_date=old.end_date + timedelta(days=1)
    )
    return person, old, new


def person_urls(person: Person, employment: Employment) -> dict[str, str]:
    """The person's pages (GET)."""
    return {
        "detail": reverse("people:detail", kwargs={"pk": person.pk}),
        "edit": reverse("people:edit", kwargs={"pk": person.pk}),
        "career": reverse("planning_person:career", kwargs={"pk": person.pk}),
        "record_add": reverse("people:record_add", kwargs={"pk": person.pk, "kind": "utdanning"}),
        "employment_edit": reverse(
            "people:employment_edit", kwargs={"pk": person.pk, "employment_id": employment.pk}
        ),
    }


def writes(person: Person, employment: Employment) -> list[tuple[str, dict]]:
    """Valid changes to the person (POST), each one that would be stored if allowed."""
    record = Education.objects.filter(person=person).first() or EducationFactory(person=person)
    proposal = ChangeProposal.objects.filter(
        person=person
    ).first() or ChangeProposal.objects.create(
        person=person, kind="other", message="Feil fødselsår"
    )
    return [
        (
            reverse("people:edit", kwargs={"pk": person.pk}),
            {"given_name": "Endret", "family_name": person.family_name, "birth_year": "1985"},
        ),
        (
            reverse("planning_person:career", kwargs={"pk": person.pk}),
            {"goals": "Nytt mål", "development": "", "agreed_on": ""},
        ),
        (
            reverse("people:record_add", kwargs={"pk": person.pk, "kind": "utdanning"}),
            {
                "level": "master",
                "field": "Barnevern",
                "relevant": "on",
                "completed_on": "2024-06-15",
            },
        ),
        (
            reverse(
                "people:record_delete",
                kwargs={"pk": person.pk, "kind": "utdanning", "record_id": record.pk},
            ),
            {},
        ),
        (
            reverse("people:proposal_decide", kwargs={"pk": person.pk, "proposal_id": proposal.pk}),
            {"decision": "reject"},
        ),
        (
            reverse(
                "people:employment_edit",
                kwargs={"pk": person.pk, "employment_id": employment.pk},
            ),
            {
                "position_title": "Endret",
                "role_category": "core",
                "fte_percent": "100",
                "start_date": employment.start_date.isoformat(),
                "end_date": "",
            },
        ),
    ]


def state(person: Person):
    person.refresh_from_db()
    return (
        person.given_name,
        sorted(Education.objects.filter(person=person).values_list("pk", "level")),
        list(ChangeProposal.objects.filter(person=person).values_list("status", flat=True)),
        list(CareerPlan.objects.filter(person=person).values_list("goals", flat=True)),
        list(
            Employment.objects.filter(person=person)
            .order_by("pk")
            .values_list("position_title", "end_date")
        ),
    )


# --- The policy ---------------------------------------------------------------------------


def test_after_a_move_the_former_service_loses_the_person_and_the_new_one_has_it(world, leader_b):
    person, _old, _new = move(world)
    for role in ("leader", "hr"):
        user = world.user(role)
        assert person not in access.persons_visible(user)
        assert not access.can_edit_person(user, person)
    assert person in access.persons_visible(leader_b)
    assert access.can_edit_person(leader_b, person)
    assert {e.service for e in access.employments_visible(leader_b, person)} == {world.service_b}
    assert access.can_edit_person(world.user("admin"), person)


def test_a_person_who_left_and_works_nowhere_is_readable_for_a_while(world, settings):
    settings.LAGET_FORMER_SERVICE_READ_DAYS = 60
    person = world.person_a
    employment = leave(person, world.service_a, today() - timedelta(days=60))
    leader = world.user("leader")
    assert person in access.persons_visible(leader)
    assert not access.can_edit_person(leader, person)
    assert not access.employments_editable(leader, person).exists()
    assert access.read_only_until(leader, person) == today()
    employment.end_date = today() - timedelta(days=61)
    employment.save()
    assert person not in access.persons_visible(leader)


def test_a_future_hire_is_the_hiring_service_s_and_ends_the_window(world, leader_b):
    person = world.person_a
    leave(person, world.service_a, today() - timedelta(days=5))
    EmploymentFactory(person=person, service=world.service_b, start_date=today() + timedelta(30))
    # between the jobs: B prepares (full access), A still reads
    assert access.can_edit_person(leader_b, person)
    assert person in access.persons_visible(world.user("leader"))
    assert not access.can_edit_person(world.user("leader"), person)


def test_a_part_time_job_elsewhere_ends_the_window_at_once(world):
    person = world.person_a
    EmploymentFactory(person=person, service=world.service_c, start_date=date(2024, 1, 1))
    leave(person, world.service_a, today() - timedelta(days=1))
    assert person not in access.persons_visible(world.user("leader"))


# --- Through the pages ----------------------------------------------------------------------


def test_the_former_leader_gets_404_on_the_person_after_a_move(client, world, leader_b):
    person, old, new = move(world)
    EducationFactory(person=person)
    CareerPlan.objects.create(person=person, year=today().year, goals="Mål fra B")
    for role in ("leader", "hr"):
        client.force_login(world.user(role))
        for name, url in person_urls(person, old).items():
            assert client.get(url).status_code == 404, (role, name)
        cases = writes(person, old)
        before = state(person)
        for url, data in cases:
            assert client.post(url, data).status_code == 404, (role, url)
        assert state(person) == before
    # the new service has the person in full
    client.force_login(leader_b)
    for name, url in person_urls(person, new).items():
        assert client.get(url).status_code == 200, name
    page = client.get(person_urls(person, new)["detail"]).content.decode()
    assert "Tjeneste B" in page and "Tjeneste A" not in page  # only B's own employment
    for url, data in writes(person, new):  # the same writes as above, all stored
        assert client.post(url, data).status_code == 302, url
    person.refresh_from_db()
    assert person.given_name == "Endret"
    assert CareerPlan.objects.get(person=person).goals == "Nytt mål"
    assert Employment.objects.get(pk=new.pk).position_title == "Endret"


def test_the_former_service_keeps_its_own_rows(client, world, leader_b):
    person, old, new = move(world)
    own_plan = plans_from_template(
        actor=None,
        template=new_employee_template(world.service_a),
        persons=[person],
        starts_on=date(2021, 1, 4),
        check=False,
    )[0]
    own_onboarding = onboarding_start(actor=None, employment=old, with_plan=False)
    onboarding_start(actor=None, employment=new)  # B's plan and onboarding
    b_plan = SupervisionPlan.objects.get(service=world.service_b, person=person)
    b_onboarding = new.onboarding
    client.force_login(world.user("leader"))
    a = world.service_a.pk
    # its supervision plan and onboarding of the A employment, but not B's
    plan_url = reverse("supervision:plan", kwargs={"pk": a, "plan_id": own_plan.pk})
    assert client.get(plan_url).status_code == 200
    for pk in (a, world.service_b.pk):
        url = reverse("supervision:plan", kwargs={"pk": pk, "plan_id": b_plan.pk})
        assert client.get(url).status_code == 404
    onboarding_url = "supervision_me:onboarding"
    assert client.get(reverse(onboarding_url, args=[own_onboarding.pk])).status_code == 200
    assert client.get(reverse(onboarding_url, args=[b_onboarding.pk])).status_code == 404
    # the exit interview for the A employment
    exits = client.get(reverse("workforce:exits", kwargs={"pk": a})).content.decode()
    add = reverse("workforce:exit_add", kwargs={"pk": a, "employment_id": old.pk})
    assert add in exits
    response = client.post(
        add,
        {
            "held_on": old.end_date.isoformat(),
            "destination": "other_service",
            "would_return": "yes",
        },
    )
    assert response.status_code == 302
    assert ExitInterview.objects.get().employment == old
    # B cannot record an exit interview for A's employment
    client.force_login(leader_b)
    url = reverse("workforce:exit_add", kwargs={"pk": world.service_b.pk, "employment_id": old.pk})
    assert client.get(url).status_code == 404


def test_the_move_stays_in_the_former_service_s_statistics(client, world):
    year = last_complete_year(today())
    person = world.person_a
    leave(person, world.service_a, date(year, 6, 30))
    EmploymentFactory(person=person, service=world.service_b, start_date=date(year, 7, 1))
    client.force_login(world.user("leader"))
    response = client.get(reverse("workforce:service", kwargs={"pk": world.service_a.pk}))
    row = next(r for r in response.context["overview"].rows if r.year == year)
    assert (row.separations.value, row.separations.suppressed) == (1, False)
    assert response.context["overview"].headcount.value == 5
    assert client.get(reverse("people:detail", kwargs={"pk": person.pk})).status_code == 404


def test_within_the_window_the_former_leader_reads_but_cannot_write(client, world, settings):
    settings.LAGET_FORMER_SERVICE_READ_DAYS = 60
    person = world.person_a
    old = leave(person, world.service_a, today() - timedelta(days=10))
    EducationFactory(person=person)
    CareerPlan.objects.create(person=person, year=today().year, goals="Bli fagansvarlig")
    client.force_login(world.user("leader"))
    urls = person_urls(person, old)
    detail = client.get(urls["detail"])
    assert detail.status_code == 200
    page = detail.content.decode()
    assert "Du kan lese opplysningene til og med" in page and urls["edit"] not in page
    career = client.get(urls["career"])
    assert career.status_code == 200 and "Bli fagansvarlig" in career.content.decode()
    assert '<form method="post" class="laget-form"' not in career.content.decode()
    for name in ("edit", "record_add", "employment_edit"):
        assert client.get(urls[name]).status_code == 404, name
    cases = writes(person, old)
    before = state(person)
    for url, data in cases:
        assert client.post(url, data).status_code == 404, url
    assert state(person) == before
    # after the window, nothing
    old.end_date = today() - timedelta(days=61)
    old.save()
    assert client.get(urls["detail"]).status_code == 404
    assert client.get(urls["career"]).status_code == 404


def test_the_former_service_s_roster_import_updates_only_its_own_row(world):
    from laget.core.tabular import read_table
    from laget.people.roster.importing import roster_import
    from laget.people.roster.mapping import guess_mapping
    from laget.people.tests.roster_files import row, xlsx

    person, old, _new = move(world)
    old.employee_number = "A-7"
    old.save()
    EducationFactory(person=person, source="import", field="Sosionom")
    content = xlsx(
        [
            row(
                employee_number="A-7",
                given_name="Feil",
                family_name="Navn",
                start_date=old.start_date.strftime("%d.%m.%Y"),
                end_date=old.end_date.strftime("%d.%m.%Y"),
                end_reason="Flyttet",
            )
        ]
    )
    table = read_table("liste.xlsx", content)
    report = roster_import(
        actor=world.user("hr"),
        service=world.service_a,
        table=table,
        mapping=guess_mapping(table.headers),
        today=today(),
        apply=True,
    )
    assert report.applied and not report.errors
    person.refresh_from_db()
    old.refresh_from_db()
    assert person.given_name != "Feil"
    assert list(Education.objects.filter(person=person).values_list("field", flat=True)) == [
        "Sosionom"
    ]
    assert old.end_reason == "Flyttet"


def test_a_supervisor_or_mentor_who_moves_loses_the_role_in_the_former_service(client, world):
    """The employee (world.employee_person, in A) supervises and mentors person_a; after
    moving to B, A's plan and onboarding are closed to them."""
    colleague = world.employee_person
    plan = plans_from_template(
        actor=None,
        template=new_employee_template(world.service_a),
        persons=[world.person_a],
        starts_on=date(2021, 1, 4),
        supervisor=colleague,
        check=False,
    )[0]
    onboarding = onboarding_start(
        actor=None, employment=world.person_a.employments.get(), with_plan=False
    )
    onboarding.mentor = colleague
    onboarding.save()
    plan_url = reverse("supervision:plan", kwargs={"pk": world.service_a.pk, "plan_id": plan.pk})
    onboarding_url = reverse("supervision_me:onboarding", args=[onboarding.pk])
    client.force_login(world.user("employee"))
    assert client.get(plan_url).status_code == 200
    assert client.get(onboarding_url).status_code == 200
    assert (
        world.person_a.family_name in client.get(reverse("supervision_me:mentor")).content.decode()
    )

    leave(colleague, world.service_a, today() - timedelta(days=1))
    EmploymentFactory(person=colleague, service=world.service_b, start_date=today())
    assert client.get(plan_url).status_code == 404
    session = {"held_on": today().isoformat(), "status": "held", "kind": "case"}
    assert client.post(plan_url, {**session, "duration_minutes": "60"}).status_code == 404
    assert not plan.sessions.exists()
    assert client.get(onboarding_url).status_code == 404
    mentor_page = client.get(reverse("supervision_me:mentor")).content.decode()
    assert world.person_a.family_name not in mentor_page
    # their own supervision stays theirs
    assert client.get(reverse("supervision_me:me")).status_code == 200
