"""Writes for organisations: loading reference data and the Trøndelag structure."""

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from laget.organisations.models import (
    County,
    GovernorOffice,
    LearningNetwork,
    Municipality,
    Service,
    ServiceUnit,
)

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class ReferenceDataCounts:
    governor_offices: int
    counties: int
    municipalities: int


@transaction.atomic
def reference_data_load(
    *,
    office_model: type[GovernorOffice] = GovernorOffice,
    county_model: type[County] = County,
    municipality_model: type[Municipality] = Municipality,
) -> ReferenceDataCounts:
    """Create or update counties, governor offices and municipalities from the bundled CSVs.

    The data migration passes its historical models; everyone else uses the defaults.
    """
    office_by_county = {
        row["fylkesnummer"]: row["embete"] for row in _rows("statsforvalterembeter.csv")
    }
    offices = {
        name: office_model.objects.get_or_create(name=name)[0]
        for name in sorted(set(office_by_county.values()))
    }
    counties = {}
    for row in _rows("fylker.csv"):
        number = row["fylkesnummer"]
        counties[number], _ = county_model.objects.update_or_create(
            number=number,
            defaults={
                "name": row["fylkesnavn"],
                "governor_office": offices[office_by_county[number]],
            },
        )
    municipalities = _rows("kommuner.csv")
    for row in municipalities:
        municipality_model.objects.update_or_create(
            number=row["kommunenummer"],
            defaults={"name": row["kommunenavn"], "county": counties[row["fylkesnummer"]]},
        )
    return ReferenceDataCounts(len(offices), len(counties), len(municipalities))


@transaction.atomic
def trondelag_structure_load() -> list[Service]:
    """Create or update Trøndelag's services, units and learning networks (idempotent)."""
    spec = json.loads((DATA_DIR / "trondelag.json").read_text(encoding="utf-8"))
    municipalities = {m.number: m for m in Municipality.objects.all()}
    services: dict[str, Service] = {}
    for item in spec["services"]:
        service, _ = Service.objects.update_or_create(
            slug=item["slug"],
            defaults={"name": item["name"], "host_municipality": municipalities[item["host"]]},
        )
        service.municipalities.set([municipalities[number] for number in item["members"]])
        for unit_name in item.get("units", []):
            ServiceUnit.objects.get_or_create(service=service, name=unit_name)
        services[item["slug"]] = service
    county = County.objects.get(number=spec["county"])
    for item in spec["learning_networks"]:
        network, _ = LearningNetwork.objects.update_or_create(
            name=item["name"], defaults={"county": county}
        )
        network.services.set([services[slug] for slug in item["services"]])
    return list(services.values())
