"""The vectorised competence engine over 72,000 synthetic staff (ten times the national
workforce), against a plain numpy floor doing the same arithmetic on the same arrays; then the
engine with its input read from the database, against a floor that reads the same rows.

Targets: the engine under 200 ms and within 2x the floor (issue 3); the engine including its
input from the database within 2x a floor that reads the same rows from the database into
numpy arrays and makes one vectorised comparison (issue 14, item 3). The database is a
throwaway SQLite file (or BENCH_DATABASE_URL). BENCH_COMPETENCE_FORMER=1 also times the input
built the former way (persons as objects, profiles, a loop per person) once: over a minute.
Run with `make bench` (or `python -m bench.bench_competence`).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from laget.domain.competence import (
    Education,
    EducationLevel,
    EmploymentPeriod,
    FurtherEducation,
    FurtherEducationStatus,
    PersonProfile,
    Status,
    rule_set_from_dict,
)
from laget.domain.competence.columns import PopulationColumns, population_facts_from_columns
from laget.domain.competence.population import (
    PopulationFacts,
    evaluate_population,
    population_facts,
)
from laget.domain.competence.rules import NEVER, RuleSet

STAFF = 72_000
TODAY = date(2026, 11, 23)
RULES_FILE = (
    Path(__file__).resolve().parent.parent
    / "laget"
    / "competence"
    / "rulesets"
    / "kompetansekrav-2031-v1.json"
)


def synthetic_profiles(n: int, seed: int = 2031) -> list[PersonProfile]:
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    profiles = []
    for _ in range(n):
        level = rng.choices(
            [EducationLevel.UPPER_SECONDARY, EducationLevel.BACHELOR, EducationLevel.MASTER],
            [3, 75, 22],
        )[0]
        done = rng.random() < 0.9
        day = date(2000, 1, 1) + timedelta(days=rng.randint(0, 365 * 28))
        educations = (
            Education(
                level,
                rng.random() < 0.95,
                day if done and day <= TODAY else None,
                None if done and day <= TODAY else day,
            ),
        )
        further = tuple(
            FurtherEducation(
                rng.choice([15, 30]),
                rng.random() < 0.9,
                rng.choice(list(FurtherEducationStatus)),
                date(2015, 1, 1) + timedelta(days=rng.randint(0, 365 * 16)),
            )
            for _ in range(rng.randint(0, 2))
        )
        start = date(2005, 1, 1) + timedelta(days=rng.randint(0, 365 * 23))
        employments = (EmploymentPeriod(start, None, rng.choice([0.5, 0.8, 1.0, 1.0, 1.0])),)
        profiles.append(
            PersonProfile(
                rng.choice(["core"] * 8 + ["leader", "measures"]),
                educations,
                further,
                employments,
                rng.choice([0, 0, 12, 36]),
            )
        )
    return profiles


def numpy_floor(f: PopulationFacts, rules: RuleSet, today: date) -> np.ndarray:
    """The same status arithmetic written out by hand: no rule objects, no loops over paths."""
    t, d = today.toordinal(), rules.deadline.toordinal()
    req = rules.required_experience_days
    months_left = (
        (rules.deadline.year - today.year) * 12
        + rules.deadline.month
        - today.month
        - (rules.deadline.day < today.day)
    )
    master = f.degree_on[EducationLevel.MASTER]
    bachelor = f.degree_on[EducationLevel.BACHELOR]
    any_bachelor = f.any_degree_on[EducationLevel.BACHELOR]
    master_needed = np.where(
        any_bachelor == NEVER,
        48 + 36,
        np.where(any_bachelor > t, np.ceil((any_bachelor - t) / 30.4375) + 36, 36),
    )
    m_now, m_by = master <= t, master <= d
    m_reach = m_by | (months_left >= master_needed)
    open_ = ~((f.first_start >= date(2027, 1, 1).toordinal()) & (f.prior_experience_days <= 0))
    t_now = open_ & (bachelor <= t) & (f.credits_done >= 30) & (f.experience_days_now >= req)
    t_by = (
        open_ & (bachelor <= d) & (f.credits_secured >= 30) & (f.experience_days_at_deadline >= req)
    )
    credit_months = np.where(
        f.credits_with_pending >= 30,
        0.0,
        np.ceil(np.maximum(0.0, 30 - f.credits_secured) / 30 - 1e-9) * 12,
    )
    degree_months = np.where(bachelor <= d, 0, 48)
    t_reach = t_by | (
        open_
        & (months_left >= degree_months + credit_months)
        & (f.experience_days_at_deadline_full_time >= req)
    )
    rate = (f.experience_days_at_deadline - f.experience_days_now) / max(d - t, 1)
    short = np.maximum(req - f.experience_days_now, 0.0)
    ok = (short == 0) | (rate > 0)
    exp_on = np.full(f.size, NEVER, dtype=np.int64)
    exp_on[ok] = t + np.ceil(short[ok] / np.where(rate[ok] > 0, rate[ok], 1.0))
    t_on = np.where(
        t_by,
        np.maximum.reduce([bachelor, f.credits_secured_on[30.0], np.minimum(exp_on, d)]),
        NEVER,
    )
    m_status = np.where(m_now, 3, np.where(m_by, 2, np.where(m_reach, 1, 0)))
    t_status = np.where(t_now, 3, np.where(t_by, 2, np.where(t_reach, 1, 0)))
    status = np.where(f.subject, np.maximum(m_status, t_status), Status.NOT_SUBJECT).astype(np.int8)
    _met_on = np.where(f.subject, np.minimum(np.where(m_by, master, NEVER), t_on), NEVER)
    return status


def _median_ms(fn, repeat: int = 15) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def register_profiles(n: int, seed: int = 14) -> list[PersonProfile]:
    """`synthetic_profiles` with a register's history: about a third worked part time earlier,
    left and came back; some hold two courses' worth of applications."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    profiles = []
    for profile in synthetic_profiles(n):
        first = profile.employments[0].start
        if rng.random() < 0.35 and first > date(2004, 1, 1):
            left = first - timedelta(days=rng.randint(30, 700))
            earlier = EmploymentPeriod(
                left - timedelta(days=rng.randint(100, 1500)), left, rng.choice([0.4, 0.6])
            )
            profile = replace(profile, employments=(earlier, *profile.employments))
        profiles.append(profile)
    return profiles


def _load(profiles: list[PersonProfile], services: int = 250) -> list[int]:
    """The profiles as persons in the register, spread over `services` new services."""
    from decimal import Decimal

    from django.db import connection

    from laget.organisations.models import Municipality, Service
    from laget.people import models as people

    municipalities = list(Municipality.objects.order_by("number")[:services])
    created = Service.objects.bulk_create(
        Service(name=f"Bench {i}", slug=f"bench-{i}", host_municipality=municipalities[i])
        for i in range(services)
    )
    ids = [s.pk for s in created]
    persons = people.Person.objects.bulk_create(
        (
            people.Person(given_name="B", family_name=str(i), birth_year=1960 + i % 40)
            for i in range(len(profiles))
        ),
        batch_size=5000,
    )
    pairs = list(zip(persons, profiles, strict=True))
    people.Employment.objects.bulk_create(
        (
            people.Employment(
                person=person,
                service_id=ids[i % services],
                position_title="Konsulent",
                role_category=profile.role_category,
                fte_percent=Decimal(f"{period.fte * 100:.1f}"),
                start_date=period.start,
                end_date=period.end,
            )
            for i, (person, profile) in enumerate(pairs)
            for period in profile.employments
        ),
        batch_size=5000,
    )
    people.Education.objects.bulk_create(
        (
            people.Education(
                person=person,
                level=e.level.name.lower(),
                relevant=e.relevant,
                completed_on=e.completed_on,
                expected_on=e.expected_on,
            )
            for person, profile in pairs
            for e in profile.educations
        ),
        batch_size=5000,
    )
    people.FurtherEducation.objects.bulk_create(
        (
            people.FurtherEducation(
                person=person,
                course="Videreutdanning",
                credits=Decimal(str(f.credits)),
                relevant=f.relevant,
                status=f.status.value,
                ends_on=f.ends_on,
            )
            for person, profile in pairs
            for f in profile.further_educations
        ),
        batch_size=5000,
    )
    people.PriorExperience.objects.bulk_create(
        (
            people.PriorExperience(
                person=person, months=Decimal(str(profile.prior_experience_months))
            )
            for person, profile in pairs
            if profile.prior_experience_months
        ),
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as the database's own maintenance would after a load
    return ids


def database_floor(service_ids: list[int], today: date) -> int:
    """The least any engine input costs: the same rows the input is built from (today's
    employments in the services; every employment, education, further education and prior
    experience of those persons), the same columns read the same way (`read_columns`, dates
    parsed by `iso_days`) into numpy arrays, and one vectorised comparison per table. No
    ordering, no choice of employment, no grouping, no reduction."""
    from django.db.models import CharField, FloatField
    from django.db.models.functions import Cast

    from laget.competence.population_db import current_employments, iso_days, read_columns
    from laget.people import models as people

    current = current_employments(service_ids, today)
    persons = current.values("person_id")
    iso = lambda field: Cast(field, CharField())  # noqa: E731
    number = lambda field: Cast(field, FloatField())  # noqa: E731
    queries = [
        current.order_by().values_list(
            "person_id",
            "pk",
            "service_id",
            "role_category",
            number("fte_percent"),
            "person__birth_year",
        ),
        people.Employment.objects.filter(person__in=persons)
        .order_by()
        .values_list("person_id", iso("start_date"), iso("end_date"), number("fte_percent"), "pk"),
        people.Education.objects.filter(person__in=persons)
        .order_by()
        .values_list("person_id", "level", "relevant", iso("completed_on"), iso("expected_on")),
        people.FurtherEducation.objects.filter(person__in=persons)
        .order_by()
        .values_list("person_id", number("credits"), "relevant", "status", iso("ends_on"), "pk"),
        people.PriorExperience.objects.filter(person__in=persons)
        .order_by()
        .values_list("person_id", number("months")),
    ]
    widths = [6, 5, 5, 6, 2]
    dates = [(), (1, 2), (3, 4), (4,), ()]  # which columns of each query are dates
    found = 0
    for query, width, date_columns in zip(queries, widths, dates, strict=True):
        arrays = [
            iso_days(column) if i in date_columns else np.asarray(column)
            for i, column in enumerate(read_columns(query, width))
        ]
        found += int(np.count_nonzero(arrays[0] > 0))
    return found


def _database_figures(profiles: list[PersonProfile], rules: RuleSet) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from laget.competence.population_db import population_arrays
    from laget.competence.profiles import profile_for
    from laget.competence.selectors import current_staff

    started = time.perf_counter()
    ids = _load(profiles)
    print(
        f"loading {len(profiles):,} persons with their register: "
        f"{time.perf_counter() - started:.1f} s (not timed)"
    )

    def engine_with_input():
        keys, facts = population_arrays(ids, TODAY, rules)
        return keys, evaluate_population(facts, rules, TODAY)

    keys, result = engine_with_input()
    # today's staff (some start later), in the order they were created: ascending ids
    current = [
        p
        for p in profiles
        if any(e.start <= TODAY and (e.end is None or e.end >= TODAY) for e in p.employments)
    ]
    expected = evaluate_population(population_facts(current, rules, TODAY), rules, TODAY)
    assert np.array_equal(result.status, expected.status), "the database gives the same statuses"
    with CaptureQueriesContext(connection) as queries:
        engine_with_input()
    if os.environ.get("BENCH_COMPETENCE_FORMER"):
        started = time.perf_counter()
        staff = current_staff(ids, TODAY)
        old = population_facts([profile_for(p, e.role_category) for p, e in staff], rules, TODAY)
        former_ms = (time.perf_counter() - started) * 1000
        assert old.size == len(keys)
        del staff, old
        print(
            f"input from the database as objects and profiles (the former path), once: "
            f"{former_ms:,.0f} ms"
        )
    else:
        print(
            "input from the database as objects and profiles (the former path): not measured "
            "(over a minute here; BENCH_COMPETENCE_FORMER=1 measures it)"
        )
    # taken in turns, so that a busy machine slows each of them alike
    engine_ms, floor_ms, input_ms = _medians_in_turn(
        [
            engine_with_input,
            lambda: database_floor(ids, TODAY),
            lambda: population_arrays(ids, TODAY, rules),
        ],
        repeat=5,
    )
    print(
        f"input from the database as arrays for {len(keys):,} staff ({len(queries)} queries, "
        f"median of 5): {input_ms:,.0f} ms"
    )
    print(f"engine including its input from the database (median of 5): {engine_ms:,.0f} ms")
    print(
        "floor: the same rows read into numpy arrays, one comparison per table "
        f"(median of 5): {floor_ms:,.0f} ms"
    )
    print(f"ratio engine with input/database floor: {engine_ms / floor_ms:.2f}  (target <= 2.0)")


def _medians_in_turn(functions, repeat: int) -> list[float]:
    times: list[list[float]] = [[] for _ in functions]
    for _ in range(repeat):
        for fn, spent in zip(functions, times, strict=True):
            start = time.perf_counter()
            fn()
            spent.append((time.perf_counter() - start) * 1000)
    return [statistics.median(spent) for spent in times]


def main() -> None:
    rules = rule_set_from_dict(json.loads(RULES_FILE.read_text(encoding="utf-8")))
    profiles = synthetic_profiles(STAFF)
    start = time.perf_counter()
    facts = population_facts(profiles, rules, TODAY)
    prep_ms = (time.perf_counter() - start) * 1000
    engine = evaluate_population(facts, rules, TODAY)
    floor = numpy_floor(facts, rules, TODAY)
    assert np.array_equal(engine.status, floor), "the floor must compute the same statuses"
    engine_ms = _median_ms(lambda: evaluate_population(facts, rules, TODAY))
    floor_ms = _median_ms(lambda: numpy_floor(facts, rules, TODAY))
    counts = {s.key: n for s, n in engine.counts().items()}
    print(f"staff: {STAFF:,}")
    print(f"preparing arrays from profiles (once per population and day): {prep_ms:,.0f} ms")
    columns = PopulationColumns.from_profiles(profiles)
    same = population_facts_from_columns(columns, rules, TODAY)
    assert np.array_equal(evaluate_population(same, rules, TODAY).status, engine.status)
    columns_ms = _median_ms(lambda: population_facts_from_columns(columns, rules, TODAY), 5)
    print(f"the same arrays from columns, grouped in numpy (median of 5): {columns_ms:,.0f} ms")
    print(f"vectorised engine (median of 15): {engine_ms:.1f} ms  (target < 200 ms)")
    print(f"plain numpy floor (median of 15): {floor_ms:.1f} ms")
    print(f"ratio engine/floor: {engine_ms / floor_ms:.2f}  (target <= 2.0)")
    print(f"statuses: {counts}")
    try:
        from bench.bench_import import bench_database

        with bench_database("laget-bench-competence-"):
            _database_figures(register_profiles(STAFF), rules)
    except Exception as error:  # a figure that cannot be measured is reported, not a crash
        print(
            f"engine with its input from the database: not measured ({type(error).__name__}: {error})"
        )
        print("ratio engine with input/database floor: not measured  (target <= 2.0)")


if __name__ == "__main__":
    main()
