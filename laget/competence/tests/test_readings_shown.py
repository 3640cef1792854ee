"""Issue 24: the rule set's readings of the Act (credits, experience, the deadline, coverage)
are named and shown, with the Act's words beside them, where a status is shown."""

import pytest
from django.urls import reverse

from tests.factories import staff_with_register

pytestmark = pytest.mark.django_db

READINGS = [
    "Én videreutdanning på minst 30 studiepoeng",
    "Deltid teller forholdsmessig",
    "Erfaring i alle roller i barnevernet teller",
    "Overgangsregelen holdes til 1. januar 2031",
    "Kravet følger oppgavene loven nevner",
]


def test_the_persons_page_names_each_reading_with_the_acts_words(client, world):
    person = staff_with_register(world.service_a, 1)[0].person
    client.force_login(world.user("leader"))
    page = client.get(reverse("people:detail", kwargs={"pk": person.pk})).content.decode()
    assert "Slik leser regelsettet barnevernsloven (2021) § 3-3" in page
    for label in READINGS:
        assert label in page
    assert "«minst fire års arbeidserfaring fra barnevernet»" in page
    assert "regelsettet lar kommunen avgjøre det" not in page


def test_the_competence_page_names_the_readings_and_the_acts_text(client, world):
    staff_with_register(world.service_a, 5)
    client.force_login(world.user("leader"))
    page = client.get(reverse("competence:service", kwargs={"pk": world.service_a.pk}))
    body = page.content.decode()
    for label in READINGS:
        assert label in body
    assert "Lovteksten regelsettet følger:" in body
    assert "ikke for ansatte i tiltak: kravet følger oppgavene loven nevner" in body
    assert "regelsettet lar kommunen avgjøre det" not in body
