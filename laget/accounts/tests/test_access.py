"""The access policy itself (the matrix in tests/ checks it through every URL)."""

import pytest

from laget.accounts import access
from laget.accounts.models import Role, RoleAssignment
from laget.organisations.models import GovernorOffice
from tests.factories import EmploymentFactory, UserFactory

pytestmark = pytest.mark.django_db


def visible(user):
    return set(access.services_visible(user).values_list("slug", flat=True))


def test_municipal_management_sees_services_serving_the_municipality_including_inter_municipal(
    world,
):
    assert visible(world.user("municipal")) == {"a"}
    assert visible(world.user("municipal_os")) == {"b"}  # Os is served by Røros's service


def test_a_county_governor_sees_services_serving_any_municipality_in_its_counties(world):
    assert visible(world.user("county")) == {"a", "b"}
    assert visible(world.user("county_other")) == {"c"}
    innlandet = UserFactory()
    RoleAssignment.objects.create(
        user=innlandet,
        role=Role.COUNTY,
        governor_office=GovernorOffice.objects.get(counties__number="34"),
    )
    assert visible(innlandet) == {"b"}  # a service can serve two counties


def test_national_and_admin_see_all_services_employees_none(world):
    assert visible(world.user("national")) == visible(world.user("admin")) == {"a", "b", "c"}
    assert visible(world.user("employee")) == set()
    assert visible(world.user("no_role")) == set()


def test_person_level_access_is_leaders_hr_and_admin_of_that_service_only(world):
    for role in ("leader", "hr", "admin"):
        assert access.has_person_access(world.user(role), world.service_a)
    for role in ("municipal", "county", "national", "employee"):
        assert not access.has_person_access(world.user(role), world.service_a)
    assert not access.has_person_access(world.user("leader"), world.service_b)


def test_an_employee_sees_only_themself(world):
    persons = access.persons_visible(world.user("employee"))
    assert list(persons) == [world.employee_person]
    assert not access.can_edit_person(world.user("employee"), world.employee_person)


def test_a_leader_sees_a_person_also_employed_elsewhere_but_only_their_own_employment(world):
    both = world.person_b  # works in B and, part time, in A (a move: test_moved_person)
    EmploymentFactory(person=both, service=world.service_a)
    leader = world.user("leader")
    assert both in access.persons_visible(leader)
    assert {e.service for e in access.employments_visible(leader, both)} == {world.service_a}
    assert {e.service for e in access.employments_visible(world.user("admin"), both)} == {
        world.service_a,
        world.service_b,
    }


def test_suppression_applies_outside_own_service(world):
    assert not access.aggregate_suppression_applies(world.user("leader"), world.service_a)
    assert access.aggregate_suppression_applies(world.user("leader"), world.service_b)
    assert access.aggregate_suppression_applies(world.user("national"), world.service_a)
    assert access.aggregate_suppression_applies(world.user("national"))
    assert not access.aggregate_suppression_applies(world.user("admin"))


def test_an_inactive_user_has_no_access(world):
    leader = world.user("leader")
    leader.is_active = False
    assert visible(leader) == set()


def test_access_is_computed_once_per_request(world, django_assert_num_queries):
    user = world.user("county")
    with django_assert_num_queries(3):
        access.access_for(user)
    with django_assert_num_queries(0):
        access.access_for(user)
