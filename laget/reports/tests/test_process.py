"""The report's process: who sees and edits what, statuses, comments, versions, the guard,
and the command line."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from laget.core.models import AuditEntry
from laget.reports import access, services
from laget.reports.models import ReportComment, Status, StatusReport
from laget.reports.tests.helpers import NOW, TODAY, new_report


@pytest.fixture
def report(world):
    return new_report(world.service_a, actor=world.user("leader"))


def _status(world, report, to, **kwargs):
    services.status_change(
        actor=world.user("leader"), report=report, to=to, today=TODAY, now=NOW, **kwargs
    )
    report.refresh_from_db()


@pytest.mark.django_db
def test_only_the_services_leader_creates_and_edits(world, report):
    for role in ("hr", "municipal", "county", "national", "admin"):
        assert not access.can_edit(world.user(role), report)
        with pytest.raises(PermissionDenied):
            services.section_save(
                actor=world.user(role), report=report, key="sammendrag", text="x", overridden=False
            )
    with pytest.raises(PermissionDenied):
        new_report(world.service_a, actor=world.user("hr"))


@pytest.mark.django_db
def test_one_report_per_municipality_and_year(world, report):
    with pytest.raises(ValidationError):
        new_report(world.service_a, actor=world.user("leader"))
    with pytest.raises(ValidationError):  # Bergen is not served by A
        new_report(world.service_a, world.service_c.host_municipality, actor=world.user("leader"))


@pytest.mark.django_db
def test_an_inter_municipal_service_has_one_report_per_member(world):
    leader = world.user("leader")
    leader.role_assignments.create(role="leader", service=world.service_b)
    for municipality in world.service_b.municipalities.all():
        new_report(world.service_b, municipality, actor=leader)
    assert StatusReport.objects.filter(service=world.service_b).count() == 3


@pytest.mark.django_db
def test_nobody_else_sees_a_draft(world, report):
    visible = {
        role
        for role in world.users
        if access.reports_visible(world.user(role)).filter(pk=report.pk).exists()
    }
    assert visible == {"leader", "hr", "municipal", "admin"}


@pytest.mark.django_db
def test_another_member_municipality_does_not_see_the_draft_for_os(world):
    leader = world.user("leader")
    leader.role_assignments.create(role="leader", service=world.service_b)
    os_report = new_report(
        world.service_b, world.service_b.municipalities.get(number="3430"), actor=leader
    )
    roros_report = new_report(world.service_b, actor=leader)
    os_user = world.user("municipal_os")
    assert list(access.reports_visible(os_user)) == [os_report]
    assert not access.reports_visible(os_user).filter(pk=roros_report.pk).exists()


@pytest.mark.django_db
def test_a_sent_report_is_public_to_those_who_see_the_service(world, report):
    _status(world, report, "final")
    assert not access.reports_visible(world.user("county")).filter(pk=report.pk).exists()
    _status(world, report, "sent", sent_on=date(2026, 12, 10), council_reference="26/123")
    for role in ("county", "national", "leader", "municipal"):
        assert access.reports_visible(world.user(role)).filter(pk=report.pk).exists(), role
    for role in ("county_other", "municipal_os", "employee", "no_role"):
        assert not access.reports_visible(world.user(role)).filter(pk=report.pk).exists(), role


@pytest.mark.django_db
def test_reviewers_comment_with_their_names_per_section(world, report):
    municipal = world.user("municipal")
    municipal.first_name, municipal.last_name = "Kari", "Kommunedirektør"
    municipal.save()
    comment = services.comment_add(
        actor=municipal,
        report=report,
        key="utfordringer",
        title="kommunedirektør",
        text="Beskriv rekrutteringen mer.",
    )
    assert (comment.author_name, comment.author_title, comment.section_key) == (
        "Kari Kommunedirektør",
        "kommunedirektør",
        "utfordringer",
    )
    assert comment.revision_number == 1
    services.comment_add(
        actor=world.user("hr"),
        report=report,
        key="stabilitet",
        title="HR",
        text="Legg til sykefraværsrutinen.",
    )
    for role in ("leader", "county", "municipal_os"):
        with pytest.raises(PermissionDenied):
            services.comment_add(
                actor=world.user(role), report=report, key="utfordringer", title="", text="x"
            )
    services.comment_handled(actor=world.user("leader"), comment=comment, now=NOW)
    comment.refresh_from_db()
    assert comment.handled_at == NOW


@pytest.mark.django_db
def test_no_comments_once_final(world, report):
    _status(world, report, "final")
    with pytest.raises(PermissionDenied):
        services.comment_add(
            actor=world.user("municipal"), report=report, key="sammendrag", title="", text="x"
        )


@pytest.mark.django_db
def test_every_save_and_status_is_a_version(world, report):
    leader = world.user("leader")
    services.section_save(
        actor=leader, report=report, key="sammendrag", text="Første utkast.", overridden=False
    )
    services.section_save(
        actor=leader, report=report, key="sammendrag", text="Første utkast.", overridden=False
    )  # unchanged: no version
    _status(world, report, "comments")
    services.section_save(
        actor=leader, report=report, key="sammendrag", text="Andre utkast.", overridden=False
    )
    _status(world, report, "final")
    revisions = list(report.revisions.order_by("number"))
    assert [r.number for r in revisions] == [1, 2, 3, 4, 5]
    assert revisions[1].texts["sammendrag"] == "Første utkast."
    assert revisions[3].texts["sammendrag"] == "Andre utkast."
    assert [r.status for r in revisions] == ["draft", "draft", "comments", "comments", "final"]
    assert AuditEntry.objects.filter(object_type="reports.StatusReport").count() >= 5


@pytest.mark.django_db
def test_statuses_follow_the_process(world, report):
    with pytest.raises(ValidationError, match="Ukjent status"):
        _status(world, report, "published")
    with pytest.raises(ValidationError):
        _status(world, report, "sent", sent_on=TODAY)  # a draft cannot be sent
    _status(world, report, "final")
    assert report.snapshot is not None and report.finalised_at == NOW
    with pytest.raises(ValidationError):
        services.section_save(
            actor=world.user("leader"), report=report, key="sammendrag", text="x", overridden=False
        )
    with pytest.raises(ValidationError):
        _status(world, report, "sent")  # the date is required
    _status(world, report, "draft")  # reopened: the frozen figures go
    assert report.snapshot is None and report.finalised_at is None
    _status(world, report, "final")
    _status(world, report, "sent", sent_on=TODAY)
    assert report.status == Status.SENT and report.sent_on == TODAY
    with pytest.raises(ValidationError):
        _status(world, report, "draft")  # sent is for good


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
def test_the_command_writes_every_format(world, tmp_path):
    for fmt, magic in (("docx", b"PK"), ("pdf", b"%PDF"), ("html", b"<!DOCTYPE")):
        out = tmp_path / f"r.{fmt}"
        call_command(
            "report", service="a", municipality="5001", year=TODAY.year, format=fmt, out=str(out)
        )
        assert out.read_bytes().startswith(magic)


@pytest.mark.django_db
def test_the_command_refuses_bad_input(world, tmp_path):
    with pytest.raises(CommandError, match="betjener ikke"):
        call_command(
            "report",
            service="a",
            municipality="4601",
            year=TODAY.year,
            format="pdf",
            out=str(tmp_path / "x"),
        )
    with pytest.raises(CommandError, match="Fant ingen tjeneste"):
        call_command(
            "report",
            service="zz",
            municipality="5001",
            year=TODAY.year,
            format="pdf",
            out=str(tmp_path / "x"),
        )
    with pytest.raises(CommandError, match="Året"):
        call_command(
            "report",
            service="a",
            municipality="5001",
            year=1999,
            format="pdf",
            out=str(tmp_path / "x"),
        )
    assert not (tmp_path / "x").exists()


@pytest.mark.django_db
def test_the_command_makes_a_countys_batch_with_progress(world, tmp_path, capsys):
    call_command("report", county="50", year=TODAY.year, format="html", out_dir=str(tmp_path))
    output = capsys.readouterr().out
    # Trøndelag: A (Trondheim) and B (Røros, Holtålen, Os): four reports
    assert "[4/4]" in output and "4 rapporter" in output
    assert len(list(tmp_path.glob("*.html"))) == 4


@pytest.mark.django_db
def test_two_leaders_writing_two_chapters_keep_both(world, report):
    second = world.user("national")  # any user, made a leader of the service
    second.role_assignments.all().delete()
    second.role_assignments.create(role="leader", service=world.service_a)
    stale = StatusReport.objects.get(pk=report.pk)  # opened before the first save
    services.section_save(
        actor=world.user("leader"), report=report, key="sammendrag", text="A", overridden=False
    )
    services.section_save(actor=second, report=stale, key="samarbeid", text="B", overridden=False)
    report.refresh_from_db()
    assert report.texts["sammendrag"] == "A" and report.texts["samarbeid"] == "B"


@pytest.mark.django_db
def test_without_a_template_in_force_the_report_is_refused_not_a_crash(world):
    from laget.reports.models import ReportTemplate, bundled_templates_load

    ReportTemplate.objects.all().delete()
    with pytest.raises(ValidationError, match="Ingen mal"):
        new_report(world.service_a, actor=world.user("leader"))
    assert bundled_templates_load() == 1
    assert bundled_templates_load() == 0  # never twice
    assert new_report(world.service_a, actor=world.user("leader")).template.version == "bufdir-2021"


@pytest.mark.django_db
def test_the_admin_lists_reports_and_templates_without_editing_them(client, world, report):
    from laget.reports.models import ReportTemplate

    client.force_login(world.user("admin"))
    assert client.get(reverse("admin:reports_statusreport_changelist")).status_code == 200
    template = ReportTemplate.objects.get()
    page = client.get(reverse("admin:reports_reporttemplate_change", args=[template.pk]))
    assert page.status_code == 200 and "bufdir-2021" in page.content.decode()
    assert client.get(reverse("admin:reports_statusreport_add")).status_code == 403


@pytest.mark.django_db
def test_the_author_sees_the_chapters_figures_while_writing_it(client, world, report):
    client.force_login(world.user("leader"))
    page = client.get(
        reverse("reports:section_edit", kwargs={"report_id": report.pk, "key": "stabilitet"})
    ).content.decode()
    assert "Tallene Laget setter inn i dette kapitlet" in page
    assert "Turnover og gjennomtrekk" in page and "Sykefravær" in page
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
    _status(world, report, "final")
    _status(world, report, "sent", sent_on=TODAY)
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
