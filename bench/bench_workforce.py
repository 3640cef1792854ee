"""The workforce overview for the nation: 72,000 staff with ten years of employment history
(about 215,000 employment periods in 250 services). Target (issue 5): under 1 s.

Prints two figures: the metrics alone (turnover and churn for five years, early leavers, the
staff snapshot, by role category) from the register's rows, and the whole national page's
computation from the database (query, metrics and per-service rows), on a throwaway database
(SQLite unless BENCH_DATABASE_URL points elsewhere). Run with `make bench`.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

STAFF = 72_000
SERVICES = 250
YEARS = 10
TURNOVER = 0.20
TODAY = date(2026, 11, 23)
ROLES = ["core"] * 8 + ["leader", "deputy_leader", "measures", "administrative"]


def synthetic_rows(seed: int = 2031) -> list[tuple]:
    """(person_id, service_id, role, fte, start, end, birth_year): today's staff, and those who
    left over ten years at 20 % a year."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    rows: list[tuple] = []
    person = 0
    first = date(TODAY.year - YEARS, 1, 1)
    span = (TODAY - first).days
    for index in range(STAFF):
        person += 1
        service = index % SERVICES + 1
        start = TODAY - timedelta(days=int(rng.expovariate(1 / (365 * 5))) + 1)
        rows.append((person, service, rng.choice(ROLES), 100.0, start, None, 1960 + index % 40))
    for _ in range(int(STAFF * TURNOVER * YEARS)):
        person += 1
        end = first + timedelta(days=rng.randrange(span))
        start = end - timedelta(days=int(rng.expovariate(1 / (365 * 3))) + 30)
        rows.append(
            (person, rng.randrange(SERVICES) + 1, rng.choice(ROLES), 80.0, start, end, 1970)
        )
    return rows


def _metrics(rows: list[tuple]) -> float:
    from laget.domain import workforce as metrics
    from laget.domain.register import Register

    start = time.perf_counter()
    register = Register.from_rows(rows)
    years = range(TODAY.year - 5, TODAY.year)
    metrics.turnover_ks_years(register, years)
    for year in years:
        first, last = metrics.calendar_year(year)
        metrics.churn_between(register, first, last)
        metrics.early_leavers_between(register, first, last, TODAY)
    metrics.snapshot(register, TODAY)
    grouping = register.by_group_and_role
    metrics.turnover_ks_years(register, [TODAY.year - 1], grouping)
    metrics.churn_between(register, *metrics.calendar_year(TODAY.year - 1), grouping)
    metrics.snapshot(register, TODAY, grouping)
    return time.perf_counter() - start


def _database(rows: list[tuple]) -> tuple[float, float, int]:
    from bench.bench_import import bench_database

    with bench_database("laget-bench-workforce-"):
        return _database_figures(rows)


def _database_figures(rows: list[tuple]) -> tuple[float, float, int]:
    from django.db import connection

    from laget.accounts.models import User
    from laget.organisations.models import Municipality, Service
    from laget.people.models import Employment, Person
    from laget.workforce.selectors import workforce_overview

    Employment.objects.filter(service__slug__startswith="bench-").delete()
    Service.objects.filter(slug__startswith="bench-").delete()
    municipalities = list(Municipality.objects.order_by("number")[:SERVICES])
    services = Service.objects.bulk_create(
        Service(name=f"Bench {i}", slug=f"bench-{i}", host_municipality=municipalities[i])
        for i in range(SERVICES)
    )
    ids = [s.pk for s in services]
    started = time.perf_counter()
    persons = Person.objects.bulk_create(
        (Person(given_name="B", family_name=str(r[0]), birth_year=r[6]) for r in rows),
        batch_size=5000,
    )
    Employment.objects.bulk_create(
        (
            Employment(
                person=p,
                service_id=ids[r[1] - 1],
                position_title="Konsulent",
                role_category=r[2],
                fte_percent=r[3],
                start_date=r[4],
                end_date=r[5],
            )
            for p, r in zip(persons, rows, strict=True)
        ),
        batch_size=5000,
    )
    load = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as the database's own maintenance would after a load
    admin, _created = User.objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True}
    )
    times = []
    for _ in range(3):
        started = time.perf_counter()
        overview = workforce_overview(user=admin, services=services, today=TODAY, per_service=True)
        times.append(time.perf_counter() - started)
    assert overview.headcount.value == STAFF
    return load, min(times), len(rows)


def main() -> None:
    rows = synthetic_rows()
    metric_times = [_metrics(rows) for _ in range(5)]
    print(
        f"employment periods: {len(rows):,} ({STAFF:,} staff today, {YEARS} years of leavers) "
        f"in {SERVICES} services"
    )
    print(
        f"metrics for the national overview (best of 5): {min(metric_times) * 1000:.0f} ms  "
        f"(target < 1 s)"
    )
    load, page, count = _database(rows)
    print(f"loading {count:,} employments into the bench database: {load:.1f} s (not timed)")
    print(
        f"national workforce page from the database (query + metrics + per-service rows), "
        f"best of 3: {page:.2f} s  (target < 1 s)"
    )


if __name__ == "__main__":
    main()
