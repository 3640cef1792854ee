"""Shared fixtures: a small world of services, persons and one user per role."""

from dataclasses import dataclass

import pytest

from laget.accounts.models import Role, User
from laget.organisations.models import GovernorOffice, Municipality, Service, ServiceUnit
from laget.people.models import Employment, Person
from tests.factories import (
    EmploymentFactory,
    RoleAssignmentFactory,
    ServiceFactory,
    UserFactory,
    staff,
)


@dataclass
class World:
    """Three services: A (Trondheim), B (Røros with Os in Innlandet), C (Bergen, Vestland)."""

    service_a: Service
    service_b: Service
    service_c: Service
    employee_person: Person
    person_a: Person
    person_b: Person
    person_c: Person
    users: dict[str, User]

    def user(self, role: str) -> User:
        return self.users[role]


ROLES = [
    "employee",
    "leader",
    "unit_leader",
    "hr",
    "municipal",
    "municipal_os",
    "county",
    "county_other",
    "national",
    "admin",
    "no_role",
]


@pytest.fixture
def world(db) -> World:
    service_a = ServiceFactory(
        name="Tjeneste A", slug="a", host_municipality=Municipality.objects.get(number="5001")
    )
    service_b = ServiceFactory(
        name="Tjeneste B",
        slug="b",
        host_municipality=Municipality.objects.get(number="5025"),
        members=["5026", "3430"],
    )
    service_c = ServiceFactory(
        name="Tjeneste C", slug="c", host_municipality=Municipality.objects.get(number="4601")
    )
    employments_a = staff(service_a, 6)
    employments_b = staff(service_b, 6)
    employments_c = staff(service_c, 6)
    users = {role: UserFactory(username=role) for role in ROLES}
    employee_person = employments_a[0].person
    employee_person.user = users["employee"]
    employee_person.save()
    RoleAssignmentFactory(user=users["leader"], role=Role.LEADER, service=service_a)
    RoleAssignmentFactory(user=users["hr"], role=Role.HR, service=service_a)
    # service A's unit «Enhet A1», where person_a works, and its leader (avdelingsleder)
    unit_a = ServiceUnit.objects.create(service=service_a, name="Enhet A1")
    Employment.objects.filter(pk=employments_a[1].pk).update(unit=unit_a)
    RoleAssignmentFactory(user=users["unit_leader"], role=Role.UNIT_LEADER, unit=unit_a)
    RoleAssignmentFactory(
        user=users["municipal"],
        role=Role.MUNICIPAL,
        municipality=Municipality.objects.get(number="5001"),
    )
    RoleAssignmentFactory(
        user=users["municipal_os"],
        role=Role.MUNICIPAL,
        municipality=Municipality.objects.get(number="3430"),
    )
    RoleAssignmentFactory(
        user=users["county"],
        role=Role.COUNTY,
        governor_office=GovernorOffice.objects.get(counties__number="50"),
    )
    RoleAssignmentFactory(
        user=users["county_other"],
        role=Role.COUNTY,
        governor_office=GovernorOffice.objects.get(counties__number="46"),
    )
    RoleAssignmentFactory(user=users["national"], role=Role.NATIONAL)
    users["admin"].is_superuser = users["admin"].is_staff = True
    users["admin"].save()
    return World(
        service_a=service_a,
        service_b=service_b,
        service_c=service_c,
        employee_person=employee_person,
        person_a=employments_a[1].person,
        person_b=employments_b[0].person,
        person_c=employments_c[0].person,
        users=users,
    )


@pytest.fixture
def make_employment():
    return EmploymentFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Published figures are cached per register revision, which starts again in every test's
    database: each test starts with an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _worker_stand_in(request, monkeypatch):
    """The tests stand in for the worker (`laget refresh-counts --watch`): a read of stored
    figures that are missing or older than the register first does, in the test's process,
    what the worker's next pass would have done for them before the page was opened. Tests of
    the worker itself and of pages whose figures are not ready are marked `separate_worker`
    and see the product as it is: the reading process never builds anything."""
    from laget.publication import published as publishing

    publishing._memory.clear()  # each test's database starts again at revision 0
    if request.node.get_closest_marker("separate_worker"):
        yield
        return
    from tests.worker import built, stored_or_built

    original = publishing._stored
    monkeypatch.setattr(
        publishing, "_stored", lambda name, day: stored_or_built(original, name, day)
    )
    monkeypatch.setattr(
        publishing, "missing", lambda name, day, key: built(original, name, day, key)
    )
    yield


def pytest_terminal_summary(terminalreporter) -> None:
    """The case-information guard's false-positive count (laget/domain/tests/test_case_guard.py),
    at the end of every run that includes it, also under -q and with xdist."""
    for reports in terminalreporter.stats.values():
        for report in reports:
            for key, value in getattr(report, "user_properties", ()):
                if key == "case_guard_corpus" and getattr(report, "when", None) == "call":
                    flagged, total = value
                    terminalreporter.write_line(f"case guard corpus: {flagged} flagged of {total}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A test with committed data (`django_db(transaction=True)`, the browser tests' live
    server) empties the database when it ends. pytest-django runs such tests last, but with
    xdist's worksteal a worker may take other tests after one: what the migrations load
    (municipalities, rule sets, report templates) is loaded again here, after the emptying,
    with the ids starting at 1 as after the migrations (a test that names rows by id, such as
    the golden release, finds them where it would on a fresh database)."""
    yield
    if nextitem is None:
        # the worker's last test: the test database is being torn down with the session
        return
    marker = item.get_closest_marker("django_db")
    committed = marker is not None and marker.kwargs.get("transaction")
    if not (committed or "live_server" in getattr(item, "fixturenames", ())):
        return
    from django.core.management.color import no_style
    from django.db import connection
    from pytest_django.plugin import blocking_manager_key

    from laget.competence.services import bundled_rule_sets_load
    from laget.organisations.services import reference_data_load
    from laget.reports.models import bundled_templates_load

    with item.config.stash[blocking_manager_key].unblock():
        tables = connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        flush = connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
        connection.ops.execute_sql_flush(flush)
        reference_data_load()
        bundled_rule_sets_load()
        bundled_templates_load()


#: Fixtures through which a test reaches the database.
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def pytest_addoption(parser) -> None:
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="run only the tests that reach the database (CI's second run, on SQLite: a test "
        "that never opens the database proves nothing new there)",
    )


def pytest_collection_modifyitems(config, items) -> None:
    _one_demo_per_module_for_all_its_tests(items)
    if not config.getoption("--database-tests-only"):
        return
    kept, left = [], []
    for item in items:
        uses = item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(
            getattr(item, "fixturenames", ())
        )
        (kept if uses else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


def _one_demo_per_module_for_all_its_tests(items) -> None:
    """A module whose tests share `demo_module` must have no test without it: that test would
    find the demo of the tests before it, or none, depending on the order it runs in."""
    uses: dict[str, set[bool]] = {}
    for item in items:
        uses.setdefault(item.nodeid.split("::")[0], set()).add(
            "demo_module" in getattr(item, "fixturenames", ())
        )
    mixed = sorted(module for module, used in uses.items() if used == {True, False})
    if mixed:
        raise pytest.UsageError(f"demo_module is used by some tests of {mixed}, not all")


@pytest.fixture(scope="module")
def demo_module(request, django_db_setup, django_db_blocker):
    """The demo, made once for a module's tests that read it (on its `TODAY`, else today), as
    Django's `setUpTestData` does: inside a transaction left open across the module, each test
    in a savepoint of its own (what a test changes is gone after it), everything rolled back
    when the module is done. The day is what the fixture gives."""
    from django.db import transaction
    from django.utils import timezone

    from laget.demo.services import demo_create

    today = getattr(request.module, "TODAY", None) or timezone.localdate()
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_create(today=today)
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield today
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
