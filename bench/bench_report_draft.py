"""A draft status report for last year for a large service, as its leader meets it (issue 22,
item 8 and «What it must show»: the first view of a new draft report in under 5 s).

    BENCH_SCALE=1 (default): today's nation (`laget demo --national`) in a temporary SQLite
    database; the largest service (Oslo, about 650 staff). BENCH_SCALE=10
    BENCH_DATABASE_URL=postgres://…: ten times it (used as it is when that database holds the
    nation already; BENCH_LOAD=1 loads it again); the smallest service with at least 1,000
    staff. BENCH_SERVICE=<slug> chooses another.

Last year's report reads the figures for 1 January this year (`figures_date`), which the worker
keeps current. In processes of its own, as in production:
1. a fresh gunicorn: the leader logs in through the form, creates the draft (the service's
   report page, last year, the form's default comparisons) and opens it where the form sends
   them (target < 5 s);
2. a worker pass (`laget refresh-counts`, its longest steps printed), then a fresh gunicorn:
   the draft's first view (target < 5 s), two more, then its DOCX and PDF (the targets
   bench_reports sets for a finalised report's files, DOCX < 2 s and PDF < 5 s: a draft's
   build their content from the register first, as its page does), and the web workers' peak
   memory (target < 500 MB, the load test's);
3. a register change, then a fresh gunicorn: the first view again, the figures now older than
   the register (target < 5 s).
Every time is a single request (the first in its process is the figure). Fails if any answered
anything but 200, or said «ikke beregnet ennå» (the figures it reads were built by the pass).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from bench.live import (
    DOCX_TARGET,
    DRAFT_TARGET,
    MEMORY_TARGET,
    PDF_TARGET,
    Answer,
    Browser,
    Failed,
    describe_database,
    environment,
    laget,
    location,
    machine_load,
    nation_ready,
    register_change,
    stop_on_sigterm,
    web,
)

LARGE = 1_000  # staff
#: views after the first in the same server (either of its two workers may answer them)
AFTER_FIRST = 2
#: a step of the worker's pass as `laget refresh-counts` prints it
STEP = re.compile(r"^(.+): ([\d.]+) s$", re.MULTILINE)


def timeout(scale: int) -> float:
    """`python -m bench`'s time limit for this benchmark: the nation's load (with its own
    refresh) and a worker pass, each up to 40 min a scale on this 2-core machine, and the
    rest."""
    return 2 * 2_400.0 * max(1, scale) + 1_800.0


def main() -> None:
    from bench.bench_import import bench_database

    stop_on_sigterm()
    scale = int(os.environ.get("BENCH_SCALE", "1"))
    print(machine_load(), flush=True)
    with bench_database("laget-bench-draft-") as directory:
        problems = _run(scale, Path(directory))
    print(f"after the run: {machine_load()}", flush=True)
    if problems:
        raise Failed("; ".join(problems))


def _service_and_leader(scale: int) -> tuple[int, int, str, str, int]:
    """The service (pk), its host municipality (pk), its name, a leader's login and its staff:
    the smallest with at least LARGE staff, else the largest (or BENCH_SERVICE)."""
    from django.db import connections
    from django.db.models import Count, Q
    from django.utils import timezone

    from laget.accounts.models import Role, RoleAssignment, User
    from laget.demo.services import demo_password_hash
    from laget.organisations.models import Service
    from laget.reports.models import Status, StatusReport

    services = Service.objects.annotate(
        staff=Count("employments", filter=Q(employments__end_date=None))
    ).select_related("host_municipality")
    slug = os.environ.get("BENCH_SERVICE")
    if slug:
        service = services.get(slug=slug)
    else:
        service = (
            services.filter(staff__gte=LARGE).order_by("staff").first()
            or services.order_by("-staff").first()
        )
    leader = (
        RoleAssignment.objects.filter(service=service, role=Role.LEADER, user__is_active=True)
        .values_list("user__username", flat=True)
        .first()
    )
    if leader is None:  # the national demo has leader logins for Oslo and Bergen only
        leader = f"leder.bench.{service.slug}"[:150]
        user, _ = User.objects.get_or_create(
            username=leader,
            defaults={"password": demo_password_hash(), "first_name": "Benk", "last_name": "Leder"},
        )
        RoleAssignment.objects.get_or_create(user=user, role=Role.LEADER, service=service)
    # a database used again (BENCH_DATABASE_URL): the draft this benchmark made last time goes
    earlier = StatusReport.objects.filter(
        service=service,
        municipality=service.host_municipality,
        year=timezone.localdate().year - 1,
        status=Status.DRAFT,
    )
    if earlier.exists():
        print(f"(an earlier draft for {service.name}, {earlier.get().year}, removed first)")
        earlier.delete()
    result = (service.pk, service.host_municipality.pk, service.name, leader, service.staff)
    connections.close_all()
    return result


def _check(label: str, answer: Answer, problems: list[str]) -> None:
    if answer.status != 200:
        problems.append(f"{label}: {answer.status}")
    elif answer.not_computed:
        problems.append(f"{label}: «ikke beregnet ennå»")


def _run(scale: int, directory: Path) -> list[str]:
    from django.utils import timezone

    env = environment(str(directory))
    nation_ready(scale, env, directory / "demo.log")
    describe_database()
    service, municipality, name, leader, staff = _service_and_leader(scale)
    year = timezone.localdate().year - 1
    print(f"the service: {name} ({staff:,} current staff), leader {leader}", flush=True)
    problems: list[str] = []

    with web(env, directory / "gunicorn-create.log") as server:
        browser = Browser(server.base)
        browser.log_in(leader)
        index = f"/tjenester/{service}/tilstandsrapport/"
        form = browser.get(index)
        if form.status != 200:
            raise Failed(f"the service's report page answered {form.status}")
        created = browser.request(
            index,
            {
                "csrfmiddlewaretoken": browser.csrf(form.text),
                "municipality": municipality,
                "year": year,
                "comparisons": ["county", "national"],  # the form's default
            },
        )
        if created.status != 302:
            raise Failed(f"creating the draft answered {created.status} (not a redirect)")
        report = location(created)
        first = browser.get(report)
    _check("the view right after creating it", first, problems)
    print(
        f"draft status report {year} for {name}: created in {created.seconds:.2f} s; "
        f"the view the form sends the leader to, in the same new process: {first.seconds:.2f} s"
        f"  {DRAFT_TARGET}",
        flush=True,
    )

    seconds, output = laget(["refresh-counts"], env, directory / "worker.log", timeout=60 * 60)
    steps = sorted(((float(m[2]), m[1]) for m in STEP.finditer(output)), reverse=True)[:6]
    print(
        f"a worker pass (`laget refresh-counts`), off the request path: {seconds:.0f} s "
        f"(longest steps: {', '.join(f'{name} {took:.0f} s' for took, name in steps)})"
    )
    print(f"  {machine_load()}", flush=True)

    with web(env, directory / "gunicorn-view.log") as server:
        browser = Browser(server.base)
        browser.log_in(leader)
        view = browser.get(report)
        again = [browser.get(report) for _ in range(AFTER_FIRST)]
        docx = browser.get(f"{report}last-ned/docx/")
        pdf = browser.get(f"{report}last-ned/pdf/")
        peaks = server.workers_peak_mb()
    for n, answer in enumerate([view, *again]):
        _check(f"view {n + 1}", answer, problems)
    for label, answer in (("DOCX", docx), ("PDF", pdf)):
        if answer.status != 200:
            problems.append(f"{label}: {answer.status}")
    print(
        f"the draft in a new gunicorn after the pass ({len(view.body) // 1024} KB; then "
        f"{', '.join(f'{a.seconds:.2f}' for a in again)} s, either worker), first view: "
        f"{view.seconds:.2f} s  {DRAFT_TARGET}",
        flush=True,
    )
    print(
        f"  the draft's DOCX ({len(docx.body) // 1024} KB), next in that process: "
        f"{docx.seconds:.2f} s  {DOCX_TARGET}",
        flush=True,
    )
    print(
        f"  the draft's PDF ({len(pdf.body) // 1024} KB), next in that process: "
        f"{pdf.seconds:.2f} s  {PDF_TARGET}",
        flush=True,
    )
    print(
        f"  the gunicorn workers' peak memory (VmHWM; {', '.join(f'{p:.0f}' for p in peaks)} "
        f"MB), largest: {max(peaks, default=0):.0f} MB  {MEMORY_TARGET}",
        flush=True,
    )

    revision = register_change("Etter-rapporten")
    with web(env, directory / "gunicorn-stale.log") as server:
        browser = Browser(server.base)
        browser.log_in(leader)
        stale = browser.get(report)
    _check("the view after a change", stale, problems)
    said = "says «Registeret er endret siden»" if stale.outdated else "no «endret siden»"
    print(
        f"the draft in a new gunicorn after a register change (revision {revision}; {said}), "
        f"first view: {stale.seconds:.2f} s  {DRAFT_TARGET}",
        flush=True,
    )
    return problems


if __name__ == "__main__":
    main()
