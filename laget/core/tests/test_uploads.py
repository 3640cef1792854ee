"""Uploads that stop nagging (issue 28, item 3): a failed upload and a corrected one imported
leave nothing waiting; a newer upload supersedes an older one; a preview can be discarded."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from laget.organisations.attention import _imports_waiting
from laget.people.models import Employment, RosterImport
from laget.people.tests.roster_files import row, xlsx
from laget.people.tests.test_roster_views import upload
from laget.workforce.models import SickLeaveImport

pytestmark = pytest.mark.django_db

SICK_LEAVE = (
    "Måned;Enhet;Avtalte dagsverk;Egenmeldte fraværsdagsverk;Legemeldte fraværsdagsverk;"
    "Antall ansatte\n2025-01;;2000;30;170;100\n"
)


def _waiting(service) -> list[int]:
    """What the start page's «Dette venter på deg» counts of uploads (shown where not 0)."""
    return [item.count for item in _imports_waiting(service) if item.count]


def test_a_failed_upload_then_a_corrected_one_imported_leaves_nothing_waiting(client, world):
    """The issue's case: files with errors, then the corrected one imported; the start page
    said «3 opplastede ansattlister er verken importert eller forkastet» for good."""
    client.force_login(world.user("hr"))
    service = world.service_a
    for _attempt in range(2):  # two files with an error (no employee number)
        upload(client, service, xlsx([row(employee_number="")]))
    corrected = upload(client, service, xlsx([row(employee_number="77")]))
    assert list(RosterImport.objects.values_list("state", flat=True).order_by("pk")) == [
        "superseded", "superseded", "pending",
    ]  # fmt: skip
    # kept on record (who uploaded which file, when), their rows gone
    assert all(r.table == {} for r in RosterImport.objects.filter(state="superseded"))
    assert client.post(corrected["Location"]).status_code == 302  # imported
    assert Employment.objects.filter(employee_number="77").exists()
    assert _waiting(service) == []
    page = client.get(reverse("roster:upload", kwargs={"pk": service.pk}))
    assert list(page.context["waiting"]) == []


def test_an_import_supersedes_the_uploads_before_it_but_not_a_newer_one(client, world):
    client.force_login(world.user("hr"))
    service = world.service_a
    first = upload(client, service, xlsx([row(employee_number="71")]))["Location"]
    # another upload in between (another session), then a newer one: both before it go
    older = RosterImport.objects.create(service=service, file_name="eldre.xlsx", table={"x": 1})
    newer = upload(client, service, xlsx([row(employee_number="72")]))
    assert RosterImport.objects.get(pk=older.pk).state == "superseded"
    # the first upload was superseded by the newer ones: it cannot be imported any more
    response = client.post(first, follow=True)
    assert not Employment.objects.filter(employee_number="71").exists()
    assert "er erstattet av en nyere opplasting" in response.content.decode()
    client.post(newer["Location"])
    assert Employment.objects.filter(employee_number="72").exists()


def test_a_preview_can_be_discarded_and_says_how(client, world):
    client.force_login(world.user("hr"))
    service = world.service_a
    location = upload(client, service, xlsx([row(employee_number="")]))["Location"]
    pending = RosterImport.objects.get()
    preview = client.get(location).content.decode()
    discard = reverse("roster:discard", kwargs={"pk": service.pk, "import_id": pending.pk})
    assert f'action="{discard}"' in preview and "Forkast" in preview
    assert client.post(discard).status_code == 302
    assert not RosterImport.objects.exists()


def test_sick_leave_uploads_supersede_and_discard_the_same_way(client, world):
    client.force_login(world.user("leader"))
    service = world.service_a
    url = reverse("workforce:sick_leave_upload", kwargs={"pk": service.pk})
    locations = []
    for name in ("mars.csv", "april.csv"):
        file = io.BytesIO(SICK_LEAVE.encode())
        file.name = name
        locations.append(client.post(url, {"file": file})["Location"])
    first, second = SickLeaveImport.objects.order_by("pk")
    first.refresh_from_db()
    assert (first.state, first.rows) == ("superseded", [])
    assert client.get(locations[0])["Location"] == url  # no preview of a superseded file
    preview = client.get(locations[1]).content.decode()
    discard = reverse(
        "workforce:sick_leave_discard", kwargs={"pk": service.pk, "import_id": second.pk}
    )
    assert f'action="{discard}"' in preview
    assert client.post(discard).status_code == 302
    assert list(SickLeaveImport.objects.values_list("state", flat=True)) == ["superseded"]
