"""Exit interviews as users outside the services get them (issue 13)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from laget.competence.publication import competence_publication, service_unit
from laget.domain.protection import audit, combined, recording
from laget.workforce.tests.test_flows import _network_with_leavers
from laget.workforce.tests.test_views import _interview

pytestmark = pytest.mark.django_db


def test_interviews_and_reasons_give_no_small_count_away(client, world):
    """Every leaver but Frøya's had an exit interview, and two of Orkland's seven said pay
    mattered: «29 % of 7» would be those two."""
    network, services = _network_with_leavers(world)
    for service in services.values():
        for position, employment in enumerate(service.employments.exclude(end_date=None)):
            _interview(employment, pay=3 if service.slug == "orkland" and position < 2 else 0)
    client.force_login(world.user("county"))
    with recording() as ledger:
        overview = client.get(
            reverse("workforce_overview:overview"), {"network": network.pk}
        ).context["overview"]
        pages = {
            slug: client.get(reverse("workforce:service", kwargs={"pk": s.pk})).context["overview"]
            for slug, s in services.items()
        }
    year = timezone.localdate().year - 1
    assert pages["froya"].interviews_by_year[-1].suppressed
    pay = next(r for r in pages["orkland"].reasons if r.reason == "pay")
    assert pay.total.suppressed and all(f.value is None for f in pay.by_year)
    hidden = [s for s, page in pages.items() if page.interviews_by_year[-1].suppressed]
    assert overview.interviews_by_year[-1].suppressed or len(hidden) >= 2, year
    units = competence_publication(timezone.localdate()).units
    groups = {u: [service_unit(pk) for pk in ids] for ids, u in units.items() if len(ids) > 1}
    together = combined(ledger.read.values(), groups=groups)
    assert any("exits." in k for k in together.sensitive)
    assert not together.revealed
    assert not together.exposed(audit(together.view, together.hidden))
