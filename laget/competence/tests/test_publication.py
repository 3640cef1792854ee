"""The competence figures users outside a service get, protected as one whole (issue 13)."""

from __future__ import annotations

import pickle

import pytest
from django.urls import reverse
from django.utils import timezone

from laget.competence.publication import NAME, competence_publication, service_unit
from laget.domain.protection import Combined, audit, combined, narrowest
from laget.organisations.models import LearningNetwork, Municipality
from laget.publication.models import StoredPublication
from laget.publication.published import FORMAT
from tests.factories import ServiceFactory, staff, staff_with_register

pytestmark = pytest.mark.django_db


def _network(world) -> tuple[LearningNetwork, dict[str, object]]:
    """Five services in one learning network, one of them with three staff (the issue's
    /kompetanse/?network=3: 35 in all, 10 + 5 + 5 + 12 shown, so Frøya = 3)."""
    trondelag = Municipality.objects.get(number="5001").county
    services = {}
    for name, size in {"fosen": 10, "heim": 5, "hitra": 5, "orkland": 12, "froya": 3}.items():
        service = ServiceFactory(name=name.title(), slug=name, members=["5001"])
        staff_with_register(service, size)
        services[name] = service
    network = LearningNetwork.objects.create(name="Nettverk", county=trondelag)
    network.services.set(services.values())
    return network, services


def everything_published(published) -> Combined:
    """What an attacker can put together: the status figures of every service and group,
    every service's detail tables and every group's staff tables, with what each hides."""
    protected = [published.protected]
    protected += [published.detail(pk).protected for pk in published.counts]
    protected += [published.staff_tables(ids).protected for ids in published.units]
    groups = {
        unit: [service_unit(pk) for pk in ids]
        for ids, unit in published.units.items()
        if len(ids) > 1
    }
    return combined([p for p in protected if p is not None], groups=groups)


def test_a_network_total_minus_its_shown_rows_gives_no_hidden_service(client, world):
    network, _services = _network(world)
    client.force_login(world.user("county"))
    response = client.get(reverse("competence_overview:overview"), {"network": network.pk})
    rows = {row.service.slug: row for row in response.context["rows"]}
    assert rows["froya"].subject.suppressed
    combined = response.context["overview"].subject
    hidden_rows = [slug for slug, row in rows.items() if row.subject.suppressed]
    # with the total shown, one hidden row would be the total minus the rest
    assert combined.suppressed or len(hidden_rows) >= 2
    if not combined.suppressed:
        shown = sum(row.subject.value for row in rows.values() if not row.subject.suppressed)
        left = combined.value - shown
        assert left >= 3 + 5 - 1  # Frøya's 3 shares what is left with at least one other


def test_nothing_hidden_can_be_worked_out_from_everything_published(world, record_property):
    _network(world)
    staff_with_register(world.service_a, 2, credits=15)  # two at risk in a service of eight
    staff(world.service_b, 3, role_category="leader")
    published = competence_publication(timezone.localdate())
    together = everything_published(published)
    intervals = audit(together.view, together.hidden)
    assert intervals, "something is hidden"
    assert not together.revealed
    assert not together.exposed(intervals)
    checked = {k: i for k, i in intervals.items() if k in together.sensitive}
    assert narrowest(checked) >= 5
    view = together.view
    units = {key.partition("|")[0] for key in view.cells}
    record_property("audit_views", len(units))
    record_property("audit_cells", len(view.cells))
    record_property("audit_hidden", len(checked))
    record_property("audit_narrowest", narrowest(checked))


def test_the_register_changes_and_the_published_figure_follows(client, world):
    client.force_login(world.user("national"))
    url = reverse("competence:service", kwargs={"pk": world.service_a.pk})
    assert client.get(url).context["overview"].subject.shown == 6
    staff_with_register(world.service_a, 4)  # a new revision of the register
    assert client.get(url).context["overview"].subject.shown == 10


def test_the_workforce_page_s_head_counts_are_the_published_ones(client, world):
    """/bemanning/?network=3 showed 45 in all and 42 in the rows: Frøya = 3."""
    network, _services = _network(world)
    client.force_login(world.user("county"))
    response = client.get(reverse("workforce_overview:overview"), {"network": network.pk})
    rows = {row.service.slug: row for row in response.context["rows"]}
    total = response.context["overview"].headcount
    assert rows["froya"].headcount.suppressed
    hidden_rows = [slug for slug, row in rows.items() if row.headcount.suppressed]
    assert total.suppressed or len(hidden_rows) >= 2
    published = competence_publication(timezone.localdate())
    for slug, row in rows.items():
        expected = published.figure(published.unit_for([row.service.pk]), "staff")
        assert (row.headcount.suppressed, row.headcount.shown) == (
            expected.suppressed,
            expected.shown,
        ), slug


def test_each_service_s_detail_tables_are_stored_packed_and_read_back_the_same(world):
    """A new web process loads the stored publication whole: the detail tables (most of it
    for the nation) stay packed until a page asks for one service's, and come back as they
    were protected."""
    _network(world)
    staff_with_register(world.service_a, 2, credits=15)
    today = timezone.localdate()
    built = competence_publication(today)  # stored by the stand-in for the worker
    services = sorted(built.counts)
    assert set(built.details) == set(services)  # every table protected when built
    data = StoredPublication.objects.get(name=NAME, end_time=built.as_of).data
    stored_format, loaded = pickle.loads(bytes(data))
    assert stored_format == FORMAT
    assert loaded.details == {}
    assert set(loaded.packed_details) == set(services)
    assert all(isinstance(packed, bytes) for packed in loaded.packed_details.values())
    for pk in services:
        before, after = built.detail(pk).protected, loaded.detail(pk).protected
        assert (before is None) == (after is None), pk
        if before is not None and after is not None:
            assert after.hidden == before.hidden
            assert after.view.cells == before.view.cells
            for key in before.view.cells:
                assert after.figure(key) == before.figure(key), key
    assert set(loaded.details) == set(services)
    # pickled again with one service's tables read back and the others still packed
    _format, partly = pickle.loads(bytes(data))
    first = services[0]
    partly.detail(first)
    again = pickle.loads(pickle.dumps(partly))
    assert again.details == {}
    assert again.packed_details == loaded.packed_details
    unit = service_unit(first)
    assert again.detail(first).figure(unit, "staff") == built.detail(first).figure(unit, "staff")


def test_a_service_s_detail_tables_keep_only_their_own_perturbations_and_stay_protected(world):
    """Each service's detail tables carried every perturbation found for the status figures
    around them (at nation ×1, 45 MB a service, 10 GB for all): they keep those of their own
    small cells, and everything published together still hides every small figure."""
    _network(world)
    staff_with_register(world.service_a, 2, credits=15)
    published = competence_publication(timezone.localdate())
    status_cells = published.protected.view.cells
    own_small = 0
    for pk in published.counts:
        detail = published.detail(pk).protected
        if detail is None:
            continue
        assert not detail.certificates.keys() & status_cells.keys(), pk
        own_small += len(detail.certificates)
        for key, moved in detail.certificates.items():
            assert key in moved <= detail.hidden
    assert own_small  # the detail tables' own small cells keep theirs
    together = everything_published(published)
    assert not together.exposed(audit(together.view, together.hidden))


def test_a_publication_stored_before_the_packing_is_read_as_it_was(world):
    staff_with_register(world.service_a, 3)
    built = competence_publication(timezone.localdate())
    state = {**built.__dict__}
    del state["packed_details"]  # as a publication pickled before it had them
    earlier = object.__new__(type(built))
    earlier.__setstate__(state)
    pk = world.service_a.pk
    assert earlier.packed_details == {}
    assert earlier.detail(pk).figure(service_unit(pk), "staff") == built.detail(pk).figure(
        service_unit(pk), "staff"
    )
