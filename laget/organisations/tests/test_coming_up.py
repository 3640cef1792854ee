"""The leader's start page leads with the next 14 days (issue 28, item 2): sessions the plans
ask for, new employees and their onboarding items, deadlines for study places, grants,
exemptions and the tilstandsrapport; what has passed is said to have passed; nothing due is
said too."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from laget.competence.models import Exemption
from laget.organisations.coming_up import coming_up
from laget.planning.models import CompetencePlan, GrantOutcome, Measure, MeasureKind
from laget.supervision.models import (
    Form,
    Onboarding,
    OnboardingTask,
    Responsible,
    Status,
    SupervisionPlan,
    SupervisionSession,
    SupervisorCategory,
)
from tests.factories import EmploymentFactory

pytestmark = pytest.mark.django_db


def _section(html: str) -> str:
    return html.split('id="neste-dager"')[1].split("</section>")[0]


def _items(section: str) -> list[tuple[str, str, str]]:
    """(link, text, when) per item, in page order."""
    return [
        (url.replace("&amp;", "&"), text, re.sub(r"<[^>]+>", "", when).strip())
        for url, text, when in re.findall(
            r'<li><a class="ds-link" href="([^"]+)">([^<]+)</a> – (.*?)</li>', section
        )
    ]


def _plan(world, person, every: int, held_days_ago: int) -> SupervisionPlan:
    today = timezone.localdate()
    plan = SupervisionPlan.objects.create(
        service=world.service_a,
        form=Form.INDIVIDUAL,
        person=person,
        supervisor_category=SupervisorCategory.LEADER,
        steps=[{"until_day": None, "interval_days": every}],
        starts_on=today - timedelta(days=60),
    )
    SupervisionSession.objects.create(
        plan=plan,
        held_on=today - timedelta(days=held_days_ago),
        status=Status.HELD,
        kind="case",
    )
    return plan


def test_the_start_page_leads_with_what_falls_due_each_linked_and_passed_said(client, world):
    today = timezone.localdate()
    on_time = _plan(world, world.person_a, every=14, held_days_ago=10)  # due in 4 days
    late = _plan(world, world.employee_person, every=7, held_days_ago=12)  # due 5 days ago
    # late for a month: not this fortnight's, the start page counts it among those late
    long_late = world.service_a.employments.exclude(
        person__in=[world.person_a, world.employee_person]
    ).first()
    _plan(world, long_late.person, every=7, held_days_ago=40)
    newcomer = EmploymentFactory(service=world.service_a, start_date=today + timedelta(days=5))
    onboarding = Onboarding.objects.create(employment=newcomer)
    OnboardingTask.objects.create(
        onboarding=onboarding, title="Få tilgang til fagsystemet",
        due_on=today + timedelta(days=6), responsible=Responsible.LEADER,
    )  # fmt: skip
    OnboardingTask.objects.create(
        onboarding=onboarding, title="Langt fram", due_on=today + timedelta(days=40),
        responsible=Responsible.LEADER,
    )  # fmt: skip
    OnboardingTask.objects.create(
        onboarding=Onboarding.objects.create(employment=long_late), title="Lenge siden",
        due_on=today - timedelta(days=30), responsible=Responsible.LEADER,
    )  # fmt: skip
    plan = CompetencePlan.objects.create(service=world.service_a, year=today.year)
    base = {"plan": plan, "kind": MeasureKind.FURTHER_EDUCATION, "person": world.person_a}
    Measure.objects.create(
        **base, title="Barnevernfaglig veiledning", application_deadline=today + timedelta(days=7)
    )
    Measure.objects.create(**base, title="Juss", grant_deadline=today - timedelta(days=3))
    Measure.objects.create(
        **base, title="Avgjort", grant_deadline=today + timedelta(days=2),
        grant_outcome=GrantOutcome.GRANTED,
    )  # fmt: skip
    Measure.objects.create(**base, title="Senere", grant_deadline=today + timedelta(days=20))
    Exemption.objects.create(
        service=world.service_a, person=world.person_a, granted_by="Statsforvalteren",
        granted_on=today - timedelta(days=300), valid_from=today - timedelta(days=300),
        valid_until=today + timedelta(days=10),
    )  # fmt: skip
    client.force_login(world.user("leader"))
    html = client.get(reverse("organisations:detail", kwargs={"pk": world.service_a.pk}))
    html = html.content.decode()
    # it leads: before the counts, and the staff list is linked at the top
    assert html.index('id="neste-dager"') < html.index('id="venter"')
    assert html.index(reverse("organisations:staff", kwargs={"pk": world.service_a.pk})) < (
        html.index('id="neste-dager"')
    )
    items = _items(_section(html))
    texts = [text for _url, text, _when in items]
    assert texts == [
        f"Veiledningssamtale med {world.employee_person.full_name}",
        f"Veiledningssamtale med {world.person_a.full_name}",
        f"{newcomer.person.full_name} begynner",
        f"Introduksjon for {newcomer.person.full_name}: Få tilgang til fagsystemet",
        f"Søknadsfrist for tilskudd: Juss ({world.person_a.full_name})",
        f"Søknadsfrist for studieplass: Barnevernfaglig veiledning ({world.person_a.full_name})",
        f"Unntaket fra kompetansekravet for {world.person_a.full_name} går ut",
    ]
    when = {text: w for _url, text, w in items}
    assert when[texts[0]] == f"passert {_weekday(today - timedelta(days=5))}"
    assert when[texts[1]] == _weekday(today + timedelta(days=4))
    assert when[texts[4]].startswith("passert ")
    links = {text: url for url, text, _w in items}
    plan_url = "supervision:plan"
    assert links[texts[0]] == reverse(plan_url, args=[world.service_a.pk, late.pk])
    assert links[texts[1]] == reverse(plan_url, args=[world.service_a.pk, on_time.pk])
    onboarding_url = reverse("supervision_me:onboarding", args=[onboarding.pk])
    assert links[texts[2]] == links[texts[3]] == onboarding_url
    assert links[texts[4]] == reverse("planning:detail", args=[world.service_a.pk, today.year])
    for url in {url for url, _t, _w in items}:
        assert client.get(url).status_code == 200, url


def _weekday(day: date) -> str:
    names = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
    return f"{names[day.weekday()]} {day:%d.%m.%Y}"


def test_a_leader_with_nothing_due_is_told_so_and_no_one_outside_sees_it(client, world):
    client.force_login(world.user("leader"))
    url = reverse("organisations:detail", kwargs={"pk": world.service_a.pk})
    section = _section(client.get(url).content.decode())
    assert "Ingenting har frist de neste 14 dagene" in section and not _items(section)
    for username in ("municipal", "county", "national"):
        client.force_login(world.user(username))
        page = client.get(url)
        assert page.status_code == 200 and b'id="neste-dager"' not in page.content, username


def test_the_report_to_the_council_is_due_in_the_fortnight_around_30_june(world):
    late_june = date(timezone.localdate().year + 1, 6, 20)
    due = [d for g in coming_up(world.service_a, late_june, []).groups for d in g.items]
    report = [d for d in due if d.text.startswith("Tilstandsrapporten")]
    assert [(d.day, d.kind) for d in report] == [(date(late_june.year, 6, 30), "deadline")]
    assert f"for {late_june.year - 1} til kommunestyret (1 kommune venter)" in report[0].text
    july = date(late_june.year, 7, 20)  # three weeks after: no longer in the fortnight
    assert not [
        d for g in coming_up(world.service_a, july, []).groups for d in g.items
        if d.text.startswith("Tilstandsrapporten")
    ]  # fmt: skip


def test_a_large_service_shows_ten_a_kind_and_links_the_rest(world):
    today = timezone.localdate()
    for employment in EmploymentFactory.create_batch(
        13, service=world.service_a, start_date=today + timedelta(days=3)
    ):
        assert employment.pk
    found = coming_up(world.service_a, today, [])
    start = next(g for g in found.groups if g.kind == "start")
    assert len(start.items) == 10 and start.more == 3
    assert start.more_url == reverse("supervision:onboarding", args=[world.service_a.pk])
