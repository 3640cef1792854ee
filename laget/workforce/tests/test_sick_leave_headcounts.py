"""What a sick-leave month rests on, counted from the register: distinct persons employed in
the month, in the service and in each unit."""

import calendar
import random
from datetime import date, timedelta

import pytest

from laget.people.models import Employment
from laget.workforce.sick_leave_data import register_headcounts
from tests.factories import EmploymentFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _by_hand(service, months):
    """Month by month, person by person: the definition."""
    found = {}
    for service_id, unit, month in months | {(s, None, m) for s, _u, m in months}:
        last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        persons = {
            e.person_id
            for e in Employment.objects.filter(service_id=service_id).select_related("unit")
            if e.start_date <= last
            and (e.end_date is None or e.end_date >= month)
            and (unit is None or (e.unit and e.unit.name == unit))
        }
        found[(service_id, unit, month)] = len(persons)
    return found


@pytest.mark.parametrize("seed", range(3))
def test_distinct_persons_per_month_in_the_service_and_its_units(world, seed):
    rng = random.Random(seed)
    service = world.service_a
    units = [service.units.create(name=f"Enhet {i}") for i in range(3)]
    for _ in range(25):
        person = PersonFactory()
        for _period in range(rng.randint(1, 3)):  # several periods, sometimes overlapping
            start = date(2024, 1, 1) + timedelta(days=rng.randint(0, 700))
            end = start + timedelta(days=rng.randint(0, 300)) if rng.random() < 0.6 else None
            EmploymentFactory(
                person=person,
                service=service,
                start_date=start,
                end_date=end,
                unit=rng.choice([*units, None]),
            )
    months = {(service.pk, None, date(2024, m, 1)) for m in range(1, 13)}
    months |= {(service.pk, "Enhet 1", date(2025, m, 1)) for m in range(1, 13)}
    months |= {(service.pk, "Ingen slik", date(2025, 3, 1))}
    counted = register_headcounts([service], months)
    assert counted == _by_hand(service, months)
    assert max(counted.values()) > 5  # the months have people in them
