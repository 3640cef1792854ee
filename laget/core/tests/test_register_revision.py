"""The register revision: a change makes stored figures stale, once per transaction unless
someone read the revision in between."""

import pytest
from django.db import transaction

from laget.core.models import RegisterRevision
from tests.factories import staff

pytestmark = pytest.mark.django_db


def test_many_changes_in_one_transaction_make_one_revision(world):
    before = RegisterRevision.current()
    with transaction.atomic():
        staff(world.service_a, 30)
    assert RegisterRevision.current() == before + 1


def test_a_revision_read_in_between_is_not_reused(world):
    """Figures stored under the revision read must go stale with the next change."""
    with transaction.atomic():
        staff(world.service_a, 2)
        read = RegisterRevision.current()
        staff(world.service_a, 2)
        assert RegisterRevision.current() == read + 1


def test_a_bump_rolled_back_with_its_savepoint_is_made_again(world):
    """The world's own bump is still waiting for the commit; the one rolled back is not."""
    before = RegisterRevision.current()
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            staff(world.service_a, 1)
            raise RuntimeError("rolled back")
        staff(world.service_a, 1)
    assert RegisterRevision.current() == before + 1
