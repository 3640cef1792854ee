"""The status report (issue 7) for the largest demo service, Trondheim (100 staff), and every
Trøndelag report in a batch. Targets: DOCX under 2 s, PDF under 5 s.

Runs on a throwaway database of its own with the demo data (`laget demo`), so the other
benchmarks' synthetic persons do not get in the way. Prints: the content built from the
register (what a draft costs on every page view), DOCX and PDF from the finalised report
(chart images made afresh each time), and the county batch with its progress lines.
"""

from __future__ import annotations

import io
import statistics
import tempfile
import time

RUNS = 4


def main() -> None:
    from bench.bench_import import bench_database

    with bench_database("laget-bench-reports-"):
        _figures()


def _figures() -> None:
    from datetime import UTC, date, datetime

    from django.core.management import call_command

    call_command("demo", verbosity=0, stdout=io.StringIO())  # not the list of demo logins
    from laget.accounts.models import User
    from laget.organisations.models import Service
    from laget.reports import services
    from laget.reports.render import images, render_docx, render_pdf

    today = date(2026, 11, 23)
    now = datetime(2026, 11, 23, 11, tzinfo=UTC)
    trondheim = Service.objects.get(slug="trondheim")
    leader = User.objects.get(username="leder.trondheim")
    report = services.report_create(
        actor=leader,
        service=trondheim,
        municipality=trondheim.host_municipality,
        year=today.year,
        comparisons=["county", "national", "municipality"],
        today=today,
    )

    def timed(work) -> list[float]:
        times = []
        for _ in range(RUNS):
            images._png.cache_clear()
            started = time.perf_counter()
            work()
            times.append(time.perf_counter() - started)
        return times

    def show(label: str, times: list[float], target: float | None = None) -> None:
        """The first run and the others: the first chart in a process starts vl-convert's
        engine (about 0.6 s; the report page starts it in the background)."""
        goal = f"  (target < {target:.0f} s)" if target else ""
        rest = times[1:]
        print(
            f"{label} (first {times[0]:.2f} s, then min {min(rest):.2f}, max {max(rest):.2f}), "
            f"median: {statistics.median(rest):.2f} s{goal}"
        )

    show(
        "Trondheim: content from the register (draft)",
        timed(lambda: services.live_content(report, today)),
    )
    services.status_change(actor=leader, report=report, to="final", today=today, now=now)
    report.refresh_from_db()
    document = services.report_document(report, today=today, now=now)
    show("Trondheim: DOCX from the finalised report", timed(lambda: render_docx(document)), 2)
    show("Trondheim: PDF from the finalised report", timed(lambda: render_pdf(document)), 5)
    draft_docx = timed(
        lambda: render_docx(
            services.preview_document(
                service=trondheim,
                municipality=trondheim.host_municipality,
                year=today.year,
                comparisons=["county", "national"],
                today=today,
                now=now,
            )
        )
    )
    show("Trondheim: DOCX for a draft, content included", draft_docx)
    with tempfile.TemporaryDirectory(prefix="laget-bench-batch-") as out:
        started = time.perf_counter()
        call_command("report", county="50", year=today.year, format="pdf", out_dir=out)
        print(f"Trøndelag batch (PDF): {time.perf_counter() - started:.1f} s in all")


if __name__ == "__main__":
    main()
