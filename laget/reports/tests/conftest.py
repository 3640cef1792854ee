import pytest

from laget.reports.tests.helpers import new_report


@pytest.fixture
def report(world):
    """A draft for service A's host municipality, made by the world's leader."""
    return new_report(world.service_a, actor=world.user("leader"))
