"""The vectorised competence engine over 72,000 synthetic staff (ten times the national
workforce), against a plain numpy floor doing the same arithmetic on the same arrays.

Target (issue 3): the engine under 200 ms and within 2x the floor.
Run with `make bench` (or `python -m bench.bench_competence`).
"""

from __future__ import annotations

import json
import random
import statistics
import time
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
    print(f"vectorised engine (median of 15): {engine_ms:.1f} ms  (target < 200 ms)")
    print(f"plain numpy floor (median of 15): {floor_ms:.1f} ms")
    print(f"ratio engine/floor: {engine_ms / floor_ms:.2f}  (target <= 2.0)")
    print(f"statuses: {counts}")


if __name__ == "__main__":
    main()
