"""A report that failed the small-number check: flagged to its leaders only; the corrected
version replaces it for every reader, and the old one stays with the service."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from laget.core.models import AuditEntry
from laget.reports import corrections
from laget.reports.checking import audit_reports
from laget.reports.models import Status, StatusReport, WithdrawnReportVersion
from laget.reports.tests.helpers import NOW, new_report, status

FLAG = "besto ikke kontrollen av små tall"


@pytest.fixture
def legacy(world, report):
    """Service A's report, sent to the council before Laget stored what it published."""
    status(world, report, "final")
    status(world, report, "sent", sent_on=date(2026, 12, 10), council_reference="26/123")
    del report.snapshot["published"]
    StatusReport.objects.filter(pk=report.pk).update(snapshot=report.snapshot)
    audit_reports(now=NOW)
    report.refresh_from_db()
    return report


def _page(client, user, name: str, report, **kwargs):
    client.force_login(user)
    return client.get(reverse(name, kwargs={"report_id": report.pk, **kwargs}))


@pytest.mark.django_db
def test_the_failure_is_flagged_to_the_leaders_and_not_outside_the_service(client, world, legacy):
    page = _page(client, world.user("leader"), "reports:detail", legacy).content.decode()
    assert FLAG in page and "Lag rettet versjon" in page and "Kan ikke kontrolleres" in page
    hr = _page(client, world.user("hr"), "reports:detail", legacy).content.decode()
    assert FLAG in hr and "Lag rettet versjon" not in hr  # HR sees it; only leaders correct
    for role in ("municipal", "county", "national"):
        page = _page(client, world.user(role), "reports:detail", legacy).content.decode()
        assert FLAG not in page and "kontrolleres" not in page, role
    client.force_login(world.user("leader"))
    index = client.get(reverse("reports_service:index", kwargs={"pk": world.service_a.pk}))
    assert FLAG in index.content.decode()
    client.force_login(world.user("county"))
    index = client.get(reverse("reports_service:index", kwargs={"pk": world.service_a.pk}))
    assert FLAG not in index.content.decode()


@pytest.mark.django_db
def test_the_corrected_version_replaces_the_sent_one(client, world, legacy):
    original_as_of, original_final = legacy.snapshot["as_of"], legacy.finalised_at
    confirm = _page(client, world.user("leader"), "reports:correct", legacy).content.decode()
    assert "Dette skjer når du lager en rettet versjon" in confirm
    assert "må sendes kommunestyret på nytt" in confirm
    response = client.post(
        reverse("reports:status", kwargs={"report_id": legacy.pk}), {"to": "rettet"}
    )
    assert response.status_code == 302
    legacy.refresh_from_db()
    assert legacy.status == Status.FINAL and legacy.sent_on is None
    assert legacy.council_reference == "" and legacy.finalised_at != original_final
    assert legacy.snapshot["as_of"] == original_as_of and "published" in legacy.snapshot
    assert not legacy.audit_failed and legacy.audit_finding.startswith("Bestått")
    old = legacy.withdrawn_versions.get()
    assert old.sent_on == date(2026, 12, 10) and old.council_reference == "26/123"
    assert old.reason.startswith("Kan ikke kontrolleres") and old.finalised_at == original_final
    assert "Rettet versjon" in legacy.revisions.first().summary
    assert AuditEntry.objects.filter(summary__startswith="Rettet versjon").exists()
    # everyone reads the corrected version, told what it replaces
    line = f"Rettet versjon, erstatter versjonen ferdigstilt {original_final:%d.%m.%Y}"
    page = _page(client, world.user("municipal"), "reports:detail", legacy).content.decode()
    assert line in page and FLAG not in page


@pytest.mark.django_db
def test_the_withdrawn_version_stays_with_the_service(client, world, legacy):
    corrections.report_correct(actor=world.user("leader"), report=legacy, now=NOW)
    version = legacy.withdrawn_versions.get()
    for role in ("leader", "hr"):
        listing = _page(client, world.user(role), "reports:withdrawn", legacy)
        assert listing.status_code == 200 and "26/123" in listing.content.decode()
        old = client.get(
            reverse("reports:withdrawn_download", kwargs={"report_id": legacy.pk, "fmt": "html"}),
            {"versjon": version.pk},
        )
        assert old.status_code == 200
        assert "erstattet av en rettet versjon" in old.content.decode()
    for role in ("municipal", "county"):
        assert _page(client, world.user(role), "reports:withdrawn", legacy).status_code == 404
        old = client.get(
            reverse("reports:withdrawn_download", kwargs={"report_id": legacy.pk, "fmt": "html"}),
            {"versjon": version.pk},
        )
        assert old.status_code == 404, role


@pytest.mark.django_db
def test_a_version_of_another_report_is_not_found(client, world, legacy, report):
    corrections.report_correct(actor=world.user("leader"), report=legacy, now=NOW)
    other = new_report(world.service_b)
    client.force_login(world.user("admin"))
    url = reverse("reports:withdrawn_download", kwargs={"report_id": other.pk, "fmt": "html"})
    version = legacy.withdrawn_versions.get()
    assert client.get(url, {"versjon": version.pk}).status_code == 404
    assert client.get(url, {"versjon": "x"}).status_code == 404


@pytest.mark.django_db
def test_only_a_failed_published_report_is_corrected_and_only_by_its_leaders(world, report):
    with pytest.raises(ValidationError):  # a draft
        corrections.report_correct(actor=world.user("leader"), report=report, now=NOW)
    status(world, report, "final")
    with pytest.raises(ValidationError, match="besto kontrollen"):
        corrections.report_correct(actor=world.user("leader"), report=report, now=NOW)
    StatusReport.objects.filter(pk=report.pk).update(audit_failed=True)
    for role in ("hr", "municipal", "admin"):
        with pytest.raises(PermissionDenied):
            corrections.report_correct(actor=world.user(role), report=report, now=NOW)
    assert not WithdrawnReportVersion.objects.exists()


@pytest.mark.django_db
def test_asking_to_correct_a_report_that_passed_changes_nothing(client, world, report):
    status(world, report, "final")
    before = StatusReport.objects.get(pk=report.pk)
    client.force_login(world.user("leader"))
    page = client.get(reverse("reports:correct", kwargs={"report_id": report.pk}))
    assert "ingenting å rette" in page.content.decode()
    client.post(reverse("reports:status", kwargs={"report_id": report.pk}), {"to": "rettet"})
    after = StatusReport.objects.get(pk=report.pk)
    assert after.finalised_at == before.finalised_at and after.snapshot == before.snapshot
    assert not WithdrawnReportVersion.objects.exists()
