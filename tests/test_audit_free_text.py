"""The audit log never copies free text (issue 23, item 4): summaries name the fields that
changed, never what they say.

First the structure: every call of `audit_record` in Laget gives a fixed sentence, and no other
code writes audit entries (`laget.core.audit` refuses text where a value belongs).

Then the fuzz: every form the app has (found the way tests/test_fuzz_forms.py finds them, from
the access rules of every URL in the URLconf) is posted as the first role allowed on it, in two
rounds:

- writes: every text field filled with case information («Ola Nordmann f. 12.03.2015, fnr
  12031512345», «jenta heter Aisha»), all at once and one at a time, with and without the
  writer's confirmation past the guard, and every uploaded file named like a case;
- copies: every guarded text field already stored, and every uploaded file's name, holds case
  information (as if confirmed past the guard, or written before the guard), and each form is
  sent with the page's own values: a delete, a discard, a hire into a vacancy or a session on
  a plan must not copy what the object says.

After every request (each in a savepoint that is rolled back) every audit entry is read: the
case-information guard finds nothing in it, and none of the planted names, numbers and dates
is there. After the writes, every guarded text field holds nothing its guard flags, except
where the writer confirmed past a guard that allows it. `pytest -s` prints the forms and
requests per URL (with CASE_FUZZ_VERBOSE=1 each request and whether it was taken); the run
ends with a summary line (tests/conftest.py).
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, models, transaction
from django.test import Client
from django.urls import reverse

import laget
from conftest import World
from laget.core.audit import audit_findings, entry_text
from laget.core.models import AuditEntry
from laget.core.validators import case_guard_of
from laget.people.models import RosterImport
from laget.reports.models import ReportRevision, StatusReport, WithdrawnReportVersion
from laget.workforce.models import SickLeaveImport
from tests.access_rules import RULES
from tests.access_targets import own_and_foreign, url_kwargs
from tests.case_guard import CONFIRM
from tests.fuzz_targets import (
    BASELINE_HINTS,
    EXTRA_FIELDS,
    EXTRA_ROLES,
    HOST_PAGES,
    PREPARE,
    UPLOAD_COLUMNS,
    VARIANTS,
)
from tests.fuzz_values import FuzzField, csv_file, form_fields
from tests.html_forms import HtmlForm, forms_on
from tests.test_fuzz_forms import _refused, _role

LAGET = Path(laget.__file__).resolve().parent

# --- The structure: fixed sentences, one writer ---------------------------------------------


def _sources() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(LAGET.rglob("*.py")):
        if "migrations" in path.parts or "tests" in path.parts:
            continue
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _fixed_sentence(node: ast.expr) -> bool:
    """`_("…")` with one string written in the code, or a choice of two such."""
    if isinstance(node, ast.IfExp):
        return _fixed_sentence(node.body) and _fixed_sentence(node.orelse)
    return (
        isinstance(node, ast.Call)
        and _name(node.func) in ("_", "gettext", "gettext_lazy")
        and len(node.args) == 1
        and not node.keywords
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    )


def test_every_audit_summary_is_a_fixed_sentence():
    """Values reach a summary only through `values=` (numbers, choices, model classes:
    `laget.core.audit` refuses strings), so a summary cannot carry what a user wrote."""
    calls, loose = 0, []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _name(node.func) == "audit_record"):
                continue
            calls += 1
            summary = next((k.value for k in node.keywords if k.arg == "summary"), None)
            if summary is None or not _fixed_sentence(summary):
                loose.append(f"{path.relative_to(LAGET.parent)}:{node.lineno}")
    assert loose == [], 'audit_record(summary=…) must be _("a fixed sentence") (values=…)'
    print(f"\naudit: {calls} calls of audit_record, each with a fixed sentence")
    assert calls >= 40


def test_only_the_audit_module_writes_audit_entries():
    writers = []
    for path, tree in _sources():
        if path == LAGET / "core" / "audit.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and (
                _name(node.func) == "AuditEntry"
                or (
                    isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("create", "bulk_create", "update", "get_or_create")
                    and "AuditEntry" in ast.unparse(node.func.value)
                )
            ):
                writers.append(f"{path.relative_to(LAGET.parent)}:{node.lineno}")
    assert writers == []


# --- The fuzz ---------------------------------------------------------------------------------

CASE_TEXT = "Ola Nordmann f. 12.03.2015, fnr 12031512345"
CHILD_TEXT = "jenta heter Aisha"
CASE_FILE = "Ola Nordmann f. 12.03.2015, fnr 12031512345.csv"
#: What must never be found in the log, whatever the guard makes of it.
PLANTED = ("Nordmann", "12031512345", "12.03.2015", "Aisha")
#: Text fields Laget writes itself: none may hold what a user wrote.
LAGET_WRITTEN = [
    (ReportRevision, "summary"),
    (StatusReport, "audit_finding"),
    (WithdrawnReportVersion, "reason"),
]
#: The uploaded files' names: the user's text, kept while an import is pending.
FILE_NAMES = [(RosterImport, "file_name"), (SickLeaveImport, "file_name")]


def _guarded() -> list[tuple[type[models.Model], list[models.Field]]]:
    found = []
    for model in apps.get_models():
        fields = [
            f
            for f in model._meta.get_fields()
            if isinstance(f, models.CharField | models.TextField) and case_guard_of(f)
        ]
        if fields:
            found.append((model, fields))
    return found


def _flagged_in_log() -> list[str]:
    """Every audit entry the guard flags or that holds a planted text; and Laget's own text
    fields holding a planted text."""
    flagged = []
    for entry in AuditEntry.objects.all():
        findings = [f.message for f in audit_findings(entry.summary, entry.changes)]
        planted = [p for p in PLANTED if p in entry_text(entry)]
        if findings or planted:
            flagged.append(
                f"audit entry {entry.summary!r} {entry.changes!r}: {findings or planted}"
            )
    for model, name in LAGET_WRITTEN:
        for value in model.objects.values_list(name, flat=True):
            if any(p in value for p in PLANTED):
                flagged.append(f"{model._meta.label}.{name} {value!r}")
    return flagged


def _flagged_in_fields(confirmed: bool) -> set[str]:
    """Every guarded text field's value its guard flags; when the writer `confirmed`, not
    those whose guard lets a confirmation pass."""
    flagged = set()
    for model, fields in _guarded():
        checked = [f for f in fields if not (confirmed and case_guard_of(f).confirmable)]
        if not checked:
            continue
        for row in model.objects.values_list("pk", *[f.attname for f in checked]):
            for f, value in zip(checked, row[1:], strict=True):
                if value and case_guard_of(f).find(value):
                    flagged.add(f"{model._meta.label}.{f.name} #{row[0]}: {value!r}")
    return flagged


def _seed(value_for_register: str = "Ola Nordmann") -> int:
    """Every guarded text field and every uploaded file's name holds case information: a
    register field a name (what it may hold), the others the whole case text (as if
    confirmed past the guard), as much as the field's length allows."""
    rows = 0
    targets = [(model, f) for model, fields in _guarded() for f in fields]
    targets += [(model, model._meta.get_field(name)) for model, name in FILE_NAMES]
    for model, f in targets:
        guard = case_guard_of(f)
        if guard is not None and not guard.confirmable:
            wanted = [value_for_register]
        elif f in [model._meta.get_field(n) for m, n in FILE_NAMES if m is model]:
            wanted = [CASE_FILE, CASE_TEXT]
        else:
            wanted = [CASE_TEXT, "fnr 12031512345", "Ola Nordmann"]
        value = next(v for v in wanted if f.max_length is None or len(v) <= f.max_length)
        try:
            with transaction.atomic():
                rows += model.objects.update(**{f.attname: value})
        except IntegrityError:  # a unique name: each row its own
            for pk in model.objects.values_list("pk", flat=True):
                model.objects.filter(pk=pk).update(**{f.attname: f"{value} {pk}"[: f.max_length]})
                rows += 1
    return rows


def _is_text(f: FuzzField) -> bool:
    if f.kind != "text" or f.name == "confirm_no_case_information":
        return False
    return not (
        isinstance(f.django, forms.EmailField | forms.URLField)
        or f.html.kind in ("email", "url", "password")
    )


def _case_file(columns: list[tuple[str, str]] | None) -> list:
    headers = [h for h, _e in columns] if columns else ["Navn"]
    cells = [e for _h, e in columns] if columns else [CASE_TEXT]
    return [SimpleUploadedFile(CASE_FILE, csv_file(headers, [cells]))]


@dataclass
class CaseFuzz:
    client: Client
    session: str
    before_fields: set[str]
    requests: int = 0
    accepted: int = 0
    flagged: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)

    def send(self, form: HtmlForm, data: dict[str, list], label: str, *, writes: bool) -> None:
        """One request, in a savepoint that is rolled back, then the log (and after a write,
        the stored text) read for case information."""
        self.requests += 1
        for value in data.values():
            for item in value:
                if isinstance(item, SimpleUploadedFile):
                    item.seek(0)
        self.client.cookies = SimpleCookie()
        if self.session:
            self.client.cookies[django_settings.SESSION_COOKIE_NAME] = self.session
        where = f"POST {form.action} [{label}]"
        with transaction.atomic():
            try:
                response = self.client.post(form.action, {k: v for k, v in data.items() if v})
                refused = _refused(response)
                self.accepted += not refused
                self.outcomes.append(
                    f"  {'refused ' if refused else 'accepted'} {response.status_code} {where}"
                )
                found = _flagged_in_log()
                if writes:
                    confirmed = "confirm_no_case_information" in data
                    found += sorted(_flagged_in_fields(confirmed) - self.before_fields)
                self.flagged += [f"{where}: {item}" for item in found]
            finally:
                transaction.set_rollback(True)


def _cases():
    for name in sorted(RULES):
        if name == "accounts:logout":
            continue  # no fields, and it ends the session the rest needs
        roles = (_role(name), *EXTRA_ROLES.get(name, ()))
        for role in roles:
            if role == "anonymous":
                continue  # the login form: the audit log is for signed-in users' changes
            for variant in ({}, *VARIANTS.get(name, ())):
                suffix = "-".join(str(v) for v in variant.values())
                yield pytest.param(
                    name, role, variant, id="-".join(filter(None, [name, role, suffix]))
                )


def _post_forms(client: Client, page: str, url: str) -> tuple[list[HtmlForm], dict]:
    response = client.get(page)
    html = (
        response.content.decode()
        if response.status_code == 200 and response["Content-Type"].startswith("text/html")
        else ""
    )
    found = [f for f in forms_on(html, page) if f.action == url and f.method == "post"]
    return found, form_fields(response)


@pytest.mark.fuzz
@pytest.mark.parametrize(("name", "role", "variant"), list(_cases()))
def test_no_form_puts_case_information_in_the_audit_log(
    client, world: World, name: str, role: str, variant: dict, record_property
):
    rule = RULES[name]
    client.force_login(world.user(role))
    obj = own_and_foreign(world, role, rule.target)["own"]
    if name in PREPARE:
        PREPARE[name](obj)
    url = reverse(name, kwargs={**(url_kwargs(obj) or {}), **variant} or None)
    page = HOST_PAGES[name](obj, role) if rule.method == "post" else url
    found, context_fields = _post_forms(client, page, url)
    if rule.method == "post":
        assert found, f"{page} shows no form that posts to {url} (see HOST_PAGES)"
    if not found:
        pytest.skip(f"{url} has no form that posts")
    session = client.cookies.get(django_settings.SESSION_COOKIE_NAME)
    fuzz = CaseFuzz(
        client=client,
        session=session.value if session else "",
        before_fields=_flagged_in_fields(confirmed=False),
    )
    assert _flagged_in_log() == [], "the world holds case information before the fuzz"
    hints = BASELINE_HINTS.get(name, {})
    upload = UPLOAD_COLUMNS.get(name)

    def fields_of(form: HtmlForm) -> list[FuzzField]:
        form.fields.pop("csrfmiddlewaretoken", None)
        for extra in EXTRA_FIELDS.get(name, {}).values():
            form.add(extra)
        return [FuzzField(f, *context_fields.get(f.name, (None, []))) for f in form.fields.values()]

    def baseline(fields: list[FuzzField]) -> dict[str, list]:
        data = {f.name: _case_file(upload) if f.kind == "file" else f.baseline() for f in fields}
        return {**data, **{k: v for k, v in hints.items() if k in data}}

    # writes: case information in every text field and every file's name
    for form in found:
        fields = fields_of(form)
        texts = [f.name for f in fields if _is_text(f)]
        base = baseline(fields)
        if not texts:
            fuzz.send(form, base, "the page's values", writes=True)
            fuzz.send(
                form, {**base, **{k: [v] for k, v in CONFIRM.items()}}, "confirmed", writes=True
            )
            continue
        confirm = {k: [v] for k, v in CONFIRM.items()}
        every = {t: [CASE_TEXT] for t in texts}
        fuzz.send(form, {**base, **every}, "case text everywhere", writes=True)
        fuzz.send(
            form, {**base, **every, **confirm}, "case text everywhere, confirmed", writes=True
        )
        child = {t: [CHILD_TEXT] for t in texts}
        fuzz.send(form, {**base, **child, **confirm}, "a child's name, confirmed", writes=True)
        if len(texts) > 1:
            for t in texts:
                fuzz.send(form, {**base, t: [CASE_TEXT], **confirm}, f"{t}, confirmed", writes=True)

    # copies: what is stored holds case information; the forms send the page's own values
    seeded = _seed()
    found, context_fields = _post_forms(client, page, url)
    for form in found:
        fields = fields_of(form)
        base = baseline(fields)
        confirm = {k: [v] for k, v in CONFIRM.items()}
        fuzz.send(form, base, "stored case text, the page's values", writes=False)
        fuzz.send(form, {**base, **confirm}, "stored case text, confirmed", writes=False)

    record_property("case_fuzz_forms", len(found))
    record_property("case_fuzz_requests", fuzz.requests)
    record_property("case_fuzz_flagged", len(fuzz.flagged))
    print(
        f"case fuzz {name} as {role}: {len(found)} forms, {fuzz.requests} requests, "
        f"{fuzz.accepted} accepted, {seeded} stored values seeded, {len(fuzz.flagged)} flagged"
    )
    if os.environ.get("CASE_FUZZ_VERBOSE"):
        print("\n".join(fuzz.outcomes))
    assert fuzz.flagged == [], "\n".join(fuzz.flagged[:40])
