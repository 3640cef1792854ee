"""The sets of services whose figures the worker keeps built for readers outside them."""

import pytest

from laget.organisations.selectors import outside_sets

pytestmark = pytest.mark.django_db


def _ids(sets) -> list[list[int]]:
    return [[s.pk for s in services] for services in sets]


def test_each_municipality_s_services_are_kept_built_as_its_management_opens_them(world):
    """A municipality served by three services (two of them inter-municipal) gets its set built
    with every release, so its management never asks for a set after the release went out
    (it would be built from the register as it is then)."""
    from tests.factories import ServiceFactory

    municipality = world.service_a.host_municipality
    host, member = ServiceFactory(name="Vert"), ServiceFactory(name="Medlem")
    for service in (host, member):
        service.municipalities.add(municipality)
    found = outside_sets()
    sets = _ids(found)
    both = sorted([world.service_a, host, member], key=lambda s: (s.name, s.pk))
    assert [s.pk for s in both] in sets
    assert len(sets) == len({tuple(ids) for ids in sets})  # each set once
    # each as the pages list it, by name
    assert all(services == sorted(services, key=lambda s: (s.name, s.pk)) for services in found)
