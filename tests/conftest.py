"""Summary lines added up over every worker: the fuzz's (tests/test_fuzz_forms.py: forms and
requests tried, server errors found), the case-information fuzz's (tests/test_audit_free_text.py:
forms, requests, flagged text found), the protection audit's (views and hidden figures
attacked, the narrowest interval an attacker found) and the `laget` commands' (exit code and
seconds of each, tests/test_commands.py)."""

from __future__ import annotations

import pytest

from conftest import World
from tests.access_targets import SmallWorld, build_small_world

FUZZ_COUNTS = ("fuzz_forms", "fuzz_requests", "fuzz_server_errors")
CASE_FUZZ_COUNTS = ("case_fuzz_forms", "case_fuzz_requests", "case_fuzz_flagged")


@pytest.fixture
def small_world(world: World) -> SmallWorld:
    """The world with service D: three staff, in Trøndelag, with its own municipal user."""
    return build_small_world(world)


def pytest_terminal_summary(terminalreporter) -> None:
    totals = dict.fromkeys((*FUZZ_COUNTS, *CASE_FUZZ_COUNTS), 0)
    seen = case_seen = False
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) != "call":
                continue
            for key, value in getattr(report, "user_properties", ()):
                if key in totals:
                    totals[key] += value
                    seen = seen or key in FUZZ_COUNTS
                    case_seen = case_seen or key in CASE_FUZZ_COUNTS
    if seen:
        terminalreporter.write_line(
            f"fuzz: {totals['fuzz_forms']} forms, {totals['fuzz_requests']} requests, "
            f"{totals['fuzz_server_errors']} server errors"
        )
    if case_seen:
        terminalreporter.write_line(
            f"case-information fuzz (tests/test_audit_free_text.py): "
            f"{totals['case_fuzz_forms']} forms, {totals['case_fuzz_requests']} requests, "
            f"{totals['case_fuzz_flagged']} audit entries or fields with case information"
        )
    audits = [
        dict(report.user_properties)
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        and "audit_hidden" in dict(getattr(report, "user_properties", ()))
    ]
    if audits:
        terminalreporter.write_line(
            f"protection audit: {sum(a['audit_views'] for a in audits)} views, "
            f"{sum(a.get('audit_reports', 0) for a in audits)} finalised reports, "
            f"{sum(a['audit_cells'] for a in audits)} figures, "
            f"{sum(a['audit_hidden'] for a in audits)} hidden, narrowest interval "
            f"{min(a['audit_narrowest'] for a in audits):g} (must be at least 5); "
            f"{sum(a.get('audit_unprotected', 0) for a in audits)} figures shown by their own "
            "rule (rates, averages: tests/test_protection_audit.py BY_THEIR_OWN_RULE)"
        )
    _commands_table(terminalreporter)


def _commands_table(terminalreporter) -> None:
    """The `laget` commands tests/test_commands.py ran: exit code and seconds each, as a table
    at the end of the run (from the reports, so it works with xdist and -q), and in
    artifacts/commands.txt."""
    rows = [
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for name, value in getattr(report, "user_properties", ())
        if name == "laget-command"
    ]
    if not rows:
        return
    lines = ["exit  seconds  command (a new process each, production settings)"]
    lines += [f"{code:>4}  {seconds:>7.2f}  {shown}" for shown, code, seconds in rows]
    lines.append(f"{len(rows)} commands in {sum(row[2] for row in rows):.1f} s")
    terminalreporter.write_sep("=", "laget commands")
    for line in lines:
        terminalreporter.write_line(line)
    artifacts = terminalreporter.config.rootpath / "artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "commands.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
