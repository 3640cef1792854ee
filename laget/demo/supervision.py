"""A year of synthetic supervision for the demo services: some do it regularly (planned, held,
much of it process supervision, a monthly group), some do not (plans missing or not kept,
long gaps), so the overview shows the difference. Also check-ins, a few debriefs, and the
onboarding of recent hires. Its own random stream; nothing else in the demo changes."""

from __future__ import annotations

import random
from datetime import date, timedelta

from laget.domain.supervision import Plan, steps_from_json
from laget.organisations.models import Service
from laget.people.models import Employment, Person, RoleCategory
from laget.supervision.models import (
    THEME_KEYS,
    CheckIn,
    Debrief,
    Form,
    Kind,
    OnboardingItem,
    SessionReflection,
    SupervisionPlan,
    SupervisionSession,
    SupervisionTemplate,
)
from laget.supervision.services import new_employee_template, onboarding_start

RESPONDENT_PREFIX = "demo-svar-"

#: How well each service keeps its supervision: share of planned sessions held.
REGULAR = {"trondheim": 0.9, "levanger": 0.85, "vaernesregionen": 0.9, "fosen": 0.8}
IRREGULAR = {"froya": 0.3, "hitra": 0.35, "indre-namdal": 0.3, "midtre-gauldal": 0.4, "heim": 0.4}
DEFAULT_KEEPING = 0.6

NOTES = [
    "Prioritering av egne oppgaver i en travel periode.",
    "Hvordan holde fokus på barnets perspektiv i samtalene.",
    "Belastning etter en krevende uke; hva som hjelper.",
    "Struktur i undersøkelsesarbeidet og skriving av vurderinger.",
    "Samarbeid med skole og helsestasjon.",
]


def keeping_for(slug: str) -> float:
    return REGULAR.get(slug, IRREGULAR.get(slug, DEFAULT_KEEPING))


def regular_template_build(service: Service) -> SupervisionTemplate:
    return SupervisionTemplate(
        service=service,
        name="Fast veiledning hver fjerde uke",
        kinds=[Kind.CASE, Kind.PROCESS],
        steps=[{"until_day": None, "interval_days": 28}],
        goals="Regelmessig saks- og prosessveiledning med leder.",
    )


def _regular_template(service: Service) -> SupervisionTemplate:
    template = regular_template_build(service)
    template.save()
    return template


def _sessions(
    plan: SupervisionPlan, keeping: float, rng: random.Random, today: date, start: date
) -> list[SupervisionSession]:
    """Sessions at the plan's rhythm from `start`, each held with probability `keeping`,
    otherwise cancelled or simply not happening."""
    rhythm = Plan(plan.starts_on, plan.ends_on, steps_from_json(plan.steps))
    day = max(start, plan.starts_on)
    sessions = []
    while day < today:
        interval = rhythm.interval_on(day) or 28
        draw = rng.random()
        if draw < keeping:
            kind = Kind.PROCESS if plan.form == Form.GROUP or rng.random() < 0.35 else Kind.CASE
            sessions.append(
                SupervisionSession(
                    plan=plan,
                    held_on=day,
                    duration_minutes=rng.choice([45, 60, 60, 90]),
                    status="held",
                    kind=kind,
                    themes=rng.sample(THEME_KEYS, 2),
                    notes=rng.choice(NOTES),
                )
            )
        elif draw < keeping + (1 - keeping) / 3:
            sessions.append(
                SupervisionSession(
                    plan=plan,
                    held_on=day,
                    status="cancelled",
                    kind=Kind.CASE,
                    cancel_reason=rng.choice(["Akutt sak", "Sykdom", "Kollisjon med møte"]),
                )
            )
        day += timedelta(days=interval + rng.randint(-2, 3 if keeping > 0.7 else 20))
    return sessions


def individual_plans_build(
    service: Service,
    staff: list[Employment],
    keeping: float,
    templates: tuple[SupervisionTemplate, SupervisionTemplate],
    rng: random.Random,
    today: date,
    keep_free: Person | None = None,
) -> tuple[list[SupervisionPlan], list[SupervisionSession]]:
    """Plans for most of `staff` (today's, not the leader, in saved order) from the regular
    template or, for recent hires, the one for new employees; their sessions over the last
    year. Unsaved."""
    template, new_template = templates
    start = today - timedelta(days=365)
    plans: list[SupervisionPlan] = []
    sessions: list[SupervisionSession] = []
    for employment in staff:
        if employment.person == keep_free:
            continue
        if rng.random() > min(1.0, keeping + 0.25):
            continue  # no plan at all
        recent = employment.start_date > today - timedelta(days=182)
        chosen = new_template if recent else template
        plan = SupervisionPlan(
            service=service,
            form=Form.INDIVIDUAL,
            person=employment.person,
            kinds=chosen.kinds,
            supervisor_category="leader",
            steps=chosen.steps,
            starts_on=employment.start_date if recent else start - timedelta(days=30),
            goals=chosen.goals,
        )
        plans.append(plan)
        sessions += _sessions(plan, keeping, rng, today, start)
    return plans, sessions


def group_plan_build(
    service: Service,
    staff: list[Employment],
    keeping: float,
    rng: random.Random,
    today: date,
    keep_free: Person | None = None,
    external: str = "RVTS Midt",
) -> tuple[SupervisionPlan, list[Person], list[SupervisionSession]] | None:
    """A monthly process group with an external supervisor where supervision is kept well:
    the plan, its members and its sessions, unsaved; None elsewhere."""
    if keeping < 0.8 or len(staff) < 6:
        return None
    start = today - timedelta(days=365)
    group = SupervisionPlan(
        service=service,
        form=Form.GROUP,
        name="Prosessgruppe",
        kinds=[Kind.PROCESS],
        supervisor_category="external",
        external_supervisor=external,
        steps=[{"until_day": None, "interval_days": 30}],
        starts_on=start - timedelta(days=60),
    )
    members = [e.person for e in staff[:8] if e.person != keep_free]
    return group, members, _sessions(group, keeping, rng, today, start)


def supervision_create(
    services: dict[str, Service], *, today: date, seed: int, keep_free: Person | None = None
) -> None:
    """`keep_free`: a person left without a plan (the walk-through gives them one)."""
    rng = random.Random(seed + 2)  # noqa: S311 - synthetic demo data, not security
    sessions: list[SupervisionSession] = []
    for slug, service in services.items():
        keeping = keeping_for(slug)
        templates = (_regular_template(service), new_employee_template(service))
        staff = list(
            Employment.objects.active_on(today)
            .filter(service=service)
            .exclude(role_category=RoleCategory.LEADER)
            .select_related("person")
            .order_by("pk")
        )
        plans, plan_sessions = individual_plans_build(
            service, staff, keeping, templates, rng, today, keep_free
        )
        for plan in plans:
            plan.save()
        sessions += plan_sessions
        group = group_plan_build(service, staff, keeping, rng, today, keep_free)
        if group is not None:
            plan, members, group_sessions = group
            plan.save()
            plan.members.set(members)
            sessions += group_sessions
    created = SupervisionSession.objects.bulk_create(sessions)
    _reflections(created, rng, today)
    _check_ins(services, rng, today)
    _debriefs(services, rng, today)


def reflections_build(
    sessions: list[SupervisionSession], rng: random.Random, today: date
) -> list[SessionReflection]:
    """Most held individual sessions are confirmed by the employee; the last few are not yet."""
    reflections = []
    for session in sessions:
        plan = session.plan
        if session.status != "held" or plan.form != Form.INDIVIDUAL or plan.person is None:
            continue
        if session.held_on > today - timedelta(days=14) or rng.random() < 0.2:
            continue
        reflections.append(
            SessionReflection(
                session=session,
                person=plan.person,
                reflection=rng.choice(
                    ["", "", "Godt å snakke om belastningen.", "Trenger mer tid."]
                ),
                shared_with_supervisor=rng.random() < 0.3,
            )
        )
    return reflections


def _reflections(sessions: list[SupervisionSession], rng: random.Random, today: date) -> None:
    SessionReflection.objects.bulk_create(reflections_build(sessions, rng, today))


def check_in_scores(keeping: float, rng: random.Random) -> list[int]:
    """An employee's answers to the three check-in questions (1–5): better where supervision
    is kept."""
    base = 1.5 + keeping * 3
    return [max(1, min(5, round(rng.gauss(base + shift, 0.8)))) for shift in (0.2, -0.6, 0)]


def _check_ins(services: dict[str, Service], rng: random.Random, today: date) -> None:
    """This quarter's check-ins: staff rate regular services well and irregular ones less
    well; leaders rate their own supervision well everywhere (the gap the overview shows)."""
    from laget.accounts.models import User
    from laget.supervision.selectors import quarter

    # the answers of the last quarter that has ended (its means are what the pages show),
    # and a third of the staff's answers so far in the quarter under way
    period = quarter(today.replace(day=1) - timedelta(days=80))
    current = quarter(today)
    answers = []
    for slug, service in services.items():
        keeping = keeping_for(slug)
        # answers are tied to a login (one per quarter); the demo's answerers are inactive
        respondents = [
            User.objects.create_user(
                username=f"{RESPONDENT_PREFIX}{slug}-{n}", password=None, is_active=False
            )
            for n in range(Employment.objects.active_on(today).filter(service=service).count() // 2)
        ]
        for n, user in enumerate(respondents):
            for answered in (period, current) if n % 3 == 0 else (period,):
                scores = check_in_scores(keeping, rng)
                answers.append(
                    CheckIn(
                        service=service,
                        role="employee",
                        user=user,
                        period=answered,
                        q1=scores[0],
                        q2=scores[1],
                        q3=scores[2],
                    )
                )
    leaders = {
        "trondheim": "leder.trondheim",
        "froya": "leder.froya",
        "roros-holtalen-os": "leder.roros",
    }
    for slug, username in leaders.items():
        leader = User.objects.filter(username=username).first()
        if leader is not None and slug in services:  # leaders rate what they give highly
            answers.append(
                CheckIn(
                    service=services[slug],
                    role="leader",
                    user=leader,
                    period=period,
                    q1=5,
                    q2=4,
                    q3=5,
                )
            )
    CheckIn.objects.bulk_create(answers)


def debrief_build(
    service: Service, staff: list[Employment], rng: random.Random, today: date, *, held: bool
) -> Debrief:
    """A debrief after a critical event in the last year, offered the next day; unsaved."""
    person = rng.choice(staff).person
    event = today - timedelta(days=rng.randint(20, 300))
    return Debrief(
        service=service,
        person=person,
        event_on=event,
        event_kind=rng.choice(["threat", "violence", "emergency"]),
        offered_on=event + timedelta(days=1),
        held_on=event + timedelta(days=rng.randint(2, 6)) if held else None,
    )


def _debriefs(services: dict[str, Service], rng: random.Random, today: date) -> None:
    for slug in ("trondheim", "vaernesregionen", "froya"):
        service = services[slug]
        staff = list(
            Employment.objects.active_on(today)
            .filter(service=service)
            .select_related("person")[:10]
        )
        for _ in range(3 if slug == "trondheim" else 1):
            debrief_build(service, staff, rng, today, held=slug != "froya").save()


def onboarding_create(employment: Employment, today: date, done_share: float = 0.5) -> None:
    """A recent hire's onboarding (the plan is made above), with the items that are due
    partly ticked off."""
    onboarding = onboarding_start(actor=None, employment=employment, with_plan=False)
    due = list(onboarding.tasks.filter(due_on__lt=today))
    for task in due[: int(len(due) * done_share)]:
        if task.follows_mentor:  # done by choosing the mentor: the longest-serving colleague
            colleague = (
                Employment.objects.active_on(today)
                .filter(service=employment.service)
                .exclude(person=employment.person)
                .order_by("start_date", "pk")
                .select_related("person")
                .first()
            )
            if colleague is None:
                continue
            onboarding.mentor = colleague.person
            onboarding.save(update_fields=["mentor"])
        task.done_on = task.due_on
        task.save(update_fields=["done_on"])


def recent_hires_onboard(services: dict[str, Service], today: date) -> None:
    for employment in Employment.objects.active_on(today).filter(
        service__in=services.values(), start_date__gt=today - timedelta(days=182)
    ):
        onboarding_create(employment, today)


def supervision_clear(slugs: list[str]) -> None:
    from laget.accounts.models import User

    SupervisionPlan.objects.filter(service__slug__in=slugs).delete()
    SupervisionTemplate.objects.filter(service__slug__in=slugs).delete()
    OnboardingItem.objects.filter(service__slug__in=slugs).delete()
    CheckIn.objects.filter(service__slug__in=slugs).delete()
    User.objects.filter(username__startswith=RESPONDENT_PREFIX).delete()
