"""The whole country as synthetic demo data: `laget demo --national [--scale N]`.

Trøndelag is the regional demo as it is (`demo_create`: the same services, staff, history
and demo logins). Every other municipality is served by a synthetic service: the larger
towns alone, Oslo as one service with its fifteen districts (bydeler) as units, and most of
the rest in inter-municipal services (a host and one to five neighbours in the same county,
by number). Which services serve which municipalities is the same for every seed.

Staff per service are a heavy-tailed (lognormal) draw, scaled so the nation has about
`NATIONAL_STAFF` today at scale 1; scale N multiplies every synthetic service's staff by N
(at most `MAX_SERVICE_STAFF` in one; Trøndelag stays as the regional demo has it). Each service gets the regional demo's generators with
its own random streams: today's staff with their education, ten years of leavers with exit
interviews and vacancies, monthly sick leave, a year of supervision, check-ins and the
onboarding of recent hires. The rows go straight to the database in large batches (COPY on
PostgreSQL; no model signals), and the register revision is bumped once at the end.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import cast

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.db.models.deletion import get_candidate_relations_to_delete
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from laget.accounts.models import Role, RoleAssignment, User
from laget.core.models import RegisterRevision
from laget.demo.history import (
    interviews_build,
    leavers_build,
    recent_hires_shift,
    references_create,
    sick_leave_rows,
    vacancies_build,
)
from laget.demo.services import (
    SEED,
    SERVICE_SIZES,
    DemoLogin,
    StaffMember,
    demo_create,
    demo_password_hash,
    staff_build,
)
from laget.demo.supervision import (
    RESPONDENT_PREFIX,
    check_in_scores,
    debrief_build,
    group_plan_build,
    individual_plans_build,
    reflections_build,
    regular_template_build,
)
from laget.organisations.models import GovernorOffice, Municipality, Service, ServiceUnit
from laget.organisations.services import DATA_DIR
from laget.people.models import (
    Education,
    Employment,
    FurtherEducation,
    Person,
    PriorExperience,
    RoleCategory,
)
from laget.publication.models import StoredPublication
from laget.reports.models import StatusReport
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
from laget.supervision.selectors import quarter
from laget.supervision.services import new_employee_template, onboarding_items
from laget.workforce.models import (
    ExitInterview,
    ExitReasonRating,
    Hire,
    SickLeaveMonth,
    Vacancy,
)

#: Current staff in the nation at scale 1 (Trøndelag's regional demo included).
NATIONAL_STAFF = 7_200
MAX_SCALE = 20
MIN_SERVICE_STAFF = 3
MAX_SERVICE_STAFF = 5_000
HISTORY_YEARS = 10
ANNUAL_TURNOVER = 0.2  # about two leavers per post in ten years: three periods per post
BATCH_SIZE = 2_000
#: Rows are written when the services generated so far hold this many persons.
FLUSH_PERSONS = 10_000

STRUCTURE_SEED = "laget-national-structure"
#: The chance that a municipality (not one of the larger towns) runs a service of its own.
ALONE_SHARE = 0.6
#: (members, weight): the sizes of the inter-municipal services.
GROUP_SIZES = ((2, 70), (3, 18), (4, 7), (5, 3), (6, 2))
#: Municipalities that run a service alone and get the largest staff, largest first (a
#: rough order, not population figures). Names as in kommuner.csv before any " - ".
LARGE_TOWNS = (
    "Oslo",
    "Bergen",
    "Stavanger",
    "Bærum",
    "Kristiansand",
    "Drammen",
    "Asker",
    "Lillestrøm",
    "Fredrikstad",
    "Sandnes",
    "Tromsø",
    "Sarpsborg",
    "Skien",
    "Ålesund",
    "Bodø",
    "Larvik",
    "Tønsberg",
    "Sandefjord",
    "Nordre Follo",
    "Arendal",
    "Karmøy",
    "Ullensaker",
    "Indre Østfold",
    "Haugesund",
    "Porsgrunn",
    "Lørenskog",
    "Moss",
    "Ringsaker",
    "Øygarden",
    "Askøy",
    "Hamar",
    "Halden",
    "Lillehammer",
    "Molde",
    "Gjøvik",
    "Kongsberg",
    "Ringerike",
    "Kristiansund",
    "Sola",
    "Lier",
    "Horten",
    "Harstad",
    "Rana",
    "Alta",
    "Elverum",
)
OSLO = "0301"
OSLO_DISTRICTS = (
    "Bydel Alna",
    "Bydel Bjerke",
    "Bydel Frogner",
    "Bydel Gamle Oslo",
    "Bydel Grorud",
    "Bydel Grünerløkka",
    "Bydel Nordre Aker",
    "Bydel Nordstrand",
    "Bydel Sagene",
    "Bydel St. Hanshaugen",
    "Bydel Stovner",
    "Bydel Søndre Nordstrand",
    "Bydel Ullern",
    "Bydel Vestre Aker",
    "Bydel Østensjø",
)
#: Units of the services with at least this many staff at scale 1.
SECTION_UNITS = ("Mottak og undersøkelse", "Omsorg", "Tiltak")
SECTION_UNITS_FROM = 40
#: The regional resource centre (RVTS) that supervises process groups, by county number.
RVTS = {
    **dict.fromkeys(("03", "31", "32", "33", "34"), "RVTS Øst"),
    **dict.fromkeys(("39", "40", "42"), "RVTS Sør"),
    **dict.fromkeys(("11", "46"), "RVTS Vest"),
    **dict.fromkeys(("15", "50"), "RVTS Midt"),
    **dict.fromkeys(("18", "55", "56"), "RVTS Nord"),
}
#: Share of planned supervision held, drawn per service: some keep it, some do not.
KEEPING = (0.3, 0.35, 0.4, 0.6, 0.6, 0.6, 0.8, 0.85, 0.9)
#: Services with a leader login besides Trøndelag's.
LEADER_LOGINS = {"oslo": "leder.oslo", "bergen": "leder.bergen"}
NAME_POOL = 3_000


@dataclass(frozen=True)
class ServiceSpec:
    slug: str
    name: str
    county: str
    host: str
    members: tuple[str, ...]
    weight: float
    units: tuple[str, ...] = ()


@dataclass(frozen=True)
class NationalSummary:
    services: int
    municipalities: int
    current_staff: int
    employment_periods: int
    seconds: float
    logins: list[DemoLogin]

    def line(self, scale: int) -> str:
        def n(value: int) -> str:
            return f"{value:,}".replace(",", " ")

        return (
            f"Nasjonal demo, skala {scale}: {n(self.services)} tjenester, "
            f"{n(self.municipalities)} kommuner, {n(self.current_staff)} nåværende ansatte, "
            f"{n(self.employment_periods)} ansettelsesforhold, {self.seconds:.0f} s"
        )


def _slug(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})
    return slugify(text.translate(table))


def _short(name: str) -> str:
    """«Rana - Raane» → «Rana»: the first of a municipality's official names."""
    return name.split(" - ")[0]


def _trondelag_numbers() -> set[str]:
    spec = json.loads((DATA_DIR / "trondelag.json").read_text(encoding="utf-8"))
    return {number for item in spec["services"] for number in item["members"]}


def national_structure() -> list[ServiceSpec]:
    """Every municipality outside the regional demo, grouped into services (the same for
    every seed): the larger towns alone, the rest alone or with neighbours in their county."""
    rng = random.Random(STRUCTURE_SEED)  # noqa: S311 - synthetic demo data, not security
    regional = _trondelag_numbers()
    rows = [
        (number, _short(name), county)
        for number, name, county in Municipality.objects.order_by("number").values_list(
            "number", "name", "county__number"
        )
    ]
    # heavy-tailed, but no village outgrows the towns
    weights = {number: min(5.0, rng.lognormvariate(0, 0.9)) for number, _name, _county in rows}
    names = {number: name for number, name, _county in rows}
    rank = {name: i for i, name in enumerate(LARGE_TOWNS)}
    specs: list[ServiceSpec] = []
    others: dict[str, list[str]] = {}
    for number, name, county in rows:
        if number in regional:
            continue
        if name in rank:
            i = rank[name]
            specs.append(
                ServiceSpec(
                    slug=_slug(name),
                    name=f"{name} barneverntjeneste",
                    county=county,
                    host=number,
                    members=(number,),
                    weight=(2 + 60 / (i + 1) ** 1.1) * weights[number] ** 0.25,
                    units=OSLO_DISTRICTS if number == OSLO else (),
                )
            )
        else:
            others.setdefault(county, []).append(number)
    missing = set(LARGE_TOWNS) - {names[s.host] for s in specs}
    assert not missing, f"not in kommuner.csv: {missing}"
    sizes, size_weights = zip(*GROUP_SIZES, strict=True)
    for county, numbers in others.items():
        i = 0
        while i < len(numbers):
            left = len(numbers) - i
            count = (
                1
                if left == 1 or rng.random() < ALONE_SHARE
                else rng.choices(sizes, size_weights)[0]
            )
            members = numbers[i : i + min(count, left)]
            i += len(members)
            host = max(members, key=lambda number: weights[number])
            ordered = [host, *(number for number in members if number != host)]
            labels = [names[number] for number in ordered]
            if len(ordered) == 1:
                slug, name = _slug(labels[0]), f"{labels[0]} barneverntjeneste"
            elif len(ordered) <= 3:
                slug = "-".join(_slug(label) for label in labels)
                name = f"{', '.join(labels[:-1])} og {labels[-1]} barneverntjeneste"
            else:
                slug = f"{_slug(labels[0])}-og-omegn"
                name = f"{labels[0]} og omegn barneverntjeneste"
            specs.append(
                ServiceSpec(
                    slug=slug[:80],
                    name=name,
                    county=county,
                    host=host,
                    members=tuple(ordered),
                    weight=sum(weights[number] for number in members),
                )
            )
    slugs = [spec.slug for spec in specs] + list(SERVICE_SIZES)
    assert len(set(slugs)) == len(slugs), "national service slugs must be unique"
    return specs


def _base_sizes(structure: list[ServiceSpec]) -> dict[str, int]:
    """Staff at scale 1: weights × one factor, at least three, the factor found so that the
    nation (with Trøndelag's regional demo) has about NATIONAL_STAFF."""
    target = NATIONAL_STAFF - sum(SERVICE_SIZES.values())

    def sizes(k: float) -> dict[str, int]:
        return {s.slug: max(MIN_SERVICE_STAFF, round(k * s.weight)) for s in structure}

    low, high = 0.0, float(target)
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if sum(sizes(middle).values()) < target else (low, middle)
    return sizes(high)


def national_sizes(
    structure: list[ServiceSpec], *, scale: int = 1, fraction: float = 1.0
) -> dict[str, int]:
    """Staff per synthetic service at `scale` (`fraction` < 1 shrinks them, for tests)."""
    return {
        slug: min(MAX_SERVICE_STAFF, max(MIN_SERVICE_STAFF, round(size * scale * fraction)))
        for slug, size in _base_sizes(structure).items()
    }


class _Names:
    """Faker's Norwegian names, drawn once per run; each service draws from them by index
    with its own generator (Faker for every person is slow)."""

    def __init__(self, first: list[str], last: list[str], rng: random.Random) -> None:
        self.first, self.last, self.rng = first, last, rng

    def first_name(self) -> str:
        return self.first[self.rng.randrange(len(self.first))]

    def last_name(self) -> str:
        return self.last[self.rng.randrange(len(self.last))]


def _name_pool(seed: int) -> tuple[list[str], list[str]]:
    fake = Faker("no_NO")
    fake.seed_instance(seed + 3)
    return (
        [fake.first_name() for _ in range(NAME_POOL)],
        [fake.last_name() for _ in range(NAME_POOL)],
    )


@dataclass
class _Rows:
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

    def write(self, writer: _Writer) -> None:
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


class _Writer:
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
class _Context:
    today: date
    seed: int
    names: tuple[list[str], list[str]]
    unusable_password: str
    period: str


def _service_generate(
    spec: ServiceSpec, service: Service, units: list[ServiceUnit], size: int, ctx: _Context
) -> tuple[_Rows, list[StaffMember]]:
    """One synthetic service: the regional demo's generators, each with a stream of its own
    for this service and seed."""
    today = ctx.today

    def stream(part: str) -> random.Random:
        return random.Random(f"{ctx.seed}:{spec.slug}:{part}")  # noqa: S311 - demo data

    rows = _Rows()
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
    make them: a task per item of the programme, the first half of those due ticked off."""
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
        task.done_on = task.due_on
    return tasks


def _services_create(
    writer: _Writer, structure: list[ServiceSpec], base: dict[str, int]
) -> tuple[dict[str, Service], dict[str, list[ServiceUnit]]]:
    municipalities = {m.number: m for m in Municipality.objects.all()}
    services = {
        s.slug: Service(slug=s.slug, name=s.name, host_municipality=municipalities[s.host])
        for s in structure
    }
    writer.insert(list(services.values()))
    through = Service.municipalities.through
    writer.insert(
        [
            through(service=services[s.slug], municipality=municipalities[number])
            for s in structure
            for number in s.members
        ]
    )
    units: dict[str, list[ServiceUnit]] = {
        s.slug: [
            ServiceUnit(service=services[s.slug], name=name)
            for name in sorted(
                s.units or (SECTION_UNITS if base[s.slug] >= SECTION_UNITS_FROM else ())
            )
        ]
        for s in structure
    }
    writer.insert([unit for service_units in units.values() for unit in service_units])
    return services, units


def _office_slug(office: GovernorOffice) -> str:
    return _slug(office.name.removeprefix("Statsforvalteren i "))


def _national_usernames() -> list[str]:
    offices = [
        f"statsforvalter.{_office_slug(office)}"
        for office in GovernorOffice.objects.exclude(counties__number="50")
    ]
    return [*offices, *LEADER_LOGINS.values()]


def _user(username: str, first: str, last: str) -> User:
    return User.objects.create(
        username=username, password=demo_password_hash(), first_name=first, last_name=last
    )


def _logins_create(services: dict[str, Service], leaders: dict[str, Person]) -> list[DemoLogin]:
    logins = []
    for office in GovernorOffice.objects.exclude(counties__number="50").order_by("name"):
        username = f"statsforvalter.{_office_slug(office)}"
        user = _user(username, "Statsforvalteren", office.name.removeprefix("Statsforvalteren "))
        RoleAssignment.objects.create(user=user, role=Role.COUNTY, governor_office=office)
        logins.append(DemoLogin(username, office.name))
    for slug, username in LEADER_LOGINS.items():
        person = leaders[slug]
        user = _user(username, person.given_name, person.family_name)
        RoleAssignment.objects.create(user=user, role=Role.LEADER, service=services[slug])
        Person.objects.filter(pk=person.pk).update(user=user)
        logins.append(DemoLogin(username, f"Leder, {services[slug].name}"))
    return logins


@contextmanager
def _revision_signals_off() -> Iterator[None]:
    """Without the register-revision receivers (laget/people/revision.py, by their
    dispatch_uid): the regional demo saves row by row, and a revision per row is slow."""
    from laget.people import revision

    for model in apps.get_models(include_auto_created=True):
        post_save.disconnect(sender=model, dispatch_uid=f"revision-save-{model.__name__}")
        post_delete.disconnect(sender=model, dispatch_uid=f"revision-delete-{model.__name__}")
        m2m_changed.disconnect(sender=model, dispatch_uid=f"revision-m2m-{model}")
    try:
        yield
    finally:
        revision.connect()


def _delete(rows: models.QuerySet, depth: int = 0) -> None:
    """`rows.delete()` without reading them or sending signals: what refers to them is
    deleted first (CASCADE, by subquery), set to null (SET_NULL) or stops it (anything
    else that finds rows), as `on_delete` says. Django's delete reads every row of a model
    that has relations of its own, which for the nation takes minutes."""
    assert depth < 10, "a cycle of CASCADE relations"
    for relation in get_candidate_relations_to_delete(rows.model._meta):
        field = cast(models.ForeignObjectRel, relation).field
        model = field.model
        referring = model._base_manager.filter(**{f"{field.name}__in": rows})
        on_delete = field.remote_field.on_delete
        if on_delete is models.CASCADE:
            _delete(referring, depth + 1)
        elif on_delete is models.SET_NULL:
            referring.update(**{field.name: None})
        elif on_delete is not models.DO_NOTHING and referring.exists():
            raise models.ProtectedError(f"{model.__name__} refers to {rows.model.__name__}", set())
    rows._raw_delete(rows.db)


def national_exists() -> bool:
    return Service.objects.filter(slug__in=[s.slug for s in national_structure()]).exists()


@transaction.atomic
def national_clear() -> None:
    """Every synthetic person, the national services and their data, the national logins
    and the check-in respondents (Trøndelag's services stay for `demo_create` to replace).
    Also the stored publications: built from the register being replaced, they would be
    shown (and the regional demo's status report written from them) for minutes after."""
    slugs = [s.slug for s in national_structure()]
    StoredPublication.objects.all().delete()
    _delete(Person.objects.filter(is_synthetic=True))
    _delete(StatusReport.objects.filter(service__slug__in=slugs))
    _delete(Service.objects.filter(slug__in=slugs))
    _delete(
        User.objects.filter(
            models.Q(username__in=_national_usernames())
            | models.Q(username__startswith=RESPONDENT_PREFIX)
        )
    )
    RegisterRevision.bump()


def national_create(
    *, today: date, seed: int = SEED, scale: int = 1, fraction: float = 1.0
) -> NationalSummary:
    """Replace any earlier demo data with the nation at `scale` (same seed, same result), in
    one transaction. `fraction` < 1 shrinks the synthetic services, for tests."""
    if not 1 <= scale <= MAX_SCALE:
        raise ValueError(f"scale must be from 1 to {MAX_SCALE}")
    started = time.perf_counter()
    with transaction.atomic():
        logins = _national_write(today=today, seed=seed, scale=scale, fraction=fraction)
        current = Employment.objects.active_on(today)
        summary = NationalSummary(
            services=Service.objects.count(),
            municipalities=Municipality.objects.filter(services__isnull=False).distinct().count(),
            current_staff=current.count(),
            employment_periods=Employment.objects.count(),
            seconds=0,
            logins=logins,
        )
    return replace(summary, seconds=time.perf_counter() - started)  # the commit included


def _national_write(*, today: date, seed: int, scale: int, fraction: float) -> list[DemoLogin]:
    national_clear()  # a new register revision: nothing cached from before is read
    with _revision_signals_off():  # the regional demo saves row by row: one revision each
        logins = list(demo_create(today=today, seed=seed))
    structure = national_structure()
    base = _base_sizes(structure)
    sizes = national_sizes(structure, scale=scale, fraction=fraction)
    writer = _Writer()
    services, units = _services_create(writer, structure, base)
    ctx = _Context(
        today=today,
        seed=seed,
        names=_name_pool(seed),
        unusable_password=make_password(None),
        period=quarter(today.replace(day=1) - timedelta(days=80)),  # the last closed quarter
    )
    pending = _Rows()
    leaders: dict[str, Person] = {}
    for spec in structure:
        rows, staff = _service_generate(
            spec, services[spec.slug], units[spec.slug], sizes[spec.slug], ctx
        )
        if spec.slug in LEADER_LOGINS:
            leaders[spec.slug] = staff[0].person
        for name in rows.__dataclass_fields__:
            getattr(pending, name).extend(getattr(rows, name))
        if len(pending.persons) >= FLUSH_PERSONS:
            pending.write(writer)
    pending.write(writer)
    writer.finish()
    references_create(today, years=HISTORY_YEARS)
    logins += _logins_create(services, leaders)
    RegisterRevision.bump()
    return logins
