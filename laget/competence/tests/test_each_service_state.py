"""How each service reaches a county governor in the per-service table (issue 27, item 4): each
row is exact (the number who meet or will meet the requirement shown), banded (the quarter or
half its share lies in) or hidden, by the form its covered staff give it (`recoding`); the page
says how many of each, and the test prints it for the demo."""

import pytest
from django.urls import reverse
from django.utils import timezone

from laget.accounts.models import User
from laget.competence.publication import competence_publication
from laget.competence.selectors import row_states
from laget.organisations.models import Service

pytestmark = pytest.mark.django_db


def test_the_county_sees_where_each_service_of_twelve_or_more_stands(client, demo_module):
    client.force_login(User.objects.get(username="statsforvalter.trondelag"))
    response = client.get(reverse("competence_overview:overview"))
    assert response.status_code == 200
    rows = response.context["rows"]
    states = row_states(rows)
    assert sum(states.values()) == len(rows) > 10
    # the services of 12 or more covered, by the register (their covered staff may be hidden
    # as the partner of a small figure; their form and band are not)
    counts = competence_publication(timezone.localdate()).counts
    large = {
        row.service.name: (row.recoded.form.key, row.state)
        for row in rows
        if counts[row.service.pk]["subject"] >= 12
    }
    print(f"Trøndelag, per tjeneste: {states} of {len(rows)}; 12 or more covered: {large}")
    html = " ".join(response.content.decode().replace("\xa0", " ").split())
    assert (
        f"Av {len(rows)} tjenester vises {states['exact']} med antallet som oppfyller eller vil "
        f"oppfylle kravet, {states['banded']} med intervallet andelen ligger i, og "
        f"{states['hidden']} uten fordeling."
    ) in html
    # every service of 12 or more covered shows at least where it stands, and says how
    assert len(large) >= 8
    assert all(state != "hidden" for _form, state in large.values()), large
    for row in rows:
        if row.state == "banded":
            assert row.recoded.band.text in html
    # Frøya (3 covered): no status shown, nor its covered staff
    froya = next(row for row in rows if row.service.slug == "froya")
    assert froya.state == "hidden" and froya.subject.suppressed
    # Trondheim (74 covered, one who cannot meet it): in four groups, nothing hidden
    trondheim = next(row for row in rows if row.service.slug == "trondheim")
    assert trondheim.recoded.form.key == "four"
    assert trondheim.state == "exact"
    assert not any(count.suppressed for _c, count, _s in trondheim.recoded.categories)
    # the municipality served by one service: «Av 1 tjeneste», not «Av 1 tjenester» (issue 28)
    client.force_login(User.objects.get(username="kommune.trondheim"))
    own = client.get(reverse("competence_overview:overview"))
    assert len(own.context["rows"]) == 1
    html = " ".join(own.content.decode().replace("\xa0", " ").split())
    assert "Av 1 tjeneste vises" in html and "1 tjenester" not in html


def test_every_page_that_names_the_forms_names_their_limits_as_recoding_sets_them(
    client, demo_module
):
    """The limits are written in the per-service page, a service's page and the glossary: each
    names every form's fewest covered as `recoding.FORMS` sets them."""
    from laget.domain.competence.recoding import FORMS

    client.force_login(User.objects.get(username="statsforvalter.trondelag"))
    trondheim = Service.objects.get(slug="trondheim")
    for url in (
        reverse("competence_overview:overview"),
        reverse("competence:service", kwargs={"pk": trondheim.pk}),
        reverse("core:glossary"),
    ):
        html = " ".join(client.get(url).content.decode().replace("\xa0", " ").split())
        for form in FORMS[:-1]:
            assert f"fra {form.least}" in html, (url, form.key)
        assert f"under {FORMS[-2].least}" in html, url
