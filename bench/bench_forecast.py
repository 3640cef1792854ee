"""The Monte Carlo projection for the nation: 1,000 runs over 7,200 staff to 2031.

Target (issue 4): under 2 s on 2 cores, vectorised over runs and persons; reports time and
peak memory. Run with `make bench` (or `python -m bench.bench_forecast`).
"""

from __future__ import annotations

import json
import time
import tracemalloc

from bench.bench_competence import RULES_FILE, TODAY, synthetic_profiles
from laget.domain.competence import rule_set_from_dict
from laget.domain.competence.population import population_facts
from laget.domain.projection.forecast import Parameters, forecast, outlook_for

STAFF = 7_200
RUNS = 1_000


def main() -> None:
    rules = rule_set_from_dict(json.loads(RULES_FILE.read_text(encoding="utf-8")))
    facts = population_facts(synthetic_profiles(STAFF), rules, TODAY)
    start = time.perf_counter()
    outlook = outlook_for(facts, rules, TODAY)
    outlook_ms = (time.perf_counter() - start) * 1000
    parameters = Parameters(runs=RUNS)
    forecast(outlook, today=TODAY, deadline=rules.deadline, parameters=parameters)  # warm-up
    times = []
    for _ in range(5):
        start = time.perf_counter()
        result = forecast(outlook, today=TODAY, deadline=rules.deadline, parameters=parameters)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    forecast(outlook, today=TODAY, deadline=rules.deadline, parameters=parameters)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    point = result.at_deadline
    print(
        f"staff subject to the requirement: {outlook.size:,} of {STAFF:,}; runs: {RUNS:,}; steps: {len(result.points)}"
    )
    print(f"outlook (two engine evaluations): {outlook_ms:.0f} ms")
    print(
        f"Monte Carlo (best of 5): {min(times):.2f} s, median {sorted(times)[2]:.2f} s  (target < 2 s)"
    )
    print(f"peak memory of one forecast: {peak / 1e6:.0f} MB")
    print(
        f"expected share meeting on {point.day}: {point.expected_share:.1%} (80 % interval {point.low:.1%}–{point.high:.1%})"
    )


if __name__ == "__main__":
    main()
