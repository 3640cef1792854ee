"""Sick-leave import: every row error at once, nothing changed on error, rates as by hand."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook

from laget.core.models import AuditEntry
from laget.core.tabular import read_table
from laget.organisations.models import ServiceUnit
from laget.workforce.models import SickLeaveImport, SickLeaveMonth
from laget.workforce.selectors import workforce_overview
from laget.workforce.sick_leave_import import check, sick_leave_import_apply

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)
HEADER = "Måned;Enhet;Avtalte dagsverk;Egenmeldte fraværsdagsverk;Legemeldte fraværsdagsverk;Antall ansatte"


def _csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def _upload(client, service, content: bytes, name: str = "sykefravaer.csv"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(
        reverse("workforce:sick_leave_upload", kwargs={"pk": service.pk}), {"file": file}
    )


def test_a_good_file_is_checked_previewed_and_imported(client, world):
    client.force_login(world.user("leader"))
    content = _csv(
        "2025-01;;2000;30;170;100",
        "02.2025;;1800;20,5;79,5;100",
        "2025-03-01;;2100;25;125;101",
    )
    response = _upload(client, world.service_a, content)
    pending = SickLeaveImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "workforce:sick_leave_preview", kwargs={"pk": world.service_a.pk, "import_id": pending.pk}
    )
    assert not SickLeaveMonth.objects.exists()  # nothing stored before confirmation
    preview = client.get(response["Location"]).content.decode()
    assert "10,0\u00a0%" in preview and "5,6\u00a0%" in preview  # 200/2000 and 100/1800
    response = client.post(response["Location"])
    assert response.status_code == 302
    assert SickLeaveMonth.objects.filter(service=world.service_a).count() == 3
    assert AuditEntry.objects.filter(summary__contains="Importerte sykefravær").exists()
    # the quarter by hand: (200 + 100 + 150) lost of (2000 + 1800 + 2100) agreed
    overview = workforce_overview(
        user=world.user("leader"), services=[world.service_a], today=TODAY
    )
    year = next(r for r in overview.rows if r.year == 2025)
    assert year.sick_leave.value == pytest.approx(450 / 5900)
    assert year.sick_self.value == pytest.approx(75.5 / 5900)
    assert dict(overview.sick_quarters)["2025-K1"].value == pytest.approx(450 / 5900)
    page = client.get(reverse("workforce:service", kwargs={"pk": world.service_a.pk}))
    assert "1. kvartal 2025" in page.content.decode() and "2025-K1" not in page.content.decode()


def test_a_bad_file_lists_every_row_error_and_changes_nothing(client, world):
    SickLeaveMonth.objects.create(
        service=world.service_a,
        month=date(2025, 1, 1),
        agreed_days=Decimal(1000),
        self_certified_days=Decimal(10),
        doctor_certified_days=Decimal(40),
        persons=50,
    )
    client.force_login(world.user("hr"))
    content = _csv(
        "2025-01;;2000;30;170;100",  # fine, and would replace the stored month
        "2025-13;;2000;30;170;100",  # no such month
        "2025-02;Ukjent enhet;2000;30;170;100",
        "2025-03;;100;60;70;10",  # more lost than agreed
        "2025-04;;tusen;-3;1;10,5",  # not a number, negative, persons not whole
        "2027-01;;2000;30;170;100",  # in the future
        "2025-01;;2000;30;170;100",  # the same month twice
        "2025-05;;;30;170;",  # missing agreed days and persons
    )
    response = _upload(client, world.service_a, content)
    assert response.status_code == 422
    page = response.content.decode()
    for expected in (
        "«2025-13» er ikke en måned",
        "Enheten «Ukjent enhet» finnes ikke",
        "er flere enn de avtalte",
        "«Avtalte dagsverk» må være et tall",
        "kan ikke være negativ",
        "må være et helt tall",
        "2027-01 er ikke begynt",
        "står også på rad 2",
        "«Avtalte dagsverk» mangler",
        "«Antall ansatte» mangler",
    ):
        assert expected in page, expected
    assert "7 rader har feil" in page
    assert not SickLeaveImport.objects.exists()
    stored = SickLeaveMonth.objects.get()
    assert (stored.agreed_days, stored.persons) == (Decimal(1000), 50)


def test_missing_columns_and_unreadable_files_are_explained(client, world):
    client.force_login(world.user("leader"))
    response = _upload(client, world.service_a, _csv("2025-01;2000", header="Måned;Avtalte"))
    page = response.content.decode()
    assert response.status_code == 422
    assert "Kolonnen «Egenmeldte fraværsdagsverk» mangler" in page
    assert "Kolonnen «Antall ansatte» mangler" in page
    response = _upload(client, world.service_a, b"PK\x03\x04broken", name="fil.xlsx")
    assert (
        response.status_code == 422 and "Excel-filen kunne ikke leses" in response.content.decode()
    )
    response = _upload(client, world.service_a, b"x", name="fil.pdf")
    assert response.status_code == 400
    assert not SickLeaveMonth.objects.exists()


def test_short_and_long_term_must_add_up_and_units_are_summed(world):
    unit_a = ServiceUnit.objects.create(service=world.service_a, name="Mottak")
    ServiceUnit.objects.create(service=world.service_a, name="Tiltak")
    header = HEADER + ";Korttidsfravær;Langtidsfravær"
    table = read_table(
        "f.csv",
        _csv(
            "2025-01;Mottak;1000;10;90;50;30;70",
            "2025-01;tiltak;500;5;20;25;10;15",
            "2025-02;Mottak;1000;10;90;50;30;60",  # 90 is not 100
            "2025-03;Mottak;1000;10;90;50;30;",  # only one of them
            header=header,
        ),
    )
    checked = check(world.service_a, table, TODAY)
    assert [number for number, _errors in checked.row_errors] == [4, 5]
    assert "er ikke lik egenmeldt + legemeldt" in checked.row_errors[0][1][0]
    assert "både korttids- og langtidsfravær" in checked.row_errors[1][1][0]
    good = check(
        world.service_a,
        read_table(
            "f.csv",
            _csv(
                "2025-01;Mottak;1000;10;90;50;30;70",
                "2025-01;Tiltak;500;5;20;25;10;15",
                header=header,
            ),
        ),
        TODAY,
    )
    assert good.ok and good.rows[0]["unit_id"] == unit_a.pk
    sick_leave_import_apply(actor=world.user("leader"), service=world.service_a, rows=good.rows)
    overview = workforce_overview(
        user=world.user("leader"), services=[world.service_a], today=TODAY
    )
    year = next(r for r in overview.rows if r.year == 2025)
    assert year.sick_leave.value == pytest.approx(125 / 1500)  # both units together
    assert year.sick_leave.n == 6  # the file says 50 + 25; the register has 6 in the service
    assert year.sick_short.value == pytest.approx(40 / 1500)
    assert year.sick_long.value == pytest.approx(85 / 1500)
    units = dict(overview.sick_units)
    assert units["Mottak"].value == pytest.approx(0.1)
    assert units["Tiltak"].value == pytest.approx(25 / 500)


def test_an_xlsx_file_and_reimporting_replaces_months(world):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Måned", "Avtalte dagsverk", "Egenmeldt", "Legemeldt", "Antall ansatte"])
    sheet.append([date(2025, 6, 1), 1000, 10, 40, 48])
    buffer = io.BytesIO()
    workbook.save(buffer)
    checked = check(world.service_a, read_table("f.xlsx", buffer.getvalue()), TODAY)
    assert checked.ok, checked.row_errors
    leader = world.user("leader")
    assert sick_leave_import_apply(actor=leader, service=world.service_a, rows=checked.rows) == (
        1,
        0,
    )
    again = check(world.service_a, read_table("f.csv", _csv("2025-06;;1000;20;60;48")), TODAY)
    assert sick_leave_import_apply(actor=leader, service=world.service_a, rows=again.rows) == (0, 1)
    stored = SickLeaveMonth.objects.get()
    assert stored.self_certified_days == Decimal(20)


def test_the_template_downloads_and_imports_as_is(client, world):
    client.force_login(world.user("leader"))
    response = client.get(
        reverse("workforce:sick_leave_template", kwargs={"pk": world.service_a.pk})
    )
    assert response.status_code == 200
    checked = check(world.service_a, read_table("mal.xlsx", response.content), TODAY)
    assert checked.ok, (checked.errors, checked.row_errors)


def test_numbers_out_of_range_are_refused_with_their_row_and_store_nothing(client, world):
    client.force_login(world.user("leader"))
    content = _csv(
        "2025-05;;99999999999999;1;2;3",  # more agreed days than 3 persons have in May
        "2025-06;;1e400;1;2;3",
        "2025-07;;100;1;2;999999999999999999999",  # more staff than a service can have
        "2025-08;;NaN;1;2;3",
        "2025-09;;80;1;Infinity;3",
    )
    response = _upload(client, world.service_a, content)
    assert response.status_code == 422
    page = response.content.decode()
    assert page.count("er flere enn 3 ansatte kan ha på en måned") == 2
    assert "«Antall ansatte» må være minst 1 og høyst 5\u00a0000 ansatte" in page
    assert "5 rader har feil" in page
    assert not SickLeaveImport.objects.exists() and not SickLeaveMonth.objects.exists()


def test_year_zero_is_not_a_month(client, world):
    """Found by the fuzz (tests/test_fuzz_forms.py): «0000-01» was a server error."""
    client.force_login(world.user("leader"))
    response = _upload(
        client, world.service_a, _csv("0000-01;;2000;30;170;100", "01.0000;;1;0;0;1")
    )
    assert response.status_code == 422
    assert "«0000-01» er ikke en måned" in response.content.decode()
    assert "2 rader har feil" in response.content.decode()


def test_the_largest_values_the_import_allows_show_on_every_page(client, world):
    """Stored at the edge of what validation allows, the figures still compute everywhere."""
    checked = check(
        world.service_a,
        read_table("f.csv", _csv("2025-01;;155000;77500;77500;5000", "2025-02;;0,01;0;0;1")),
        TODAY,
    )
    assert checked.ok, checked.row_errors
    sick_leave_import_apply(actor=world.user("leader"), service=world.service_a, rows=checked.rows)
    service_pages = [
        reverse("workforce:service", kwargs={"pk": world.service_a.pk}),
        reverse("workforce:export", kwargs={"pk": world.service_a.pk}),
    ]
    overview = [reverse("workforce_overview:overview"), reverse("workforce_overview:export")]
    for role in ("leader", "county", "national"):
        client.force_login(world.user(role))
        for url in service_pages + (overview if role != "leader" else []):
            assert client.get(url).status_code == 200, (role, url)


def test_a_file_cannot_lift_a_small_service_over_the_threshold(client, world):
    """Frøya, 3 staff in the register, was shown to the nation as «10,0 %» after a file that
    claimed 10 employees."""
    from tests.factories import ServiceFactory, staff

    tiny = ServiceFactory(name="Liten", slug="liten")
    staff(tiny, 3)
    checked = check(tiny, read_table("f.csv", _csv("2025-03;;300;10;20;10")), TODAY)
    assert checked.ok
    sick_leave_import_apply(actor=world.user("admin"), service=tiny, rows=checked.rows)
    client.force_login(world.user("national"))
    overview = client.get(reverse("workforce:service", kwargs={"pk": tiny.pk})).context["overview"]
    year = next(row for row in overview.rows if row.year == 2025)
    assert year.sick_leave.suppressed and year.sick_leave.n == 3
    page = client.get(reverse("workforce:service", kwargs={"pk": tiny.pk})).content.decode()
    assert "10,0" not in page


def test_the_register_decides_what_a_month_rests_on_and_a_differing_file_is_warned_of(
    client, world
):
    """A file's «Antall ansatte» is checked against the register, never trusted: the preview
    shows both and warns where they differ, and the figures rest on the register's count,
    lower or higher than the file's."""
    from tests.factories import ServiceFactory, staff

    service = ServiceFactory(name="Fem", slug="fem")
    staff(service, 6, start_date=date(2024, 1, 1))
    user = world.user("admin")
    client.force_login(user)
    response = _upload(client, service, _csv("2025-03;;100;4;6;50", "2025-04;;100;4;6;6"))
    assert response.status_code == 302, response.content.decode()[-2000:]
    preview = client.get(response["Location"]).content.decode()
    assert "For 1 måned oppgir filen et annet antall ansatte enn registeret har" in preview
    assert "<strong>6</strong>" in preview  # March: the register's 6 beside the file's 50
    client.post(response["Location"])
    overview = workforce_overview(user=world.user("national"), services=[service], today=TODAY)
    year = next(row for row in overview.rows if row.year == 2025)
    assert year.sick_leave.n == 6 and not year.sick_leave.suppressed
    # a file that says 2 for a service the register has 6 in: the 6 decide, not the 2
    response = _upload(client, service, _csv("2025-05;;50;2;3;2"))
    assert "For 1 måned" in client.get(response["Location"]).content.decode()
