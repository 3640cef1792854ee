"""Where each form of the fuzz (`tests/test_fuzz_forms.py`) is found and how its object is
prepared: the page hosting it per URL, roles, variants, extra fields, and upload columns."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from laget.core.tabular import Table
from laget.people.models import RosterImport
from laget.people.roster.columns import COLUMNS as ROSTER_COLUMNS
from laget.people.roster.mapping import guess_mapping
from laget.people.tests.roster_files import HEADERS as ROSTER_HEADERS
from laget.people.tests.roster_files import row as roster_row
from laget.reports.models import Status, StatusReport
from laget.reports.services import live_content
from laget.workforce.models import SickLeaveImport
from laget.workforce.sick_leave_import import COLUMNS as SICK_LEAVE_COLUMNS
from laget.workforce.sick_leave_import import check
from tests.access_targets import url_kwargs
from tests.html_forms import HtmlField

#: Hypothesis examples per form, after the fixed sweep.
EXAMPLES = 20

#: The role a URL is fuzzed as: the first of these its rule allows.
ROLE_PREFERENCE = ("leader", "hr", "employee", "municipal", "county", "national", "admin")

#: Forms also fuzzed as another role (another code path behind the same URL).
EXTRA_ROLES: dict[str, tuple[str, ...]] = {
    "people:record_add": ("employee",),  # an employee proposes instead of saving
    "supervision:check_in": ("employee",),
}

#: URL arguments besides those the access matrix tries.
VARIANTS: dict[str, tuple[dict, ...]] = {
    "people:record_add": ({"kind": "videreutdanning"}, {"kind": "erfaring"}),
}


def _report_page(obj, role: str) -> str:
    report = getattr(obj, "report", obj)
    return reverse("reports:detail", kwargs={"report_id": report.pk})


#: For a URL that only takes POST: the page that shows its form, from the URL's object.
HOST_PAGES: dict[str, Callable[[object, str], str]] = {
    "accounts:logout": lambda obj, role: reverse("core:no_role"),
    "people:record_delete": lambda obj, role: reverse(
        "people:detail", kwargs={"pk": obj.person_id}
    ),
    "people:proposal_decide": lambda obj, role: reverse(
        "people:detail", kwargs={"pk": obj.person_id}
    ),
    "people:record_assess": lambda obj, role: reverse(
        "people:detail", kwargs={"pk": obj.person_id}
    ),
    "planning:measure_add": lambda obj, role: reverse("planning:detail", kwargs=url_kwargs(obj)),
    "planning:measure_delete": lambda obj, role: reverse(
        "planning:detail", kwargs=url_kwargs(obj.plan)
    ),
    "competence:exemption_delete": lambda obj, role: reverse(
        "competence:exemptions", kwargs={"pk": obj.service_id}
    ),
    "roster:discard": lambda obj, role: reverse("roster:upload", kwargs={"pk": obj.service_id}),
    "workforce:sick_leave_discard": lambda obj, role: reverse(
        "workforce:sick_leave_upload", kwargs={"pk": obj.service_id}
    ),
    "supervision:plan_end": lambda obj, role: reverse("supervision:plan", kwargs=url_kwargs(obj)),
    "supervision:session_confirm": lambda obj, role: reverse(
        "supervision:plan", kwargs=url_kwargs(obj[1].plan)
    ),
    "supervision:pause_add": lambda obj, role: reverse(
        "supervision:service", kwargs={"pk": obj.pk}
    ),
    "supervision:check_in": lambda obj, role: (
        reverse("supervision_me:me")
        if role == "employee"
        else reverse("supervision:service", kwargs={"pk": obj.pk})
    ),
    "supervision_me:reflect": lambda obj, role: reverse("supervision_me:me"),
    "supervision_me:task_toggle": lambda obj, role: reverse(
        "supervision_me:onboarding", kwargs={"onboarding_id": obj.onboarding_id}
    ),
    "reports:comparisons": _report_page,
    "reports:status": _report_page,
    "reports:comment_add": _report_page,
    "reports:comment_handled": _report_page,
    "reports:comment_answer": _report_page,
    "workforce:hire_add": lambda obj, role: reverse("workforce:vacancy", kwargs=url_kwargs(obj)),
}


def _valid_roster(pending: RosterImport) -> None:
    """A file every column of which is found, and a row the import takes."""
    pending.table = {"headers": ROSTER_HEADERS, "rows": [[2, roster_row()]]}
    pending.mapping = guess_mapping(ROSTER_HEADERS)
    pending.save()


def _sick_leave_rows(pending: SickLeaveImport) -> None:
    headers = [c.header for c in SICK_LEAVE_COLUMNS]
    table = Table(headers, [(2, [c.example for c in SICK_LEAVE_COLUMNS])])
    pending.rows = check(pending.service, table, timezone.localdate()).rows
    pending.save()


def _final(report: StatusReport) -> None:
    """A final report: the page offers «sent», with its date and reference."""
    report.snapshot = live_content(report, timezone.localdate())
    report.status, report.finalised_at = Status.FINAL, timezone.now()
    report.save()


#: What the URL's object needs before its page shows the form (or shows more of it).
def _not_assessed(record) -> None:
    """An education nobody has judged: the page offers the leader its two buttons."""
    record.relevance_basis = "not_assessed"
    record.save(update_fields=["relevance_basis"])


PREPARE: dict[str, Callable] = {
    "people:record_assess": _not_assessed,
    "roster:mapping": _valid_roster,
    "roster:preview": _valid_roster,
    "workforce:sick_leave_preview": _sick_leave_rows,
    "reports:status": _final,
}

#: Fields a view reads that its page does not show in the object's present state.
EXTRA_FIELDS: dict[str, dict[str, HtmlField]] = {
    # transitions a final report does not offer
    "reports:status": {"to": HtmlField("to", "button", options=["comments", "final"])},
}

#: Values the page does not offer but a valid post needs (so the fuzz gets past the first
#: check more often).
NEXT_YEAR = timezone.localdate().year + 1
BASELINE_HINTS: dict[str, dict[str, list[str]]] = {
    "planning:measure_add": {"kind": ["course"], "semester": [f"H{NEXT_YEAR}"]},
    "people:record_add": {
        "level": ["bachelor"],
        "completed_on": ["2012-06-15"],
        "ends_on": [f"{NEXT_YEAR}-06-30"],
    },
    "workforce:exit_add": {"held_on": ["2026-01-20"]},  # the leaver's (access_targets)
}

#: The columns of the file a form uploads, for files that look almost right.
UPLOAD_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "roster:upload": [(c.header, c.example) for c in ROSTER_COLUMNS],
    "workforce:sick_leave_upload": [(c.header, c.example) for c in SICK_LEAVE_COLUMNS],
}

# --- Sending and judging ----------------------------------------------------------------------
