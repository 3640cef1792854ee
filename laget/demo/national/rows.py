"""The synthetic staff of one service, with their history, written in batches."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max
from django.utils import timezone
from faker import Faker

from laget.accounts.models import User
from laget.demo.history import (
    interviews_build,
    leavers_build,
    recent_hires_shift,
    sick_leave_rows,
    vacancies_build,
)
from laget.demo.national.structure import (
    ANNUAL_TURNOVER,
    BATCH_SIZE,
    HISTORY_YEARS,
    KEEPING,
    NAME_POOL,
    RVTS,
    ServiceSpec,
)
from laget.demo.staff import StaffMember, staff_build
from laget.demo.supervision import (
    RESPONDENT_PREFIX,
    check_in_scores,
    debrief_build,
    group_plan_build,
    individual_plans_build,
    reflections_build,
    regular_template_build,
)
from laget.organisations.models import Service, ServiceUnit
from laget.people.models import (
    Education,
    Employment,
    FurtherEducation,
    Person,
    PriorExperience,
    RoleCategory,
)
from laget.supervision.models import (
    CheckIn,
    Debrief,
    Onboarding,
    OnboardingItem,
    OnboardingTask,
    SessionReflection,
    SupervisionPlan,
    SupervisionSession,
)
from laget.supervision.services import new_employee_template, onboarding_items
from laget.workforce.models import (
    ExitInterview,
    ExitReasonRating,
    Hire,
    SickLeaveMonth,
    Vacancy,
)


class _Names:
    """Faker's Norwegian names, drawn once per run; each service draws from them by index
    with its own generator (Faker for every person is slow)."""

    def __init__(self, first: list[str], last: list[str], rng: random.Random) -> None:
        self.first, self.last, self.rng = first, last, rng

    def first_name(self) -> str:
        return self.first[self.rng.randrange(len(self.first))]

    def last_name(self) -> str:
        return self.last[self.rng.randrange(len(self.last))]


def name_pool(seed: int) -> tuple[list[str], list[str]]:
    fake = Faker("no_NO")
    fake.seed_instance(seed + 3)
    return (
        [fake.first_name() for _ in range(NAME_POOL)],
        [fake.last_name() for _ in range(NAME_POOL)],
    )


@dataclass
class Rows:
    """Rows generated and not yet written, in the order they are written."""

    persons: list[Person] = field(default_factory=list)
    employments: list[Employment] = field(default_factory=list)
    education: list[Education] = field(default_factory=list)
    further: list[FurtherEducation] = field(default_factory=list)
    prior: list[PriorExperience] = field(default_factory=list)
    interviews: list[ExitInterview] = field(default_factory=list)
    ratings: list[ExitReasonRating] = field(default_factory=list)
    vacancies: list[Vacancy] = field(default_factory=list)
    hires: list[Hire] = field(default_factory=list)
    sick_leave: list[SickLeaveMonth] = field(default_factory=list)
    plans: list[SupervisionPlan] = field(default_factory=list)
    members: list[tuple[SupervisionPlan, Person]] = field(default_factory=list)
    sessions: list[SupervisionSession] = field(default_factory=list)
    reflections: list[SessionReflection] = field(default_factory=list)
    respondents: list[User] = field(default_factory=list)
    check_ins: list[CheckIn] = field(default_factory=list)
    debriefs: list[Debrief] = field(default_factory=list)
    onboardings: list[Onboarding] = field(default_factory=list)
    tasks: list[OnboardingTask] = field(default_factory=list)

    def staff_add(self, members: list[StaffMember]) -> None:
        for member in members:
            self.persons.append(member.person)
            self.employments.append(member.employment)
            for row in member.education:
                if isinstance(row, Education):
                    self.education.append(row)
                elif isinstance(row, FurtherEducation):
                    self.further.append(row)
                else:
                    self.prior.append(row)

    def write(self, writer: Writer) -> None:
        """Parents before children: the writer gives each row its key, and the children take
        it from the parent they hold."""
        through = SupervisionPlan.members.through
        ordered: list[list] = [
            self.persons,
            self.employments,
            self.education,
            self.further,
            self.prior,
            self.interviews,
            self.ratings,
            self.vacancies,
            self.hires,
            self.sick_leave,
            self.plans,
            [through(supervisionplan=plan, person=person) for plan, person in self.members],
            self.sessions,
            self.reflections,
            self.respondents,
            self.check_ins,
            self.debriefs,
            self.onboardings,
            self.tasks,
        ]
        for rows in ordered:
            writer.insert(rows)
        for name in self.__dataclass_fields__:
            getattr(self, name).clear()


class Writer:
    """Writes new model instances in large batches straight through the cursor: COPY on
    PostgreSQL, executemany elsewhere (bulk_create spends most of its time on each field of
    each row, and SQLite's batches of it are a hundred rows). No model signals.

    Keys are given here, counting on from each table's largest, so a row can refer to a
    parent written before it; `finish` moves PostgreSQL's sequences past them. Only for a
    loader that alone writes these tables while it runs (the demo, in one transaction)."""

    def __init__(self) -> None:
        self.next_key: dict[type[models.Model], int] = {}
        self.now = timezone.now()
        self.columns: dict[type[models.Model], tuple[list[str], list]] = {}

    def _value(self, field: models.Field):
        ops = connection.ops
        attname = field.attname
        if field.is_relation:

            def related(obj):
                value = obj.__dict__.get(attname)
                if value is None and field.is_cached(obj):
                    parent = field.get_cached_value(obj)
                    if parent is not None:
                        value = obj.__dict__[attname] = parent.pk
                return value

            return related
        if isinstance(field, models.DateTimeField):
            if field.auto_now or field.auto_now_add:  # type: ignore[attr-defined]
                now = ops.adapt_datetimefield_value(self.now)

                def stamped(obj):
                    obj.__dict__[attname] = self.now
                    return now

                return stamped
            return lambda obj: ops.adapt_datetimefield_value(obj.__dict__[attname])
        if isinstance(field, models.DateField):
            return lambda obj: ops.adapt_datefield_value(obj.__dict__[attname])
        if isinstance(field, models.JSONField):
            encoder = field.encoder

            def dumped(obj):
                value = obj.__dict__[attname]
                return None if value is None else json.dumps(value, cls=encoder)

            return dumped
        return lambda obj: obj.__dict__[attname]

    def insert(self, objs: list) -> None:
        if not objs:
            return
        model = type(objs[0])
        if model not in self.columns:
            fields = model._meta.concrete_fields
            self.columns[model] = ([f.column for f in fields], [self._value(f) for f in fields])
            largest = model._default_manager.aggregate(largest=Max("pk"))["largest"]
            self.next_key[model] = (largest or 0) + 1
        columns, values = self.columns[model]
        key = self.next_key[model]
        alias = connection.alias
        for obj in objs:
            if obj.pk is None:
                obj.pk = key
                key += 1
            obj._state.adding, obj._state.db = False, alias
        self.next_key[model] = key
        rows = [tuple(value(obj) for value in values) for obj in objs]
        quote = connection.ops.quote_name
        table = quote(model._meta.db_table)
        names = ", ".join(quote(column) for column in columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 - names from models
                for start in range(0, len(rows), BATCH_SIZE):
                    cursor.executemany(sql, rows[start : start + BATCH_SIZE])

    def finish(self) -> None:
        """PostgreSQL's sequences past the keys given here (SQLite moves its own)."""
        if connection.vendor == "postgresql" and self.next_key:
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), list(self.next_key)):
                    cursor.execute(sql)


@dataclass
class Context:
    today: date
    seed: int
    names: tuple[list[str], list[str]]
    unusable_password: str
    period: str


def service_generate(
    spec: ServiceSpec, service: Service, units: list[ServiceUnit], size: int, ctx: Context
) -> tuple[Rows, list[StaffMember]]:
    """One synthetic service: the regional demo's generators, each with a stream of its own
    for this service and seed."""
    today = ctx.today

    def stream(part: str) -> random.Random:
        return random.Random(f"{ctx.seed}:{spec.slug}:{part}")  # noqa: S311 - demo data

    rows = Rows()
    names = _Names(*ctx.names, stream("names"))
    rng = stream("staff")
    staff = staff_build(service, size, rng, names, today, units)
    for n, member in enumerate(staff, start=1):
        member.person.email = f"demo.{spec.slug}.{n}@laget.invalid"
    rows.staff_add(staff)
    current = [member.employment for member in staff]
    not_leaders = [e for e in current if e.role_category != RoleCategory.LEADER]

    rng = stream("history")
    recent_hires_shift(not_leaders, rng, today)
    leavers = leavers_build(
        service, size, rng, names, today, years=HISTORY_YEARS, turnover=ANNUAL_TURNOVER
    )
    rows.persons += [e.person for e in leavers]
    rows.employments += leavers
    rows.interviews, rows.ratings = interviews_build(leavers, rng, today)
    rows.sick_leave = sick_leave_rows(service, size, rng, today, years=HISTORY_YEARS)
    small = len(current) + len(leavers) < 15
    for vacancy, hire in vacancies_build(service, leavers, rng, today, small=small):
        rows.vacancies.append(vacancy)
        if hire is not None:
            rows.hires.append(hire)

    rng = stream("supervision")
    keeping = rng.choice(KEEPING)
    templates = (regular_template_build(service), new_employee_template(service))
    templates[0].save()
    rows.plans, rows.sessions = individual_plans_build(
        service, not_leaders, keeping, templates, rng, today
    )
    group = group_plan_build(service, not_leaders, keeping, rng, today, external=RVTS[spec.county])
    if group is not None:
        plan, members, sessions = group
        rows.plans.append(plan)
        rows.members += [(plan, person) for person in members]
        rows.sessions += sessions
    rows.reflections = reflections_build(rows.sessions, rng, today)
    for n in range(len(current) // 2):
        user = User(
            username=f"{RESPONDENT_PREFIX}{spec.slug}-{n}",
            password=ctx.unusable_password,
            is_active=False,
        )
        q1, q2, q3 = check_in_scores(keeping, rng)
        rows.respondents.append(user)
        rows.check_ins.append(
            CheckIn(
                service=service,
                role="employee",
                user=user,
                period=ctx.period,
                q1=q1,
                q2=q2,
                q3=q3,
            )
        )
    if len(current) >= 20:
        rows.debriefs.append(
            debrief_build(service, current[:10], rng, today, held=rng.random() < 0.8)
        )
    recent = [e for e in current if e.start_date > today - timedelta(days=182)]
    if recent:
        items = onboarding_items(service)
        for employment in recent:
            onboarding = Onboarding(employment=employment)
            rows.onboardings.append(onboarding)
            rows.tasks += _onboarding_tasks(onboarding, employment, items, today)
    return rows, staff


def _onboarding_tasks(
    onboarding: Onboarding,
    employment: Employment,
    items: list[OnboardingItem],
    today: date,
    done_share: float = 0.5,
) -> list[OnboardingTask]:
    """As `supervision.services.onboarding_start` and `demo.supervision.onboarding_create`
    make them: a task per item of the programme, the first half of those due ticked off (but
    «Fadder er utpekt», done only by choosing a mentor, which the nation's onboardings have
    not)."""
    tasks = [
        OnboardingTask(
            onboarding=onboarding,
            title=item.title,
            due_on=employment.start_date + timedelta(days=item.due_days),
            responsible=item.responsible,
        )
        for item in items
    ]
    due = [task for task in tasks if task.due_on < today]
    for task in due[: int(len(due) * done_share)]:
        if onboarding.mentor_id is not None or not task.follows_mentor:
            task.done_on = task.due_on
    return tasks
