"""The report's pages as the browser asks for them: guidance and figures for the author, the
comment form for reviewers, the guard, downloads, what readers of a sent report do not see,
the admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from laget.core.models import AuditEntry
from laget.reports import services
from laget.reports.models import ReportComment
from laget.reports.tests.helpers import TODAY, status


@pytest.mark.django_db
def test_a_text_with_a_name_or_an_identity_number_needs_confirmation(client, world, report):
    client.force_login(world.user("leader"))
    url = reverse("reports:section_edit", kwargs={"report_id": report.pk, "key": "utfordringer"})
    response = client.post(url, {"text": "Kari i Trondheim sluttet, 01017012345."})
    assert response.status_code == 200
    assert "Ser ut som et navn: «Kari»" in response.content.decode()
    assert "Ser ut som et fødselsnummer" in response.content.decode()
    report.refresh_from_db()
    assert "utfordringer" not in report.texts
    # a place name alone is fine in a public report
    response = client.post(url, {"text": "Tjenesten i Trondheim samarbeider med Bufetat."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.texts["utfordringer"] == "Tjenesten i Trondheim samarbeider med Bufetat."


@pytest.mark.django_db
def test_the_leader_page_shows_guidance_and_the_reviewer_page_a_comment_form(client, world, report):
    client.force_login(world.user("leader"))
    page = client.get(reverse("reports:detail", kwargs={"report_id": report.pk})).content.decode()
    assert "<strong>Veiledning:</strong>" in page and "Skriv i «Kort oppsummering»" in page
    assert "Kapitler uten egen tekst ennå: 1 Kort oppsummering, 3 Presentasjon" in page
    assert (
        "2 Om barnevernet" not in page.split("Kapitler uten egen tekst ennå")[1].split(".</p>")[0]
    )
    assert "Kommenter rapporten" not in page
    client.force_login(world.user("municipal"))
    page = client.get(reverse("reports:detail", kwargs={"report_id": report.pk})).content.decode()
    assert "Kommenter rapporten" in page and "<strong>Veiledning:</strong>" not in page
    response = client.post(
        reverse("reports:comment_add", kwargs={"report_id": report.pk}),
        {"section_key": "sammendrag", "author_title": "saksordfører", "text": "Bra."},
    )
    assert response.status_code == 302
    assert ReportComment.objects.get().author_title == "saksordfører"


@pytest.mark.django_db
def test_downloads_are_audited_and_named(client, world, report):
    client.force_login(world.user("municipal"))
    response = client.get(
        reverse("reports:download", kwargs={"report_id": report.pk, "fmt": "docx"})
    )
    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="tilstandsrapport-2026-a-5001.docx"'
    )
    assert AuditEntry.objects.filter(action="export", object_type="reports.StatusReport").exists()
    assert (
        client.get(
            reverse("reports:download", kwargs={"report_id": report.pk, "fmt": "exe"})
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_the_admin_lists_reports_and_templates_without_editing_them(client, world, report):
    from laget.reports.models import ReportTemplate

    client.force_login(world.user("admin"))
    assert client.get(reverse("admin:reports_statusreport_changelist")).status_code == 200
    template = ReportTemplate.objects.get(version="bufdir-2021-ks-2024")
    page = client.get(reverse("admin:reports_reporttemplate_change", args=[template.pk]))
    assert page.status_code == 200 and "bufdir-2021-ks-2024" in page.content.decode()
    assert client.get(reverse("admin:reports_statusreport_add")).status_code == 403


@pytest.mark.django_db
def test_the_author_sees_the_chapters_figures_while_writing_it(client, world, report):
    client.force_login(world.user("leader"))
    page = client.get(
        reverse("reports:section_edit", kwargs={"report_id": report.pk, "key": "stabilitet"})
    ).content.decode()
    assert "Tallene Laget setter inn i dette kapitlet" in page
    assert "Turnover" in page and "Sykefravær" in page
    assert "Status mot kompetansekravet" not in page  # another chapter's figures
    empty = client.get(
        reverse("reports:section_edit", kwargs={"report_id": report.pk, "key": "samarbeid"})
    ).content.decode()
    assert "Tallene Laget setter inn" not in empty


@pytest.mark.django_db
def test_review_comments_are_not_shown_to_readers_of_the_sent_report(client, world, report):
    services.comment_add(
        actor=world.user("municipal"),
        report=report,
        key="sammendrag",
        title="",
        text="Intern merknad.",
    )
    status(world, report, "final")
    status(world, report, "sent", sent_on=TODAY)
    url = reverse("reports:detail", kwargs={"report_id": report.pk})
    for role, sees in (
        ("leader", True),
        ("hr", True),
        ("municipal", True),
        ("county", False),
        ("national", False),
    ):
        client.force_login(world.user(role))
        assert ("Intern merknad." in client.get(url).content.decode()) is sees, role
        # nor the versions, which hold the drafts
        history = client.get(reverse("reports:history", kwargs={"report_id": report.pk}))
        assert history.status_code == (200 if sees else 403), role


def test_finalising_first_says_what_will_happen_and_what_is_not_done(client, world, report):
    """«Ferdigstill og frys tallene» answers with what finalising does and what is missing
    (chapters without their own text, comments not handled); nothing is frozen until the
    leader confirms."""
    ReportComment.objects.create(
        report=report,
        section_key=report.template.sections[0]["key"],
        author=world.user("municipal"),
        author_name="Kari Kommune",
        text="Skriv mer om rekruttering.",
        revision_number=1,
    )
    client.force_login(world.user("leader"))
    url = reverse("reports:status", kwargs={"report_id": report.pk})
    response = client.post(url, {"to": "final"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ferdigstill og frys tallene?" in body
    assert "kapitler uten egen tekst" in body
    assert "1 kommentar ikke behandlet" in body and "Ferdigstill likevel" in body
    report.refresh_from_db()
    assert report.status == "draft" and report.snapshot is None
    response = client.post(url, {"to": "final", "confirmed": "1"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "final" and report.snapshot is not None
