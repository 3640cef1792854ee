from collections import Counter

import pytest

from laget.organisations.models import (
    County,
    GovernorOffice,
    LearningNetwork,
    Municipality,
    Service,
)
from laget.organisations.services import reference_data_load, trondelag_structure_load

pytestmark = pytest.mark.django_db


def test_migration_loaded_all_municipalities_counties_and_offices():
    assert Municipality.objects.count() == 357
    assert County.objects.count() == 15
    assert GovernorOffice.objects.count() == 10
    per_county = Counter(Municipality.objects.values_list("county__number", flat=True))
    assert per_county["50"] == 38 and per_county["03"] == 1 and per_county["34"] == 46
    assert Municipality.objects.get(number="3430").county.name == "Innlandet"
    assert set(
        GovernorOffice.objects.get(counties__number="55").counties.values_list("number", flat=True)
    ) == {"55", "56"}


def test_reloading_reference_data_changes_nothing():
    before = list(
        Municipality.objects.order_by("number").values_list("pk", "number", "name", "county_id")
    )
    counts = reference_data_load()
    assert counts.municipalities == 357
    assert (
        list(
            Municipality.objects.order_by("number").values_list("pk", "number", "name", "county_id")
        )
        == before
    )


def test_trondelag_structure_is_the_one_in_the_ks_report():
    services = trondelag_structure_load()
    assert len(services) == 18
    single = [s for s in services if s.municipalities.count() == 1]
    assert len(single) == 9
    vaernes = Service.objects.get(slug="vaernesregionen")
    assert vaernes.host_municipality.number == "5035"
    assert set(vaernes.municipalities.values_list("number", flat=True)) == {
        "5035",
        "5033",
        "5032",
        "5034",
        "5036",
    }
    trondheim = Service.objects.get(slug="trondheim")
    assert set(trondheim.units.values_list("name", flat=True)) == {
        "Heimdal",
        "Lerkendal",
        "Østbyen",
        "Midtbyen",
        "Omsorgsenheten",
    }
    roros = Service.objects.get(slug="roros-holtalen-os")
    assert set(roros.municipalities.values_list("county__number", flat=True)) == {"50", "34"}
    networks = {
        n.name: set(n.services.values_list("slug", flat=True))
        for n in LearningNetwork.objects.all()
    }
    assert networks == {
        "Namdalsregionen": {"midtre-namdal", "ytre-namdal", "indre-namdal"},
        "Innherredsregionen": {"inn-trondelag", "verdal", "levanger"},
        "Kystregionen": {"fosen", "froya", "hitra", "heim", "orkland"},
        "Trondheimsregionen": {"vaernesregionen", "malvik", "trondheim", "melhus-skaun"},
        "Fjellregionen": {"roros-holtalen-os", "midtre-gauldal", "oppdal-rennebu"},
    }
    # Every Trøndelag service is in exactly one network.
    assert Counter(slug for members in networks.values() for slug in members) == Counter(
        {s.slug: 1 for s in services}
    )


def test_loading_the_structure_twice_creates_nothing_new():
    trondelag_structure_load()
    counts = (Service.objects.count(), LearningNetwork.objects.count())
    trondelag_structure_load()
    assert (Service.objects.count(), LearningNetwork.objects.count()) == counts
