"""The third way to the population engine: arrays straight from the register's queries
(`population_db.population_arrays`) give what the person engine gives for the same persons,
built as objects and profiles (`selectors.current_staff`, `profiles.profile_for`)."""

from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from laget.competence.population_db import population_arrays
from laget.competence.profiles import PlannedStudy, profile_for
from laget.competence.selectors import current_staff
from laget.domain.competence import (
    Education,
    EducationLevel,
    FurtherEducationStatus,
    PersonProfile,
    Status,
    evaluate,
)
from laget.domain.competence.population import evaluate_population, population_facts
from laget.domain.competence.rules import NEVER
from laget.domain.tests.test_competence_engine import RULES, RULES_SUMMED
from laget.domain.tests.test_competence_properties import days, same_facts, today_st
from laget.people.models import PriorExperience, RoleCategory
from tests.factories import (
    EducationFactory,
    EmploymentFactory,
    FurtherEducationFactory,
    PersonFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db

#: mostly days before the earliest `today`, so that many meet the requirement or will
past = st.integers(min_value=0, max_value=365 * 22).map(lambda d: date(2003, 1, 1) + timedelta(d))
soon = today_st  # from the earliest today to beyond the deadline
some_day = st.one_of(past, past, days)
any_education = st.builds(
    lambda level, relevant, done, day: Education(
        level, relevant, day if done else None, None if done else day
    ),
    st.sampled_from([*EducationLevel, EducationLevel.BACHELOR, EducationLevel.MASTER]),
    st.sampled_from([True, True, False]),
    st.sampled_from([True, True, False]),
    st.one_of(some_day, soon),
)
#: the usual: a relevant bachelor or master, done
usual_education = st.builds(
    lambda level, day: Education(level, True, day),
    st.sampled_from([EducationLevel.BACHELOR, EducationLevel.BACHELOR, EducationLevel.MASTER]),
    past,
)
education = st.one_of(usual_education, any_education)
employment_row = st.fixed_dictionaries(
    {
        "start": some_day,
        "length": st.one_of(st.none(), st.integers(0, 365 * 10)),  # None: goes on
        "fte": st.sampled_from([Decimal("20"), Decimal("37.5"), Decimal("50"), Decimal("100")]),
        "service": st.sampled_from([0, 0, 1, 2]),  # 2: a service outside those counted
        "role": st.sampled_from([*RoleCategory.values, "core", "core", "core", "leader"]),
    }
)
further_row = st.fixed_dictionaries(
    {
        "credits": st.sampled_from(["0", "2.5", "7.5", "15", "29.9", "30", "30", "60"]),
        "relevant": st.sampled_from([True, True, False]),
        "status": st.sampled_from(list(FurtherEducationStatus)),
        "ends_on": st.one_of(st.none(), past, soon),
    }
)
planned_study = st.builds(PlannedStudy, st.booleans(), st.sampled_from([10.0, 15.0, 30.0]), soon)
person_row = st.fixed_dictionaries(
    {
        # none at all, several that leave gaps (left and came back) or overlap, part time,
        # starting after today, current in two services with the same FTE
        "employments": st.one_of(
            st.lists(employment_row, min_size=1, max_size=4), st.lists(employment_row, max_size=1)
        ),
        "educations": st.lists(education, min_size=1, max_size=3) | st.just([]),
        "further": st.lists(further_row, max_size=4),
        "prior": st.lists(st.sampled_from(["0", "0.1", "6", "12.5", "47.9", "48"]), max_size=2),
        "planned": st.lists(planned_study, max_size=2),
        "birth_year": st.one_of(st.none(), st.integers(1950, 2000)),
    }
)


def _register(row: dict, services: list) -> tuple[int, tuple[PlannedStudy, ...]]:
    person = PersonFactory(birth_year=row["birth_year"])
    for e in row["employments"]:
        EmploymentFactory(
            person=person,
            service=services[e["service"]],
            role_category=e["role"],
            fte_percent=e["fte"],
            start_date=e["start"],
            end_date=None if e["length"] is None else e["start"] + timedelta(days=e["length"]),
        )
    for e in row["educations"]:
        EducationFactory(
            person=person,
            level=e.level.name.lower(),
            relevant=e.relevant,
            completed_on=e.completed_on,
            expected_on=e.expected_on,
        )
    for f in row["further"]:
        FurtherEducationFactory(
            person=person,
            credits=Decimal(f["credits"]),
            relevant=f["relevant"],
            status=f["status"].value,
            ends_on=f["ends_on"],
        )
    for months in row["prior"]:
        PriorExperience.objects.create(person=person, months=Decimal(months))
    return person.pk, tuple(row["planned"])


def _accrues_evenly(profile: PersonProfile, today: date, deadline: date) -> bool:
    """Whether experience grows at one rate from today to the deadline: every period covers
    the whole stretch or none of it. Only then does the population engine's day for enough
    experience (linear accrual) agree with the person engine's (a search over days)."""
    return all(
        p.start >= deadline
        or (p.end is not None and p.end < today)
        or (p.start <= today and (p.end is None or p.end >= deadline))
        for p in profile.employments
    )


@pytest.mark.parametrize("rules", [RULES, RULES_SUMMED], ids=["one_course", "total"])
def test_arrays_from_the_register_agree_with_the_person_engine(rules):
    services = [ServiceFactory(), ServiceFactory(), ServiceFactory()]
    counted = [services[0].pk, services[1].pk]

    @settings(
        max_examples=80,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(person_row, min_size=1, max_size=8), today_st, st.booleans())
    def check(rows, today, with_plans):
        with transaction.atomic():
            try:
                registered = [_register(row, services) for row in rows]
                planned = {pk: studies for pk, studies in registered if studies}
                keys, facts = population_arrays(
                    counted, today, rules, planned if with_plans else None
                )
                staff = sorted(current_staff(counted, today), key=lambda s: s[0].pk)
                # the same persons, the same employment chosen for each
                assert keys.person_id.tolist() == [p.pk for p, _ in staff]
                assert keys.employment_id.tolist() == [e.pk for _, e in staff]
                assert keys.service_id.tolist() == [e.service_id for _, e in staff]
                assert keys.role_category.tolist() == [e.role_category for _, e in staff]
                assert keys.birth_year.tolist() == [p.birth_year or 0 for p, _ in staff]
                profiles = [
                    profile_for(p, e.role_category, planned.get(p.pk, ()) if with_plans else ())
                    for p, e in staff
                ]
                # the facts are those of the loop over profiles, to the last bit
                same_facts(facts, population_facts(profiles, rules, today))
                vector = evaluate_population(facts, rules, today)
                for position, profile in enumerate(profiles):
                    result = evaluate(profile, rules, today)
                    assert Status(vector.status[position]) is result.status
                    statuses = [r.status for r in result.paths]
                    if statuses.count(max(statuses, default=Status.NOT_SUBJECT)) <= 1:
                        index = vector.path_index[position]
                        assert (rules.paths[index].key if index >= 0 else None) == result.path
                    if _accrues_evenly(profile, today, rules.deadline):
                        met_on = vector.met_on[position]
                        assert (None if met_on == NEVER else date.fromordinal(met_on)) == (
                            result.met_on
                        )
            finally:
                transaction.set_rollback(True)

    check()


def _staff_with_register(service, count: int) -> None:
    for n in range(count):
        person = PersonFactory()
        EmploymentFactory(person=person, service=service, start_date=date(2015 + n % 8, 1, 1))
        EmploymentFactory(
            person=person,
            service=service,
            fte_percent=Decimal(50),
            start_date=date(2010, 1, 1),
            end_date=date(2013, 6, 30),
        )
        EducationFactory(person=person)
        FurtherEducationFactory(person=person, credits=Decimal(15))
        FurtherEducationFactory(person=person, status="admitted", ends_on=date(2027, 6, 30))
        PriorExperience.objects.create(person=person, months=Decimal(12))


def test_the_arrays_take_the_same_few_queries_for_5_and_for_50_persons():
    today = date(2026, 11, 23)
    small, large = ServiceFactory(), ServiceFactory()
    _staff_with_register(small, 5)
    _staff_with_register(large, 50)
    counts = []
    for service, size in ((small, 5), (large, 50)):
        with CaptureQueriesContext(connection) as queries:
            keys, facts = population_arrays([service.pk], today, RULES)
        assert len(keys) == facts.size == size
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 6  # the staff, four registers, the services' choices


def test_nobody_current_gives_empty_arrays():
    service = ServiceFactory()
    EmploymentFactory(service=service, start_date=date(2030, 1, 1))
    keys, facts = population_arrays([service.pk], date(2026, 11, 23), RULES)
    assert len(keys) == facts.size == 0
    assert np.array_equal(evaluate_population(facts, RULES, date(2026, 11, 23)).status, [])


def test_the_current_employment_is_the_highest_fte_then_the_first_registered():
    today = date(2026, 11, 23)
    one, other = ServiceFactory(), ServiceFactory()
    person = PersonFactory()
    first = EmploymentFactory(person=person, service=one, fte_percent=Decimal(50))
    EmploymentFactory(person=person, service=other, fte_percent=Decimal(50), role_category="leader")
    EmploymentFactory(
        person=person, service=one, fte_percent=Decimal(80), end_date=date(2026, 1, 1)
    )
    keys, _facts = population_arrays([one.pk, other.pk], today, RULES)
    assert keys.employment_id.tolist() == [first.pk]
    higher = EmploymentFactory(
        person=person, service=other, fte_percent=Decimal(60), role_category="measures"
    )
    keys, _facts = population_arrays([one.pk, other.pk], today, RULES)
    assert (keys.employment_id.tolist(), keys.role_category.tolist()) == ([higher.pk], ["measures"])
    keys, _facts = population_arrays([one.pk], today, RULES)  # only what is in the services
    assert keys.employment_id.tolist() == [first.pk]


def test_evaluated_reads_persons_as_objects_only_when_a_person_list_asks_for_them():
    from laget.competence.selectors import evaluate_services

    today = date(2026, 11, 23)
    service = ServiceFactory()
    _staff_with_register(service, 6)
    with CaptureQueriesContext(connection) as queries:
        evaluated = evaluate_services([service], today)
    assert len(queries) <= 8  # the rule set in force, the arrays' queries, the exemptions
    assert not any('"people_person"."given_name"' in q["sql"] for q in queries)
    assert [p.pk for p, _ in evaluated.staff] == evaluated.keys.person_id.tolist()
    assert [e.pk for _, e in evaluated.staff] == evaluated.keys.employment_id.tolist()
    assert len(evaluated.profiles) == len(evaluated.result.status) == 6
