"""Five years of synthetic history for the demo services: former employees (about one in five
leaves each year), exit interviews with most of them, monthly sick leave around 10 %, and the
vacancies that replaced them. Drawn from its own random stream, so today's staff (and every
competence figure) are the same with or without it."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from faker import Faker

from laget.organisations.models import Municipality, Service
from laget.people.models import Employment, Person, RoleCategory
from laget.workforce.models import (
    Destination,
    ExitInterview,
    ExitReason,
    ExitReasonRating,
    Hire,
    HireSource,
    ReferenceScope,
    Requirement,
    SickLeaveMonth,
    SickLeaveReference,
    Vacancy,
    WouldReturn,
)

if TYPE_CHECKING:
    from laget.demo.staff import Names

HISTORY_YEARS = 6  # the overview shows five complete years; one more gives the first a base
ANNUAL_TURNOVER = 0.23  # leaving rate; the KS figure (leavers among those there a year before) comes out near 20 %
INTERVIEW_SHARE = 0.75

#: How much each reason tends to weigh for a leaver (0–3), before noise.
REASON_WEIGHT = {
    ExitReason.WORKLOAD: 2.1,
    ExitReason.EMOTIONAL_STRAIN: 1.7,
    ExitReason.PAY: 1.0,
    ExitReason.PAY_COMPARED: 1.5,
    ExitReason.LEADERSHIP: 1.2,
    ExitReason.SUPERVISION: 1.1,
    ExitReason.WORK_ENVIRONMENT: 0.7,
    ExitReason.COMPETENCE: 0.9,
    ExitReason.CAREER_CHANGE: 0.8,
    ExitReason.MOVING: 0.4,
    ExitReason.FAMILY: 0.4,
    ExitReason.RETIREMENT: 0.1,
    ExitReason.OTHER: 0.2,
}
FREE_TEXTS = [
    "For mange saker over lang tid, og lite rom for å gjøre jobben godt.",
    "Savnet fast veiledning det siste året.",
    "Fikk bedre betalt i Bufetat.",
    "Gode kolleger, men arbeidsmengden ble for stor.",
]
END_REASONS = ["Ny jobb", "Ny jobb i annen kommune", "Flytting", "Pensjon", "Annet"]


def _month_starts(first: date, last: date) -> list[date]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def leavers_build(
    service: Service,
    size: int,
    rng: random.Random,
    names: Names,
    today: date,
    *,
    years: int = HISTORY_YEARS,
    turnover: float = ANNUAL_TURNOVER,
) -> list[Employment]:
    """Former employees whose employment ended in each of the last years: unsaved, each with
    its unsaved person, in the order they are saved."""
    employments: list[Employment] = []
    first_year = today.year - years
    for year in range(first_year, today.year + 1):
        year_end = min(date(year, 12, 31), today - timedelta(days=1))
        days_in_year = (year_end - date(year, 1, 1)).days + 1
        expected = size * turnover * days_in_year / 365
        # the expected number, rounded up or down at random: steady from year to year
        count = math.floor(expected) + (rng.random() < expected - math.floor(expected))
        for _ in range(count):
            end = date(year, 1, 1) + timedelta(days=rng.randrange(days_in_year))
            draw = rng.random()
            if draw < 0.15:
                tenure = rng.randint(60, 364)  # early leaver within a year
            elif draw < 0.45:
                tenure = rng.randint(365, 729)
            elif draw < 0.85:
                tenure = rng.randint(730, 365 * 5)
            else:
                tenure = rng.randint(365 * 5, 365 * 12)
            person = Person(
                given_name=names.first_name(),
                family_name=names.last_name(),
                birth_year=rng.randint(year - 64, year - 25),
                is_synthetic=True,
            )
            category = rng.choices(
                [RoleCategory.CORE, RoleCategory.MEASURES, RoleCategory.ADMINISTRATIVE],
                weights=[85, 10, 5],
            )[0]
            employments.append(
                Employment(
                    person=person,
                    service=service,
                    employee_number=f"{service.slug[:3].upper()}T{len(employments) + 1:04d}",
                    position_title="Barnevernskonsulent"
                    if category == RoleCategory.CORE
                    else "Miljøterapeut"
                    if category == RoleCategory.MEASURES
                    else "Konsulent, merkantil",
                    role_category=category,
                    fte_percent=Decimal(rng.choices([100, 80, 60], weights=[85, 10, 5])[0]),
                    start_date=end - timedelta(days=tenure),
                    end_date=end,
                    end_reason=rng.choice(END_REASONS),
                )
            )
    return employments


def _leavers(
    service: Service,
    size: int,
    rng: random.Random,
    fake: Faker,
    today: date,
) -> list[Employment]:
    employments = leavers_build(service, size, rng, fake, today)
    for employment in employments:
        employment.person.save()
        employment.save()
    return employments


def recent_hires_shift(
    employments: list[Employment], rng: random.Random, today: date
) -> list[Employment]:
    """With one in five leaving each year, many of today's staff came in the last few years:
    move about two in five of them (`employments`, in saved order, not the leader) to a start
    date in the last five years. Returns those moved."""
    moved = []
    for employment in employments:
        if rng.random() < 0.4:
            employment.start_date = today - timedelta(days=rng.randint(30, 365 * 5))
            moved.append(employment)
    return moved


def _recent_hires(service: Service, rng: random.Random, today: date) -> None:
    staff = list(service.employments.exclude(role_category=RoleCategory.LEADER).order_by("pk"))
    for employment in recent_hires_shift(staff, rng, today):
        employment.save(update_fields=["start_date"])


def interviews_build(
    leavers: list[Employment], rng: random.Random, today: date
) -> tuple[list[ExitInterview], list[ExitReasonRating]]:
    """Exit interviews with most leavers and their ratings of each reason, unsaved."""
    interviews: list[ExitInterview] = []
    ratings: list[ExitReasonRating] = []
    for employment in leavers:
        assert employment.end_date is not None
        recent = employment.end_date >= today - timedelta(days=60)
        if rng.random() > INTERVIEW_SHARE or (recent and rng.random() < 0.6):
            continue  # no interview (yet): the service's list shows them
        held = max(employment.start_date, employment.end_date - timedelta(days=rng.randint(0, 14)))
        consent = rng.random() < 0.3
        interview = ExitInterview(
            employment=employment,
            held_on=held,
            destination=rng.choices(
                [d for d, _label in Destination.choices], weights=[30, 20, 15, 30, 5]
            )[0],
            would_return=rng.choices(
                [w for w, _label in WouldReturn.choices], weights=[25, 45, 30]
            )[0],
            free_text=rng.choice(FREE_TEXTS) if consent else "",
        )
        interviews.append(interview)
        for reason, weight in REASON_WEIGHT.items():
            importance = round(min(3.0, max(0.0, rng.gauss(weight, 0.9))))
            ratings.append(
                ExitReasonRating(interview=interview, reason=reason, importance=importance)
            )
    return interviews, ratings


def _interviews(leavers: list[Employment], rng: random.Random, today: date) -> None:
    interviews, ratings = interviews_build(leavers, rng, today)
    for interview in interviews:
        interview.save()
    ExitReasonRating.objects.bulk_create(ratings)


def sick_leave_rows(
    service: Service, size: int, rng: random.Random, today: date, *, years: int = HISTORY_YEARS
) -> list[SickLeaveMonth]:
    """Monthly sick leave for the last years, unsaved."""
    level = rng.uniform(0.08, 0.12)  # the service's own level, around 10 %
    slope = rng.uniform(-0.004, 0.006)  # change per year
    first = date(today.year - years, 1, 1)
    last_month = date(today.year, today.month, 1) - timedelta(days=1)
    rows = []
    for month in _month_starts(first, last_month):
        elapsed = (month - first).days / 365.25
        season = 0.015 * math.cos((month.month - 1) / 12 * 2 * math.pi)  # more in winter
        rate = max(0.01, level + slope * elapsed + season + rng.gauss(0, 0.012))
        working_days = 16 if month.month == 7 else 21
        agreed = Decimal(size * working_days * 0.93).quantize(Decimal("0.1"))
        own = Decimal(float(agreed) * min(rate, 0.018) * rng.uniform(0.7, 1.0)).quantize(
            Decimal("0.1")
        )
        doctor = (Decimal(float(agreed) * rate) - own).quantize(Decimal("0.1"))
        doctor = max(doctor, Decimal(0))
        short = (own + doctor * Decimal("0.25")).quantize(Decimal("0.1"))
        rows.append(
            SickLeaveMonth(
                service=service,
                month=month,
                agreed_days=agreed,
                self_certified_days=own,
                doctor_certified_days=doctor,
                short_term_days=short,
                long_term_days=own + doctor - short,
                persons=size,
            )
        )
    return rows


def _sick_leave(service: Service, size: int, rng: random.Random, today: date) -> None:
    SickLeaveMonth.objects.bulk_create(sick_leave_rows(service, size, rng, today))


def vacancies_build(
    service: Service,
    leavers: list[Employment],
    rng: random.Random,
    today: date,
    *,
    small: bool,
) -> list[tuple[Vacancy, Hire | None]]:
    """Most leavers are replaced: a vacancy advertised around when they gave notice, and the
    hire if it was filled; unsaved. `small`: a service of fewer than 15 employments."""
    vacancies: list[tuple[Vacancy, Hire | None]] = []
    for employment in leavers:
        assert employment.end_date is not None
        if rng.random() > 0.8:
            continue
        advertised = employment.end_date - timedelta(days=rng.randint(20, 80))
        if advertised > today:
            continue
        applicants = rng.randint(1, 8) if small else rng.randint(4, 35)
        requirement = rng.choices([r for r, _label in Requirement.choices], weights=[30, 50, 20])[0]
        qualified = round(applicants * rng.uniform(0.2, 0.6))
        days = rng.randint(25, 160) if not small else rng.randint(40, 220)
        done = advertised + timedelta(days=days)
        filled: date | None = done if done <= today else None
        closed: date | None = None
        if filled and (rng.random() < 0.08 or qualified == 0):
            filled, closed = None, done
        vacancy = Vacancy(
            service=service,
            title=employment.position_title,
            role_category=employment.role_category,
            requirement=requirement,
            advertised_on=advertised,
            applicants=applicants,
            qualified_applicants=qualified,
            filled_on=filled,
            closed_on=closed,
        )
        hire = None
        if filled:
            source = rng.choices(
                [s for s, _label in HireSource.choices], weights=[35, 30, 10, 10, 15]
            )[0]
            hire = Hire(
                vacancy=vacancy,
                source=source,
                experience_years=Decimal(
                    0 if source == HireSource.GRADUATE else rng.randint(1, 15)
                ),
                has_master=requirement == Requirement.MASTER_REQUIRED or rng.random() < 0.3,
            )
        vacancies.append((vacancy, hire))
    return vacancies


def _vacancies(
    service: Service, leavers: list[Employment], rng: random.Random, today: date
) -> None:
    small = service.employments.count() < 15
    for vacancy, hire in vacancies_build(service, leavers, rng, today, small=small):
        vacancy.save()
        if hire is not None:
            hire.save()


def references_create(today: date, *, years: int = HISTORY_YEARS) -> None:
    """Made-up reference values, labelled as such (replace with SSB/KS figures in production)."""
    trondheim = Municipality.objects.get(number="5001")
    for year in range(today.year - years, today.year):
        SickLeaveReference.objects.update_or_create(
            scope=ReferenceScope.NATIONAL,
            municipality=None,
            year=year,
            defaults={
                "rate_percent": Decimal("9.4") + Decimal(year % 3) / 5,
                "source": "Demo: oppdiktet referanseverdi",
            },
        )
        SickLeaveReference.objects.update_or_create(
            scope=ReferenceScope.MUNICIPALITY,
            municipality=trondheim,
            year=year,
            defaults={
                "rate_percent": Decimal("9.9") - Decimal(year % 2) / 5,
                "source": "Demo: oppdiktet referanseverdi",
            },
        )


def history_create(services: dict[str, Service], sizes: dict[str, int], *, today: date, seed: int):
    rng = random.Random(seed + 1)  # noqa: S311 - synthetic demo data, not security
    fake = Faker("no_NO")
    fake.seed_instance(seed + 1)
    for slug, size in sizes.items():
        service = services[slug]
        _recent_hires(service, rng, today)
        leavers = _leavers(service, size, rng, fake, today)
        _interviews(leavers, rng, today)
        _sick_leave(service, size, rng, today)
        _vacancies(service, leavers, rng, today)
    references_create(today)


def history_clear(slugs: list[str]) -> None:
    """Sick leave and vacancies of the demo services (exit interviews go with their persons)."""
    SickLeaveMonth.objects.filter(service__slug__in=slugs).delete()
    Vacancy.objects.filter(service__slug__in=slugs).delete()
