"""Reads for supervision: the regularity table of a service (person by person for its
leaders, suppressed aggregates for everyone else) and its onboardings (an employee's own
supervision and a mentor's new colleagues are in `laget.supervision.own`). A constant number of
queries for any number of staff."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q

from laget.accounts import access
from laget.competence.publication import competence_publication
from laget.domain import supervision as domain
from laget.domain.suppression import (
    MIN_N,
    Figure,
    persons_behind,
    share_of,
    suppress,
    suppress_magnitude,
    unsuppressed,
)
from laget.organisations.models import Service
from laget.organisations.selectors import has_words
from laget.people.models import Employment, Person
from laget.supervision.models import (
    CHECK_IN_QUESTIONS,
    CheckIn,
    Debrief,
    Form,
    Onboarding,
    Status,
    SupervisionPause,
    SupervisionPlan,
    SupervisionSession,
    SupervisorCategory,
)

WINDOW_DAYS = 365


def quarter(day: date) -> str:
    return f"{day.year}-K{(day.month - 1) // 3 + 1}"


def domain_plan(plan: SupervisionPlan) -> domain.Plan:
    return domain.Plan(plan.starts_on, plan.ends_on, domain.steps_from_json(plan.steps))


@dataclass
class PersonRow:
    person: Person
    employment: Employment
    plans: list[SupervisionPlan]
    regularity: domain.Regularity
    onboarding: Onboarding | None = None
    overdue_tasks: int = 0
    open_tasks: int = 0

    @property
    def supervisors(self) -> list[str]:
        """Who supervises the person, by name or category (the export's column)."""
        return sorted(
            {
                str(p.supervisor or p.external_supervisor or p.get_supervisor_category_display())
                for p in self.plans
            }
        )


#: The person table narrowed (`?vis=`, as the start page links to it): to those overdue for
#: supervision, or with onboarding items past their date.
ROW_FILTERS = {
    "forsinket": lambda row: row.regularity.overdue,
    "introduksjon": lambda row: row.overdue_tasks > 0,
}


def rows_narrowed(
    rows: list[PersonRow], *, name: str = "", unit_id: int | None = None, only: str = ""
) -> list[PersonRow]:
    """The rows whose name holds every word of `name`, who work in the unit, and who are
    overdue or have onboarding items past their date (`only`, a key of `ROW_FILTERS`)."""
    return [
        row
        for row in rows
        if has_words(row.person.full_name, name)
        and (unit_id is None or row.employment.unit_id == unit_id)
        and (not only or ROW_FILTERS[only](row))
    ]


@dataclass
class ServiceSupervision:
    service: Service
    open_view: bool
    start: date
    today: date
    rows: list[PersonRow]  # person access only
    staff: Figure
    with_plan: Figure  # share of staff with an active plan
    planned: Figure
    held: Figure
    held_share: Figure
    process_share: Figure
    group_share: Figure
    overdue: Figure  # number of staff flagged
    by_supervisor: dict[str, Figure]
    check_in_staff: list[tuple[str, Figure]]
    check_in_leaders: list[tuple[str, Figure]]
    #: the closed quarter the means are for, its answers in steps, and the quarter under way
    check_in_period: str
    check_in_n: str
    check_in_current: str
    check_in_so_far: str
    debriefs_offered: Figure
    debriefs_held: Figure
    definitions: dict[str, str] = field(default_factory=lambda: domain.DEFINITIONS)


def service_supervision(
    *, user, service: Service, today: date, operator: bool = False, unit_id: int | None = None
) -> ServiceSupervision:
    """`operator`: the command line, run by whoever runs the server, sees the service's own
    aggregates unsuppressed (it prints no names). `unit_id`: one unit's staff only, person by
    person (the caller has checked that the user leads the unit or has person access)."""
    open_view = operator or unit_id is not None or access.has_person_access(user, service)

    def shown(value, n: int) -> Figure:
        return unsuppressed(value, n) if open_view else suppress(value, n)

    def magnitude(value, contributions: list[int]) -> Figure:
        """Sessions summed over persons: outside the service also hidden when two persons
        make most of them (the dominance rule)."""
        if open_view:
            return unsuppressed(value, len(contributions))
        return suppress_magnitude(value, contributions)

    start = today - timedelta(days=WINDOW_DAYS - 1)
    # subqueries, not lists of ids: a list of 5,000 ids is slow to build and to send
    employed = Employment.objects.active_on(today).filter(service=service)
    if unit_id is not None:
        employed = employed.filter(unit_id=unit_id)
    employments = list(
        employed.select_related("person").order_by(
            "person__family_name", "person__given_name", "pk"
        )
    )
    units = {unit.pk: unit for unit in service.units.all()}  # a few, shared by the rows
    for employment in employments:
        employment.unit = units.get(employment.unit_id) if employment.unit_id else None
    persons = {e.person_id: e for e in employments}
    plans_in_window = SupervisionPlan.objects.filter(service=service).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=start)
    )
    plans = list(plans_in_window.select_related("supervisor"))
    # the sessions as plain values: a service of 5,000 staff holds some 90,000 in a year, and
    # making a model of each took seconds (issue 28, item 8)
    sessions_of: dict[int, list[tuple[date, str, str]]] = defaultdict(list)
    for plan_id, held_on, session_status, kind in SupervisionSession.objects.filter(
        plan__in=plans_in_window.values("pk"), held_on__gte=start, held_on__lte=today
    ).values_list("plan_id", "held_on", "status", "kind"):
        sessions_of[plan_id].append((held_on, session_status, kind))
    members: dict[int, list[int]] = defaultdict(list)
    for plan_id, member in SupervisionPlan.members.through.objects.filter(
        supervisionplan__in=plans_in_window.filter(form=Form.GROUP).values("pk")
    ).values_list("supervisionplan_id", "person_id"):
        members[plan_id].append(member)
    # each plan read once (a group's is shared by its members, its spans computed once)
    domain_plans = {p.pk: domain_plan(p) for p in plans}
    plans_of: dict[int, list[SupervisionPlan]] = defaultdict(list)
    for plan in plans:
        participants: list[int | None] = (
            [plan.person_id] if plan.form == Form.INDIVIDUAL else list(members[plan.pk])
        )
        for person_id in participants:
            if person_id is not None:
                plans_of[person_id].append(plan)
    pauses: dict[int, list[domain.Pause]] = defaultdict(list)
    for pause in SupervisionPause.objects.filter(
        person__in=employed.values("person_id"), ends_on__gte=start
    ):
        pauses[pause.person_id].append(domain.Pause(pause.starts_on, pause.ends_on))
    onboardings = {
        o.employment_id: o
        for o in Onboarding.objects.filter(employment__service=service)
        .filter(employment__in=employed.values("pk"))
        .select_related("mentor")
        .annotate(
            open_tasks=Count("tasks", filter=Q(tasks__done_on__isnull=True)),
            overdue_tasks=Count(
                "tasks", filter=Q(tasks__done_on__isnull=True, tasks__due_on__lt=today)
            ),
        )
    }
    rows: list[PersonRow] = []
    by_supervisor: Counter[str] = Counter()
    for person_id, employment in persons.items():
        own_plans = plans_of.get(person_id, [])
        sessions = [
            domain.Session(
                held_on,
                session_status == Status.HELD,
                kind,
                p.form == Form.GROUP,
                p.supervisor_category,
            )
            for p in own_plans
            for held_on, session_status, kind in sessions_of.get(p.pk, ())
        ]
        result = domain.regularity(
            [domain_plans[p.pk] for p in own_plans],
            sessions,
            start=max(start, employment.start_date),
            end=today,
            pauses=pauses.get(person_id, []),
        )
        # Counted from the same sessions as `held` (not before the employment began).
        by_supervisor.update(dict(result.held_by_supervisor))
        onboarding = onboardings.get(employment.pk)
        rows.append(
            PersonRow(
                person=employment.person,
                employment=employment,
                plans=own_plans,
                regularity=result,
                onboarding=onboarding,
                overdue_tasks=onboarding.overdue_tasks if onboarding else 0,  # type: ignore[attr-defined]
                open_tasks=onboarding.open_tasks if onboarding else 0,  # type: ignore[attr-defined]
            )
        )
    staff = len(rows)
    active = sum(
        1
        for r in rows
        if any(p.starts_on <= today and (p.ends_on is None or p.ends_on >= today) for p in r.plans)
    )
    planned = sum(r.regularity.planned for r in rows)
    held = sum(r.regularity.held for r in rows)
    process = sum(r.regularity.process_held for r in rows)
    group = sum(r.regularity.group_held for r in rows)
    overdue = sum(1 for r in rows if r.regularity.overdue)
    held_by_person = [r.regularity.held for r in rows]
    check_ins = _check_ins(service, today, shown)
    debriefs = list(Debrief.objects.filter(service=service, event_on__gte=start))
    return ServiceSupervision(
        service=service,
        open_view=open_view,
        start=start,
        today=today,
        rows=rows if open_view else [],
        staff=shown(staff, staff) if open_view else _published_staff(service, today),
        with_plan=(
            share_of(active, staff)
            if not open_view
            else unsuppressed(active / staff if staff else None, staff)
        ),
        planned=magnitude(planned, [r.regularity.planned for r in rows]),
        held=magnitude(held, held_by_person),
        held_share=magnitude(held / planned if planned else None, held_by_person),
        process_share=magnitude(process / held if held else None, held_by_person),
        group_share=magnitude(group / held if held else None, held_by_person),
        overdue=shown(overdue, persons_behind(overdue, staff))
        if open_view
        else _count_of(overdue, staff),
        by_supervisor={
            str(label): shown(by_supervisor[key], staff)
            for key, label in SupervisorCategory.choices
        },
        **check_ins,
        debriefs_offered=shown(len(debriefs), len({d.person_id for d in debriefs})),
        debriefs_held=shown(
            sum(1 for d in debriefs if d.held_on), len({d.person_id for d in debriefs})
        ),
    )


def _published_staff(service: Service, today: date) -> Figure:
    """The service's staff as every page outside it shows it (protected with the county's
    and the nation's totals: a service hidden there to protect a small neighbour is hidden
    here too)."""
    published = competence_publication(today)
    return published.figure(published.unit_for([service.pk]), "staff")


def _count_of(count: int, staff: int) -> Figure:
    """Staff counted out of the staff («overdue»): it gives back the rest too, so it is
    hidden when the count or the rest rests on fewer than five (and a none of fewer)."""
    rule = share_of(count, staff)
    return Figure(count, persons_behind(count, staff), rule.suppressed)


def _check_ins(service: Service, today: date, shown) -> dict:
    """Check-ins per closed quarter, as a release: the means of the last quarter that has
    ended (no answer can be added to it, so its means never move), staff's only from 5
    answers and never at an end of the scale (that would say what each answered), for
    everyone (the leader too); the leaders' own view beside it. Of the quarter under way
    only how many have answered, in steps («færre enn 5», «5 eller flere»): a count that
    moves with each answer beside a mean that moves with it gives each answer away."""
    current = quarter(today)
    closed = quarter(today.replace(day=1) - timedelta(days=80))
    answers = list(CheckIn.objects.filter(service=service, period__in={current, closed}))

    def of(period: str, role: str) -> list[tuple[int, int, int]]:
        return [(a.q1, a.q2, a.q3) for a in answers if a.period == period and a.role == role]

    staff_summary = domain.check_in_summary(of(closed, CheckIn.Role.EMPLOYEE))
    leader_summary = domain.check_in_summary(of(closed, CheckIn.Role.LEADER))
    so_far = len(of(current, CheckIn.Role.EMPLOYEE))
    return {
        # never person-level, not even for the leader: the answers are anonymous below 5
        "check_in_staff": [
            (str(q), _mean_figure(mean, staff_summary.n))
            for q, mean in zip(CHECK_IN_QUESTIONS, staff_summary.means, strict=True)
        ],
        "check_in_leaders": [
            (str(q), shown(mean, leader_summary.n))
            for q, mean in zip(CHECK_IN_QUESTIONS, leader_summary.means, strict=True)
        ],
        "check_in_period": closed,
        "check_in_n": domain.answers_step(staff_summary.n, MIN_N),
        "check_in_current": current,
        "check_in_so_far": domain.answers_step(so_far, MIN_N),
    }


def _mean_figure(mean: float | None, n: int) -> Figure:
    """Staff's mean answer: hidden below 5 answers, and at an end of the scale."""
    figure = suppress(mean, n)
    if domain.says_everyone(mean):
        return Figure(mean, n, True)
    return figure


# ---------------------------------------------------------------------------------------------
def onboardings_for_service(service: Service) -> list[Onboarding]:
    return list(
        Onboarding.objects.filter(employment__service=service)
        .select_related("employment__person", "mentor")
        .prefetch_related("tasks")
        .order_by("-employment__start_date")
    )
