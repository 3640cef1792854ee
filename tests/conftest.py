"""The fuzz's summary line (tests/test_fuzz_forms.py): forms and requests tried, server errors
found, added up over every worker."""

from __future__ import annotations

FUZZ_COUNTS = ("fuzz_forms", "fuzz_requests", "fuzz_server_errors")


def pytest_terminal_summary(terminalreporter) -> None:
    totals = dict.fromkeys(FUZZ_COUNTS, 0)
    seen = False
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) != "call":
                continue
            for key, value in getattr(report, "user_properties", ()):
                if key in totals:
                    totals[key] += value
                    seen = True
    if seen:
        terminalreporter.write_line(
            f"fuzz: {totals['fuzz_forms']} forms, {totals['fuzz_requests']} requests, "
            f"{totals['fuzz_server_errors']} server errors"
        )
