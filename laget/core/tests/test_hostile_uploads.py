"""Hostile files through the real doors: the web upload of each import and the command line."""

from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from laget.core.tests.test_tabular import handmade_xlsx
from laget.people.models import Employment, RosterImport
from laget.workforce.models import SickLeaveImport, SickLeaveMonth

pytestmark = pytest.mark.django_db

BOMB = handmade_xlsx(["A1", "XFD1048576"])


@pytest.mark.parametrize("url_name", ["roster:upload", "workforce:sick_leave_upload"])
def test_the_dimension_bomb_is_refused_by_every_import_page(client, world, url_name):
    client.force_login(world.user("leader"))
    started = time.perf_counter()
    response = client.post(
        reverse(url_name, kwargs={"pk": world.service_a.pk}),
        {"file": SimpleUploadedFile("bomb.xlsx", BOMB)},
    )
    assert time.perf_counter() - started < 2.0
    assert response.status_code in (400, 422)  # the form again, with the message
    assert "høyst 20" in response.content.decode()  # «… høyst 20 000 kan importeres»
    assert not RosterImport.objects.exists() and not SickLeaveImport.objects.exists()
    assert not SickLeaveMonth.objects.exists()


def test_the_command_refuses_the_dimension_bomb_within_two_seconds(world, tmp_path):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(BOMB)
    before = Employment.objects.count()
    started = time.perf_counter()
    with pytest.raises(CommandError, match="rader"):
        call_command("import-roster", str(path), "--service", str(world.service_a.pk), "--dry-run")
    assert time.perf_counter() - started < 2.0
    assert Employment.objects.count() == before
