"""A service's detail tables protected on its own status figures (issue 27, item 2:
`laget.competence.publication.modular`), and everything published still attacked together."""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest
from django.utils import timezone

from laget.competence.publication import competence_publication, modular, service_unit, tables
from laget.competence.tests.test_publication import _network, everything_published
from laget.domain.protection import audit, narrowest
from tests.factories import staff, staff_with_register

pytestmark = pytest.mark.django_db


def _world(world, settings):
    # the world is small: each service's tables would be protected jointly with everything
    # linked to them; table by table as at national size (None: as the demo's size would)
    if settings is not None:
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
    shown = [pk for pk in published.counts if published.detail(pk).protected is not None]
    alone = [pk for pk in shown if not _foreign(published, pk)]
    # the others are protected with everything linked to them (one here, where a small
    # figure needs a status figure to move that no proof moves), or hidden whole (service B)
    assert len(alone) >= len(published.counts) - 2, (alone, shown)
    assert world.service_b.pk not in shown
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


def test_a_service_whose_tables_are_hidden_whole_leaves_the_groups_tables_published(world):
    """Three leaders, none of whom meets the requirement, in a service too small to show its
    statuses: no protection can show its tables (the zero is news to a reader, and the
    service's «meets» that would let it move is itself hidden). Its tables are hidden whole;
    the groups' tables are published with none of its figures (before, they were hidden
    whole with it), and everything published together gives nothing small away
    (`test_publication`)."""
    _world(world, settings=None)
    published = competence_publication(timezone.localdate())
    service_b = world.service_b.pk
    assert published.detail(service_b).protected is None
    groups = published.staff_tables(published.counts).protected
    assert groups is not None
    own = [k for k in groups.view.cells if k.startswith(service_unit(service_b) + "|")]
    status = published.protected.view.cells
    _view, printed, _never = tables.detail_view(published, service_b)
    assert own and all(k in groups.hidden for k in own if k not in status and k not in printed)
