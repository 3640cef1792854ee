"""Two versions of the same date's figures (issue 26): a reader who saw the figures before a
register change and sees them after learns nothing from a figure that did not change."""

from datetime import date

import pytest
from django.utils import timezone

from laget.competence.publication import competence_publication
from laget.competence.tests.test_publication import _network
from laget.core.models import RegisterRevision
from laget.domain.protection import audit
from tests.factories import staff

pytestmark = pytest.mark.django_db


def _states(published) -> dict[str, tuple[bool, object]]:
    protected = published.protected
    return {
        key: (key in protected.hidden, cell)
        for key, cell in protected.view.cells.items()
        if key not in protected.unpublished
    }


def test_a_figure_that_did_not_change_keeps_its_state_after_a_change_elsewhere(world):
    """Frøya's leader imports two staff without the education: only «Kan ikke» and the
    totals move. Before, 36 cells whose figures did not change switched between «skjult» and
    shown, and a zero shown after, with its total unchanged, told what it hid before. Now a
    hidden figure that did not change stays hidden; a shown one stays shown unless the
    protection needs it."""
    _network(world)
    today = timezone.localdate()
    before = _states(competence_publication(today))
    froya = next(s for s in world.service_a.__class__.objects.filter(slug="froya"))
    staff(froya, 2, start_date=date(2026, 11, 1))
    RegisterRevision.bump()
    after_publication = competence_publication(today)
    after = _states(after_publication)
    unchanged = [k for k in before if k in after and before[k][1] == after[k][1]]
    assert len(unchanged) > 20
    revealed = [k for k in unchanged if before[k][0] and not after[k][0]]
    assert revealed == []  # hidden, then shown: what it held is known for both versions
    covered = [k for k in unchanged if not before[k][0] and after[k][0]]
    assert len(covered) <= len(unchanged) // 4
    # and it is still protected as a whole
    protected = after_publication.protected
    intervals = audit(protected.view, protected.hidden)
    assert all(intervals[k].width >= 5 for k in protected.primary if k in intervals)


def test_the_tables_by_role_path_and_timeline_keep_their_state_too(world):
    """The same change, read in Frøya's detail tables (by role, by path, the timeline, staff
    by role and age): a cell whose figure did not change is hidden after only if it was
    hidden before, and stays shown where the protection allows."""
    _network(world)
    today = timezone.localdate()
    froya = next(s for s in world.service_a.__class__.objects.filter(slug="froya"))

    def tables() -> dict[str, tuple[bool, object]]:
        protected = competence_publication(today).detail(froya.pk).protected
        assert protected is not None
        own = f"service:{froya.pk}|"
        return {
            key: (key in protected.hidden, cell)
            for key, cell in protected.view.cells.items()
            if key.startswith(own) and key not in protected.unpublished
        }

    before = tables()
    staff(froya, 2, start_date=date(2026, 11, 1))
    RegisterRevision.bump()
    after = tables()
    unchanged = [k for k in before if k in after and before[k][1] == after[k][1]]
    assert len(unchanged) > 20
    assert [k for k in unchanged if before[k][0] and not after[k][0]] == []
    covered = [k for k in unchanged if not before[k][0] and after[k][0]]
    assert len(covered) <= len(unchanged) // 4


def test_the_tables_before_are_read_for_the_comparison_and_not_held(world):
    """A pass compares each service's tables with the version readers were given (stored
    packed): each is unpacked for its service and let go, so the pass never holds the whole
    version before beside the new one."""
    import pickle

    from laget.competence.publication import tables

    _network(world)
    today = timezone.localdate()
    before = pickle.loads(pickle.dumps(competence_publication(today)))
    assert before.details == {} and before.packed_details
    froya = world.service_a.__class__.objects.get(slug="froya")
    staff(froya, 2, start_date=date(2026, 11, 1))
    RegisterRevision.bump()
    now = competence_publication(today)
    now.previous = before
    for pk in now.counts:
        assert tables.protect_detail(now, pk).protected is not None
    assert before.details == {}
