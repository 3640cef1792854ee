"""A status report says when the stored figures it read were computed."""

import pytest
from django.utils import timezone

from laget.publication.calendar import latest_release_day
from laget.publication.models import StoredPublication
from laget.publication.refresh import refresh
from laget.reports.services import preview_document
from tests.factories import staff_with_register

pytestmark = [pytest.mark.django_db, pytest.mark.separate_worker]


def test_the_report_says_when_its_figures_were_computed(world):
    staff_with_register(world.service_a, 10)
    today = timezone.localdate()
    refresh()  # today's figures, and the latest release the comparisons are read from
    released = latest_release_day(today)
    built = timezone.localtime(
        StoredPublication.objects.filter(end_time=released).order_by("built_at").first().built_at
    )
    document = preview_document(
        service=world.service_a,
        municipality=world.service_a.host_municipality,
        year=today.year,
        comparisons=["county", "national"],
        today=today,
        now=timezone.now(),
    )
    said = " ".join(document.lines)
    assert f"Tallene ble beregnet {built:%d.%m.%Y} kl. {built:%H.%M}." in said
    assert f"Tallene er hentet fra Laget {today:%d.%m.%Y}" in said
    assert f"Tallene er fra Lagets utgivelse per {released:%d.%m.%Y}" in said
