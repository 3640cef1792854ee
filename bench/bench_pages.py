"""Every page a county governor's office and the nation open, on a synthetic nation
(`laget demo --national --scale N`), as those users get them: from the stored counts.

    BENCH_SCALE=1 (default) loads today's nation into a temporary SQLite database;
    BENCH_DATABASE_URL=postgres://… uses that database as it is when it already holds the
    nation (load it once with `laget demo --national --scale 10`), else loads it there.

Prints the refresh that follows a change (off the request path), then each page's best of
three requests after one to warm the process, with its number of queries, against < 1 s: the
nation's and a county's pages, and every page of the largest service for its leader.
"""

from __future__ import annotations

import os
import time


def main() -> None:
    from bench.bench_import import bench_database

    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    with bench_database("laget-bench-pages-"):
        _run(int(os.environ.get("BENCH_SCALE", "1")))


def _run(scale: int) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count, Q
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from laget.accounts.access import landing_url
    from laget.accounts.models import User
    from laget.demo.national import national_exists
    from laget.organisations.models import Service
    from laget.people.models import Employment

    if not national_exists():
        started = time.perf_counter()
        call_command("demo", "--national", "--scale", str(scale), verbosity=0)
        print(f"loading the nation ×{scale}: {time.perf_counter() - started:.0f} s (not timed)")
    staff = Employment.objects.filter(end_date__isnull=True).count()
    print(
        f"database: {connection.vendor}; {Service.objects.count()} services, "
        f"{staff:,} current employments, {Employment.objects.count():,} employment periods"
    )
    if os.environ.get("BENCH_REFRESH", "1") == "1":
        _refresh()
    else:
        print("refresh: skipped (BENCH_REFRESH=0; the stored figures as they are)")
    biggest = (
        Service.objects.annotate(staff=Count("employments", filter=Q(employments__end_date=None)))
        .order_by("-staff")
        .first()
    )
    trondheim = Service.objects.get(slug="trondheim")
    oslo = Service.objects.get(slug="oslo")
    pages = {
        "nasjonal": [
            ("start page", None),
            ("services", reverse("organisations:overview")),
            ("competence", reverse("competence_overview:overview")),
            ("workforce", reverse("workforce_overview:overview")),
            ("capacity", reverse("projection:capacity")),
            (f"competence of {biggest.name}", _service("competence:service", biggest)),
        ],
        "statsforvalter.trondelag": [
            ("start page", None),
            ("services", reverse("organisations:overview")),
            ("competence", reverse("competence_overview:overview")),
            ("workforce", reverse("workforce_overview:overview")),
            ("Trondheim", _service("organisations:detail", trondheim)),
            ("Trondheim competence", _service("competence:service", trondheim)),
            ("Trondheim workforce", _service("workforce:service", trondheim)),
            ("Trondheim supervision", _service("supervision:service", trondheim)),
        ],
        # issue 28, item 8: every page of the largest service (Oslo: about 5,000 staff at ten
        # times) for its leader, who sees every person
        "leder.oslo": [
            ("start page", None),
            *[(f"{oslo.name}, {label}", _service(name, oslo)) for label, name in LEADER_PAGES],
        ],
    }
    for username, urls in pages.items():
        client = Client()
        user = User.objects.get(username=username)
        client.force_login(user)
        for label, url in urls:
            url = url or landing_url(user)  # where «/» sends the user
            started = time.perf_counter()
            client.get(url)  # the process warms (its first read of the stored figures)
            first = time.perf_counter() - started
            times, queries = [], 0
            for _ in range(3):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url)
                    times.append(time.perf_counter() - started)
                queries = len(captured)
                assert response.status_code == 200, (url, response.status_code)
            print(
                f"{username}, {label} ({queries} queries, {len(response.content) // 1024} KB), "
                f"first {first:.2f} s, best of 3: {min(times):.2f} s  (target < 1 s)"
            )


#: the pages of one service its leader opens (label, URL name taking the service)
LEADER_PAGES = (
    ("service", "organisations:detail"),
    ("staff", "organisations:staff"),
    ("competence", "competence:service"),
    ("competence by person", "competence:persons"),
    ("exemptions", "competence:exemptions"),
    ("competence plan", "planning:index"),
    ("further education", "planning:pipeline"),
    ("projection", "projection_service:service"),
    ("workforce", "workforce:service"),
    ("exit interviews", "workforce:exits"),
    ("vacancies", "workforce:vacancies"),
    ("supervision", "supervision:service"),
    ("onboarding", "supervision:onboarding"),
    ("report", "reports_service:index"),
)


def _refresh() -> None:
    from laget.core.models import RegisterRevision
    from laget.publication.refresh import refresh

    RegisterRevision.bump()  # as after a change
    started = time.perf_counter()
    seconds = refresh()
    detail = ", ".join(f"{k} {v:.1f} s" for k, v in seconds.items())
    print(f"refresh after a change, off the request path: {time.perf_counter() - started:.1f} s")
    print(f"  ({detail})")


def _service(name: str, service) -> str:
    from django.urls import reverse

    return reverse(name, kwargs={"pk": service.pk})


if __name__ == "__main__":
    main()
