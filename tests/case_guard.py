"""Shared by the tests of forms under the case-information guard: the text the guard must stop,
and what a refusal and a confirmed override look like."""

from __future__ import annotations

import json

from django.db import models

from laget.core.models import AuditEntry

#: A name, an identity number and a date of birth: what the guard exists to stop.
CASE_TEXT = "Saken til Kari Nordmann, 12031512345, født 12.03.2015"
CONFIRM = {"confirm_no_case_information": "on"}
REFUSAL = "Teksten kan inneholde opplysninger som identifiserer en sak"


def assert_refused(response) -> None:
    """Refused with the guard's message, the findings and the confirmation to tick."""
    assert response.status_code == 400
    page = response.content.decode()
    assert REFUSAL in page
    assert "Ser ut som et fødselsnummer: «12031512345»" in page
    assert "Ser ut som et navn: «Kari Nordmann»" in page
    assert 'name="confirm_no_case_information"' in page


def assert_override_entry(obj: models.Model, actor) -> None:
    """One audit entry says who confirmed past the guard on `obj`, with the kinds of warning."""
    entry = AuditEntry.objects.get(
        changes__has_key="case_guard_override",
        object_type=obj._meta.label,
        object_id=str(obj.pk),
    )
    assert entry.actor == actor
    assert entry.changes == {"case_guard_override": ["birth_date", "fnr", "name"]}


def assert_override_logged(obj: models.Model, actor) -> None:
    """One audit entry says who confirmed past the guard on `obj`, with the kinds of warning;
    no audit entry holds the number, the name or the date."""
    entry = AuditEntry.objects.get(
        changes__has_key="case_guard_override",
        object_type=obj._meta.label,
        object_id=str(obj.pk),
    )
    assert entry.actor == actor
    assert entry.changes == {"case_guard_override": ["birth_date", "fnr", "name"]}
    logged = json.dumps(list(AuditEntry.objects.values()), default=str, ensure_ascii=False)
    for secret in ("12031512345", "Nordmann", "12.03.2015"):
        assert secret not in logged
