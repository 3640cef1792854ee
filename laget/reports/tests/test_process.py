"""The report's process: who sees and edits what, statuses, comments, versions, the guard,
and the command line."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from laget.competence.services import bundled_rule_sets_load
from laget.core.models import AuditEntry
from laget.organisations.services import reference_data_load
from laget.reports import access, services
from laget.reports.models import ReportComment, Status, StatusReport, bundled_templates_load
from laget.reports.tests.helpers import NOW, TODAY, new_report, status


@pytest.mark.django_db
def test_only_the_services_leader_creates_and_edits(world, report):
    for role in ("hr", "municipal", "county", "national", "admin"):
        assert not access.can_edit(world.user(role), report)
        with pytest.raises(PermissionDenied):
            services.section_save(actor=world.user(role), report=report, key="sammendrag", text="x")
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
    status(world, report, "final")
    assert not access.reports_visible(world.user("county")).filter(pk=report.pk).exists()
    status(world, report, "sent", sent_on=date(2026, 12, 10), council_reference="26/123")
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
    status(world, report, "final")
    with pytest.raises(PermissionDenied):
        services.comment_add(
            actor=world.user("municipal"), report=report, key="sammendrag", title="", text="x"
        )


@pytest.mark.django_db
def test_every_save_and_status_is_a_version(world, report):
    leader = world.user("leader")
    services.section_save(actor=leader, report=report, key="sammendrag", text="Første utkast.")
    services.section_save(
        actor=leader, report=report, key="sammendrag", text="Første utkast."
    )  # unchanged: no version
    status(world, report, "comments")
    services.section_save(actor=leader, report=report, key="sammendrag", text="Andre utkast.")
    status(world, report, "final")
    revisions = list(report.revisions.order_by("number"))
    assert [r.number for r in revisions] == [1, 2, 3, 4, 5]
    assert revisions[1].texts["sammendrag"] == "Første utkast."
    assert revisions[3].texts["sammendrag"] == "Andre utkast."
    assert [r.status for r in revisions] == ["draft", "draft", "comments", "comments", "final"]
    assert AuditEntry.objects.filter(object_type="reports.StatusReport").count() >= 5


@pytest.mark.django_db
def test_statuses_follow_the_process(world, report):
    with pytest.raises(ValidationError, match="Ukjent status"):
        status(world, report, "published")
    with pytest.raises(ValidationError):
        status(world, report, "sent", sent_on=TODAY)  # a draft cannot be sent
    status(world, report, "final")
    assert report.snapshot is not None and report.finalised_at == NOW
    with pytest.raises(ValidationError):
        services.section_save(actor=world.user("leader"), report=report, key="sammendrag", text="x")
    with pytest.raises(ValidationError):
        status(world, report, "sent")  # the date is required
    status(world, report, "draft")  # reopened: the frozen figures go
    assert report.snapshot is None and report.finalised_at is None
    status(world, report, "final")
    status(world, report, "sent", sent_on=TODAY)
    assert report.status == Status.SENT and report.sent_on == TODAY
    with pytest.raises(ValidationError):
        status(world, report, "draft")  # sent is for good


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
    services.section_save(actor=world.user("leader"), report=report, key="sammendrag", text="A")
    services.section_save(actor=second, report=stale, key="samarbeid", text="B")
    report.refresh_from_db()
    assert report.texts["sammendrag"] == "A" and report.texts["samarbeid"] == "B"


@pytest.mark.django_db
def test_without_a_template_in_force_the_report_is_refused_not_a_crash(world):
    from laget.reports.models import ReportTemplate, bundled_templates_load

    ReportTemplate.objects.all().delete()
    with pytest.raises(ValidationError, match="Ingen mal"):
        new_report(world.service_a, actor=world.user("leader"))
    assert bundled_templates_load() == 2
    assert bundled_templates_load() == 0  # never twice
    report = new_report(world.service_a, actor=world.user("leader"))
    assert report.template.version == "bufdir-2021-ks-2024"


@pytest.mark.django_db
def test_open_comments_name_the_chapter_and_bad_input_is_refused_with_a_message(
    client, world, report
):
    comment = services.comment_add(
        actor=world.user("municipal"), report=report, key="utfordringer", title="", text="Mer."
    )
    client.force_login(world.user("leader"))
    url = reverse("reports:detail", kwargs={"report_id": report.pk})
    page = client.get(url).content.decode()
    # the list of comments waiting names the chapter and leads to the thread, which has the text
    assert f'href="#k-{comment.pk}">{comment.author_name} om 6 Utfordringer</a>' in page
    assert "Mer." in page.split(f'id="k-{comment.pk}"')[1].split("</li>")[0]
    response = client.post(
        reverse("reports:comparisons", kwargs={"report_id": report.pk}),
        {"comparisons": ["galaxy"]},
        follow=True,
    )
    assert "Velg blant sammenligningene" in response.content.decode()
    report.refresh_from_db()
    assert report.comparisons == []
    client.force_login(world.user("municipal"))
    refused = client.post(
        reverse("reports:comment_add", kwargs={"report_id": report.pk}),
        {"section_key": "finnes-ikke", "text": ""},
    )
    assert refused.status_code == 400
    assert "Kommentaren er ikke lagret" in refused.content.decode()
    assert ReportComment.objects.count() == 1


@pytest.mark.django_db
def test_the_county_batch_refuses_a_senseless_number_of_processes(world, tmp_path):
    with pytest.raises(CommandError, match="--jobs"):
        call_command(
            "report", county="50", year=TODAY.year, format="html", out_dir=str(tmp_path), jobs=0
        )
    assert not list(tmp_path.glob("*.html"))


@pytest.fixture
def migrations_data(transactional_db):
    """What the migrations load, loaded again (it is idempotent): pytest-django runs tests
    with committed data last, after the browser tests have emptied the database."""
    reference_data_load()
    bundled_rule_sets_load()
    bundled_templates_load()


@pytest.mark.django_db(transaction=True)
def test_the_county_batch_on_two_processes_writes_every_report(
    migrations_data, world, tmp_path, capsys
):
    """On a database other processes see (PostgreSQL, an SQLite file), each service's reports
    are made in a process of its own; the output and the files are the same."""
    call_command(
        "report", county="50", year=TODAY.year, format="html", out_dir=str(tmp_path), jobs=2
    )
    output = capsys.readouterr().out
    assert "[4/4]" in output and "4 rapporter" in output
    assert len(list(tmp_path.glob("*.html"))) == 4
