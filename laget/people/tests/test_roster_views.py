import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from laget.core.models import AuditAction, AuditEntry
from laget.people.models import Employment, RosterImport
from laget.people.tests.roster_files import csv_bytes, row, xlsx
from tests.factories import staff_with_register

pytestmark = pytest.mark.django_db


def upload(client, service, content, name="roster.xlsx"):
    return client.post(
        reverse("roster:upload", kwargs={"pk": service.pk}),
        {"file": SimpleUploadedFile(name, content)},
    )


def test_upload_check_and_confirm(client, world):
    client.force_login(world.user("hr"))
    response = upload(client, world.service_a, xlsx([row(employee_number="77")]))
    pending = RosterImport.objects.get()
    assert response["Location"] == reverse(
        "roster:preview", kwargs={"pk": world.service_a.pk, "import_id": pending.pk}
    )
    preview = client.get(response["Location"])
    assert preview.context["report"].created == 1
    assert not Employment.objects.filter(employee_number="77").exists()  # nothing before confirming
    done = client.post(response["Location"])
    assert done["Location"] == reverse("organisations:staff", kwargs={"pk": world.service_a.pk})
    assert Employment.objects.filter(service=world.service_a, employee_number="77").exists()
    pending.refresh_from_db()
    assert pending.state == "imported" and pending.table == {}  # the uploaded rows are not kept


def test_errors_are_listed_and_nothing_is_imported(client, world):
    client.force_login(world.user("leader"))
    response = upload(
        client,
        world.service_a,
        xlsx(
            [
                row(employee_number="1", fte_percent="150"),
                row(employee_number="2", given_name="Ola", role_category="sjef"),
            ]
        ),
    )
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    body = preview.content.decode()
    assert "Filen har 2 feil. Ingenting er importert." in body
    assert "Rad" in body and "150" in body and "sjef" in body
    assert client.post(response["Location"]).status_code == 422
    assert not Employment.objects.filter(employee_number__in=["1", "2"]).exists()


def test_a_file_that_does_not_follow_the_template_goes_through_the_mapping_step(client, world):
    client.force_login(world.user("leader"))
    headers = ["Nr", "Fornavn", "Etternavn", "Tittel", "Rolle", "Andel", "Fra dato"]
    content = csv_bytes(
        [["55", "Per", "Hansen", "Konsulent", "kjerne", "100", "01.01.2020"]], headers=headers
    )
    response = upload(client, world.service_a, content, name="fra-hr.csv")
    pending = RosterImport.objects.get()
    mapping_url = reverse(
        "roster:mapping", kwargs={"pk": world.service_a.pk, "import_id": pending.pk}
    )
    assert response["Location"] == mapping_url
    incomplete = client.post(mapping_url, {"given_name": "1", "family_name": "2"})
    assert incomplete.status_code == 400
    assert "Velg hvilken kolonne som inneholder «Ansattnummer»" in incomplete.content.decode()
    twice = client.post(
        mapping_url, {"employee_number": "0", "given_name": "1", "family_name": "1"}
    )
    assert "er valgt for både" in twice.content.decode()
    chosen = {
        "employee_number": "0",
        "given_name": "1",
        "family_name": "2",
        "position_title": "3",
        "role_category": "4",
        "fte_percent": "5",
        "start_date": "6",
    }
    response = client.post(mapping_url, chosen)
    assert response.status_code == 302
    client.post(response["Location"])
    assert Employment.objects.get(employee_number="55").person.family_name == "Hansen"


def test_a_bad_upload_is_refused_and_nothing_is_stored(client, world):
    client.force_login(world.user("leader"))
    response = upload(client, world.service_a, b"%PDF", name="liste.pdf")
    assert response.status_code == 400
    assert "Bare .xlsx- og .csv-filer kan importeres." in response.content.decode()
    response = upload(client, world.service_a, b"garbage", name="liste.xlsx")
    assert response.status_code == 400 and "er ikke en Excel-fil" in response.content.decode()
    assert not RosterImport.objects.exists()


def test_another_services_import_is_not_found(client, world):
    other = RosterImport.objects.create(
        service=world.service_c, file_name="x.xlsx", table={"headers": [], "rows": []}
    )
    client.force_login(world.user("leader"))
    url = reverse("roster:preview", kwargs={"pk": world.service_a.pk, "import_id": other.pk})
    assert client.get(url).status_code == 404


def test_export_is_the_template_and_imports_back_unchanged(client, world):
    staff_with_register(world.service_a, 3, credits=15)
    for number, employment in enumerate(
        Employment.objects.filter(service=world.service_a), start=1
    ):
        employment.employee_number = f"A{number}"
        employment.save()
    client.force_login(world.user("leader"))
    response = client.get(reverse("roster:export", kwargs={"pk": world.service_a.pk}))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Ansatte"]
    assert sheet.max_row == 1 + 9
    assert AuditEntry.objects.get().action == AuditAction.EXPORT
    response = upload(client, world.service_a, response.content)
    report = client.get(response["Location"]).context["report"]
    assert (report.created, report.updated, report.unchanged) == (0, 0, 9)


def test_template_download_explains_every_column(client, world):
    client.force_login(world.user("leader"))
    response = client.get(reverse("roster:template", kwargs={"pk": world.service_a.pk}))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Ansatte", "Forklaring"]
    assert workbook["Ansatte"]["A1"].value == "Ansattnummer"
    assert workbook["Forklaring"].max_row >= 22
