"""What a page says when the worker has not computed its figures: «ikke beregnet ennå», never
«skjult», which means protection only; and nothing is built by the page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from laget.publication.calendar import latest_release_day, next_release_day
from laget.publication.models import StoredPublication, WantedPublication
from laget.publication.refresh import refresh
from tests.factories import ServiceFactory, staff, staff_with_register

pytestmark = [pytest.mark.django_db, pytest.mark.separate_worker]


def test_pages_before_any_pass_say_not_computed_and_ask_the_worker(client, world):
    staff_with_register(world.service_a, 10)
    client.force_login(world.user("national"))
    for page in ("competence_overview:overview", "workforce_overview:overview"):
        response = client.get(reverse(page))
        text = response.content.decode()
        assert response.status_code == 200, page
        assert "Tallene er ikke beregnet ennå" in text and "skjult" not in text, page
    assert not StoredPublication.objects.exists()  # the page built nothing
    assert WantedPublication.objects.exists()
    refresh()
    assert not WantedPublication.objects.exists()
    text = client.get(reverse("competence_overview:overview")).content.decode()
    assert "Tallene er ikke beregnet ennå" not in text
    latest = latest_release_day(timezone.localdate())
    assert f"Tall per {latest.day}." in text and "beregnet" in text


def test_a_service_newer_than_the_release_comes_with_the_next_not_hidden(
    client, world, monkeypatch
):
    staff_with_register(world.service_a, 10)
    staff_with_register(world.service_b, 10)
    refresh()
    newer = ServiceFactory(name="Ny tjeneste", host_municipality=world.service_a.host_municipality)
    staff_with_register(newer, 10)  # loaded, no pass since
    staff(newer, 2)  # without education: not everyone in one status (group disclosure)
    client.force_login(world.user("national"))
    text = client.get(reverse("organisations:overview")).content.decode()
    assert "Ny tjeneste" in text
    row = text[text.index("Ny tjeneste") :][:1500]
    assert "med fra neste utgivelse" in row and "skjult" not in row
    assert "Neste utgivelse" in text
    refresh()  # the release is out and frozen: the service comes with the next one
    text = client.get(reverse("organisations:overview")).content.decode()
    assert "med fra neste utgivelse" in text[text.index("Ny tjeneste") :][:1500]
    later = next_release_day(timezone.localdate()) + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: later)
    refresh()
    text = client.get(reverse("organisations:overview")).content.decode()
    # its own row: computed now (its covered staff may be hidden as a partner, never «med
    # fra neste utgivelse»)
    row = text[text.index("Ny tjeneste") :].split("</tr>")[0]
    assert "med fra neste utgivelse" not in row
    assert row.count('class="laget-num"') == 2 and "laget-not-computed" not in row


def test_the_export_for_users_outside_says_when_its_figures_were_computed(client, world):
    import io

    from openpyxl import load_workbook

    staff_with_register(world.service_a, 10)
    refresh()
    client.force_login(world.user("national"))
    response = client.get(reverse("workforce_overview:export"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["Definisjoner"]
    rows = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    latest = latest_release_day(timezone.localdate())
    assert rows["Tallene"].startswith(f"Tall per {latest.day}.") and "beregnet" in rows["Tallene"]
    assert "Neste utgivelse" in rows["Tallene"]


def test_not_computed_travels_between_processes():
    """Raised in a process of a batch (`laget report --jobs`), it is pickled back whole."""
    import pickle
    from datetime import date

    from laget.publication.published import NotComputed

    again = pickle.loads(pickle.dumps(NotComputed("competence", date(2026, 12, 1))))
    assert (again.name, again.day, str(again)) == (
        "competence",
        date(2026, 12, 1),
        "competence per 2026-12-01 er ikke beregnet ennå",
    )
