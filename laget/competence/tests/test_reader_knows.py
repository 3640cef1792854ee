"""What a reader outside the service knows from the page itself (issue 26): the timeline
beside the statuses, the coverage sentence, and which rows a table has."""

import itertools
from datetime import date

import pytest
from django.urls import reverse

from laget.competence.selectors import status_row
from laget.domain.protection import View, audit
from laget.people.models import RoleCategory
from tests.factories import EducationFactory, FurtherEducationFactory, staff, staff_with_register

pytestmark = pytest.mark.django_db


def _twelve_by_the_deadline(service) -> None:
    """Two who meet the requirement, fourteen who will when their further education ends,
    and five without the education: 16 meet it at the deadline, if plans hold."""
    staff_with_register(service, 2)
    for employment in staff(service, 14):
        EducationFactory(person=employment.person)
        FurtherEducationFactory(
            person=employment.person, status="in_progress", ends_on=date(2027, 6, 30)
        )
    staff(service, 5, start_date=date(2026, 1, 1))


#: the statuses a reader attacks, each as the page shows it: hidden where the service's form
#: does not show it on its own (`laget.domain.competence.recoding`)
STATUS_KEYS = ["cannot_meet", "at_risk", "needs_check", "will_meet", "meets", "exempt"]


def _statuses(overview) -> dict:
    return {key: status_row(overview, key).count for key in STATUS_KEYS}


def _band(view: View, overview) -> None:
    """What the band the page prints tells a reader: «oppfyller eller vil oppfylle» lies in it."""
    band = overview.recoded.band if overview.recoded else None
    if band is not None:
        view.add("band_low", band.low, 0)
        view.add("band_high", band.high, 0)
        view.at_most(["band_low"], ["meets", "will_meet"])
        view.at_most(["meets", "will_meet"], ["band_high"])


def _page(client, world):
    client.force_login(world.user("county"))
    response = client.get(reverse("competence:service", kwargs={"pk": world.service_a.pk}))
    assert response.status_code == 200
    return response.context["overview"]


def test_the_timeline_does_not_give_a_hidden_status_away(client, world):
    """The county's attack on Frøya: «Oppfyller» hidden, the timeline 16 at the deadline,
    «Vil oppfylle» 14 and nobody to check or exempted: 16 − 14 = 2. With what the page
    states as a reader's relations, no small status can be placed narrower than five."""
    _twelve_by_the_deadline(world.service_a)
    overview = _page(client, world)
    statuses = _statuses(overview)
    timeline = [figure for _day, figure, _share in overview.timeline]
    assert statuses["meets"].suppressed  # the small status is hidden
    # the attack: every figure on the page as the reader sees it, the relations the page
    # states (the table's total, and the timeline's words), and the hidden ones as unknowns
    view, hidden = View(), set()
    for key, figure in [*statuses.items(), ("subject", overview.subject)] + [
        (f"t{i}", f) for i, f in enumerate(timeline)
    ]:
        view.add(key, 0 if figure.suppressed else figure.value, 0)
        if figure.suppressed:
            hidden.add(key)
    view.total("subject", list(statuses))
    days = [f"t{i}" for i in range(len(timeline))]
    view.at_most(["meets"], days[:1])
    for earlier, later in itertools.pairwise(days):
        view.at_most([earlier], [later])
    view.at_most(["meets", "will_meet"], days[-1:])
    view.at_most(days[-1:], ["meets", "will_meet", "needs_check", "exempt"])
    _band(view, overview)
    assert overview.recoded.band is not None  # 21 covered: the half it lies in is shown
    assert audit(view, hidden)["meets"].width >= 5


def test_every_role_the_requirement_covers_is_a_row_whatever_it_holds(client, world):
    """A table that leaves out its empty rows says they are empty where the service's page
    shows them «skjult»: every covered role is a row, on the county's page and the
    leader's, and no role the rule does not cover."""
    _twelve_by_the_deadline(world.service_a)  # nobody is a leader or a deputy
    covered = ["Leder", "Stedfortreder", "Kjerneoppgaver i barnevernet"]
    county = [label for label, _cells in _page(client, world).by_role]
    client.force_login(world.user("leader"))
    response = client.get(reverse("competence:service", kwargs={"pk": world.service_a.pk}))
    leader = [label for label, _cells in response.context["overview"].by_role]
    assert county == leader == covered


def test_a_service_where_everyone_has_one_status_does_not_tell_each_person_s(client, world):
    """Group disclosure: six staff, all in one status, tell each one's status, though six is
    not few. Outside the service the status is hidden, and no reader of the page can rule out
    that one of them is in another; the service's covered staff stays shown."""
    from laget.organisations.models import Municipality
    from tests.factories import ServiceFactory

    froya = ServiceFactory(
        name="Frøya", slug="froya", host_municipality=Municipality.objects.get(number="5014")
    )
    staff_with_register(froya, 6)
    from django.utils import timezone

    from laget.competence.selectors import competence_overview

    live = competence_overview(
        user=world.user("admin"), services=[froya], today=timezone.localdate(), with_persons=False
    )
    inside = {row.key: row.count.value for row in live.statuses}
    (everyone,) = [key for key, value in inside.items() if value == 6]  # the service's own page
    client.force_login(world.user("county"))
    overview = _overview(client, froya)
    statuses = _statuses(overview)
    assert statuses[everyone].suppressed
    assert not overview.subject.suppressed and overview.subject.value == 6
    view, hidden = View(), set()
    for key, figure in [*statuses.items(), ("subject", overview.subject)]:
        view.add(key, 0 if figure.suppressed else figure.value, 0)
        if figure.suppressed:
            hidden.add(key)
    view.total("subject", list(statuses))
    assert audit(view, hidden)[everyone].low <= 5


def test_a_role_whose_staff_all_have_one_status_does_not_tell_each_one_s(client, world):
    """Group disclosure in the table by role: six core staff in one status and six deputies
    in another tell each one's status, though six is not few. Outside the service each such
    cell is hidden, and a reader of the row and the role's staff cannot rule out that one of
    them is in another status."""
    from django.utils import timezone

    from laget.competence.selectors import competence_overview
    from laget.organisations.models import Municipality
    from tests.factories import ServiceFactory

    froya = ServiceFactory(
        name="Frøya", slug="froya", host_municipality=Municipality.objects.get(number="5014")
    )
    staff_with_register(froya, 6, role_category="core")
    staff(froya, 6, role_category="deputy_leader")  # no education registered: another status
    live = competence_overview(
        user=world.user("admin"), services=[froya], today=timezone.localdate(), with_persons=False
    )
    everyone = {
        (label, key)
        for label, cells in live.by_role
        for key, figure in cells.items()
        if figure.value == 6
    }
    assert {label for label, _key in everyone} == {
        str(RoleCategory("core").label),
        str(RoleCategory("deputy_leader").label),
    }
    client.force_login(world.user("county"))
    shown = dict(_overview(client, froya).by_role)
    for label, key in everyone:
        assert shown[label][key].suppressed, (label, key)
        view, hidden = View(), set()
        for other, figure in shown[label].items():
            view.add(other, 0 if figure.suppressed else figure.value, 0)
            if figure.suppressed:
                hidden.add(other)
        view.add("staff", 6, 6)  # the role's staff, as a reader may know it (6: not few)
        view.total("staff", list(shown[label]))
        assert audit(view, hidden)[key].low <= 5, (label, key)


def _overview(client, service):
    response = client.get(reverse("competence:service", kwargs={"pk": service.pk}))
    assert response.status_code == 200
    return response.context["overview"]
