"""A service's detail tables protected on its own status figures (issue 27, item 2:
`laget.competence.publication.modular`), and everything published still attacked together."""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest
from django.utils import timezone

from laget.competence.publication import competence_publication, modular, service_unit
from laget.competence.tests.test_publication import _network, everything_published
from laget.domain.protection import audit, narrowest
from tests.factories import staff, staff_with_register

pytestmark = pytest.mark.django_db


def _world(world, settings):
    # the world is small: each service's tables would be protected jointly with everything
    # linked to them; table by table as at national size
    settings.LAGET_PROTECT_JOINTLY_MAX_CELLS = 0
    _network(world)
    staff_with_register(world.service_a, 2, credits=15)  # two at risk in a service of eight
    staff(world.service_b, 3, role_category="leader")


def _foreign(published, pk: int) -> set[str]:
    """The cells of a service's detail view about other units (the status figures around)."""
    own, protected = service_unit(pk) + "|", published.detail(pk).protected
    return {k for k in protected.view.cells if not k.startswith(own)} if protected else set()


def test_each_service_s_tables_rest_on_its_own_status_figures_and_nothing_small_is_found(
    world, settings, record_property
):
    _world(world, settings)
    published = competence_publication(timezone.localdate())
    assert modular.demands(published), "the small status figures' proofs move some service"
    for pk in published.counts:
        assert published.detail(pk).protected is not None, pk
        assert not _foreign(published, pk), pk
    together = everything_published(published)
    intervals = audit(together.view, together.hidden)
    assert not together.revealed
    assert not together.exposed(intervals)
    checked = {k: i for k, i in intervals.items() if k in together.sensitive}
    assert narrowest(checked) >= 5
    view = together.view
    record_property("audit_views", len({key.partition("|")[0] for key in view.cells}))
    record_property("audit_cells", len(view.cells))
    record_property("audit_hidden", len(checked))
    record_property("audit_narrowest", narrowest(checked))


def test_a_status_figure_proved_by_the_audit_alone_sends_every_service_to_the_joint_view(
    world, settings
):
    """Without a table proving each small status figure safe, no service's tables can be
    shown to follow it: each is protected with everything linked to it, as before."""
    _world(world, settings)
    published = copy.copy(competence_publication(timezone.localdate()))
    status = published.protected
    shares = {share.key for share in status.view.shares}
    small = sorted(status.primary - shares)
    assert small
    published.protected = replace(
        status, certificates={k: m for k, m in status.certificates.items() if k != small[0]}
    )
    published.demands = None
    published.details, published.packed_details = {}, {}
    assert modular.demands(published) is None
    joint = [pk for pk in published.counts if _foreign(published, pk)]
    assert joint, "the details took in the status figures around them"


def test_below_the_limit_each_service_s_tables_are_protected_jointly(world):
    """The demo's size: each service's view takes in the status figures linked to it."""
    _network(world)
    staff_with_register(world.service_a, 2, credits=15)
    published = competence_publication(timezone.localdate())
    assert any(_foreign(published, pk) for pk in published.counts)
