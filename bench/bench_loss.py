"""What the protection costs readers (issue 27, item 3): the information lost, for the demo
and the synthetic nation (`laget demo --national --scale N`).

For the latest release (what readers outside get), per publication: published cells, hidden as
small, hidden as partners (the persons behind them), large figures hidden as partners, tables
hidden whole (`laget publication loss`). Then the figures issue 27 promises, each against its
target: in the demo, the county's services with 12 or more covered staff that show no status
figure; in the nation, the nation's staff by role and status that are hidden; and the seconds
the status figures' protection took.

    BENCH_SCALE=1 (default) also loads today's nation into a temporary SQLite database (some
    minutes); BENCH_SCALE=0 measures the demo only; BENCH_DATABASE_URL=postgres://… uses a
    database that holds the nation (load it once with `laget demo --national --scale 10`).

Run with `make bench` (or `python -m bench.bench_loss`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time


def timeout(scale: int) -> float:
    """`python -m bench`'s time limit: the nation's load with its refresh, up to 40 min a
    scale on this 2-core machine, and the demo."""
    return 2_400.0 * max(1, scale) + 1_200.0


def main() -> None:
    """The demo here; the nation in a process of its own (Django is set up once a process,
    on one database)."""
    from bench.bench_import import bench_database

    scale = int(os.environ.get("BENCH_SCALE", "1"))
    if os.environ.get("BENCH_LOSS_PART") == "nation":
        with bench_database("laget-bench-loss-nation-"):
            _nation(scale)
        return
    with bench_database("laget-bench-loss-"):
        _demo()
    if scale:
        sys.stdout.flush()
        subprocess.run(
            [sys.executable, "-m", "bench.bench_loss"],
            env={**os.environ, "BENCH_LOSS_PART": "nation"},
            check=True,
        )


def _demo() -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from laget.publication.calendar import latest_release_day

    started = time.perf_counter()
    call_command("demo", verbosity=0)
    print(f"the demo with its refresh: {time.perf_counter() - started:.0f} s (not timed)")
    day = latest_release_day(timezone.localdate())
    _losses("demo", day)
    _optimal_beside("demo", day)
    _county_services(day)


def _nation(scale: int) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from laget.demo.national import national_exists
    from laget.publication.calendar import latest_release_day
    from laget.publication.refresh import refresh

    if not national_exists():
        started = time.perf_counter()
        call_command("demo", "--national", "--scale", str(scale), verbosity=0)
        print(f"loading the nation ×{scale}: {time.perf_counter() - started:.0f} s (not timed)")
    today = timezone.localdate()
    day = latest_release_day(today)
    # the protection's time on a date that is no release out (a release out is never built
    # again): today, as for a date asked for
    seconds = refresh(days=[today], force=True)
    print(
        f"nation ×{scale}, protecting the status figures: {_status_only(today):.1f} s  "
        "(target < 30 s, issue 27)"
    )
    print(
        f"nation ×{scale}, the competence figures in a pass (the status figures, every "
        f"service's detail tables, the groups' staff tables): {seconds['competence']:.1f} s  "
        "(no target: Laget's own measure)"
    )
    _losses(f"nation ×{scale}", day)
    _optimal_beside(f"nation ×{scale}", day)
    _national_counts(day)


def _status_only(day) -> float:
    """Seconds to protect the status figures alone (no detail or group tables), from the
    counts the pass stored."""
    from django.test.utils import override_settings

    from laget.competence.publication import build
    from laget.publication.registry import Inputs
    from laget.publication.stored import stored_counts

    inputs = Inputs(day, counts=lambda name: stored_counts(name, day), publication=lambda _: None)
    with override_settings(LAGET_PROTECT_JOINTLY_MAX_SERVICES=0):
        started = time.perf_counter()
        build(inputs)
        return time.perf_counter() - started


def _losses(label: str, day) -> None:
    from laget.domain.protection.loss import LARGE, Loss
    from laget.publication.loss import by_family, publication_loss

    found = by_family(publication_loss(day))
    total = sum(found.values(), Loss())
    for name, loss in [*sorted(found.items()), ("all", total)]:
        if name != "all" and not loss.cells and not loss.own_rule:
            continue
        print(
            f"{label} {day}, {name}: {loss.cells} cells, {loss.primary} small, "
            f"{loss.secondary} partners ({loss.secondary_persons} persons behind them, "
            f"{loss.large_secondary} of {LARGE} or more), {loss.hidden_whole} tables hidden "
            f"whole, {loss.own_rule_hidden} of {loss.own_rule} figures by their own rule "
            f"hidden, {loss.recoded} units shown coarser (recoded)"
        )


def _optimal_beside(label: str, day) -> None:
    """The optimal choice beside the greedy one (issue 27, item 2), for the tables the
    programme takes (`optimal.small_enough`): each publication's view as stored, protected again
    both ways from its own small and unpublished cells; the persons behind the partners in
    those tables, how many tables each choice hides less in, and the seconds."""
    import copy

    from laget.domain.protection import Protected, protect
    from laget.domain.protection.optimal import small_enough
    from laget.domain.protection.pattern import components
    from laget.publication.published import published
    from laget.publication.registry import publications

    for name in publications():
        stored = published(name, day, exact=True)
        protected = getattr(stored, "protected", None)
        if not isinstance(protected, Protected):
            continue
        tables = [
            set(keys)
            for keys, _sums, _bounds in components(protected.view)
            if small_enough(keys, sorted(protected.primary.intersection(keys)))
        ]
        results = {}
        for best in (False, True):
            view = copy.deepcopy(protected.view)
            started = time.perf_counter()
            again = protect(
                view,
                small=protected.primary,
                unpublished=protected.unpublished,
                grouped=protected.grouped,
                best=best,
            )
            took = time.perf_counter() - started
            partners = again.hidden - again.primary - again.unpublished - again.grouped
            per_table = [
                sum(view.cells[k].value for k in partners & table if k in view.cells)
                for table in tables
            ]
            results[best] = (per_table, took)
        greedy, optimal = results[False][0], results[True][0]
        fewer = sum(o < g - 1e-9 for g, o in zip(greedy, optimal, strict=True))
        print(
            f"{label} {day}, {name}: {len(tables)} tables small enough for the optimal choice; "
            f"persons behind their partners greedy {sum(greedy):.0f}, optimal "
            f"{sum(optimal):.0f}, fewer in {fewer}; seconds greedy {results[False][1]:.1f}, "
            f"optimal {results[True][1]:.1f}  (the optimal choice at most the greedy)"
        )


def _county_services(day) -> None:
    """The county's services by how the per-service table shows them (exact, banded, hidden),
    and those of 12 or more covered staff shown with nothing (issue 27: none)."""
    from collections import Counter

    from laget.competence.publication import competence_publication, service_unit
    from laget.organisations.models import Service

    published = competence_publication(day)
    states: Counter[str] = Counter()
    wholly_hidden = []
    for service in Service.objects.filter(municipalities__county__number="50").distinct():
        recoded = published.recoded(service_unit(service.pk))
        states[recoded.state] += 1
        covered = recoded.subject.value
        if covered is not None and covered >= 12 and recoded.state == "hidden":
            wholly_hidden.append(service.name)
    print(
        f"Trøndelag, per service: {states['exact']} exact, {states['banded']} banded, "
        f"{states['hidden']} hidden (fewer than 12 covered, or the covered hidden)"
    )
    print(
        f"Trøndelag, services of 12 or more covered staff shown with nothing: "
        f"{len(wholly_hidden)}  (target < 1, issue 27)"
    )


def _national_counts(day) -> None:
    """The nation's staff by role and by status: how many of those counts are hidden (issue 27:
    at most one in ten)."""
    from laget.competence.publication import COVERED, competence_publication, staff_role, status
    from laget.organisations.models import Service
    from laget.people.models import RoleCategory

    published = competence_publication(day)
    everyone = [s.pk for s in Service.objects.all()]
    unit = published.unit_for(everyone)
    staff = published.staff_tables(everyone)
    figures = [staff.figure(unit, staff_role(r)) for r in RoleCategory.values]
    figures += [published.figure(unit, status(s)) for s in COVERED]
    hidden = sum(f.suppressed for f in figures)
    print(
        f"the nation's staff by role and by status hidden: {hidden} of {len(figures)}, "
        f"{100 * hidden / len(figures):.0f} %  (target <= 10, issue 27)"
    )


if __name__ == "__main__":
    main()
