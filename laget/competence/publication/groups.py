"""The groups of services whose totals a page can show."""

from __future__ import annotations

from laget.organisations.models import GovernorOffice, LearningNetwork, Service


def publishable_groups(service_ids: list[int]) -> dict[frozenset[int], str]:
    """Every set of two or more services whose totals a page or report can show, once per
    distinct set (a municipality served by one service is that service)."""
    by_municipality: dict[str, set[int]] = {}
    by_county: dict[str, set[int]] = {}
    for service_id, municipality, county in Service.objects.values_list(
        "pk", "municipalities__number", "municipalities__county__number"
    ):
        if municipality is not None:
            by_municipality.setdefault(municipality, set()).add(service_id)
            by_county.setdefault(county, set()).add(service_id)
    counties_of_office: dict[int, set[str]] = {}
    for office_id, county in GovernorOffice.objects.values_list("pk", "counties__number"):
        counties_of_office.setdefault(office_id, set()).add(county)
    networks: dict[int, set[int]] = {}
    for network_id, service_id in LearningNetwork.services.through.objects.values_list(
        "learningnetwork_id", "service_id"
    ):
        networks.setdefault(network_id, set()).add(service_id)
    candidates = [("nation", set(service_ids))]
    candidates += [
        (f"office:{k}", set().union(*(by_county.get(c, set()) for c in v)))
        for k, v in sorted(counties_of_office.items())
    ]
    candidates += [(f"county:{k}", v) for k, v in sorted(by_county.items())]
    candidates += [(f"network:{k}", v) for k, v in sorted(networks.items())]
    candidates += [(f"municipality:{k}", v) for k, v in sorted(by_municipality.items())]
    groups: dict[frozenset[int], str] = {}
    for key, ids in candidates:
        members = frozenset(ids)
        if len(members) > 1 and members not in groups:
            groups[members] = key
    return groups
